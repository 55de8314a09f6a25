import type { TextMatch } from '../src/messages/protocol';
import { blocksUnder, layoutElementOf, type Block, type ExtractOptions } from './extract';
import { DRAWN_SCREENS, offsetFrom, placeOfBox } from './near-watch';
import type { Mention, MentionChanges, PageMentions } from './page-mentions';
import { across } from './user-timing';
import { SLICE_MS, yieldToMain } from './yield-to-main';

/** Sends block texts to the matcher (in the background) and returns one match list per text. */
export type ScanTexts = (texts: string[]) => Promise<TextMatch[][]>;

/** Where mentions are drawn: the highlight registry, or private marks (overlay.ts decides which). */
export interface MentionPaint {
  add(mentions: Mention[]): void;
  remove(mentions: Mention[]): void;
}

/**
 * Characters per scan request, past the first. Sending a request copies its
 * text on the page's main thread, and in Chromium a character costs several
 * times as much in a request of 150,000 as in one of 30,000 or fewer
 * (bench/RESULTS.md, "Scan requests").
 */
export const BATCH_CHARS = 30_000;
/**
 * The first request, the blocks near the screen, is kept whole up to this:
 * one answer draws all of them, and each later change to the marks costs a
 * frame.
 */
export const NEAR_BATCH_CHARS = 150_000;

/**
 * Where a block lies against the viewport: near it (a screen above to as far
 * below as marks are drawn), further below, or elsewhere (above, or not laid
 * out). The near ones make the first batch, so its answer draws everything
 * the reader can reach at once: each later change to the marks costs a
 * frame, 25–75 ms on the 5 MB page.
 */
function placeOf(block: Block, viewportHeight: number): 'near' | 'below' | 'off' {
  const el = layoutElementOf(block);
  if (!el?.getBoundingClientRect) return 'off';
  const place = placeOfBox(el.getBoundingClientRect(), 0);
  if (!place) return 'off';
  const offset = offsetFrom(place, { top: 0, height: viewportHeight });
  if (offset >= DRAWN_SCREENS * viewportHeight) return 'below';
  return offset > -viewportHeight ? 'near' : 'off';
}

/**
 * Blocks past this many in a row below the viewport are not measured: in
 * document order the rest lie further down. The order is only a priority,
 * so a block placed out of flow is still scanned, a batch later.
 */
const BELOW_RUN = 64;

/**
 * Blocks near the screen, then the rest, so what the reader sees is marked before
 * the rest of a long page. Measuring is sliced like extraction: on a page of
 * 15,000 blocks it took 95 ms in one piece in Firefox; and it stops once the
 * blocks run below the viewport, since measuring every block of a long page
 * cost as much as extracting it.
 */
async function nearFirst(blocks: Block[], viewportHeight: number, signal: AbortSignal): Promise<{ seen: Block[]; rest: Block[] }> {
  const seen: Block[] = [];
  const rest: Block[] = [];
  let below = 0;
  let i = 0;
  let sliceStart = performance.now();
  for (; i < blocks.length && below < BELOW_RUN; i++) {
    const b = blocks[i]!;
    const place = placeOf(b, viewportHeight);
    below = place === 'below' ? below + 1 : 0;
    (place === 'near' ? seen : rest).push(b);
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToMain();
      if (signal.aborted) return { seen: [], rest: [] };
      sliceStart = performance.now();
    }
  }
  for (; i < blocks.length; i++) rest.push(blocks[i]!);
  return { seen, rest };
}

/** Blocks in document order, cut into requests of at most `limit` characters (or one block, where a block is longer). */
export function batches(blocks: Block[], limit: number): Block[][] {
  const out: Block[][] = [];
  let current: Block[] = [];
  let chars = 0;
  for (const b of blocks) {
    if (current.length > 0 && chars + b.text.length > limit) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(b);
    chars += b.text.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Extracts blocks under `roots` in slices that never hold the main thread
 * longer than SLICE_MS. Once `signal` aborts no further slice runs, and
 * nothing is returned.
 */
export async function extractInSlices({ roots, options, signal }: { roots: Node[]; options: ExtractOptions; signal: AbortSignal }): Promise<Block[]> {
  const blocks: Block[] = [];
  let sliceStart = performance.now();
  for (const root of roots) {
    for (const block of blocksUnder(root, options)) {
      if (signal.aborted) return [];
      blocks.push(block);
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToMain();
        sliceStart = performance.now();
      }
    }
  }
  return signal.aborted ? [] : blocks;
}

/**
 * Scans blocks, visible ones first, and applies the results to the page's
 * mentions and highlights batch by batch. Once `signal` aborts, no further
 * batch is sent and no answer is applied.
 */
export async function scanBlocks({
  blocks,
  removed = [],
  scanTexts,
  mentions,
  highlights,
  viewportHeight,
  signal,
  onChanges,
}: {
  blocks: Block[];
  removed?: Block[];
  scanTexts: ScanTexts;
  mentions: PageMentions;
  highlights: MentionPaint;
  viewportHeight: number;
  signal: AbortSignal;
  onChanges: (changes: MentionChanges) => void;
}): Promise<void> {
  if (signal.aborted) return;
  if (removed.length > 0) apply(mentions.update(removed.map((block) => ({ block, matches: null }))));
  const { seen, rest } = await nearFirst(blocks, viewportHeight, signal);
  // The batch near the screen comes first: its answer draws everything the reader can reach.
  for (const batch of [...batches(seen, NEAR_BATCH_CHARS), ...batches(rest, BATCH_CHARS)]) {
    // Sending a batch copies its text synchronously, as long as measuring or applying an answer: each gets a task of its own.
    await yieldToMain();
    if (signal.aborted) return;
    const results = await across(scanTexts(batch.map((b) => b.text)));
    if (signal.aborted) return;
    apply(mentions.update(batch.map((block, i) => ({ block, matches: results[i] ?? [] }))));
  }

  function apply(changes: MentionChanges): void {
    highlights.remove(changes.removed);
    highlights.add(changes.added);
    onChanges(changes);
  }
}
