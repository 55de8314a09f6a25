import { describe, expect, it } from 'vitest';
import { createHashTable } from '../../src/import/hash-table';

describe('createHashTable', () => {
  it('keeps every key and its 32-bit value as it grows, from 0 to 2^53 - 1', () => {
    const table = createHashTable(4);
    const keys = [0, 1, 2 ** 53 - 1, 2 ** 32, 2 ** 32 + 4, ...Array.from({ length: 5000 }, (_, i) => i * 2 ** 21 + (i % 7))];
    keys.forEach((key, i) => table.set(key, i + 2 ** 31));
    expect(table.size).toBe(new Set(keys).size);
    keys.forEach((key) => expect(table.get(key)).toBe(keys.lastIndexOf(key) + 2 ** 31));
    expect(keys.every((key) => table.has(key))).toBe(true);
  });

  it('gives 0 for a key set without a value', () => {
    const table = createHashTable(4);
    table.set(7);
    expect([table.get(7), table.get(8)]).toEqual([0, undefined]);
  });

  it('has no key it was not given, and overwrites a value without growing', () => {
    const table = createHashTable(4);
    for (let i = 0; i < 100; i++) table.set(i * 4, i);
    expect([1, 2, 3, 401, 2 ** 40].some((key) => table.has(key) || table.get(key) !== undefined)).toBe(false);
    table.set(8, 99);
    expect([table.get(8), table.get(12), table.size]).toEqual([99, 3, 100]);
  });
});
