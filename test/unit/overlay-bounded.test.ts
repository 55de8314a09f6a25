// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startOverlay } from '../../overlay/overlay';
import type { Request, RequestIn, RequestType, ResponseMap, TextMatch } from '../../src/messages/protocol';
import type { request as requestFn } from '../../utils/messaging';
import { asReader } from './kit/dom';
import './support/near-everything';
import './support/static-range';

const NAME = 'Jack Ma';

/** Taken before the fake timers replace it: the overlay yields to the page through a real task (yield-to-main.ts). */
const realSetTimeout = globalThis.setTimeout;

/** Advances fake time by `ms`, and lets the real tasks the overlay yields to run first. */
async function advance(ms: number): Promise<void> {
  await new Promise((resolve) => realSetTimeout(resolve, 5));
  await vi.advanceTimersByTimeAsync(ms);
}

/** happy-dom has no Custom Highlight API: a Map for the registry, a Set of ranges for a Highlight. */
function installHighlightApi(): Map<string, Set<AbstractRange>> {
  const registry = new Map<string, Set<AbstractRange>>();
  Object.defineProperty(window, 'CSS', { value: { highlights: registry }, configurable: true });
  Object.assign(window, { Highlight: class extends Set<AbstractRange> {} });
  return registry;
}

/** A matcher that knows one name; while held, scans wait for release. */
function fakeBackground() {
  const scans: string[][] = [];
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  const request = async <T extends RequestType>(message: RequestIn<T>): Promise<ResponseMap[T]> => {
    const m = message as Request;
    if (m.type === 'getCards') return m.refs.map(() => null) as ResponseMap[T];
    if (m.type !== 'scanTexts') throw new Error(`no fake answer to ${m.type}`);
    scans.push(m.texts);
    await gate;
    const matches = m.texts.map((text): TextMatch[] =>
      [...text.matchAll(new RegExp(NAME, 'g'))].map((x) => ({ start: x.index, end: x.index + NAME.length, entities: ['d/jack-ma'], contextual: [false] })),
    );
    return { matches, privateDatasets: [] } as ResponseMap[T];
  };
  return {
    request: request as typeof requestFn,
    scans,
    hold: () => (gate = new Promise((resolve) => (open = resolve))),
    release: () => open(),
  };
}

function start(request: typeof requestFn, signal: AbortSignal) {
  return startOverlay({ doc: document, request, ignore: new Set(), signal });
}

/** The texts the overlay highlights, as the ranges read now. */
function highlighted(registry: Map<string, Set<AbstractRange>>): string[] {
  return [...registry.values()].flatMap((h) =>
    [...h].map((r) => {
      const x = document.createRange();
      x.setStart(r.startContainer, r.startOffset);
      x.setEnd(r.endContainer, r.endOffset);
      return x.toString();
    }),
  );
}

describe('bounded work on a churning page', () => {
  let registry: Map<string, Set<AbstractRange>>;
  let controller: AbortController;
  beforeEach(() => {
    vi.useFakeTimers();
    registry = installHighlightApi();
    controller = new AbortController();
  });
  afterEach(() => {
    controller.abort();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('holds back rescans while a scan is slow: one waits, and it reads the page as it is when it starts', async () => {
    document.body.innerHTML = `<p id="ticker">Update 0: ${NAME} spoke.</p>`;
    const background = fakeBackground();
    background.hold();
    start(background.request, controller.signal);
    await advance(50);
    expect(background.scans).toHaveLength(1);

    // The page rewrites itself every 20 ms for 4 s while the first scan is held.
    const ticker = document.getElementById('ticker')!;
    for (let i = 1; i <= 200; i++) {
      ticker.textContent = `Update ${i}: ${NAME} spoke.`;
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(background.scans).toHaveLength(1);

    background.release();
    await vi.advanceTimersByTimeAsync(5000);
    // The waiting scan read the text as it was when it started, not as it was when reported.
    expect(background.scans).toEqual([[`Update 0: ${NAME} spoke.`], [`Update 200: ${NAME} spoke.`]]);
    expect(highlighted(registry)).toEqual([NAME]);
  });

  it('lets go of open shadow roots whose host left the page', async () => {
    document.body.innerHTML = '<main id="slot"></main>';
    const slot = document.getElementById('slot')!;
    const roots: ShadowRoot[] = [];
    const swap = () => {
      const host = document.createElement('news-item');
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML = `<p>${NAME} in item ${roots.length}.</p>`;
      roots.push(root);
      slot.replaceChildren(host);
    };
    swap();
    const background = fakeBackground();
    const overlay = start(background.request, controller.signal);
    await vi.advanceTimersByTimeAsync(100);
    await overlay.ready;
    for (let i = 0; i < 30; i++) {
      swap();
      await vi.advanceTimersByTimeAsync(300);
    }

    // What hit-testing hands the browser: every root the overlay still holds.
    const asked: ShadowRoot[][] = [];
    Object.assign(document, {
      caretPositionFromPoint: (_x: number, _y: number, options?: { shadowRoots?: ShadowRoot[] }) => {
        asked.push(options?.shadowRoots ?? []);
        return null;
      },
    });
    document.dispatchEvent(asReader(new PointerEvent('pointermove', { clientX: 5, clientY: 5, bubbles: true })));
    await vi.advanceTimersByTimeAsync(50);
    expect(asked).toEqual([[roots.at(-1)]]);
    // Nothing of ours is left in the roots let go of.
    expect(roots.slice(0, -1).filter((r) => r.adoptedStyleSheets.length > 0)).toEqual([]);
    expect(roots.at(-1)!.adoptedStyleSheets).toHaveLength(1);
    expect(highlighted(registry)).toEqual([NAME]);
  });
});
