import type { EntityRef, SourceLink } from '../components/card/EntityCard';
import { supportReason } from '../src/format/support-reason';
import { DEFAULT_APPEARANCE, type Appearance } from '../src/messages/appearance';
import { entityKey, parseEntityKey, type EntityKey } from '../src/messages/entity-key';
import { supportWords } from '../utils/i18n';
import type { request as requestFn } from '../utils/messaging';
import { abortableRequest } from './abortable-request';
import { createCardUi, type CardContent } from './card-ui';
import { watchDocumentRewrite } from './document-rewrite';
import { createEntityData } from './entity-data';
import type { ExtractOptions } from './extract';
import { createHighlightLayer } from './highlight-layer';
import { liveRange, mentionAtCaret, mentionAtPoint } from './hit-test';
import { createHoverIntent } from './hover-intent';
import { isInsideAny, watchMutations } from './mutation-watch';
import { intersectionWatch } from './near-watch';
import { windowedWatch } from './near-window';
import { mountPageHost } from './page-host';
import { PageMentions, sameMention, type Mention } from './page-mentions';
import { createPrivateMarks } from './private-marks';
import { extractInSlices, scanBlocks, type MentionPaint } from './scan-pipeline';
import { createScanQueue } from './scan-queue';
import { createShadowHighlightStyle } from './shadow-highlight-style';
import { createTaps } from './taps';
import { trusted } from './trusted';
import { flow, timed } from './user-timing';
import { createViewportScope, whenReportsPause } from './viewport-scope';

export interface OverlayEnv {
  doc: Document;
  request: typeof requestFn;
  /** Elements Factlens itself added: never read, never hit-tested. The page host joins them. */
  ignore: Set<Element>;
  /**
   * Aborting it takes the overlay down: every listener, observer and timer,
   * the highlights and the card. Work under way stops at its next step, and
   * answers to requests already sent are dropped.
   */
  signal: AbortSignal;
}

export interface Overlay {
  /** Every entity on the page with its number of mentions. */
  entityCounts(): Map<EntityKey, number>;
  /** Scrolls to an entity's first mention and flashes it. */
  reveal(key: EntityKey): boolean;
  /** Settles once the first full scan has been applied; perhaps never if the signal aborts first. */
  ready: Promise<void>;
  /** Applies the reader's appearance settings: highlight style, card delay, card theme, when cards open. */
  setAppearance(appearance: Appearance): void;
}

/** How often to check that the page has not cleared our highlights. */
const REGISTRY_CHECK_MS = 1000;
const MUTATION_DELAY_MS = 200;

function isShortcut(e: KeyboardEvent): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyF';
}

function inDocumentOrder(a: Mention, b: Mention): number {
  if (a.range.startContainer === b.range.startContainer) return a.range.startOffset - b.range.startOffset;
  return a.range.startContainer.compareDocumentPosition(b.range.startContainer) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/**
 * Finds, highlights and explains the names on one document: extract → match
 * (in the background) → highlight → card. Used by the content script on web
 * pages and by the source viewer on its own page.
 */
export function startOverlay(env: OverlayEnv): Overlay {
  const { doc, signal } = env;
  const win = doc.defaultView as Window & typeof globalThis;
  const request = abortableRequest({ request: env.request, signal });
  // Mounted now rather than with the first card, so that hovering adds nothing to the page.
  const host = mountPageHost({ doc, signal });
  env.ignore.add(host.element);
  signal.addEventListener('abort', () => env.ignore.delete(host.element), { once: true });
  /** The open shadow roots read, so hit-testing can see into them and their changes are watched. */
  const shadowRoots = new Set<ShadowRoot>();
  const highlights = createHighlightLayer({ win, signal });
  const shadowStyle = createShadowHighlightStyle({ sheet: highlights.sheet, signal });
  const options: ExtractOptions = {
    ignore: env.ignore,
    onShadowRoot: (root) => {
      if (shadowRoots.has(root)) return;
      shadowRoots.add(root);
      shadowStyle.add(root);
      watcher?.observe(root);
    },
  };
  /**
   * Lets go of roots whose host left the page, with everything they hold: a
   * page swapping web components would otherwise keep each one it ever made.
   * One put back is found again by the scan that reads it.
   */
  function dropDetachedShadowRoots(): void {
    for (const root of shadowRoots) {
      if (root.host.isConnected) continue;
      shadowRoots.delete(root);
      shadowStyle.forget(root);
    }
  }
  /** Private datasets the scans named; the overlay starts again whenever the datasets change. */
  const privateDatasets = new Set<string>();
  const mentions = new PageMentions((entities) => entities.every((key) => privateDatasets.has(parseEntityKey(key).dataset)));
  const privateMarks = createPrivateMarks({ container: host.marks, win, signal });
  /** Public mentions go to the shared highlight registry; private ones only to Factlens's own closed root. */
  const everywhere: MentionPaint = {
    add(list) {
      highlights.add(list.filter((m) => !m.private).map((m) => m.range));
      privateMarks.add(list.filter((m) => m.private).map((m) => m.range));
    },
    remove(list) {
      highlights.remove(list.filter((m) => !m.private).map((m) => m.range));
      privateMarks.remove(list.filter((m) => m.private).map((m) => m.range));
    },
  };
  /** Only blocks near the viewport are drawn; `mentions` keeps every one for hit-testing, counts and next/previous. */
  const watch = windowedWatch(intersectionWatch(win, signal), { settle: whenReportsPause(win, signal), signal });
  const paint = createViewportScope({ paint: everywhere, watch, settle: whenReportsPause(win, signal) });
  const data = createEntityData({ request });
  let appearance = DEFAULT_APPEARANCE;
  const delay = () => appearance.cardDelayMs;
  let current: Mention | null = null;
  /** Counts cards asked for, so an answer that arrives after a newer request is dropped. */
  let openings = 0;
  /** The reader's last pointer move, anywhere on the page or the card. */
  let lastPointer: PointerEvent | null = null;
  /** The card on screen, and the cards a People row was clicked on, to go back to (newest last). */
  let shown: CardContent | null = null;
  let trail: CardContent[] = [];

  /** Where focus was before a card took it, to give it back when the card closes. */
  let returnFocus: Element | null = null;

  const card = createCardUi({
    host,
    // A leave where the pointer last moved is the card moving away from a still
    // pointer (a click in it changed its content and size), not the reader leaving.
    onPointerInside: (inside, at) => hover.pointerInCard(inside, !inside && lastPointer !== null && at.x === lastPointer.clientX && at.y === lastPointer.clientY),
    onClose: () => closeCard(),
    onOpenSource: (link) => openSource(link),
    // The options page at its appearance section; in a web page through the background, so no extension URL is in the card.
    onOpenSettings: () => void request({ type: 'openSettings' }).catch(() => {}),
    signal,
  });
  const hover = createHoverIntent({
    delayMs: delay,
    open: (m) => void openCard(m).catch((e) => console.error('Factlens card', e)),
    close: () => closeCard(),
    signal,
  });

  function openSource(link: SourceLink): void {
    void request({ type: 'openSource', dataset: link.dataset, source: link.source, start: link.start, end: link.end }).catch(() => {});
  }

  function peersOf(mention: Mention): Mention[] {
    const key = mention.entities[0]!;
    return [...mentions.all()].filter((m) => m.entities.includes(key)).sort(inDocumentOrder);
  }

  /** Why each entity of a name that needs context counts here, by the names of what supports it. */
  async function reasonsOf(mention: Mention): Promise<Map<EntityKey, string> | undefined> {
    const { support } = mention;
    if (!support) return undefined;
    const supporters = [...new Set(support.flatMap((s) => (Array.isArray(s) ? s : [])))];
    const named = new Map((await data.card(supporters)).entities.map((e) => [entityKey(e), e.name]));
    const reasons = new Map<EntityKey, string>();
    const words = supportWords();
    support.forEach((s, i) => {
      const reason = supportReason(s, (key) => named.get(key), words);
      if (reason) reasons.set(mention.entities[i]!, reason);
    });
    return reasons;
  }

  async function openCard(mention: Mention, { focus = false } = {}): Promise<void> {
    if (signal.aborted) return;
    const opening = ++openings;
    current = mention;
    hover.shownNow(mention);
    const [{ entities, sources, names, people }, reasons] = await Promise.all([data.card(mention.entities), reasonsOf(mention)]);
    // `current` may be this mention read again by a scan meanwhile: that is still this card.
    const at = current;
    if (opening !== openings || !at || entities.length === 0) return;
    const peers = peersOf(at);
    const index = Math.max(0, peers.indexOf(at));
    const step = (by: number) => () => {
      const next = peers[(index + by + peers.length) % peers.length]!;
      const el = next.range.startContainer.parentElement;
      el?.scrollIntoView({ block: 'center' });
      void openCard(next, { focus: true });
    };
    trail = [];
    // Stepping to another mention keeps the focus in the card, and the place to return to.
    if (focus && doc.activeElement !== host.element) returnFocus = doc.activeElement;
    showCard(
      {
        anchor: () => liveRange(doc, at.range).getBoundingClientRect(),
        entities,
        sources,
        names,
        people,
        ...(reasons && { reasons }),
        theme: appearance.theme,
        onPage: { index, total: peers.length, onPrevious: step(-1), onNext: step(1) },
        onOpenEntity: (ref) => void openInPlace(ref).catch((e) => console.error('Factlens card', e)),
      },
      { focus },
    );
  }

  function showCard(content: CardContent, { focus }: { focus: boolean }): void {
    shown = content;
    card.show(content);
    if (focus) card.focus();
  }

  /** A person's card in place of the organization's, at the same mention; Back returns. */
  async function openInPlace(ref: EntityRef): Promise<void> {
    const from = shown;
    if (!from || signal.aborted) return;
    const { entities, sources, names, people } = await data.card([entityKey(ref)]);
    if (shown !== from || entities.length === 0) return;
    trail.push(from);
    showCard(
      {
        anchor: from.anchor,
        entities,
        sources,
        names,
        people,
        theme: appearance.theme,
        onOpenEntity: (next) => void openInPlace(next).catch((e) => console.error('Factlens card', e)),
        onBack: () => {
          const previous = trail.pop();
          if (previous && shown) showCard(previous, { focus: true });
        },
      },
      { focus: true },
    );
  }

  function closeCard(): void {
    shown = null;
    trail = [];
    current = null;
    hover.closedNow();
    const hadFocus = doc.activeElement === host.element;
    card.hide();
    const back = returnFocus;
    returnFocus = null;
    // WAI-ARIA's dialog pattern: focus goes back to where the reader was.
    if (hadFocus && back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
  }

  /** Reads `containers` again, with the page as it is now, and applies what changed. */
  async function rescan(containers: Node[]): Promise<void> {
    if (signal.aborted) return;
    dropDetachedShadowRoots();
    const within = new Set(containers);
    const removed = [...mentions.allBlocks()].filter((b) => !b.container.isConnected || isInsideAny(b.container, within));
    const live = containers.filter((c) => c.isConnected);
    const blocks = await extractInSlices({ roots: live, options, signal });
    /** The open card's mention, removed with its block: kept open until the scan has read the block again. */
    let orphan: Mention | null = null;
    try {
      await scanBlocks({
        blocks,
        removed,
        scanTexts: async (texts) => {
          const result = await request({ type: 'scanTexts', texts });
          for (const id of result.privateDatasets) privateDatasets.add(id);
          return result.matches;
        },
        mentions,
        highlights: paint,
        viewportHeight: win.innerHeight,
        signal,
        onChanges: ({ added, removed: gone }) => {
          void data.prefetch(added.flatMap((m) => m.entities));
          if (current && gone.includes(current)) orphan = current;
          const again = orphan && current === orphan ? added.find((m) => sameMention(orphan!, m)) : undefined;
          if (!again) return;
          current = again;
          orphan = null;
          hover.shownReadAgain(again);
        },
      });
    } finally {
      if (orphan && current === orphan) closeCard();
    }
  }
  const scans = createScanQueue({ scan: flow('scan', rescan), signal });

  const watcher = watchMutations({
    root: doc,
    options,
    delayMs: MUTATION_DELAY_MS,
    onDirty: (containers) => void scans.add(containers).catch((e) => console.error('Factlens scan', e)),
    signal,
  });
  for (const root of shadowRoots) watcher.observe(root);

  let frame = 0;
  /**
   * Tells the hover intent what is under the pointer, as far as the reader's
   * "open cards" setting lets hovering open a card. The open card's own name
   * always counts, so the pointer can travel over it into the card.
   */
  function pointerAt(p: PointerEvent, shiftHeld: boolean): void {
    if (p.target instanceof Element && env.ignore.has(p.target)) return;
    highlights.ensureRegistered();
    const mention = mentionAtPoint({ doc, x: p.clientX, y: p.clientY, mentions, shadowRoots });
    const mode = appearance.openCards;
    const opens = mode === 'hover' || (mode === 'shift' && shiftHeld);
    hover.pointerOver(mention && (opens || mention === current) ? mention : null);
  }
  const onPointerMove = trusted(timed('pointer', (e: PointerEvent) => {
    // A finger moving over a name is scrolling or zooming: only a tap opens a card (taps.ts).
    if (e.pointerType === 'touch') return;
    lastPointer = e;
    if (frame) return;
    frame = win.requestAnimationFrame(
      timed('pointer', () => {
        frame = 0;
        const p = lastPointer;
        if (p) pointerAt(p, p.shiftKey);
      }),
    );
  }));
  /** A tap on a name opens its card at once; a tap anywhere else but the card closes it. */
  const taps = createTaps(timed('pointer', (e: PointerEvent) => {
    if (e.target instanceof Element && env.ignore.has(e.target)) return;
    highlights.ensureRegistered();
    const mention = mentionAtPoint({ doc, x: e.clientX, y: e.clientY, mentions, shadowRoots });
    if (mention && mention !== current) void openCard(mention).catch((error) => console.error('Factlens card', error));
    else if (!mention && card.isOpen) closeCard();
  }));
  const onKeyDown = trusted(timed('key', (e: KeyboardEvent) => {
    if (e.key === 'Escape' && card.isOpen) {
      closeCard();
      return;
    }
    // Pressing Shift with the pointer already resting on a name opens it, in the "while Shift is held" mode.
    if (e.key === 'Shift' && appearance.openCards === 'shift' && lastPointer) {
      pointerAt(lastPointer, true);
      return;
    }
    if (!isShortcut(e)) return;
    const selection = win.getSelection();
    const node = selection?.focusNode;
    if (!node) return;
    const mention = mentionAtCaret({ doc, node, offset: selection.focusOffset, mentions });
    if (!mention) return;
    e.preventDefault();
    void openCard(mention, { focus: true });
  }));

  let registryCheck = 0;
  // Timers and caches cannot listen to a signal themselves.
  signal.addEventListener(
    'abort',
    () => {
      win.clearInterval(registryCheck);
      if (frame) win.cancelAnimationFrame(frame);
      current = null;
      mentions.clear();
      data.clear();
    },
    { once: true },
  );
  /** Adding a listener twice adds it once, so this also serves to listen again after a rewrite. */
  function listen(): void {
    if (signal.aborted) return;
    doc.addEventListener('pointermove', onPointerMove, { capture: true, passive: true, signal });
    doc.addEventListener('keydown', onKeyDown, { capture: true, signal });
    for (const type of ['pointerdown', 'pointerup', 'pointercancel'] as const) {
      doc.addEventListener(type, taps[type], { capture: true, passive: true, signal });
    }
    win.clearInterval(registryCheck);
    registryCheck = win.setInterval(timed('registry-check', () => highlights.ensureRegistered()), REGISTRY_CHECK_MS);
  }
  listen();
  watchDocumentRewrite({ doc, onRewrite: listen, signal });

  const root = doc.body ?? doc.documentElement;
  const ready = scans.add([root]);

  return {
    ready,
    entityCounts: () => mentions.entityCounts(),
    setAppearance(next) {
      appearance = next;
      // The open card takes the new theme at once; the delay and the mode apply from the next pointer move.
      card.setTheme(next.theme);
      highlights.setStyle(next.highlightStyle);
      privateMarks.setStyle(next.highlightStyle);
    },
    reveal(key) {
      const first = [...mentions.all()].filter((m) => m.entities.includes(key)).sort(inDocumentOrder)[0];
      if (!first) return false;
      // Not flashed: a highlight of its own in the shared registry would tell
      // the page which name the reader picked.
      first.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      return true;
    },
  };
}
