import { boundHanNames } from './cjk-names';
import type { Dictionary } from './dictionary';
import { contextualOnly, namedBy, resolveMatches, type CandidateMatch, type ResolvedMatch } from './resolve';
import { scan, type Match } from './scan';

/*
 * Scanning for the contextual rule (resolve.ts): what the background sends a
 * page for each text, and what the compiler resolves for each article.
 */

function byEntity(d: Dictionary, m: Match): CandidateMatch<number> {
  const contextualOf = new Map<number, boolean>();
  for (const p of m.patterns) {
    const entity = d.entity[p]!;
    // A full alias of the same entity in the same place outranks a contextual one.
    contextualOf.set(entity, (contextualOf.get(entity) ?? true) && d.contextual[p] === 1);
  }
  return { start: m.start, end: m.end, entities: [...contextualOf.keys()], contextual: [...contextualOf.values()] };
}

/**
 * Every name in one text, leftmost-longest with contextual aliases allowed
 * where their local rules hold and people's Han names bounded (cjk-names.ts),
 * ready for `resolveMatches`. Scans a second
 * time, without contextual aliases, only when a match is contextual-only.
 */
export function scanCandidates({ dictionary, text }: { dictionary: Dictionary; text: string }): CandidateMatch<number>[] {
  const candidates = boundHanNames(dictionary, text, scan({ dictionary, text })).map((m) => byEntity(dictionary, m));
  if (!candidates.some(contextualOnly)) return candidates;
  const full = boundHanNames(dictionary, text, scan({ dictionary, text, allowContextual: () => false }));
  let first = 0;
  for (const c of candidates) {
    if (!contextualOnly(c)) continue;
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
  return candidates.map(({ fallbacks, ...m }) => ({
    ...m,
    entities: m.entities.map(key),
    ...(fallbacks && { fallbacks: fallbacks.map((f) => ({ ...f, entities: f.entities.map(key) })) }),
  }));
}

/**
 * One article (or any text read as a whole page), resolved: the compiler's
 * path, with "named" taken over the text itself.
 */
export function scanPage({ dictionary, text }: { dictionary: Dictionary; text: string }): ResolvedMatch<number>[] {
  const candidates = scanCandidates({ dictionary, text });
  const named = new Set(namedBy(candidates));
  return resolveMatches({ candidates, isNamed: (entity) => named.has(entity) });
}
