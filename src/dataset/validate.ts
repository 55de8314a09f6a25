import { endsBeforeStart, parsePartialDate } from '../dates/partial-date';
import { foldText } from '../text/fold';
import { aliasWarnings } from './alias-warnings';
import { jsonPath, problem, type Problem, type ProblemText } from './problem';
import { relatedEntities } from './related';
import { datasetSchema, type Dataset, type Entity, type Evidence } from './schema';
import { upgradeDataset } from './upgrade';
import { issueProblems } from './zod-problem';

/** A valid dataset may still carry warnings: things it may do that its author did not mean (alias-warnings.ts). */
export type Validation = { ok: true; dataset: Dataset; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** Structure first: later checks can trust the types. Older format versions are upgraded first (upgrade.ts). */
export function validateDataset(input: unknown): Validation {
  // reportInput: a missing field is told from one of the wrong type (zod-problem.ts).
  const parsed = datasetSchema.safeParse(upgradeDataset(input), { reportInput: true });
  if (!parsed.success) return { ok: false, problems: issueProblems(parsed.error) };
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
      problems.push({ path: jsonPath([...at, 'roles', r, 'end']), ...problem('problemEndsBeforeStart', role.end!, role.start!) });
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
    const unrelated = related[e]!.length === 0 && entity.aliases.some((a) => a.needsContext);
    problems.push({
      path: jsonPath(['entities', e, 'aliases']),
      ...problem(unrelated ? 'problemNeverHighlightedUnrelated' : 'problemNeverHighlighted', entity.id),
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
      problems.push({ path: jsonPath(['sources', s, 'id']), ...problem('problemDuplicateSourceId', source.id) });
    }
    if (source.text === undefined && source.url === undefined) {
      problems.push({ path: jsonPath(['sources', s]), ...problem('problemSourceNeedsTextOrUrl') });
    }
    sources.set(source.id, source.text ?? null);
  });

  const entityTypes = new Map<string, string>();
  dataset.entities.forEach((entity, e) => {
    if (entityTypes.has(entity.id)) {
      problems.push({ path: jsonPath(['entities', e, 'id']), ...problem('problemDuplicateEntityId', entity.id) });
    }
    entityTypes.set(entity.id, entity.type);
  });

  const aliasOwner = new Map<string, string>();
  dataset.entities.forEach((entity, e) => {
    const at = ['entities', e];
    entity.aliases.forEach((alias, a) => {
      // Names that need context are the ones entities share: the page decides between them.
      if (alias.contextual || alias.needsContext) return;
      const key = foldText(alias.text);
      const owner = aliasOwner.get(key);
      if (owner !== undefined && owner !== entity.id) {
        problems.push({ path: jsonPath([...at, 'aliases', a, 'text']), ...problem('problemAliasClaimed', alias.text, owner) });
      } else {
        aliasOwner.set(key, entity.id);
      }
    });

    entity.related?.forEach((other, r) => {
      if (other === entity.id || !entityTypes.has(other)) {
        problems.push({
          path: jsonPath([...at, 'related', r]),
          ...(other === entity.id ? problem('problemRelatedToItself') : problem('problemUnknownEntity', other)),
        });
      }
    });

    entity.roles.forEach((role, r) => {
      const orgType = role.organization === undefined ? 'organization' : entityTypes.get(role.organization);
      if (orgType !== 'organization') {
        problems.push({
          path: jsonPath([...at, 'roles', r, 'organization']),
          ...(orgType === undefined ? problem('problemUnknownEntity', role.organization!) : problem('problemNotOrganization', role.organization!, orgType)),
        });
      }
      role.evidence.forEach((ev, q) => {
        const where = [...at, 'roles', r, 'evidence', q];
        const found = evidenceProblem(ev, sources);
        if (found) problems.push({ path: jsonPath([...where, ...found.at]), ...found.problem });
      });
    });
    checkDates(entity, at, problems);

    entity.mentions.forEach((mention, m) => {
      const where = [...at, 'mentions', m];
      const text = sources.get(mention.source);
      if (text === undefined) {
        problems.push({ path: jsonPath([...where, 'source']), ...problem('problemUnknownSource', mention.source) });
        return;
      }
      if (text === null) {
        problems.push({ path: jsonPath([...where, 'source']), ...problem('problemSourceNoTextForMention', mention.source) });
        return;
      }
      const sentenceEnd = mention.sentenceStart + mention.sentence.length;
      const fits =
        mention.start < mention.end &&
        mention.sentenceStart <= mention.start &&
        mention.end <= sentenceEnd &&
        text.slice(mention.sentenceStart, sentenceEnd) === mention.sentence;
      if (!fits) {
        problems.push({ path: jsonPath(where), ...problem('problemMentionOffsets', mention.start, mention.end, mention.source) });
      }
    });
  });
  return problems;
}

/**
 * A source with text is quoted verbatim at offsets, so the viewer can mark the
 * quote; a reference without text can only be quoted without offsets.
 */
function evidenceProblem(ev: Evidence, sources: ReadonlyMap<string, string | null>): { at: string[]; problem: ProblemText } | null {
  const text = sources.get(ev.source);
  if (text === undefined) return { at: ['source'], problem: problem('problemUnknownSource', ev.source) };
  const offsets = ev.start !== undefined || ev.end !== undefined;
  if (text === null) {
    return offsets ? { at: ['start'], problem: problem('problemSourceNoTextForOffsets', ev.source) } : null;
  }
  if (ev.quote === undefined || ev.start === undefined || ev.end === undefined) {
    return { at: [], problem: problem('problemEvidenceNeedsQuote', ev.source) };
  }
  if (text.slice(ev.start, ev.end) !== ev.quote) {
    return { at: ['quote'], problem: problem('problemQuoteNotFound', ev.start, ev.end, ev.source) };
  }
  return null;
}
