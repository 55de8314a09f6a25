/**
 * The one owner of the rules for names that need context. A contextual alias
 * ("Ma") counts only where the page also names its entity by an alias that
 * needs no context ("Jack Ma"). An alias that needs context ("Zhang Yong",
 * shared by many people) counts where the page names its entity that way, or
 * names a related entity ("Alibaba"). The compiler applies the rules to an
 * article (scanPage), the overlay to a page of blocks (PageMentions); both
 * take their candidates from scanCandidates (candidates.ts) and decide with
 * resolveMatches, so the same text resolves the same way on either path.
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
   * Parallel to entities, present when one matched here only by an alias
   * that needs context: for that entity, the related entities whose names on
   * the page support it (src/dataset/related.ts), else null. Related
   * entities belong to the same dataset, so what a page is shown never
   * depends on another dataset, private or not.
   */
  related?: (K[] | null)[];
  /**
   * Only on a match with no entity named by an alias that needs no context:
   * the matches of such aliases that a second scan finds overlapping it. If
   * the match is dropped, these show in its place, so a dropped "Apple
   * Daily" does not hide the "Apple" it was found over. Computed with the
   * scan because the text is at hand there; the page decides later without
   * scanning again.
   */
  fallbacks?: ResolvedMatch<K>[];
}

/**
 * Why an entity of a name that stays counts: `here`, named here by an alias
 * that needs no context; `page`, named that way elsewhere on the page; or the
 * related entities named on the page.
 */
export type Support<K> = 'here' | 'page' | K[];

/** A name that stays: where it is and every entity it may be. */
export interface ResolvedMatch<K> {
  start: number;
  end: number;
  /** Best supported first (rank below); several when entities share the name. */
  entities: K[];
  /** Parallel to entities, present when one of them needed context. */
  support?: Support<K>[];
}

/** Whether the entity at `i` matched here by an alias that needs no context. */
function namedHere<K>(m: CandidateMatch<K>, i: number): boolean {
  return !m.contextual[i] && !m.related?.[i];
}

/** Whether no entity of a match is named by an alias that needs no context, so the rules may drop it whole. */
export function droppable<K>(m: CandidateMatch<K>): boolean {
  for (let i = 0; i < m.entities.length; i++) if (namedHere(m, i)) return false;
  return true;
}

/**
 * The entities whose naming elsewhere on the page decides what the rules
 * make of a match: each entity of it that needs context, and the related
 * entities that may support it. None for a match that needs no context: it
 * reads the same whatever the page names.
 */
export function entitiesDecidingOn<K>(m: CandidateMatch<K>): K[] {
  const out: K[] = [];
  for (let i = 0; i < m.entities.length; i++) {
    if (namedHere(m, i)) continue;
    out.push(m.entities[i]!);
    const related = m.related?.[i];
    if (related) out.push(...related);
  }
  return out;
}

/** What the rules ask of the whole page (or article). */
export interface NamesOnPage<K> {
  /** Whether the page names the entity by an alias that needs no context. */
  isNamed(entity: K): boolean;
  /** Whether it does, or names it by an alias that needs context and that a related entity on the page supports. */
  isNamedInContext(entity: K): boolean;
}

/**
 * The names of one page, counted text by text as texts come and go: the
 * page's side of the rules. The compiler counts an article once; the overlay
 * adds and removes blocks as the page changes.
 */
export class PageNames<K> implements NamesOnPage<K> {
  private readonly named = new Map<K, number>();
  /** Matches by an alias that needs context, per entity. */
  private readonly needing = new Map<K, number>();
  private readonly relatedOf = new Map<K, readonly K[]>();
  /** For each entity, those it is related to (relatedOf read backwards): their support changes with its naming. */
  private readonly relatedBy = new Map<K, Set<K>>();
  /** Entities that started or stopped being named either way since `takeChanged` was last called. */
  private changed = new Set<K>();

  /** Adds (delta 1) or takes away (-1) one text's candidates. */
  count(candidates: Iterable<CandidateMatch<K>>, delta: 1 | -1): void {
    for (const m of candidates) {
      for (let i = 0; i < m.entities.length; i++) {
        const entity = m.entities[i]!;
        const related = m.related?.[i];
        if (related) this.relate(entity, related);
        if (namedHere(m, i)) this.bump(this.named, entity, delta);
        else if (related) this.bump(this.needing, entity, delta);
      }
    }
  }

  private relate(entity: K, related: readonly K[]): void {
    const known = this.relatedOf.get(entity);
    if (known && known.length === related.length && known.every((r, i) => r === related[i])) return;
    this.relatedOf.set(entity, related);
    this.changed.add(entity);
    for (const r of related) {
      const by = this.relatedBy.get(r);
      if (by) by.add(entity);
      else this.relatedBy.set(r, new Set([entity]));
    }
  }

  private bump(counts: Map<K, number>, entity: K, delta: 1 | -1): void {
    const next = (counts.get(entity) ?? 0) + delta;
    if (next > 0) counts.set(entity, next);
    else counts.delete(entity);
    if (next !== 0 && next !== delta) return;
    this.changed.add(entity);
    // An entity named or no longer named supports, or stops supporting, those related to it.
    if (counts === this.named) for (const e of this.relatedBy.get(entity) ?? []) this.changed.add(e);
  }

  isNamed = (entity: K): boolean => this.named.has(entity);

  isNamedInContext = (entity: K): boolean =>
    this.named.has(entity) || (this.needing.has(entity) && (this.relatedOf.get(entity) ?? []).some(this.isNamed));

  clear(): void {
    this.named.clear();
    this.needing.clear();
    this.relatedOf.clear();
    this.relatedBy.clear();
    this.changed.clear();
  }

  /** The entities whose naming changed since the last call: the texts that depend on them may read differently. */
  takeChanged(): Set<K> {
    const changed = this.changed;
    this.changed = new Set();
    return changed;
  }
}

/** Lower ranks first: named here, named elsewhere on the page, then by related entities (more first). */
function rank<K>(s: Support<K>): number {
  return s === 'here' ? 0 : s === 'page' ? 1 : 2 + 1 / (1 + s.length);
}

/**
 * The support of entity `i` of `m` on `page`, or null if it does not count
 * there. A contextual alias ("Liu") needs its own entity named in full, by
 * an alias that needs no context or one that counts ("Liu Jie" beside
 * "Alibaba"), never by a related entity alone: a surname is too common.
 */
function supportOf<K>(m: CandidateMatch<K>, i: number, page: NamesOnPage<K>): Support<K> | null {
  const entity = m.entities[i]!;
  const related = m.related?.[i];
  if (m.contextual[i]) return page.isNamedInContext(entity) ? 'page' : null;
  if (!related) return 'here';
  if (page.isNamed(entity)) return 'page';
  const by = related.filter((r) => page.isNamed(r));
  return by.length > 0 ? by : null;
}

/** The entities of `m` that count on `page`, best supported first; null if none. */
function kept<K>(m: CandidateMatch<K>, page: NamesOnPage<K>): ResolvedMatch<K> | null {
  const found: { entity: K; support: Support<K> }[] = [];
  for (let i = 0; i < m.entities.length; i++) {
    const support = supportOf(m, i, page);
    if (support !== null) found.push({ entity: m.entities[i]!, support });
  }
  if (found.length === 0) return null;
  // A stable sort: entities equally supported keep the scan's order.
  if (found.length > 1) found.sort((a, b) => rank(a.support) - rank(b.support));
  const resolved: ResolvedMatch<K> = { start: m.start, end: m.end, entities: found.map((f) => f.entity) };
  return m.related ? { ...resolved, support: found.map((f) => f.support) } : resolved;
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
 * Decides one text's names on `page` (the page or article it is part of).
 * Each match keeps the entities that count: those named here by an alias
 * that needs no context, those needing context whose entity or a related one
 * is named so on the page, and contextual ones whose entity is named in
 * full. A match left with none is dropped, and its fallbacks fill the gap
 * wherever they overlap no match that stayed.
 */
export function resolveMatches<K>({ candidates, page }: { candidates: readonly CandidateMatch<K>[]; page: NamesOnPage<K> }): ResolvedMatch<K>[] {
  const stays: ResolvedMatch<K>[] = [];
  let gaps: CandidateMatch<K>[] | null = null;
  for (const m of candidates) {
    const resolved = kept(m, page);
    if (resolved) stays.push(resolved);
    else if (m.fallbacks) (gaps ??= []).push(m);
  }
  if (!gaps) return stays;
  const filled: ResolvedMatch<K>[] = [];
  for (const gap of gaps) {
    for (const f of gap.fallbacks!) {
      // One fallback may lie under two dropped matches; it fills once.
      const last = filled[filled.length - 1];
      if (last && last.start >= f.start) continue;
      if (!overlapsAny(stays, f.start, f.end)) filled.push({ start: f.start, end: f.end, entities: [...f.entities] });
    }
  }
  return [...stays, ...filled].sort((a, b) => a.start - b.start);
}
