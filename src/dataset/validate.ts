import { endsBeforeStart, parsePartialDate } from '../dates/partial-date';
import { foldText } from '../text/fold';
import { aliasWarnings } from './alias-warnings';
import { jsonPath, type Problem } from './problem';
import { relatedEntities } from './related';
import { datasetSchema, type Dataset, type Entity, type Evidence } from './schema';
import { upgradeDataset } from './upgrade';

/** A valid dataset may still carry warnings: things it may do that its author did not mean (alias-warnings.ts). */
export type Validation = { ok: true; dataset: Dataset; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** Structure first: later checks can trust the types. Older format versions are upgraded first (upgrade.ts). */
export function validateDataset(input: unknown): Validation {
  const parsed = datasetSchema.safeParse(upgradeDataset(input));
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message })),
    };
  }
  const problems = checkReferences(parsed.data);
  if (problems.length === 0) problems.push(...neverMatchable(parsed.data));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, dataset: parsed.data, warnings: aliasWarnings(parsed.data) };
}

function checkDates(entity: Entity, at: (string | number)[], problems: Problem[]): void {
  entity.roles.forEach((role, r) => {
    const start = role.start === undefined ? null : parsePartialDate(role.start);
    const end = role.end === undefined ? null : parsePartialDate(role.end);
    if (start && end && endsBeforeStart(start, end)) {
      problems.push({
        path: jsonPath([...at, 'roles', r, 'end']),
        message: `ends (${role.end}) before it starts (${role.start})`,
      });
    }
  });
}

/**
 * Entities that could never be highlighted: every alias needs context, and
 * nothing could give it. A contextual alias needs an alias of its own entity
 * that needs none; one that needs context needs that or a related entity.
 */
function neverMatchable(dataset: Dataset): Problem[] {
  const related = relatedEntities(dataset.entities);
  const problems: Problem[] = [];
  dataset.entities.forEach((entity, e) => {
    const free = entity.aliases.some((a) => !a.contextual && !a.needsContext);
    const supported = related[e]!.length > 0 && entity.aliases.some((a) => !a.contextual && a.needsContext);
    if (free || supported) return;
    problems.push({
      path: jsonPath(['entities', e, 'aliases']),
      message: `"${entity.id}" can never be highlighted: every alias needs context${
        related[e]!.length > 0 || !entity.aliases.some((a) => a.needsContext) ? '' : ' and it has no related entity'
      }; add an alias that needs none (a full name)`,
    });
  });
  return problems;
}

/** Ids, cross-references, offsets and alias ownership: what a schema cannot express. */
export function checkReferences(dataset: Dataset): Problem[] {
  const problems: Problem[] = [];
  /** Each source's text, or null for a reference without text. */
  const sources = new Map<string, string | null>();
  dataset.sources.forEach((source, s) => {
    if (sources.has(source.id)) {
      problems.push({ path: jsonPath(['sources', s, 'id']), message: `duplicate source id "${source.id}"` });
    }
    if (source.text === undefined && source.url === undefined) {
      problems.push({ path: jsonPath(['sources', s]), message: 'needs its text, a url, or both' });
    }
    sources.set(source.id, source.text ?? null);
  });

  const entityTypes = new Map<string, string>();
  dataset.entities.forEach((entity, e) => {
    if (entityTypes.has(entity.id)) {
      problems.push({ path: jsonPath(['entities', e, 'id']), message: `duplicate entity id "${entity.id}"` });
    }
    entityTypes.set(entity.id, entity.type);
  });

  const aliasOwner = new Map<string, string>();
  dataset.entities.forEach((entity, e) => {
    const at = ['entities', e];
    entity.aliases.forEach((alias, a) => {
      if (alias.contextual) return;
      const key = foldText(alias.text);
      const owner = aliasOwner.get(key);
      if (owner !== undefined && owner !== entity.id) {
        problems.push({
          path: jsonPath([...at, 'aliases', a, 'text']),
          message: `alias "${alias.text}" is also claimed by "${owner}"; mark it contextual or remove one`,
        });
      } else {
        aliasOwner.set(key, entity.id);
      }
    });

    entity.related?.forEach((other, r) => {
      if (other === entity.id || !entityTypes.has(other)) {
        problems.push({
          path: jsonPath([...at, 'related', r]),
          message: other === entity.id ? 'an entity is not related to itself' : `unknown entity "${other}"`,
        });
      }
    });

    entity.roles.forEach((role, r) => {
      const orgType = role.organization === undefined ? 'organization' : entityTypes.get(role.organization);
      if (orgType !== 'organization') {
        problems.push({
          path: jsonPath([...at, 'roles', r, 'organization']),
          message:
            orgType === undefined
              ? `unknown entity "${role.organization}"`
              : `"${role.organization}" is a ${orgType}, not an organization`,
        });
      }
      role.evidence.forEach((ev, q) => {
        const where = [...at, 'roles', r, 'evidence', q];
        const problem = evidenceProblem(ev, sources);
        if (problem) problems.push({ path: jsonPath([...where, ...problem.at]), message: problem.message });
      });
    });
    checkDates(entity, at, problems);

    entity.mentions.forEach((mention, m) => {
      const where = [...at, 'mentions', m];
      const text = sources.get(mention.source);
      if (text === undefined) {
        problems.push({ path: jsonPath([...where, 'source']), message: `unknown source "${mention.source}"` });
        return;
      }
      if (text === null) {
        problems.push({ path: jsonPath([...where, 'source']), message: `source "${mention.source}" has no text to be mentioned in` });
        return;
      }
      const sentenceEnd = mention.sentenceStart + mention.sentence.length;
      const fits =
        mention.start < mention.end &&
        mention.sentenceStart <= mention.start &&
        mention.end <= sentenceEnd &&
        text.slice(mention.sentenceStart, sentenceEnd) === mention.sentence;
      if (!fits) {
        problems.push({
          path: jsonPath(where),
          message: `offsets ${mention.start}–${mention.end} do not lie in its sentence in source "${mention.source}"`,
        });
      }
    });
  });
  return problems;
}

/**
 * A source with text is quoted verbatim at offsets, so the viewer can mark the
 * quote; a reference without text can only be quoted without offsets.
 */
function evidenceProblem(ev: Evidence, sources: ReadonlyMap<string, string | null>): { at: string[]; message: string } | null {
  const text = sources.get(ev.source);
  if (text === undefined) return { at: ['source'], message: `unknown source "${ev.source}"` };
  const offsets = ev.start !== undefined || ev.end !== undefined;
  if (text === null) {
    return offsets ? { at: ['start'], message: `source "${ev.source}" has no text for offsets to point into` } : null;
  }
  if (ev.quote === undefined || ev.start === undefined || ev.end === undefined) {
    return { at: [], message: `source "${ev.source}" has text, so the evidence needs a quote with start and end` };
  }
  if (text.slice(ev.start, ev.end) !== ev.quote) {
    return { at: ['quote'], message: `not found at ${ev.start}–${ev.end} of source "${ev.source}"` };
  }
  return null;
}
