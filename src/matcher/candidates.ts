import type { Dictionary } from './dictionary';
import { droppable, PageNames, resolveMatches, type CandidateMatch, type ResolvedMatch } from './resolve';
import { scan, type Match } from './scan';

/*
 * Scanning for the rules of names that need context (resolve.ts): what the
 * background sends a page for each text, and what the compiler resolves for
 * each article.
 */

/** Each entity's related entities (src/dataset/related.ts), by the dictionary's entity index. */
export type RelatedOf = (entity: number) => Iterable<number>;

/** How an entity matched at one place: the weakest need among its patterns there wins. */
const HERE = 0;
const NEEDS_CONTEXT = 1;
const CONTEXTUAL = 2;

function byEntity(d: Dictionary, m: Match, relatedOf: RelatedOf | undefined): CandidateMatch<number> {
  const need = new Map<number, number>();
  for (const p of m.patterns) {
    const entity = d.entity[p]!;
    const here = d.contextual[p] === 1 ? CONTEXTUAL : d.needsContext[p] === 1 ? NEEDS_CONTEXT : HERE;
    need.set(entity, Math.min(need.get(entity) ?? CONTEXTUAL, here));
  }
  const entities = [...need.keys()];
  const needs = [...need.values()];
  const match: CandidateMatch<number> = { start: m.start, end: m.end, entities, contextual: needs.map((n) => n === CONTEXTUAL) };
  if (needs.includes(NEEDS_CONTEXT)) {
    match.related = entities.map((e, i) => (needs[i] === NEEDS_CONTEXT ? [...(relatedOf?.(e) ?? [])] : null));
  }
  return match;
}

/**
 * Every name in one text, leftmost-longest with contextual aliases allowed
 * where their local rules hold, ready for `resolveMatches`. Scans a second
 * time, with only aliases that need no context, only when a match has no
 * entity named by one.
 */
export function scanCandidates({
  dictionary,
  text,
  relatedOf,
}: {
  dictionary: Dictionary;
  text: string;
  relatedOf?: RelatedOf;
}): CandidateMatch<number>[] {
  const candidates = scan({ dictionary, text }).map((m) => byEntity(dictionary, m, relatedOf));
  if (!candidates.some(droppable)) return candidates;
  const full = scan({ dictionary, text, allowContextual: () => false });
  let first = 0;
  for (const c of candidates) {
    if (!droppable(c)) continue;
    // Both lists are in text order: skip the full matches that end before this one.
    while (first < full.length && full[first]!.end <= c.start) first++;
    const under: ResolvedMatch<number>[] = [];
    for (let i = first; i < full.length && full[i]!.start < c.end; i++) {
      const f = full[i]!;
      under.push({ start: f.start, end: f.end, entities: [...new Set(f.patterns.map((p) => dictionary.entity[p]!))] });
    }
    if (under.length > 0) c.fallbacks = under;
  }
  return candidates;
}

/** The same matches with each entity index replaced, as the background names entities by key. */
export function withKeys<K>(candidates: readonly CandidateMatch<number>[], key: (entity: number) => K): CandidateMatch<K>[] {
  return candidates.map(({ fallbacks, related, ...m }) => ({
    ...m,
    entities: m.entities.map(key),
    ...(related && { related: related.map((r) => r && r.map(key)) }),
    ...(fallbacks && { fallbacks: fallbacks.map((f) => ({ start: f.start, end: f.end, entities: f.entities.map(key) })) }),
  }));
}

/**
 * One article (or any text read as a whole page), resolved: the compiler's
 * path, with "named" taken over the text itself.
 */
export function scanPage({ dictionary, text, relatedOf }: { dictionary: Dictionary; text: string; relatedOf?: RelatedOf }): ResolvedMatch<number>[] {
  const candidates = scanCandidates({ dictionary, text, ...(relatedOf && { relatedOf }) });
  const page = new PageNames<number>();
  page.count(candidates, 1);
  return resolveMatches({ candidates, page });
}
