/**
 * The one owner of the contextual rule: a contextual alias ("Ma") counts only
 * where the page also names its entity by a full alias ("Jack Ma"). The
 * compiler applies it to an article (scanPage), the overlay to a page of
 * blocks (PageMentions); both take their candidates from scanCandidates
 * (candidates.ts) and decide with resolveMatches, so the same text resolves
 * the same way on either path.
 *
 * Nothing here scans: the content script imports this file, and the matcher
 * stays in the background.
 */

/** A name found in a text, by entity rather than by pattern. `K` is an entity index or an EntityKey. */
export interface CandidateMatch<K> {
  start: number;
  end: number;
  entities: K[];
  /** Parallel to entities: whether that entity matched here only by a contextual alias. */
  contextual: boolean[];
  /**
   * Only on a match whose entities are all contextual: the full-alias matches
   * that a scan without contextual aliases finds overlapping it. If the match
   * is dropped, these show in its place, so a dropped "Apple Daily" does not
   * hide the "Apple" it was found over. Computed with the scan because the
   * text is at hand there; the page decides later without scanning again.
   */
  fallbacks?: ResolvedMatch<K>[];
}

/** A name that stays: where it is and every entity it may be. */
export interface ResolvedMatch<K> {
  start: number;
  end: number;
  entities: K[];
}

/** Whether every entity of a match is there only by a contextual alias, so the rule may drop it whole. */
export function contextualOnly<K>(m: CandidateMatch<K>): boolean {
  return m.contextual.every(Boolean);
}

/** The entities each match names by a full alias, once per match: what confirms contextual aliases. */
export function* namedBy<K>(candidates: Iterable<CandidateMatch<K>>): Generator<K> {
  for (const m of candidates) for (let i = 0; i < m.entities.length; i++) if (!m.contextual[i]) yield m.entities[i]!;
}

function overlapsAny(spans: readonly ResolvedMatch<unknown>[], start: number, end: number): boolean {
  // spans are sorted and disjoint: find the first that ends after `start`.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo]!.start < end;
}

/**
 * Decides one text's names. Each match keeps the entities it names in full and
 * the contextual ones that `isNamed` confirms (named in full anywhere on the
 * page or article). A match left with none is dropped, and its fallbacks fill
 * the gap wherever they overlap no match that stayed.
 */
export function resolveMatches<K>({ candidates, isNamed }: { candidates: readonly CandidateMatch<K>[]; isNamed: (entity: K) => boolean }): ResolvedMatch<K>[] {
  const kept: ResolvedMatch<K>[] = [];
  let gaps: CandidateMatch<K>[] | null = null;
  for (const m of candidates) {
    const entities = m.entities.filter((e, i) => !m.contextual[i] || isNamed(e));
    if (entities.length > 0) kept.push({ start: m.start, end: m.end, entities });
    else if (m.fallbacks) (gaps ??= []).push(m);
  }
  if (!gaps) return kept;
  const filled: ResolvedMatch<K>[] = [];
  for (const gap of gaps) {
    for (const f of gap.fallbacks!) {
      // One fallback may lie under two dropped matches; it fills once.
      const last = filled[filled.length - 1];
      if (last && last.start >= f.start) continue;
      if (!overlapsAny(kept, f.start, f.end)) filled.push({ start: f.start, end: f.end, entities: [...f.entities] });
    }
  }
  return [...kept, ...filled].sort((a, b) => a.start - b.start);
}
