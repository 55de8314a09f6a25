import type { SearchIndex } from './build';
import { ranksAbove } from './rank';

/**
 * The best `limit` entries seen so far, best first. Most candidates lose to
 * the current last place in one comparison, so a sorted array beats a heap at
 * popup sizes (limit ≤ 50) and nothing is sorted at the end.
 */
export interface Top {
  limit: number;
  size: number;
  entries: Int32Array;
  scores: Float64Array;
  /** The name that gave each entry its score. */
  names: Int32Array;
}

export function createTop({ limit }: { limit: number }): Top {
  return { limit, size: 0, entries: new Int32Array(limit), scores: new Float64Array(limit), names: new Int32Array(limit) };
}

/** Offers one entry; each entry must be offered at most once. Hot: no named parameters. */
export function offer(index: SearchIndex, top: Top, entry: number, score: number, name: number): void {
  let i = top.size;
  if (i === top.limit) {
    if (!ranksAbove(index, entry, score, top.entries[i - 1]!, top.scores[i - 1]!)) return;
    i--;
  } else {
    top.size++;
  }
  while (i > 0 && ranksAbove(index, entry, score, top.entries[i - 1]!, top.scores[i - 1]!)) {
    top.entries[i] = top.entries[i - 1]!;
    top.scores[i] = top.scores[i - 1]!;
    top.names[i] = top.names[i - 1]!;
    i--;
  }
  top.entries[i] = entry;
  top.scores[i] = score;
  top.names[i] = name;
}

