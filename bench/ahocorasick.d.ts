declare module 'ahocorasick' {
  /** brunorb/ahocorasick 1.x: search() returns [index of the last character, keywords ending there]. */
  export default class AhoCorasick {
    constructor(keywords: string[]);
    search(text: string): [number, string[]][];
  }
}
