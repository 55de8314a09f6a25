import type { Alias } from '../dataset/schema';
import { partialDate } from './dates';
import { createOutput, slug, urlTitle, type EntityDraft, type Output, type RoleDraft, type SourceDraft } from './output';
import { ConvertError, type Converter } from './types';
import { wholeConverter } from './whole-converter';

/**
 * Popolo (as EveryPolitician publishes it): one JSON document with
 * `persons`, `organizations`, `memberships` and optionally `posts`. A
 * membership is a role of its person at its organization (directly or
 * through its post), citing the membership's sources, else the person's.
 */

interface PopoloSource {
  url?: string;
  note?: string;
}
interface PopoloThing {
  id?: string;
  name?: string;
  other_names?: { name?: string; lang?: string; note?: string }[];
  identifiers?: { scheme?: string; identifier?: string }[];
  sources?: PopoloSource[];
  summary?: string;
  biography?: string;
  classification?: string;
}
interface PopoloMembership {
  person_id?: string;
  organization_id?: string;
  post_id?: string;
  role?: string;
  label?: string;
  start_date?: string;
  end_date?: string;
  sources?: PopoloSource[];
}
interface PopoloPost {
  id?: string;
  label?: string;
  role?: string;
  organization_id?: string;
}

const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const entityId = (kind: string, id: string) => `popolo-${kind}-${slug(id)}`;

function sourcesOf(list: PopoloSource[] | undefined): SourceDraft[] {
  return (list ?? []).flatMap((s) => (typeof s.url === 'string' ? [{ title: s.note?.trim() || urlTitle(s.url), url: s.url }] : []));
}

function sameAsOf(thing: PopoloThing): string[] {
  const ids = (thing.identifiers ?? []).flatMap(({ scheme, identifier }) => {
    if (!scheme || !identifier) return [];
    return [scheme.toLowerCase() === 'wikidata' ? `wikidata:${identifier}` : `${slug(scheme)}:${identifier}`];
  });
  return ids.filter((id) => !/\s/.test(id));
}

function aliasesOf(thing: PopoloThing): Alias[] {
  return (thing.other_names ?? []).flatMap((n) => (n.name ? [n.lang && LANG_TAG.test(n.lang) ? { text: n.name, lang: n.lang } : { text: n.name }] : []));
}

const array = <T>(value: unknown, field: string): T[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ConvertError('problemPopoloNotList', field);
  return value as T[];
};

/** Adds each of a list's things as an entity; one with no id is a problem, named by its place in the list. */
function addEach(output: Output, things: PopoloThing[], field: 'persons' | 'organizations', draft: (thing: PopoloThing, id: string) => EntityDraft): void {
  things.forEach((thing, i) => {
    if (!thing.id) return output.problem(undefined, true, 'problemItemNoId', `${field}[${i}]`);
    output.addEntity(draft(thing, thing.id));
  });
}

export function popoloConverter(): Converter {
  const output = createOutput();
  return wholeConverter({
    output,
    convert(json) {
      if (typeof json !== 'object' || json === null || !('persons' in json || 'organizations' in json)) {
        throw new ConvertError('problemPopoloNoLists');
      }
      const doc = json as Record<string, unknown>;
      const persons = array<PopoloThing>(doc.persons, 'persons');
      const organizations = array<PopoloThing>(doc.organizations, 'organizations');
      const memberships = array<PopoloMembership>(doc.memberships, 'memberships');
      const posts = new Map(array<PopoloPost>(doc.posts, 'posts').flatMap((p) => (p.id ? [[p.id, p] as const] : [])));
      const personSources = new Map(persons.flatMap((p) => (p.id ? [[p.id, p.sources] as const] : [])));

      addEach(output, organizations, 'organizations', (org, id) => ({
        id: entityId('org', id),
        name: org.name,
        type: 'organization',
        description: org.classification,
        aliases: aliasesOf(org),
        roles: [],
        sameAs: sameAsOf(org),
      }));

      const roles = new Map<string, RoleDraft[]>();
      memberships.forEach((m, i) => {
        const where = `memberships[${i}]`;
        if (!m.person_id) return output.problem(undefined, true, 'problemMembershipNoPerson', where);
        const start = partialDate(m.start_date);
        const end = partialDate(m.end_date);
        if (start === null || end === null) {
          return output.problem(undefined, true, 'problemItemDate', where, String(start === null ? m.start_date : m.end_date));
        }
        const post = m.post_id === undefined ? undefined : posts.get(m.post_id);
        const orgId = m.organization_id ?? post?.organization_id;
        const organization = orgId === undefined ? undefined : entityId('org', orgId);
        const sources = [sourcesOf(m.sources), sourcesOf(personSources.get(m.person_id))].find((s) => s.length > 0) ?? [];
        const role: RoleDraft = {
          title: m.role ?? m.label ?? post?.label ?? post?.role ?? 'Member',
          ...(organization !== undefined && output.has(organization) ? { organization } : {}),
          ...(start ? { start } : {}),
          ...(end ? { end } : {}),
          sources,
        };
        roles.set(m.person_id, [...(roles.get(m.person_id) ?? []), role]);
      });

      addEach(output, persons, 'persons', (person, id) => {
        const own = roles.get(id) ?? [];
        roles.delete(id);
        return { id: entityId('person', id), name: person.name, type: 'person', description: person.summary, aliases: aliasesOf(person), roles: own, sameAs: sameAsOf(person) };
      });
      for (const [person, list] of roles) {
        output.problem(undefined, true, 'problemMembershipsUnknownPerson', list.length, person);
      }
    },
  });
}
