/* opencc-js 1.4 exports its dictionaries as `opencc-js/dict/<Name>` ("./*" in its package.json) without types. */
declare module 'opencc-js/dict/TSCharacters' {
  /** "traditional simplified|…": one pair per character. */
  const pairs: string;
  export default pairs;
}
declare module 'opencc-js/dict/TWVariantsRev' {
  /** "Taiwan variant  OpenCC standard form|…". */
  const pairs: string;
  export default pairs;
}
declare module 'opencc-js/dict/HKVariantsRev' {
  /** "Hong Kong variant  OpenCC standard form|…". */
  const pairs: string;
  export default pairs;
}
