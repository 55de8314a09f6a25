import { problem, type ProblemText } from '../dataset/problem';
import type { Alias, EntityType } from '../dataset/schema';
import { wikibaseDate } from './dates';
import type { EntityDraft, RoleDraft, SourceDraft } from './output';
import { urlTitle } from './output';

/**
 * One Wikidata item, as in Special:EntityData/<Q>.json and the JSON dumps,
 * turned into an entity draft. Labels of other items come from `labels`,
 * filled from the same file; a missing one shows the Q-id and is recorded.
 */

interface Snak {
  snaktype?: string;
  property?: string;
  datavalue?: { value?: unknown };
}
interface Statement {
  mainsnak?: Snak;
  rank?: string;
  qualifiers?: Record<string, Snak[]>;
  references?: { snaks?: Record<string, Snak[]> }[];
}
export interface WikidataItem {
  id: string;
  labels?: Record<string, { value?: string }>;
  descriptions?: Record<string, { value?: string }>;
  aliases?: Record<string, { value?: string }[]>;
  claims?: Record<string, Statement[]>;
}

const HUMAN = 'Q5';
const INSTANCE_OF = 'P31';
const POSITION_HELD = 'P39';
const STATED_IN = 'P248';
/** Roles a person's own item states: position held, employer, member of. */
const PERSON_ROLES: Record<string, string> = { P39: '', P108: 'Employee', P463: 'Member' };
/** Roles an organization's item states about a person: chairperson, chief executive officer. */
const ORGANIZATION_ROLES: Record<string, string> = { P488: 'Chairperson', P169: 'Chief executive officer' };

export const entityIdOf = (q: string) => `wikidata-${q.toLowerCase()}`;
export const itemUrl = (q: string) => `https://www.wikidata.org/wiki/${q}`;

export function asItem(value: unknown): WikidataItem | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { id?: unknown };
  return typeof v.id === 'string' && /^Q\d+$/.test(v.id) ? (value as WikidataItem) : null;
}

/** The text in the preferred language, its base language, English, or any. */
export function pick(values: Record<string, { value?: string }> | undefined, lang: string): string | undefined {
  if (!values) return undefined;
  const base = lang.split('-')[0]!;
  for (const key of [lang, base, 'en']) if (values[key]?.value) return values[key].value;
  return Object.values(values).find((v) => v.value)?.value;
}

/** The Q-ids a statement's value names. */
function itemValue(snak: Snak | undefined): string | undefined {
  const value = snak?.snaktype === 'value' ? (snak.datavalue?.value as { id?: unknown } | undefined) : undefined;
  return typeof value?.id === 'string' ? value.id : undefined;
}

function stringValue(snak: Snak | undefined): string | undefined {
  const value = snak?.snaktype === 'value' ? snak.datavalue?.value : undefined;
  return typeof value === 'string' ? value : undefined;
}

function dateQualifier(statement: Statement, property: string, problems: ProblemText[]): string | undefined {
  const snak = statement.qualifiers?.[property]?.[0];
  if (!snak || snak.snaktype !== 'value') return undefined;
  const date = wikibaseDate((snak.datavalue?.value ?? {}) as { time?: unknown; precision?: unknown });
  if (date === null) problems.push(problem('problemWikidataDate', property, String(JSON.stringify((snak.datavalue?.value as { time?: unknown })?.time))));
  return date ?? undefined;
}

function isLiveStatement(s: Statement): boolean {
  return s.rank !== 'deprecated';
}

export interface Labels {
  label(q: string): string;
}

/** Each reference becomes a source: its URL (P854), what it is stated in (P248), when it was retrieved (P813). */
function sourcesOf(statement: Statement, subject: { id: string; name: string }, labels: Labels): SourceDraft[] {
  const sources: SourceDraft[] = [];
  for (const reference of statement.references ?? []) {
    const snaks = reference.snaks ?? {};
    const url = stringValue(snaks.P854?.[0]);
    const statedIn = itemValue(snaks[STATED_IN]?.[0]);
    const retrieved = snaks.P813?.[0] ? wikibaseDate((snaks.P813[0].datavalue?.value ?? {}) as { time?: unknown; precision?: unknown }) : null;
    const suffix = retrieved ? ` (retrieved ${retrieved})` : '';
    if (url) sources.push({ title: `${urlTitle(url)}${suffix}`, ...(statedIn ? { publisher: labels.label(statedIn) } : {}), url });
    else if (statedIn) sources.push({ title: `${labels.label(statedIn)}${suffix}`, url: itemUrl(statedIn) });
  }
  // A statement without references is still Wikidata's: cite the item page.
  if (sources.length === 0) sources.push({ title: `Wikidata: ${subject.name} (${subject.id})`, publisher: 'Wikidata', url: itemUrl(subject.id) });
  return sources;
}

/** A role from one statement; `organization` is the Q-id of the organization, written as an entity only if the file has it. */
export function roleFromStatement({
  statement,
  title,
  organization,
  subject,
  labels,
  isOrganization,
  problems,
}: {
  statement: Statement;
  title: string;
  organization: string | undefined;
  subject: { id: string; name: string };
  labels: Labels;
  isOrganization: (q: string) => boolean;
  problems: ProblemText[];
}): RoleDraft {
  const start = dateQualifier(statement, 'P580', problems);
  const end = dateQualifier(statement, 'P582', problems);
  const inFile = organization !== undefined && isOrganization(organization);
  return {
    title: organization === undefined || inFile ? title : `${title}, ${labels.label(organization)}`,
    ...(inFile ? { organization: entityIdOf(organization) } : {}),
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    sources: sourcesOf(statement, subject, labels),
  };
}

export function typeOf(item: WikidataItem): EntityType {
  return (item.claims?.[INSTANCE_OF] ?? []).some((s) => itemValue(s.mainsnak) === HUMAN) ? 'person' : 'organization';
}

/** Items that appear as the value of a position held or a stated in: labels to use, not entities to write. */
export function labelOnlyItems(item: WikidataItem): string[] {
  const ids: string[] = [];
  for (const s of item.claims?.[POSITION_HELD] ?? []) {
    const q = itemValue(s.mainsnak);
    if (q) ids.push(q);
  }
  for (const statements of Object.values(item.claims ?? {})) {
    for (const s of statements) {
      for (const r of s.references ?? []) {
        const q = itemValue(r.snaks?.[STATED_IN]?.[0]);
        if (q) ids.push(q);
      }
    }
  }
  return ids;
}

/** The items `item`'s own roles name as their value: positions held, employers, organizations it is a member of. */
export function roleValueItems(item: WikidataItem): string[] {
  const ids: string[] = [];
  for (const property of Object.keys(PERSON_ROLES)) {
    for (const s of item.claims?.[property] ?? []) {
      const q = itemValue(s.mainsnak);
      if (q) ids.push(q);
    }
  }
  return ids;
}

/** The roles an organization's item gives to people: [person Q-id, statement, title]. */
export function organizationRoles(item: WikidataItem): [string, Statement, string][] {
  const found: [string, Statement, string][] = [];
  for (const [property, title] of Object.entries(ORGANIZATION_ROLES)) {
    for (const s of (item.claims?.[property] ?? []).filter(isLiveStatement)) {
      const person = itemValue(s.mainsnak);
      if (person) found.push([person, s, title]);
    }
  }
  return found;
}

const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function itemDraft({
  item,
  lang,
  labels,
  isOrganization,
  extraRoles,
  problems,
}: {
  item: WikidataItem;
  lang: string;
  labels: Labels;
  isOrganization: (q: string) => boolean;
  /** Roles stated on other items (chairperson, CEO). */
  extraRoles: RoleDraft[];
  problems: ProblemText[];
}): EntityDraft {
  const name = pick(item.labels, lang);
  const subject = { id: item.id, name: name ?? item.id };
  const aliases: Alias[] = [];
  const add = (text: string | undefined, code: string) => {
    if (text) aliases.push(LANG_TAG.test(code) ? { text, lang: code } : { text });
  };
  for (const [code, label] of Object.entries(item.labels ?? {})) add(label.value, code);
  for (const [code, list] of Object.entries(item.aliases ?? {})) for (const alias of list) add(alias.value, code);

  const roles: RoleDraft[] = [];
  for (const [property, fallback] of Object.entries(PERSON_ROLES)) {
    for (const statement of (item.claims?.[property] ?? []).filter(isLiveStatement)) {
      const value = itemValue(statement.mainsnak);
      if (!value) continue;
      const isPosition = property === POSITION_HELD;
      roles.push(
        roleFromStatement({
          statement,
          title: isPosition ? labels.label(value) : fallback,
          organization: isPosition ? undefined : value,
          subject,
          labels,
          isOrganization,
          problems,
        }),
      );
    }
  }
  return {
    id: entityIdOf(item.id),
    name,
    type: typeOf(item),
    description: pick(item.descriptions, lang),
    aliases,
    roles: [...roles, ...extraRoles],
    sameAs: [`wikidata:${item.id}`],
  };
}
