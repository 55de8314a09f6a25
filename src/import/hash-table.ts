/**
 * A map from 53-bit hashes (output.ts's hash53) to numbers, in two typed
 * arrays with open addressing. A JS Map or Set of such numbers boxes each
 * one and costs about 45 bytes an entry; this costs at most 32 (a key and a
 * value of 8 bytes, at most half full), so a million entities' ids and
 * aliases take a fraction of a streamed import's memory.
 */
export function createHashTable(initialCapacity = 1024) {
  // A slot holds key + 1, so 0 means empty.
  let keys = new Float64Array(initialCapacity);
  let values = new Float64Array(initialCapacity);
  let size = 0;

  function slotOf(table: Float64Array, key: number): number {
    const mask = table.length - 1;
    let slot = (key >>> 0) & mask;
    while (table[slot] !== 0 && table[slot] !== key + 1) slot = (slot + 1) & mask;
    return slot;
  }

  function grow(): void {
    const oldKeys = keys;
    const oldValues = values;
    keys = new Float64Array(oldKeys.length * 2);
    values = new Float64Array(oldKeys.length * 2);
    oldKeys.forEach((stored, i) => {
      if (stored === 0) return;
      const slot = slotOf(keys, stored - 1);
      keys[slot] = stored;
      values[slot] = oldValues[i]!;
    });
  }

  return {
    get size() {
      return size;
    },
    has: (key: number) => keys[slotOf(keys, key)] !== 0,
    get(key: number): number | undefined {
      const slot = slotOf(keys, key);
      return keys[slot] === 0 ? undefined : values[slot];
    },
    set(key: number, value = 0): void {
      let slot = slotOf(keys, key);
      if (keys[slot] === 0) {
        if ((size + 1) * 2 > keys.length) {
          grow();
          slot = slotOf(keys, key);
        }
        keys[slot] = key + 1;
        size++;
      }
      values[slot] = value;
    },
  };
}
