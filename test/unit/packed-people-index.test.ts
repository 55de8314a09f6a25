import { describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { seededRandom, syntheticEntities } from '../../scripts/lib/synthetic-dataset';
import type { Dataset } from '../../src/dataset/schema';
import { entityKey, type EntityKey } from '../../src/messages/entity-key';
import { packPeopleIndex, unpackPeopleIndex } from '../../src/people/packed';
import { buildPeopleIndex, peopleAt, peopleCount, type IndexedEntity } from '../../src/people/reverse-index';

const rnd = seededRandom(5);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const generated = syntheticEntities({ count: 2000, seed: 9 });
const orgIds = generated.filter((e) => e.type === 'organization').map((e) => e.id);
/** The bundled dataset and generated people with up to three roles each, some undated, some entities sharing sameAs ids. */
const entities: IndexedEntity[] = [
  ...(bundled as Dataset).entities.map((e) => ({ ...e, dataset: 'bundled' })),
  ...generated.map((e): IndexedEntity => {
    const roles = Array.from({ length: Math.floor(rnd() * 4) }, () => {
      const organization = pick(orgIds);
      return rnd() < 0.3 ? { organization } : { organization, start: `20${10 + Math.floor(rnd() * 10)}`, ...(rnd() < 0.5 ? { end: '2024-05' } : {}) };
    });
    const sameAs = rnd() < 0.1 ? [`Q${Math.floor(rnd() * 50)}`, `Q${Math.floor(rnd() * 50)}`] : undefined;
    return { dataset: 'synthetic', id: e.id, type: e.type, roles, ...(sameAs ? { sameAs } : {}) };
  }),
];

describe('packed people index', () => {
  it('comes back from a structured clone as the same index, listing the same people in the same order', () => {
    const built = buildPeopleIndex(entities);
    const back = unpackPeopleIndex(structuredClone(packPeopleIndex(built)));
    expect([...back.byOrganization]).toEqual([...built.byOrganization]);
    expect([...back.bySameAs]).toEqual([...built.bySameAs]);
    expect([...back.sameAsOf]).toEqual([...built.sameAsOf]);
    const orgs = [...new Set<EntityKey>([...built.byOrganization.keys(), ...entities.filter((e) => e.type === 'organization').map((e) => entityKey(e))])];
    expect(built.bySameAs.size).toBeGreaterThan(10);
    expect(orgs.filter((org) => peopleCount(built, org) > 1).length).toBeGreaterThan(10);
    for (const org of orgs) {
      expect(peopleAt(back, org), org).toEqual(peopleAt(built, org));
      expect(peopleCount(back, org)).toBe(peopleCount(built, org));
    }
  });
});
