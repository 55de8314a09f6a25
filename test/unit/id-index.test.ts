import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/synthetic-dataset';
import { buildIdIndex, positionIn } from '../../src/packing/id-index';

describe('id index', () => {
  it('finds every id of a list where it stands, after a structured clone, and nothing else', () => {
    const rnd = seededRandom(4);
    const ids = Array.from(new Set(Array.from({ length: 3000 }, () => Math.floor(rnd() * 1e6).toString(36))));
    ids.push('', 'Q1', 'q1', 'Ü-7', '😀', 'a/b', 'é');
    const index = structuredClone(buildIdIndex(ids));
    ids.forEach((id, i) => expect(positionIn(index, id), id).toBe(i));
    for (const absent of ['Q2', 'zzzzzzzz', ' ', 'E', '😁']) expect(positionIn(index, absent), absent).toBeUndefined();
    expect(positionIn(buildIdIndex([]), 'a')).toBeUndefined();
  });

  it('gives a repeated id its first place', () => {
    expect(positionIn(buildIdIndex(['b', 'a', 'b', 'c']), 'b')).toBe(0);
  });
});
