// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import bundled from '../../assets/dataset.json';
import { startOverlay } from '../../overlay/overlay';
import type { Dataset } from '../../src/dataset/schema';
import { entityKey } from '../../src/messages/entity-key';
import type { Request, RequestIn, RequestType, ResponseMap, ScanResult, TextMatch } from '../../src/messages/protocol';
import type { request as requestFn } from '../../utils/messaging';
import { asReader } from './kit/dom';
import './support/near-everything';
import './support/static-range';

// The card's words (browser.i18n), in English.
vi.mock('wxt/browser', () => import('./kit/browser'));

const dataset = bundled as Dataset;
const NAME = 'Jack Ma';
const KEY = entityKey({ dataset: dataset.id, id: 'jack-ma' });

/** happy-dom has no Custom Highlight API: a Map for the registry, a Set of ranges for a Highlight. */
function installHighlightApi(): Map<string, unknown> {
  const registry = new Map<string, unknown>();
  // happy-dom's window.CSS is a new object on every read.
  Object.defineProperty(window, 'CSS', { value: { highlights: registry }, configurable: true });
  Object.assign(window, { Highlight: class extends Set<AbstractRange> {} });
  return registry;
}

/**
 * A background that knows one name and answers from the bundled dataset.
 * Every request is recorded; answers wait for `gate`, so a test can hold
 * them back while it tears the overlay down.
 */
function fakeBackground() {
  const sent: Request[] = [];
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  const answer = (message: Request): unknown => {
    switch (message.type) {
      case 'scanTexts':
        return {
          matches: message.texts.map((text): TextMatch[] =>
            [...text.matchAll(new RegExp(NAME, 'g'))].map((m) => ({ start: m.index, end: m.index + NAME.length, entities: [KEY], contextual: [false] })),
          ),
          privateDatasets: [],
        } satisfies ScanResult;
      case 'getCards':
        return message.refs.map(({ id }) => {
          const entity = dataset.entities.find((e) => e.id === id);
          if (!entity) return null;
          const sources = Object.fromEntries(
            dataset.sources.map(({ text: _text, ...info }) => [entityKey({ dataset: dataset.id, id: info.id }), { ...info, dataset: dataset.id }]),
          );
          return { entity: { ...entity, dataset: dataset.id }, names: {}, sources };
        });
      default:
        throw new Error(`no fake answer to ${message.type}`);
    }
  };
  const request = async <T extends RequestType>(message: RequestIn<T>): Promise<ResponseMap[T]> => {
    sent.push(message as Request);
    await gate;
    return answer(message as Request) as ResponseMap[T];
  };
  return {
    request: request as typeof requestFn,
    sent,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release: () => open(),
  };
}

/** Closed shadow roots as they are made: a page cannot catch the page host's, a test can. */
function catchClosedRoots(): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    const root = attach.call(this, init);
    if (init.mode === 'closed') roots.push(root);
    return root;
  });
  return roots;
}

const shortcut = () => asReader(new KeyboardEvent('keydown', { key: 'F', code: 'KeyF', altKey: true, shiftKey: true, bubbles: true }));

/** The MutationObservers that observe something and have not been disconnected. */
function recordObservers(): Set<MutationObserver> {
  const live = new Set<MutationObserver>();
  vi.stubGlobal(
    'MutationObserver',
    class extends MutationObserver {
      override observe(target: Node, options?: MutationObserverInit): void {
        live.add(this);
        super.observe(target, options);
      }
      override disconnect(): void {
        live.delete(this);
        super.disconnect();
      }
    },
  );
  return live;
}

/** Every listener added to the page's document and window, with the signal it was added with. */
function recordPageListeners() {
  const added: { type: string; signal: AbortSignal | undefined }[] = [];
  for (const target of [document, window] as EventTarget[]) {
    const add = target.addEventListener.bind(target);
    vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => {
      added.push({ type, signal: typeof options === 'object' ? options.signal : undefined });
      add(type, listener, options);
    });
  }
  return added;
}

/** Runs the fake clock until `promise` settles: the scan yields to the page between slices. */
async function until(promise: Promise<unknown>): Promise<void> {
  let done = false;
  void promise.finally(() => (done = true));
  for (let i = 0; i < 100 && !done; i++) await vi.advanceTimersByTimeAsync(10);
  if (!done) throw new Error('did not settle');
}

function start({ request, signal }: { request: typeof requestFn; signal: AbortSignal }) {
  return startOverlay({ doc: document, request, ignore: new Set(), signal });
}

/** An overlay started and settled: its first scan answered and the observer's reports applied once they pause (viewport-scope.ts). */
async function started(options: { request: typeof requestFn; signal: AbortSignal }) {
  const overlay = start(options);
  await until(overlay.ready);
  await vi.advanceTimersByTimeAsync(1000);
  return overlay;
}

/** What the page would feel of a live overlay: its text changing, the pointer moving, keys, scrolling. */
async function pageGoesOn(): Promise<void> {
  document.body.insertAdjacentHTML('beforeend', `<p>${NAME} spoke again.</p>`);
  document.dispatchEvent(asReader(new PointerEvent('pointermove', { clientX: 5, clientY: 5, bubbles: true })));
  selectInName(document.querySelectorAll('p')[1]!);
  document.dispatchEvent(shortcut());
  window.dispatchEvent(new Event('scroll'));
  window.dispatchEvent(new Event('resize'));
  await vi.advanceTimersByTimeAsync(60_000);
}

function selectInName(paragraph: Element): void {
  window.getSelection()!.collapse(paragraph.firstChild!, 2);
}

describe('overlay teardown', () => {
  let registry: Map<string, unknown>;
  beforeEach(() => {
    vi.useFakeTimers();
    registry = installHighlightApi();
    document.body.innerHTML = `<p>${NAME} founded Alibaba.</p><div id="widget"></div>`;
    document.getElementById('widget')!.attachShadow({ mode: 'open' }).innerHTML = `<p>${NAME} in a shadow root.</p>`;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    vi.useRealTimers();
    for (const el of document.documentElement.children) if (el !== document.head && el !== document.body) el.remove();
  });

  it('leaves no listener, observer, timer, highlight, style or card once its signal aborts', async () => {
    const listeners = recordPageListeners();
    const observers = recordObservers();
    const shadow = document.getElementById('widget')!.shadowRoot!;
    const background = fakeBackground();
    const controller = new AbortController();
    const closedRoots = catchClosedRoots();
    await started({ request: background.request, signal: controller.signal });
    // The page host is mounted once, at the start, with its root closed.
    expect(closedRoots).toHaveLength(1);
    const host = closedRoots[0]!.host;
    expect(host.isConnected).toBe(true);
    // Running: the name is highlighted, and the keyboard opens its card.
    expect([...registry.keys()]).toHaveLength(1);
    expect(shadow.adoptedStyleSheets).toHaveLength(1);
    expect(observers.size).toBeGreaterThan(0);
    selectInName(document.querySelector('p')!);
    // The same keys sent by a page script do nothing.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'F', code: 'KeyF', altKey: true, shiftKey: true, bubbles: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect(closedRoots[0]!.textContent).not.toContain(NAME);
    document.dispatchEvent(shortcut());
    await vi.advanceTimersByTimeAsync(0);
    expect(closedRoots[0]!.textContent).toContain(NAME);
    expect(listeners.length).toBeGreaterThan(0);

    controller.abort();
    const sentBefore = background.sent.length;
    await vi.advanceTimersByTimeAsync(0);
    expect(registry.size).toBe(0);
    expect(host.isConnected).toBe(false);
    expect(listeners.filter((l) => !l.signal?.aborted)).toEqual([]);
    expect(observers.size).toBe(0);
    expect(shadow.adoptedStyleSheets).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);

    await pageGoesOn();
    expect(observers.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(background.sent.slice(sentBefore)).toEqual([]);
    expect(registry.size).toBe(0);
    expect(host.isConnected).toBe(false);
  });

  it('listens to scrolling and resizing only while a card is open', async () => {
    const listeners = recordPageListeners();
    const background = fakeBackground();
    const controller = new AbortController();
    const closedRoots = catchClosedRoots();
    await started({ request: background.request, signal: controller.signal });
    const following = () =>
      listeners
        .filter((l) => !l.signal?.aborted && (l.type === 'scroll' || l.type === 'resize'))
        .map((l) => l.type)
        .sort();
    expect([...registry.keys()]).toHaveLength(1);
    expect(following()).toEqual([]);

    selectInName(document.querySelector('p')!);
    document.dispatchEvent(shortcut());
    await vi.advanceTimersByTimeAsync(0);
    expect(closedRoots[0]!.textContent).toContain(NAME);
    expect(following()).toEqual(['resize', 'scroll']);

    document.dispatchEvent(asReader(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    await vi.advanceTimersByTimeAsync(0);
    expect(closedRoots[0]!.textContent).not.toContain(NAME);
    expect(following()).toEqual([]);
    controller.abort();
  });

  it('drops the answer to a scan that was on its way when the signal aborted', async () => {
    const background = fakeBackground();
    background.hold();
    const controller = new AbortController();
    start({ request: background.request, signal: controller.signal });
    await vi.advanceTimersByTimeAsync(100);
    expect(background.sent.map((m) => m.type)).toEqual(['scanTexts']);

    controller.abort();
    background.release();
    await pageGoesOn();
    expect(background.sent.map((m) => m.type)).toEqual(['scanTexts']);
    expect(registry.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends nothing and watches nothing when started with a signal already aborted', async () => {
    const listeners = recordPageListeners();
    const observers = recordObservers();
    const background = fakeBackground();
    start({ request: background.request, signal: AbortSignal.abort() });
    await pageGoesOn();
    expect(background.sent).toEqual([]);
    expect(listeners.filter((l) => !l.signal?.aborted)).toEqual([]);
    expect(observers.size).toBe(0);
    expect(registry.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
