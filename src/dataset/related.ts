import { MAX_RELATED } from '../limits';
import { scanCandidates } from '../matcher/candidates';
import { buildDictionary } from '../matcher/dictionary';
import { sentenceAround } from '../text/sentences';
import { patternsFromEntities } from './patterns';
import type { Entity, Source } from './schema';

/** What relates entities: their listed `related`, their roles' organizations and the source sentences they share. */
export type RelationFacts = Pick<Entity, 'id' | 'type' | 'related'> & {
  roles: readonly Pick<Entity['roles'][number], 'organization'>[];
  mentions: readonly Pick<Entity['mentions'][number], 'source' | 'sentenceStart'>[];
};

/** Listed links outrank roles, roles outrank shared sentences; more shared sentences rank higher. */
const LISTED = 1e9;
const ROLE = 1e6;

/**
 * Whether naming one in a sentence with the other relates them. A place is
 * named beside everyone in it, so a sentence relates it to nothing; its roles
 * and listed links still do.
 */
function sharesSentences(e: Pick<Entity, 'type'>): boolean {
  return e.type !== 'place';
}

/** Links every pair in each group, in both directions, by `add`. */
function linkGroups(groups: Iterable<Set<number>>, add: (a: number, b: number) => void): void {
  for (const set of groups) {
    const members = [...set];
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) add(members[i]!, members[j]!);
  }
}

/**
 * Each entity's related entities, as indexes into `entities`, strongest
 * first and at most MAX_RELATED: the entities it lists in `related`, the
 * organizations its roles name, and those named in one of its source
 * sentences (by its `mentions`), every link in both directions. A name that
 * needs context counts on a page that names one of them (src/matcher/resolve.ts).
 */
export function relatedEntities(entities: readonly RelationFacts[]): number[][] {
  const index = new Map(entities.map((e, i) => [e.id, i]));
  const weight: Map<number, number>[] = entities.map(() => new Map());
  const link = (a: number, b: number, w: number) => {
    if (a === b) return;
    weight[a]!.set(b, (weight[a]!.get(b) ?? 0) + w);
    weight[b]!.set(a, (weight[b]!.get(a) ?? 0) + w);
  };
  const sentences = new Map<string, Set<number>>();
  entities.forEach((e, a) => {
    for (const id of e.related ?? []) {
      const b = index.get(id);
      if (b !== undefined) link(a, b, LISTED);
    }
    for (const role of e.roles) {
      const b = role.organization === undefined ? undefined : index.get(role.organization);
      if (b !== undefined) link(a, b, ROLE);
    }
    if (!sharesSentences(e)) return;
    for (const m of e.mentions) {
      const key = `${m.sentenceStart}\u0000${m.source}`;
      let set = sentences.get(key);
      if (!set) sentences.set(key, (set = new Set()));
      set.add(a);
    }
  });
  linkGroups(sentences.values(), (a, b) => link(a, b, 1));
  return weight.map((w) =>
    [...w]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, MAX_RELATED)
      .map(([b]) => b),
  );
}

/**
 * For the compiler: the entities named together in one sentence of the
 * sources, counting names that need context whether or not they are
 * supported there. Mentions keep only supported names, so a name that
 * needs context and is supported only by its sentence ("Liu Jie praised
 * Alibaba") would never become a mention; the compiler writes these links
 * into `related` so an import finds them too. Every candidate counts,
 * contextual ones ("Ma") too: an import relates entities by the sentences of
 * their mentions, and these links must hold every one of those, or the page
 * would keep a name the compiler dropped.
 */
export function sentenceLinks({
  sources,
  entities,
}: {
  sources: readonly Source[];
  entities: readonly Pick<Entity, 'id' | 'type' | 'aliases'>[];
}): string[][] {
  const dictionary = buildDictionary({ patterns: patternsFromEntities(entities) });
  const links: Set<number>[] = entities.map(() => new Set());
  for (const { text } of sources) {
    // A reference without text has no sentences.
    if (text === undefined) continue;
    const sentences = new Map<number, Set<number>>();
    for (const m of scanCandidates({ dictionary, text })) {
      const under = (m.fallbacks ?? []).flatMap((f) => f.entities);
      const { start } = sentenceAround({ text, start: m.start, end: m.end });
      for (const e of [...m.entities, ...under]) {
        if (!sharesSentences(entities[e]!)) continue;
        let set = sentences.get(start);
        if (!set) sentences.set(start, (set = new Set()));
        set.add(e);
      }
    }
    linkGroups(sentences.values(), (a, b) => {
      links[a]!.add(b);
      links[b]!.add(a);
    });
  }
  return links.map((set) => [...set].sort((a, b) => a - b).map((b) => entities[b]!.id));
}

/** Lists of entity indexes packed into two typed arrays, which IndexedDB stores and clones in one piece. */
export interface PackedRelated {
  /** Entity e's list is list[start[e] .. start[e + 1]). */
  start: Int32Array;
  list: Int32Array;
}

export function packRelated(lists: readonly (readonly number[])[]): PackedRelated {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, e) => (start[e + 1] = start[e]! + l.length));
  const list = new Int32Array(start[lists.length]!);
  lists.forEach((l, e) => list.set(l, start[e]!));
  return { start, list };
}

export function relatedIn(packed: PackedRelated, entity: number): Int32Array {
  return packed.list.subarray(packed.start[entity]!, packed.start[entity + 1]!);
}
