import { describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { syntheticEntities } from '../../scripts/lib/synthetic-dataset';
import type { Dataset, Entity } from '../../src/dataset/schema';
import { buildSearchIndex, packSearchIndex, searchIndex, unpackSearchIndex, type SearchEntry } from '../../src/search';
import { expectSameParts } from './support/same-parts';

const entryOf =
  (dataset: string) =>
  (e: Entity): SearchEntry => ({ key: `${dataset}/${e.id}`, name: e.name, aliases: e.aliases.map((a) => a.text), type: e.type });
const entries = [...(bundled as Dataset).entities.map(entryOf('bundled')), ...syntheticEntities({ count: 3000, seed: 7 }).map(entryOf('synthetic'))];

/** Every prefix of every tenth name from two characters, and each name with one letter dropped: prefix, CJK and typo lookups. */
const queries = entries
  .filter((_, i) => i % 10 === 0)
  .flatMap(({ name }) => [...Array.from({ length: name.length - 1 }, (_, n) => name.slice(0, n + 2)), name.slice(0, 2) + name.slice(3)]);

describe('packed search index', () => {
  it('comes back from a structured clone as views on one buffer, and answers every query as the index it was built from', () => {
    const built = buildSearchIndex({ entries });
    const packed = structuredClone(packSearchIndex(built));
    const back = unpackSearchIndex(packed);
    // The scratch is built afresh: same kinds and sizes, not views on the stored buffer.
    const { seen, bestScore, bestName, ...data } = back;
    const { seen: seenBuilt, bestScore: bestScoreBuilt, bestName: bestNameBuilt, ...dataBuilt } = built;
    expectSameParts(data, dataBuilt, packed.buffer);
    expect([seen.length, bestScore.length, bestName.length]).toEqual([seenBuilt.length, bestScoreBuilt.length, bestNameBuilt.length]);
    expect(queries.length).toBeGreaterThan(1000);
    for (const query of queries) expect(searchIndex({ index: back, query }), query).toEqual(searchIndex({ index: built, query }));
  });
});
