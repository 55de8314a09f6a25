import { describe, expect, it } from 'vitest';
import { entityKey, type EntityKey } from '../../src/messages/entity-key';
import { entityKeyAt, packEntityKeys } from '../../src/packing/entity-keys';

/** Keys in catalog order: runs of datasets, one of them coming back after another. */
const KEYS: EntityKey[] = [
  ...['jack-ma', 'alibaba', 'daniel-zhang'].map((id) => entityKey({ dataset: 'bundled', id })),
  ...['p1', 'o2'].map((id) => entityKey({ dataset: 'opensanctions-peps', id })),
  ...['x/y', 'q'].map((id) => entityKey({ dataset: 'bundled', id })),
];

describe('packed entity keys', () => {
  it('gives back every key, also after a structured clone (as IndexedDB stores it)', () => {
    for (const packed of [packEntityKeys(KEYS), structuredClone(packEntityKeys(KEYS))]) {
      expect(KEYS.map((_, i) => entityKeyAt(packed, i))).toEqual(KEYS);
    }
  });

  it('writes a dataset once per run of its keys, not in every key', () => {
    const packed = packEntityKeys(KEYS);
    expect(packed.datasets).toEqual(['bundled', 'opensanctions-peps', 'bundled']);
    expect(packed.ids.text).toBe('jack-maalibabadaniel-zhangp1o2x/yq');
  });

  it('packs no keys to nothing', () => {
    const packed = packEntityKeys([]);
    expect(packed.datasets).toEqual([]);
    expect(packed.ids.text).toBe('');
  });
});
