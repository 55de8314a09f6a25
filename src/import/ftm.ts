import { problem, type ProblemText } from '../dataset/problem';
import type { EntityType } from '../dataset/schema';
import { MAX_PENDING_RELATIONS, MAX_RELATION_GROUPS } from '../limits';
import { partialDate } from './dates';
import { createHashTable, hash53 } from './hash-table';
import { lineConverter } from './line-converter';
import { parseJsonLine } from './lines';
import { createOutput, slug, urlTitle, type RoleDraft, type SourceDraft } from './output';
import type { Converter } from './types';

/**
 * FollowTheMoney (OpenSanctions) NDJSON: one entity per line, as
 * `{ id, schema, properties: { name: [...], ... } }`. Relations (Occupancy,
 * Directorship, Employment, Membership) and Positions can come anywhere in
 * the file, so the first pass keeps them, and the second writes each Person
 * or organization with its roles when its own line comes. Each relation
 * waits for its holder as one short JSON string (about 100 bytes), not as
 * objects (about 300).
 *
 * Past MAX_PENDING_RELATIONS, holders are split into groups by a hash of
 * their id (2, 4, 8… of them, so group 0 of 4 lies within group 0 of 2 and
 * the first pass can narrow what it keeps as it goes). Pass n + 1 then
 * writes group n's holders and keeps group n + 1's relations, so memory
 * stays flat and each further group costs one more reading of the file.
 * Entities come out group by group; within a group, in the file's order.
 */

const ENTITY_SCHEMATA: Record<string, EntityType> = {
  Person: 'person',
  Organization: 'organization',
  Company: 'organization',
  PublicBody: 'organization',
  LegalEntity: 'organization',
};

/** Which property names the holder, which the organization, and the title when the relation has no `role`. */
const RELATIONS: Record<string, { holder: string; organization: string; title: string }> = {
  Occupancy: { holder: 'holder', organization: '', title: 'Position' },
  Directorship: { holder: 'director', organization: 'organization', title: 'Director' },
  Employment: { holder: 'employee', organization: 'employer', title: 'Employee' },
  Membership: { holder: 'member', organization: 'organization', title: 'Member' },
};

interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  /** Present in OpenSanctions' exports, whose entity pages are then a source to cite. */
  datasets?: unknown;
}

/** A relation waiting for its holder, in the order of PENDING_FIELDS. */
interface PendingRole {
  line: number;
  title: string | undefined;
  /** The relation's own word for it, when neither the relation nor its Position gives a title. */
  fallback: string;
  post: string | undefined;
  organization: string | undefined;
  start: string | undefined;
  end: string | undefined;
  sourceUrls: string[];
}

const PENDING_FIELDS = ['line', 'title', 'fallback', 'post', 'organization', 'start', 'end', 'sourceUrls'] as const;

/** One line of JSON: JSON.stringify never writes a raw newline, so a holder's relations are joined by \n. */
const packRole = (role: PendingRole) => JSON.stringify(PENDING_FIELDS.map((field) => role[field] ?? null));
const unpackRoles = (packed: string | undefined): PendingRole[] =>
  packed === undefined
    ? []
    : packed.split('\n').map((line) => {
        const values = JSON.parse(line) as unknown[];
        return Object.fromEntries(PENDING_FIELDS.map((field, i) => [field, values[i] ?? undefined])) as unknown as PendingRole;
      });

const entityId = (ftmId: string) => `ftm-${slug(ftmId)}`;

function asFtmEntity(value: unknown): FtmEntity | ProblemText {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem('problemNotJsonObject');
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id === '') return problem('problemNoId');
  if (typeof v.schema !== 'string') return problem('problemNoSchema', v.id);
  const properties: Record<string, string[]> = {};
  if (typeof v.properties === 'object' && v.properties !== null) {
    for (const [key, values] of Object.entries(v.properties)) {
      if (Array.isArray(values)) properties[key] = values.filter((x): x is string => typeof x === 'string');
    }
  }
  return { id: v.id, schema: v.schema, properties, datasets: v.datasets };
}

const first = (e: FtmEntity, property: string) => e.properties[property]?.[0];

export function ftmConverter({ maxPendingRelations = MAX_PENDING_RELATIONS }: { maxPendingRelations?: number } = {}): Converter {
  const output = createOutput();
  const positions = new Map<string, { name: string | undefined; organization: string | undefined; sourceUrls: string[] }>();
  /** The relations of the holders in the group being kept, packed (packRole) per holder. */
  const roles = new Map<string, string>();
  let pendingCount = 0;
  /** A power of two: how many groups the holders are split into. */
  let groups = 1;
  const groupOf = (ftmId: string) => hash53(ftmId) % groups;
  /** Organizations that will be written (hash53 of their id), so a role may point at them. */
  const organizations = createHashTable();

  function read(line: string, lineNumber: number, report: boolean): FtmEntity | null {
    const parsed = parseJsonLine(line);
    if (parsed === null) return null;
    if ('error' in parsed) {
      if (report) output.problem(lineNumber, true, parsed.error.code, ...parsed.error.params);
      return null;
    }
    const entity = asFtmEntity(parsed.value);
    if ('code' in entity) {
      if (report) output.problem(lineNumber, true, entity.code, ...entity.params);
      return null;
    }
    return entity;
  }

  function learn(line: string, lineNumber: number): void {
    const e = read(line, lineNumber, false);
    if (!e) return;
    if (ENTITY_SCHEMATA[e.schema] === 'organization' && first(e, 'name')) organizations.set(hash53(e.id));
    if (e.schema === 'Position') {
      positions.set(e.id, { name: first(e, 'name'), organization: first(e, 'organization'), sourceUrls: e.properties.sourceUrl ?? [] });
    }
    keep(e, lineNumber, 0);
    while (pendingCount > maxPendingRelations && groups < MAX_RELATION_GROUPS) narrow();
  }

  /** Halves the group kept in the first pass: twice as many groups, of which group 0 is kept. */
  function narrow(): void {
    groups *= 2;
    for (const [holder, packed] of roles) {
      if (groupOf(holder) === 0) continue;
      roles.delete(holder);
      pendingCount -= packed.split('\n').length;
    }
  }

  /** Keeps a valid relation whose holder is in `group`; the pass that writes its entities reports the others. */
  function keep(e: FtmEntity, lineNumber: number, group: number): void {
    const relation = RELATIONS[e.schema];
    if (!relation) return;
    const holder = first(e, relation.holder);
    const start = partialDate(first(e, 'startDate'));
    const end = partialDate(first(e, 'endDate'));
    if (!holder || start === null || end === null || groupOf(holder) !== group) return;
    const pending: PendingRole = {
      line: lineNumber,
      title: first(e, 'role'),
      fallback: relation.title,
      post: first(e, 'post'),
      organization: relation.organization ? first(e, relation.organization) : undefined,
      start,
      end,
      sourceUrls: e.properties.sourceUrl ?? [],
    };
    const earlier = roles.get(holder);
    roles.set(holder, earlier === undefined ? packRole(pending) : `${earlier}\n${packRole(pending)}`);
    pendingCount++;
  }

  function roleOf(pending: PendingRole, holder: FtmEntity): RoleDraft {
    const position = pending.post === undefined ? undefined : positions.get(pending.post);
    const organization = pending.organization ?? position?.organization;
    const urls = [pending.sourceUrls, position?.sourceUrls ?? [], holder.properties.sourceUrl ?? []].find((u) => u.length > 0) ?? [];
    const sources: SourceDraft[] = urls.map((url) => ({ title: urlTitle(url), url }));
    if (sources.length === 0 && holder.datasets !== undefined) {
      sources.push({ title: `OpenSanctions: ${first(holder, 'name') ?? holder.id}`, publisher: 'OpenSanctions', url: `https://www.opensanctions.org/entities/${encodeURIComponent(holder.id)}/` });
    }
    return {
      title: pending.title ?? position?.name ?? pending.fallback,
      ...(organization !== undefined && organizations.has(hash53(organization)) ? { organization: entityId(organization) } : {}),
      ...(pending.start ? { start: pending.start } : {}),
      ...(pending.end ? { end: pending.end } : {}),
      sources,
    };
  }

  /** Pass `pass` writes group pass - 1 and keeps group pass's relations; the first of these reports what no group owns. */
  function convert(line: string, lineNumber: number, pass: number): void {
    const reports = pass === 1;
    const e = read(line, lineNumber, reports);
    if (!e) return;
    const relation = RELATIONS[e.schema];
    if (relation) {
      if (pass < groups) keep(e, lineNumber, pass);
      if (!reports) return;
      const holder = first(e, relation.holder);
      if (!holder) output.problem(lineNumber, true, 'problemRelationNoHolder', e.schema, e.id, relation.holder);
      for (const field of ['startDate', 'endDate']) {
        if (partialDate(first(e, field)) === null) output.problem(lineNumber, true, 'problemRelationDate', e.schema, e.id, field, first(e, field)!);
      }
      return;
    }
    if (e.schema === 'Position') return;
    const type = ENTITY_SCHEMATA[e.schema];
    if (!type) {
      if (reports) output.problem(lineNumber, true, 'problemSchemaNotImported', e.id, e.schema);
      return;
    }
    if (groupOf(e.id) !== pass - 1) return;
    const [name, ...otherNames] = e.properties.name ?? [];
    const pending = unpackRoles(roles.get(e.id));
    pendingCount -= pending.length;
    roles.delete(e.id);
    const sameAs = [e.datasets === undefined ? `ftm:${e.id}` : `opensanctions:${e.id}`];
    for (const q of e.properties.wikidataId ?? []) if (/^Q\d+$/.test(q)) sameAs.push(`wikidata:${q}`);
    output.addEntity(
      {
        id: entityId(e.id),
        name,
        type,
        description: (first(e, 'description') ?? e.properties.position?.join('; '))?.slice(0, 2000),
        aliases: [
          ...otherNames.map((text) => ({ text })),
          ...(e.properties.alias ?? []).map((text) => ({ text })),
          ...(e.properties.weakAlias ?? []).map((text) => ({ text, contextual: true })),
        ],
        roles: pending.map((p) => roleOf(p, e)),
        sameAs: sameAs.filter((s) => !/\s/.test(s)),
      },
      lineNumber,
    );
  }

  return lineConverter({
    passes: () => groups + 1,
    output,
    learn,
    convert,
    passEnded(pass) {
      if (pass === 0) return;
      for (const [holder, packed] of roles) {
        if (groupOf(holder) !== pass - 1) continue;
        const missing = unpackRoles(packed);
        for (const p of missing) output.problem(p.line, true, 'problemRelationHolderMissing', holder);
        pendingCount -= missing.length;
        roles.delete(holder);
      }
    },
  });
}
