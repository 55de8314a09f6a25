/**
 * The folded names, flat: name i is units[start[i]] .. units[end[i] - 1], of
 * pattern[i]. Folded in pattern order; sortNames reorders the three arrays
 * together.
 */
export interface FoldedNames {
  units: Uint16Array;
  start: Int32Array;
  end: Int32Array;
  pattern: Int32Array;
  count: number;
  /** The longest name's length. */
  longest: number;
  /** 1 for each unit that occurs in some name. */
  used: Uint8Array;
}

/** Bits of a double's mantissa: every integer below 2^53 is exact, so a key's digits add up in one. */
const EXACT_BITS = 53;
/** Bits of a packed key: digits above, the position in the run below. */
const PACKED_BITS = 64;
/** Which half of a 64-bit element a Uint32Array view sees first. */
const LOW = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;
/**
 * Runs this short are finished by comparing their names unit by unit
 * (finishRun); longer ones take a radix pass, one native numeric sort.
 */
const SHORT_RUN = 32;

/**
 * Each unit in use gets a dense code, 1 .. n in unit order (0 marks the end
 * of a name), so a key packs several units: a name set uses a few dozen to
 * a few thousand distinct units, not 65,536.
 */
function denseCodes(used: Uint8Array): { code: Int32Array; bits: number } {
  const code = new Int32Array(used.length);
  let n = 0;
  for (let u = 0; u < used.length; u++) if (used[u] !== 0) code[u] = ++n;
  return { code, bits: 32 - Math.clz32(n) };
}

/**
 * Sorts the names in place into lexicographic order of their units, a name
 * before the longer ones it begins, equal names in pattern order: the order
 * in which a depth-first walk of the trie meets them. Returns, per position,
 * how many units the name shares with the one before it, or -1 where it
 * repeats it.
 *
 * An MSD radix sort whose digit is as many units as fit in a 64-bit integer
 * next to the position in the run (packing keeps the engine's numeric sort
 * free of a comparator, and the position makes it stable). Names share long
 * prefixes (a city, a surname, a company's kind), which thus cost a pass per
 * several units instead of one per unit; a run whose keys all agree is found
 * sorted without sorting it, and a short run is finished in one go. Each
 * name's start, end and pattern move with it, so a pass reads them in order
 * and only the units are far apart; the shared lengths come from the keys,
 * with no second look at the units.
 */
export function sortNames(names: FoldedNames): Int32Array {
  const { units, start, end, count } = names;
  const { code, bits } = denseCodes(names.used);
  const radix = 2 ** bits;
  // One buffer: a key's digits as a double, or packed with its position as a 64-bit integer while its run sorts.
  const packed = new BigUint64Array(count);
  const key = new Float64Array(packed.buffer);
  const copy = new Int32Array(count);
  const shared = new Int32Array(count);
  // Pending runs (lo, hi, depth) are disjoint and hold two names or more.
  const stack = new Int32Array(3 * ((count >>> 1) + 1));
  let top = 0;
  if (count > 1) {
    stack[top++] = 0;
    stack[top++] = count;
    stack[top++] = 0;
  }
  while (top > 0) {
    const depth = stack[--top]!;
    const hi = stack[--top]!;
    const lo = stack[--top]!;
    const n = hi - lo;
    if (n <= SHORT_RUN) {
      finishRun(names, shared, lo, hi, depth);
      continue;
    }
    const positionBits = 32 - Math.clz32(n - 1);
    const width = Math.floor(Math.min(EXACT_BITS, PACKED_BITS - positionBits) / bits);
    let sorted = true;
    let previous = -1;
    for (let i = lo; i < hi; i++) {
      let at = start[i]! + depth;
      const stop = end[i]!;
      let v = 0;
      for (let j = 0; j < width; j++) v = v * radix + (at < stop ? code[units[at++]!]! : 0);
      if (v < previous) sorted = false;
      previous = v;
      key[i] = v;
    }
    if (!sorted) packedSort(names, packed, lo, hi, positionBits, width * bits, copy);
    const topDigit = 2 ** (bits * (width - 1));
    for (let i = lo; i < hi; ) {
      const v = key[i]!;
      let j = i + 1;
      while (j < hi && key[j] === v) j++;
      if (j - i > 1) {
        // A last digit of 0: these names all ended within the key, so they are equal and already in pattern order.
        if (v % radix === 0) shared.fill(-1, i + 1, j);
        else {
          stack[top++] = i;
          stack[top++] = j;
          stack[top++] = depth + width;
        }
      }
      // Every name on one side of this boundary shares the same units with every name on the other, however each side is sorted later.
      if (j < hi) shared[j] = depth + sameDigits(v, key[j]!, topDigit, radix);
      i = j;
    }
  }
  return shared;
}

/** How many leading digits two different keys share; `top` is the place value of the first digit. */
function sameDigits(a: number, b: number, top: number, radix: number): number {
  let same = 0;
  for (let place = top; Math.floor(a / place) === Math.floor(b / place); place /= radix) same++;
  return same;
}

/**
 * Sorts a short run whose names share their first `depth` units by
 * insertion, comparing units, then sets what each shares with the one
 * before it. Names that share a long prefix (a city and a coined name, say)
 * would otherwise take a radix pass per few units; here each name is read
 * from memory once.
 */
function finishRun({ units, start, end, pattern }: FoldedNames, shared: Int32Array, lo: number, hi: number, depth: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const s = start[i]!;
    const e = end[i]!;
    const p = pattern[i]!;
    let j = i - 1;
    for (; j >= lo && follows(units, start[j]! + depth, end[j]!, s + depth, e); j--) {
      start[j + 1] = start[j]!;
      end[j + 1] = end[j]!;
      pattern[j + 1] = pattern[j]!;
    }
    start[j + 1] = s;
    end[j + 1] = e;
    pattern[j + 1] = p;
  }
  for (let i = lo + 1; i < hi; i++) {
    let a = start[i - 1]! + depth;
    let b = start[i]! + depth;
    const aEnd = end[i - 1]!;
    const bEnd = end[i]!;
    while (a < aEnd && b < bEnd && units[a] === units[b]) {
      a++;
      b++;
    }
    shared[i] = a === aEnd && b === bEnd ? -1 : b - start[i]!;
  }
}

/** Whether units a .. aEnd - 1 sort after b .. bEnd - 1 (a name sorts before the longer ones it begins). */
function follows(units: Uint16Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  for (; a < aEnd && b < bEnd; a++, b++) if (units[a] !== units[b]) return units[a]! > units[b]!;
  return a < aEnd;
}

/**
 * Sorts a run by key, packed above each name's position in the run so that
 * equal keys keep their order, then moves the names to match. A 64-bit
 * integer holds more units next to the position than a double, and the
 * engine sorts it faster.
 */
function packedSort({ start, end, pattern }: FoldedNames, packed: BigUint64Array, lo: number, hi: number, positionBits: number, keyBits: number, copy: Int32Array): void {
  const n = hi - lo;
  const key = new Float64Array(packed.buffer, lo * 8, n);
  const halves = new Uint32Array(packed.buffer, lo * 8, 2 * n);
  // Key v sits at bit `shift`: the high half is v / highPlace, the rest goes above the position in the low half.
  const shift = PACKED_BITS - keyBits;
  const lowPlace = 2 ** shift;
  const highPlace = 2 ** (32 - shift);
  for (let i = 0; i < n; i++) {
    const v = key[i]!;
    const high = Math.floor(v / highPlace);
    halves[2 * i + LOW] = (v - high * highPlace) * lowPlace + i;
    halves[2 * i + 1 - LOW] = high;
  }
  packed.subarray(lo, hi).sort();
  const mask = 2 ** positionBits - 1;
  for (const values of [start, end, pattern]) {
    copy.set(values.subarray(lo, hi));
    for (let i = 0; i < n; i++) values[lo + i] = copy[halves[2 * i + LOW]! & mask]!;
  }
  for (let i = 0; i < n; i++) {
    const low = halves[2 * i + LOW]!;
    key[i] = halves[2 * i + 1 - LOW]! * highPlace + Math.floor(low / lowPlace);
  }
}
