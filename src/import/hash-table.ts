/**
 * A set of 53-bit hashes (hash53), each with an optional 32-bit
 * value, in typed arrays with open addressing. A JS Set or Map of such
 * numbers boxes each one and costs about 45 bytes an entry; this costs 11 to
 * 21 bytes with a value (8 to 16 without), at most three quarters full, so a
 * million entities' ids and names take a fraction of a streamed import's
 * memory.
 */
export function createHashTable(initialCapacity = 1024) {
  // A slot holds key + 1, so 0 means empty.
  let keys = new Float64Array(initialCapacity);
  let values: Uint32Array | null = null;
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
    values = oldValues && new Uint32Array(keys.length);
    oldKeys.forEach((stored, i) => {
      if (stored === 0) return;
      const slot = slotOf(keys, stored - 1);
      keys[slot] = stored;
      if (values) values[slot] = oldValues![i]!;
    });
  }

  return {
    get size() {
      return size;
    },
    has: (key: number) => keys[slotOf(keys, key)] !== 0,
    /** The key's value (0 when set without one), or undefined when it is not in the table. */
    get(key: number): number | undefined {
      const slot = slotOf(keys, key);
      return keys[slot] === 0 ? undefined : (values?.[slot] ?? 0);
    },
    /** Adds the key; a value is kept to 32 bits. */
    set(key: number, value = 0): void {
      let slot = slotOf(keys, key);
      if (keys[slot] === 0) {
        if ((size + 1) * 4 > keys.length * 3) {
          grow();
          slot = slotOf(keys, key);
        }
        keys[slot] = key + 1;
        size++;
      }
      if (value !== 0 || values) (values ??= new Uint32Array(keys.length))[slot] = value;
    },
  };
}

/** 53 bits of two FNV-1a variants over the text: a number, so sets of a million cost little. */
export function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x811c9dc5) >>> 0;
  }
  return (a >>> 0) * 0x200000 + (b & 0x1fffff);
}
