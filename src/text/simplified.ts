import HK_VARIANTS from 'opencc-js/dict/HKVariantsRev';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import TW_VARIANTS from 'opencc-js/dict/TWVariantsRev';

/**
 * Traditional Han characters folded to Simplified, one code unit to one, so
 * that "馬雲" on a Taiwan or Hong Kong page is "马云" to the matcher and to
 * search, at the same offsets.
 *
 * The table is OpenCC's (opencc-js): its character table, not its phrase
 * tables, because a phrase-level conversion may change the length and the
 * matcher reports offsets in the original text. Taiwan and Hong Kong variant
 * forms (説, 綫, 台) go first to OpenCC's standard form, then to Simplified.
 * Pairs outside the Basic Multilingual Plane are left out: a surrogate pair is
 * two code units, and names written with them are rare.
 */

let table: Uint16Array | null = null;

function pairs(list: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of list.split('|')) {
    const [from, to] = pair.split(' ');
    if (from && to && !map.has(from)) map.set(from, to);
  }
  return map;
}

function build(): Uint16Array {
  const built = new Uint16Array(0x10000);
  const simplified = pairs(TS_CHARACTERS);
  const standard = pairs(TW_VARIANTS);
  for (const [from, to] of pairs(HK_VARIANTS)) if (!standard.has(from)) standard.set(from, to);
  const add = (from: string, to: string | undefined): void => {
    if (to !== undefined && from.length === 1 && to.length === 1 && built[from.charCodeAt(0)] === 0) built[from.charCodeAt(0)] = to.charCodeAt(0);
  };
  // A variant counts only where its standard form has a Simplified one: "么"
  // is a Taiwan variant of "幺" but also the Simplified "么" itself.
  for (const [from, to] of standard) add(from, simplified.get(to));
  for (const [from, to] of simplified) add(from, to);
  return built;
}

/** The Simplified form of a Han code unit, or the unit itself. Built on first use (about 4,000 pairs). */
export function simplifiedUnit(c: number): number {
  table ??= build();
  return table[c] || c;
}
