import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/dataset/schema';
import { entityKey } from '../../src/messages/entity-key';
import { buildPeopleIndex, peopleAt, peopleCount, type IndexedEntity } from '../../src/people/reverse-index';

type Dates = Pick<Role, 'organization' | 'start' | 'end'>;
const person = (dataset: string, id: string, roles: Dates[], sameAs?: string[]): IndexedEntity => ({ dataset, id, type: 'person', roles, sameAs });
const org = (dataset: string, id: string, sameAs?: string[]): IndexedEntity => ({ dataset, id, type: 'organization', roles: [], sameAs });
const at = (organization: string, start?: string, end?: string): Dates => ({ organization, start, end });
const key = (dataset: string, id: string) => entityKey({ dataset, id });

describe('the reverse index of roles', () => {
  const index = buildPeopleIndex([
    person('d', 'founder', [at('acme', '1999')]),
    // Several roles at one organization, and one elsewhere.
    person('d', 'chief', [at('other', '2001'), at('acme', '2015-05'), at('acme', '2010', '2015-04'), at('acme', '2019-09-10')]),
    person('d', 'former', [at('acme', '2005', '2012')]),
    person('d', 'undated', [at('acme')]),
    person('d', 'unrelated', [at('other', '2000')]),
    { dataset: 'd', id: 'subsidiary', type: 'organization', roles: [at('acme', '2003')] },
    org('d', 'acme'),
    // The same id in another dataset is another organization.
    person('e', 'elsewhere', [at('acme', '2020')]),
  ]);

  it('lists each person once, with all their roles there, newest first', () => {
    const chief = peopleAt(index, key('d', 'acme')).find((p) => p.person === key('d', 'chief'));
    expect(chief?.roles.map((r) => r.role)).toEqual([3, 1, 2]);
    expect(peopleCount(index, key('d', 'acme'))).toBe(4);
  });

  it('puts current roles first, then past ones by their end, undated last; only people count', () => {
    expect(peopleAt(index, key('d', 'acme')).map((p) => p.person)).toEqual([key('d', 'chief'), key('d', 'founder'), key('d', 'former'), key('d', 'undated')]);
  });

  it('without sameAs ids, keeps to the organization’s own dataset', () => {
    expect(peopleAt(index, key('e', 'acme')).map((p) => p.person)).toEqual([key('e', 'elsewhere')]);
    expect(peopleAt(index, key('d', 'nobody'))).toEqual([]);
    expect(peopleCount(index, key('d', 'nobody'))).toBe(0);
  });

  it('reaches across datasets through a shared sameAs id', () => {
    const linked = buildPeopleIndex([
      org('public', 'acme-corp', ['Q1', 'Q9']),
      org('private', 'acme', ['Q1']),
      org('third', 'acme', []),
      org('fourth', 'acme-inc', ['Q9']),
      person('public', 'p1', [at('acme-corp', '2001')]),
      person('private', 'p2', [at('acme', '2010')]),
      person('third', 'p3', [at('acme', '2012')]),
      person('fourth', 'p4', [at('acme-inc', '2014', '2016'), at('acme-inc', '2017')]),
    ]);
    const people = (dataset: string, id: string) => peopleAt(linked, key(dataset, id)).map((p) => p.person);
    expect(people('public', 'acme-corp')).toEqual([key('fourth', 'p4'), key('private', 'p2'), key('public', 'p1')]);
    expect(people('private', 'acme')).toEqual([key('private', 'p2'), key('public', 'p1')]);
    expect(people('third', 'acme')).toEqual([key('third', 'p3')]);
    expect(peopleCount(linked, key('fourth', 'acme-inc'))).toBe(2);
  });
});
