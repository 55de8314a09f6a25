import type { EntityKey } from '../messages/entity-key';
import { packArrays, unpackArrays, type PackedArrays } from '../packing/arrays';
import { packStrings, unpackStrings, type PackedStrings } from '../packing/strings';
import { createPeopleIndex, fileSameAs, type PeopleIndex, type RoleRef } from './reverse-index';

/**
 * The people index as the worker stores it, so that a stopped worker's
 * first organization card or search reads it back instead of reading every
 * entity of every dataset again (bench/RESULTS.md, "Cold worker in
 * Chromium"). Unpacked, it is the same index: the same maps in the same
 * order, so people are listed in the same order.
 */
export interface PackedPeopleIndex extends PackedArrays {
  strings: Record<'organizations' | 'persons' | 'starts' | 'ends' | 'sameAsEntities' | 'sameAsIds', PackedStrings>;
}

const HAS_START = 1;
const HAS_END = 2;

export function packPeopleIndex(index: PeopleIndex): PackedPeopleIndex {
  const organizations: string[] = [];
  const refStart = [0];
  const personId = new Map<EntityKey, number>();
  const refPerson: number[] = [];
  const refRole: number[] = [];
  const refDates: number[] = [];
  const starts: string[] = [];
  const ends: string[] = [];
  for (const [org, refs] of index.byOrganization) {
    organizations.push(org);
    for (const ref of refs) {
      let person = personId.get(ref.person);
      if (person === undefined) personId.set(ref.person, (person = personId.size));
      refPerson.push(person);
      refRole.push(ref.role);
      refDates.push((ref.start === undefined ? 0 : HAS_START) | (ref.end === undefined ? 0 : HAS_END));
      starts.push(ref.start ?? '');
      ends.push(ref.end ?? '');
    }
    refStart.push(refPerson.length);
  }
  const sameAsEntities: string[] = [];
  const sameAsIds: string[] = [];
  const sameAsStart = [0];
  for (const [entity, ids] of index.sameAsOf) {
    sameAsEntities.push(entity);
    for (const id of ids) sameAsIds.push(id);
    sameAsStart.push(sameAsIds.length);
  }
  return {
    ...packArrays([
      ['refStart', Int32Array.from(refStart)],
      ['refPerson', Int32Array.from(refPerson)],
      ['refRole', Int32Array.from(refRole)],
      ['refDates', Uint8Array.from(refDates)],
      ['sameAsStart', Int32Array.from(sameAsStart)],
    ]),
    strings: {
      organizations: packStrings(organizations),
      persons: packStrings([...personId.keys()]),
      starts: packStrings(starts),
      ends: packStrings(ends),
      sameAsEntities: packStrings(sameAsEntities),
      sameAsIds: packStrings(sameAsIds),
    },
  };
}

export function unpackPeopleIndex(packed: PackedPeopleIndex): PeopleIndex {
  const { refStart, refPerson, refRole, refDates, sameAsStart } = unpackArrays(packed) as Record<'refStart' | 'refPerson' | 'refRole' | 'sameAsStart', Int32Array> & {
    refDates: Uint8Array;
  };
  const [organizations, persons, starts, ends, sameAsEntities, sameAsIds] = (
    ['organizations', 'persons', 'starts', 'ends', 'sameAsEntities', 'sameAsIds'] as const
  ).map((part) => unpackStrings(packed.strings[part]));
  const index = createPeopleIndex();
  organizations!.forEach((org, o) => {
    const refs: RoleRef[] = [];
    for (let r = refStart[o]!; r < refStart[o + 1]!; r++) {
      const dates = refDates[r]!;
      refs.push({
        person: persons![refPerson[r]!]! as EntityKey,
        role: refRole[r]!,
        start: dates & HAS_START ? starts![r]! : undefined,
        end: dates & HAS_END ? ends![r]! : undefined,
      });
    }
    index.byOrganization.set(org as EntityKey, refs);
  });
  sameAsEntities!.forEach((entity, e) => fileSameAs(index, entity as EntityKey, sameAsIds!.slice(sameAsStart[e]!, sameAsStart[e + 1]!)));
  return index;
}
