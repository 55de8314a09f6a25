import { problem, type ProblemText } from '../dataset/problem';
import type { EntityType } from '../dataset/schema';
import { partialDate } from './dates';
import { lineConverter } from './line-converter';
import { parseJsonLine } from './lines';
import { createOutput, slug, urlTitle, type RoleDraft, type SourceDraft } from './output';
import type { Converter } from './types';

/**
 * FollowTheMoney (OpenSanctions) NDJSON: one entity per line, as
 * `{ id, schema, properties: { name: [...], ... } }`. Two passes: relations
 * (Occupancy, Directorship, Employment, Membership) and Positions can come
 * anywhere in the file, so the first pass keeps them, and the second writes
 * each Person or organization with its roles when its own line comes. Memory
 * grows with the relations, not with the file: each waits for its holder as
 * one short JSON string (about 100 bytes), not as objects (about 300).
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

export function ftmConverter(): Converter {
  const output = createOutput();
  const positions = new Map<string, { name: string | undefined; organization: string | undefined; sourceUrls: string[] }>();
  /** Each holder's relations, packed (packRole). */
  const roles = new Map<string, string>();
  /** Organizations that will be written, so a role may point at them. */
  const organizations = new Set<string>();

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
    if (ENTITY_SCHEMATA[e.schema] === 'organization' && first(e, 'name')) organizations.add(e.id);
    if (e.schema === 'Position') {
      positions.set(e.id, { name: first(e, 'name'), organization: first(e, 'organization'), sourceUrls: e.properties.sourceUrl ?? [] });
    }
    const relation = RELATIONS[e.schema];
    if (!relation) return;
    const holder = first(e, relation.holder);
    const start = partialDate(first(e, 'startDate'));
    const end = partialDate(first(e, 'endDate'));
    // Reported in the second pass, in the order of the file.
    if (!holder || start === null || end === null) return;
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
      ...(organization !== undefined && organizations.has(organization) ? { organization: entityId(organization) } : {}),
      ...(pending.start ? { start: pending.start } : {}),
      ...(pending.end ? { end: pending.end } : {}),
      sources,
    };
  }

  function convert(line: string, lineNumber: number): void {
    const e = read(line, lineNumber, true);
    if (!e) return;
    const relation = RELATIONS[e.schema];
    if (relation) {
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
      output.problem(lineNumber, true, 'problemSchemaNotImported', e.id, e.schema);
      return;
    }
    const [name, ...otherNames] = e.properties.name ?? [];
    const pending = unpackRoles(roles.get(e.id));
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
    passes: 2,
    output,
    learn,
    convert,
    finish() {
      for (const [holder, packed] of roles) {
        for (const p of unpackRoles(packed)) output.problem(p.line, true, 'problemRelationHolderMissing', holder);
      }
      roles.clear();
    },
  });
}
