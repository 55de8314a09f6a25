// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { blocksUnder } from '../../overlay/extract';
import { DRAWN_SCREENS } from '../../overlay/near-watch';
import { PageMentions } from '../../overlay/page-mentions';
import { BATCH_CHARS, NEAR_BATCH_CHARS, scanBlocks } from '../../overlay/scan-pipeline';
import './support/static-range';

const LINE = 40;
const VIEWPORT = 400;

/**
 * A page of `count` paragraphs, each LINE pixels high, scrolled so that
 * paragraph `top` is the first on screen (happy-dom lays nothing out, so the
 * boxes are given). Returns its blocks and which paragraphs were measured.
 */
function scrolledPage(count: number, top: number, filler = '') {
  document.body.innerHTML = Array.from({ length: count }, (_, i) => `<p>paragraph ${i}${filler}</p>`).join('');
  const measured = new Set<number>();
  [...document.body.children].forEach((el, i) => {
    el.getBoundingClientRect = () => {
      measured.add(i);
      const y = (i - top) * LINE;
      return { top: y, bottom: y + LINE, left: 0, right: 800, width: 800, height: LINE, x: 0, y, toJSON: () => ({}) } as DOMRect;
    };
  });
  return { blocks: [...blocksUnder(document.body)], measured };
}

/** The batches scanBlocks sends, in order. */
async function batchesSent(blocks: ReturnType<typeof scrolledPage>['blocks']): Promise<string[][]> {
  const sent: string[][] = [];
  await scanBlocks({
    blocks,
    scanTexts: async (texts) => {
      sent.push(texts);
      return texts.map(() => []);
    },
    mentions: new PageMentions(),
    highlights: { add: () => {}, remove: () => {} },
    viewportHeight: VIEWPORT,
    signal: new AbortController().signal,
    onChanges: () => {},
  });
  return sent;
}

describe('scanBlocks sends what is near the screen first', () => {
  it('sends the paragraphs near the screen (a screen above to as far below as marks are drawn) in a batch of their own, then every other one', async () => {
    const { blocks } = scrolledPage(300, 120);
    const [first, ...after] = await batchesSent(blocks);
    const perScreen = VIEWPORT / LINE;
    const from = 120 - perScreen;
    const to = 120 + (DRAWN_SCREENS + 1) * perScreen - 1;
    expect(first).toEqual(Array.from({ length: to - from + 1 }, (_, i) => `paragraph ${from + i}`));
    expect(new Set([...first!, ...after.flat()])).toEqual(new Set(blocks.map((b) => b.text)));
  });

  it('keeps the batch near the screen whole past the size of later batches, and cuts the rest to that size', async () => {
    const perScreen = VIEWPORT / LINE;
    const near = (DRAWN_SCREENS + 2) * perScreen;
    // Paragraphs long enough that the ones near the screen hold more than a later batch may.
    const filler = ' x'.repeat(Math.ceil(BATCH_CHARS / near));
    const { blocks } = scrolledPage(400, 100, filler);
    const [first, ...after] = await batchesSent(blocks);
    const chars = (batch: string[]) => batch.reduce((n, t) => n + t.length, 0);
    expect(chars(first!)).toBeGreaterThan(BATCH_CHARS);
    expect(chars(first!)).toBeLessThanOrEqual(NEAR_BATCH_CHARS);
    expect(first).toHaveLength(near);
    expect(after.length).toBeGreaterThan(1);
    for (const batch of after) expect(chars(batch)).toBeLessThanOrEqual(BATCH_CHARS);
    expect(after.flat()).toHaveLength(blocks.length - near);
  });

  it('stops measuring once the paragraphs run well below the viewport', async () => {
    const { blocks, measured } = scrolledPage(2000, 0);
    await batchesSent(blocks);
    expect(measured.has(0)).toBe(true);
    // Every paragraph measured would be 2,000 forced layouts on a real page.
    expect(measured.size).toBeLessThan(blocks.length / 4);
  });
});
