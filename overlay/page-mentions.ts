import { entitiesDecidingOn, PageNames, resolveMatches, type Support } from '../src/matcher/resolve';
import type { EntityKey, TextMatch } from '../src/messages/protocol';
import { readsAsExtracted, spanIn, type Block, type Span } from './extract';

/** A name shown on the page: one highlighted range and the entities it may be. */
export interface Mention {
  block: Block;
  start: number;
  end: number;
  /** Best supported first. */
  entities: EntityKey[];
  /** Parallel to entities, where one needed context: why each counts here (src/matcher/resolve.ts). */
  support?: Support<EntityKey>[];
  readonly range: StaticRange;
  /** Painted where the page cannot read it (private-marks.ts) rather than in CSS.highlights. */
  private: boolean;
}

interface BlockState {
  matches: TextMatch[];
  mentions: Mention[];
}

export interface MentionChanges {
  added: Mention[];
  removed: Mention[];
}

/** What a mention's card says: its entities, and why each counts here, since a change of support changes the card. */
function meaningOf(m: Pick<Mention, 'entities' | 'support'>): string {
  return `${m.entities.join()}:${m.support ? JSON.stringify(m.support) : ''}`;
}

/** What makes a mention the same one when its block is read again. */
function mentionId(m: Pick<Mention, 'start' | 'end' | 'entities' | 'support'>): string {
  return `${m.start}:${m.end}:${meaningOf(m)}`;
}

/**
 * Whether `b`, read by a later scan of a new block, is the mention `a` was:
 * the same text of the same nodes, meaning the same. A page that
 * adds a line elsewhere in the container makes new mentions of unchanged names.
 */
export function sameMention(a: Mention, b: Mention): boolean {
  const r = a.range;
  const s = b.range;
  return (
    r.startContainer === s.startContainer &&
    r.startOffset === s.startOffset &&
    r.endContainer === s.endContainer &&
    r.endOffset === s.endOffset &&
    meaningOf(a) === meaningOf(b)
  );
}

/** A range over a span of block text, as it was read. */
function rangeOf(block: Block, span: Span): StaticRange {
  return new StaticRange({ startContainer: block.nodes[span.first]!, startOffset: span.startOffset, endContainer: block.nodes[span.last]!, endOffset: span.endOffset });
}

/**
 * A mention whose range is made when first asked for: only mentions drawn,
 * hit-tested or stepped to need one, and on the 5 MB page making all 19,000
 * up front was about a tenth of the content script's work. The span is the
 * one the mention was read at, so the range is the same whenever it is made.
 */
class ReadMention implements Mention {
  readonly private: boolean;
  readonly support?: Support<EntityKey>[];
  private made: StaticRange | null = null;
  constructor(
    readonly block: Block,
    readonly start: number,
    readonly end: number,
    readonly entities: EntityKey[],
    support: Support<EntityKey>[] | undefined,
    private readonly span: Span,
    isPrivate: boolean,
  ) {
    if (support) this.support = support;
    this.private = isPrivate;
  }
  get range(): StaticRange {
    return (this.made ??= rangeOf(this.block, this.span));
  }
}

/**
 * Every block's matches and the mentions they make. Keeps the page's names
 * (PageNames), so that adding or removing text anywhere can show or hide
 * names that need context ("Ma", "Zhang Yong") everywhere; what each block
 * shows is decided by the one rule, resolveMatches.
 */
export class PageMentions {
  /**
   * @param isPrivate whether a mention of these entities must stay hidden
   *   from the page: only if every one is private, since a public entity's
   *   name tells the page nothing it could not know (see "What a web page
   *   can learn" in README).
   */
  constructor(private readonly isPrivate: (entities: readonly EntityKey[]) => boolean = () => false) {}

  private readonly blocks = new Map<Block, BlockState>();
  /** The names of every block, which decide what each block shows. */
  private readonly names = new PageNames<EntityKey>();
  private readonly byNode = new Map<Text, Mention[]>();
  /** For each entity, the blocks with a match whose reading its naming decides (entitiesDecidingOn): the only ones a change of it can change. */
  private readonly decidedBy = new Map<EntityKey, Set<Block>>();
  private readonly decidersOf = new Map<Block, EntityKey[]>();

  /** Replaces blocks (removed ones pass no matches) and reports the mentions that changed. */
  update(changes: { block: Block; matches: TextMatch[] | null }[]): MentionChanges {
    for (const { block, matches } of changes) {
      const old = this.blocks.get(block);
      if (old) this.names.count(old.matches, -1);
      if (matches) {
        this.blocks.set(block, { matches, mentions: old?.mentions ?? [] });
        this.names.count(matches, 1);
      } else if (old) {
        this.blocks.set(block, { matches: [], mentions: old.mentions });
      }
      this.decide(block, matches ?? []);
    }
    const result: MentionChanges = { added: [], removed: [] };
    const touched = new Set(changes.map((c) => c.block));
    for (const entity of this.names.takeChanged()) for (const block of this.decidedBy.get(entity) ?? []) touched.add(block);
    if (touched.size === changes.length) {
      for (const block of touched) this.rebuild(block, result);
      return result;
    }
    // In page order, as a first reading would report them.
    for (const block of [...this.blocks.keys()]) if (touched.has(block)) this.rebuild(block, result);
    return result;
  }

  /** Indexes a block under the entities whose naming decides how its matches read. */
  private decide(block: Block, matches: readonly TextMatch[]): void {
    for (const entity of this.decidersOf.get(block) ?? []) {
      const blocks = this.decidedBy.get(entity);
      blocks?.delete(block);
      if (blocks?.size === 0) this.decidedBy.delete(entity);
    }
    const deciders = [...new Set(matches.flatMap(entitiesDecidingOn))];
    if (deciders.length === 0) {
      this.decidersOf.delete(block);
      return;
    }
    this.decidersOf.set(block, deciders);
    for (const entity of deciders) {
      const blocks = this.decidedBy.get(entity);
      if (blocks) blocks.add(block);
      else this.decidedBy.set(entity, new Set([block]));
    }
  }

  private rebuild(block: Block, result: MentionChanges): void {
    const state = this.blocks.get(block);
    if (!state) return;
    const kept: Mention[] = [];
    // A block read for the first time has nothing to keep, and needs no ids.
    const previous = state.mentions.length > 0 ? new Map(state.mentions.map((m) => [mentionId(m), m])) : null;
    for (const { start, end, entities, support } of resolveMatches({ candidates: state.matches, page: this.names })) {
      const id = previous && mentionId({ start, end, entities, support });
      const same = id && previous.get(id);
      if (same) {
        previous.delete(id);
        kept.push(same);
        continue;
      }
      const span = spanIn(block, start, end);
      // Text the page has changed since it was read is not shown until the rescan the edit has queued reads it anew.
      if (!readsAsExtracted(block, start, end, span)) continue;
      const mention = new ReadMention(block, start, end, entities, support, span, this.isPrivate(entities));
      kept.push(mention);
      result.added.push(mention);
      this.index(mention, 1, span);
    }
    for (const gone of previous?.values() ?? []) {
      result.removed.push(gone);
      this.index(gone, -1);
    }
    if (state.matches.length === 0 && kept.length === 0) this.blocks.delete(block);
    else state.mentions = kept;
  }

  private index(mention: Mention, delta: 1 | -1, { first, last }: Span = spanIn(mention.block, mention.start, mention.end)): void {
    const { block } = mention;
    for (let i = first; i <= last; i++) {
      const node = block.nodes[i]!;
      const list = this.byNode.get(node);
      if (delta > 0) {
        if (list) list.push(mention);
        else this.byNode.set(node, [mention]);
      } else if (list) {
        list.splice(list.indexOf(mention), 1);
        if (list.length === 0) this.byNode.delete(node);
      }
    }
  }

  /** Mentions that include some part of this text node. */
  inNode(node: Text): readonly Mention[] {
    return this.byNode.get(node) ?? [];
  }

  allBlocks(): IterableIterator<Block> {
    return this.blocks.keys();
  }

  *all(): Generator<Mention> {
    for (const state of this.blocks.values()) yield* state.mentions;
  }

  /** Every entity shown on the page, with how many mentions it has. */
  entityCounts(): Map<EntityKey, number> {
    const counts = new Map<EntityKey, number>();
    for (const m of this.all()) for (const key of m.entities) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  }

  clear(): Mention[] {
    const all = [...this.all()];
    this.blocks.clear();
    this.decidedBy.clear();
    this.decidersOf.clear();
    this.names.clear();
    this.byNode.clear();
    return all;
  }
}
