import { createHash } from 'node:crypto';
import { deriveMentions } from '../../src/dataset/mentions';
import type { Problem } from '../../src/dataset/problem';
import { englishText } from '../../src/dataset/problem-english';
import { sentenceLinks } from '../../src/dataset/related';
import { DATASET_FORMAT, type Dataset, type Entity, type Source } from '../../src/dataset/schema';
import { checkReferences, validateDataset } from '../../src/dataset/validate';
import { bundledVersion } from '../../src/dataset/version';
import { type z } from '../../src/dataset/z';
import { isProblemCode, issueProblem } from '../../src/dataset/zod-problem';
import { auditDataset, type AuditProblem } from './audit';
import { curatedEntitySchema, curatedMetaSchema, curatedSourceSchema, type CuratedEntity } from './curated-schema';

/** One parsed data/ file: its path (for messages) and its YAML content. */
export interface DataFile {
  file: string;
  content: unknown;
}

export interface CompileInput {
  meta: DataFile;
  sources: DataFile;
  /** Source texts by source id, read from <folder>/sources/<id>.txt. */
  texts: ReadonlyMap<string, string>;
  /** The folder, for messages; `data` unless said. */
  folder?: string;
  entities: readonly DataFile[];
}

/** A compile error that names the file, the entity (or source) and the field. */
export interface CompileError {
  file: string;
  item: string;
  field: string;
  message: string;
}

/** `warnings`: what an import would warn about (src/dataset/alias-warnings.ts), located in data/. */
export type CompileResult = { ok: true; dataset: Dataset; warnings: CompileError[] } | { ok: false; errors: CompileError[] };

/** The curated schema's own messages are English; those of the parts it shares with the public format are problem codes. */
const issueMessage = (issue: z.core.$ZodIssue) => (isProblemCode(issue.message) ? englishText(issueProblem(issue)) : issue.message);

export function formatCompileError(e: CompileError): string {
  return `${e.file} › ${e.item} › ${e.field || '(item)'}: ${e.message}`;
}

function fieldPath(segments: readonly PropertyKey[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join('');
}

function itemName(list: unknown, index: number | undefined): string {
  if (index === undefined) return '(file)';
  const item = Array.isArray(list) ? (list[index] as { id?: unknown } | undefined) : undefined;
  return typeof item?.id === 'string' ? `"${item.id}"` : `item #${index}`;
}

/** Parses a YAML list file item by item, so one bad entity does not hide the others. */
function parseList<T>(file: DataFile, schema: z.ZodType<T>, errors: CompileError[]): T[] {
  if (!Array.isArray(file.content)) {
    errors.push({ file: file.file, item: '(file)', field: '', message: 'must be a YAML list' });
    return [];
  }
  const items: T[] = [];
  file.content.forEach((raw, index) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      items.push(parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) {
      errors.push({ file: file.file, item: itemName(file.content, index), field: fieldPath(issue.path), message: issueMessage(issue) });
    }
  });
  return items;
}

function contentVersion(base: string, updated: string | undefined, sources: readonly Source[], entities: readonly Entity[]): string {
  const hash = createHash('sha256').update(JSON.stringify({ sources, entities })).digest('hex').slice(0, 10);
  return bundledVersion(base, hash, updated);
}

/**
 * data/ → the public dataset format. Every check that the public validator
 * makes runs here too, with its JSON paths translated back to file, entity
 * and field, so a bad edit points at the line to fix.
 */
export function compileDataset(input: CompileInput): CompileResult {
  const errors: CompileError[] = [];
  const metaParsed = curatedMetaSchema.safeParse(input.meta.content);
  if (!metaParsed.success) {
    for (const issue of metaParsed.error.issues) {
      errors.push({ file: input.meta.file, item: '(dataset)', field: fieldPath(issue.path), message: issueMessage(issue) });
    }
  }

  const curatedSources = parseList(input.sources, curatedSourceSchema, errors);
  const sources: Source[] = [];
  for (const s of curatedSources) {
    const text = input.texts.get(s.id);
    const { original: _original, ...rest } = s;
    if (text !== undefined) sources.push({ ...rest, text });
    // A reference: where it was published, without its text.
    else if (s.url !== undefined) sources.push(rest);
    else {
      const file = `${input.folder ?? 'data'}/sources/${s.id}.txt`;
      errors.push({ file: input.sources.file, item: `"${s.id}"`, field: 'id', message: `no text file ${file} and no url` });
    }
  }
  const sourceText = new Map(sources.map((s) => [s.id, s.text ?? null]));

  const origin: { file: string; id: string }[] = [];
  const entities: Entity[] = [];
  const curatedEntities: CuratedEntity[] = [];
  for (const file of input.entities) {
    for (const curated of parseList<CuratedEntity>(file, curatedEntitySchema, errors)) {
      const at = { file: file.file, item: `"${curated.id}"` };
      const roles = curated.roles.map(({ noOrganization: _noOrganization, ...role }, r) => ({
        ...role,
        evidence: role.evidence.flatMap((ev, q) => {
          const field = `roles[${r}].evidence[${q}]`;
          const text = sourceText.get(ev.source);
          if (text === undefined) {
            errors.push({ ...at, field: `${field}.source`, message: `unknown source "${ev.source}"` });
            return [];
          }
          if (text === null) return [ev.quote === undefined ? { source: ev.source } : { source: ev.source, quote: ev.quote }];
          if (ev.quote === undefined) {
            errors.push({ ...at, field: `${field}.quote`, message: `source "${ev.source}" has a text, so quote the words that back the role` });
            return [];
          }
          const start = text.indexOf(ev.quote);
          if (start < 0) {
            errors.push({ ...at, field: `${field}.quote`, message: `not found verbatim in source "${ev.source}": "${ev.quote}"` });
            return [];
          }
          return [{ source: ev.source, quote: ev.quote, start, end: start + ev.quote.length }];
        }),
      }));
      entities.push({
        id: curated.id,
        name: curated.name,
        type: curated.type,
        description: curated.description,
        ...(curated.sameAs && { sameAs: curated.sameAs }),
        aliases: curated.aliases.map((a) => (typeof a === 'string' ? { text: a } : a)),
        ...(curated.related && { related: curated.related }),
        roles,
        mentions: [],
      });
      origin.push({ file: file.file, id: curated.id });
      curatedEntities.push(curated);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const translate = (problem: AuditProblem | Problem): CompileError => {
    const message = 'message' in problem ? problem.message : englishText(problem);
    const m = /^\$\.(entities|sources)\[(\d+)\]\.?(.*)$/.exec(problem.path);
    if (m?.[1] === 'entities') {
      const o = origin[Number(m[2])]!;
      return { file: o.file, item: `"${o.id}"`, field: m[3]!, message };
    }
    if (m?.[1] === 'sources') {
      const s = sources[Number(m[2])]!;
      return { file: input.sources.file, item: `"${s.id}"`, field: m[3]!, message };
    }
    return { file: input.meta.file, item: '(dataset)', field: problem.path, message };
  };

  const meta = metaParsed.data!;
  const draft: Dataset = {
    format: DATASET_FORMAT,
    id: meta.id,
    name: meta.name,
    version: String(meta.version),
    ...(meta.description === undefined ? {} : { description: meta.description }),
    sources,
    entities,
  };
  // Mentions come from aliases, so alias ownership must hold before deriving them.
  const referenceProblems = checkReferences(draft);
  if (referenceProblems.length > 0) return { ok: false, errors: referenceProblems.map(translate) };

  // Names that need context and are found only beside what supports them would otherwise never become mentions.
  sentenceLinks({ sources, entities }).forEach((ids, i) => {
    const e = entities[i]!;
    if (!e.aliases.some((a) => a.needsContext)) return;
    const related = [...new Set([...(e.related ?? []), ...ids])];
    if (related.length > 0) e.related = related;
  });
  const mentions = deriveMentions({ sources, entities });
  entities.forEach((e, i) => (e.mentions = mentions[i]!));
  draft.version = contentVersion(String(meta.version), meta.updated, sources, entities);

  const checked = validateDataset(draft);
  if (!checked.ok) return { ok: false, errors: checked.problems.map(translate) };
  const audited = auditDataset({ dataset: checked.dataset, curated: curatedEntities });
  if (audited.length > 0) return { ok: false, errors: audited.map(translate) };
  return { ok: true, dataset: checked.dataset, warnings: checked.warnings.map(translate) };
}
