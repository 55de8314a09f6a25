import type { SourceLink } from '../components/card/EntityCard';
import { DEFAULT_APPEARANCE, type Appearance } from '../src/messages/appearance';
import { parseEntityKey, type EntityKey } from '../src/messages/entity-key';
import { viewerPath } from '../src/viewer-link';
import type { request as requestFn } from '../utils/messaging';
import { abortableRequest } from './abortable-request';
import { createCardUi, type CardMount } from './card-ui';
import { watchDocumentRewrite } from './document-rewrite';
import { createEntityData } from './entity-data';
import type { Block, ExtractOptions } from './extract';
import { createHighlightLayer } from './highlight-layer';
import { liveRange, mentionAtCaret, mentionAtPoint } from './hit-test';
import { createHoverIntent } from './hover-intent';
import { isInside, watchMutations } from './mutation-watch';
import { PageMentions, type Mention } from './page-mentions';
import { createPrivateMarks } from './private-marks';
import { extractInSlices, scanBlocks, type MentionPaint } from './scan-pipeline';
import { createShadowHighlightStyle } from './shadow-highlight-style';

export interface OverlayEnv {
  doc: Document;
  request: typeof requestFn;
  mountCard: () => Promise<CardMount>;
  /** Elements Factlens itself added: never read, never hit-tested. */
  ignore: Set<Element>;
  /** Absolute URL of an extension page path, for the card's links. */
  extensionUrl: (path: string) => string;
  /**
   * Aborting it takes the overlay down: every listener, observer and timer,
   * the highlights and the card. Work under way stops at its next step, and
   * answers to requests already sent are dropped.
   */
  signal: AbortSignal;
  /**
   * Where private datasets' mentions are painted: an element in a closed
   * shadow root, which no page script can reach. Without it (the viewer, an
   * extension page no web page shares) they go in the highlight registry
   * like the rest.
   */
  marks?: () => HTMLElement;
}

export interface Overlay {
  /** Every entity on the page with its number of mentions. */
  entityCounts(): Map<EntityKey, number>;
  /** Scrolls to an entity's first mention and flashes it. */
  reveal(key: EntityKey): boolean;
  /** Settles once the first full scan has been applied; perhaps never if the signal aborts first. */
  ready: Promise<void>;
  /** Applies the reader's appearance settings: highlight style, card delay, card theme. */
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
  const shadowRoots: ShadowRoot[] = [];
  const styleShadowRoot = createShadowHighlightStyle({ signal });
  const options: ExtractOptions = {
    ignore: env.ignore,
    onShadowRoot: (root) => {
      if (shadowRoots.includes(root)) return;
      shadowRoots.push(root);
      styleShadowRoot(root);
      watcher?.observe(root);
    },
  };
  /** Private datasets the scans named; the overlay starts again whenever the datasets change. */
  const privateDatasets = new Set<string>();
  const mentions = new PageMentions(
    env.marks ? (entities) => entities.every((key) => privateDatasets.has(parseEntityKey(key).dataset)) : undefined,
  );
  const highlights = createHighlightLayer({ win, signal });
  const privateMarks = env.marks ? createPrivateMarks({ container: env.marks, win, signal }) : null;
  const paint: MentionPaint = {
    add(list) {
      highlights.add(list.filter((m) => !m.private).map((m) => m.range));
      privateMarks?.add(list.filter((m) => m.private).map((m) => m.range));
    },
    remove(list) {
      highlights.remove(list.filter((m) => !m.private).map((m) => m.range));
      privateMarks?.remove(list.filter((m) => m.private).map((m) => m.range));
    },
  };
  /** The current mention (hovered, flashed) is marked where its kind is: a private one never in the registry. */
  const setActive = (m: Mention | null) => {
    highlights.setActive(m && !m.private ? m.range : null);
    privateMarks?.setActive(m?.private ? m.range : null);
  };
  const data = createEntityData({ request });
  let appearance = DEFAULT_APPEARANCE;
  const delay = () => appearance.cardDelayMs;
  let current: Mention | null = null;
  let queue: Promise<void> = Promise.resolve();

  const card = createCardUi({
    mount: env.mountCard,
    onPointerInside: (inside) => hover.pointerInCard(inside),
    onClose: () => closeCard(),
    onOpenSource: (link) => openSource(link),
    sourceHref: (link) => env.extensionUrl(viewerPath(link)),
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

  async function openCard(mention: Mention, { focus = false } = {}): Promise<void> {
    if (signal.aborted) return;
    current = mention;
    hover.shownNow(mention);
    setActive(mention);
    const { entities, sources, names } = await data.card(mention.entities);
    if (current !== mention || entities.length === 0) return;
    const peers = peersOf(mention);
    const index = Math.max(0, peers.indexOf(mention));
    const step = (by: number) => () => {
      const next = peers[(index + by + peers.length) % peers.length]!;
      const el = next.range.startContainer.parentElement;
      el?.scrollIntoView({ block: 'center' });
      void openCard(next, { focus: true });
    };
    await card.show({
      anchor: () => liveRange(doc, mention.range).getBoundingClientRect(),
      entities,
      sources,
      names,
      theme: appearance.theme,
      onPage: { index, total: peers.length, onPrevious: step(-1), onNext: step(1) },
    });
    if (focus) card.focus();
  }

  function closeCard(): void {
    current = null;
    hover.closedNow();
    setActive(null);
    void card.hide();
  }

  /** `removed` is asked when the scan starts, so that it includes what the scans queued before it added. */
  function apply(blocks: Block[], removed: () => Block[] = () => []): Promise<void> {
    const run = () =>
      scanBlocks({
        blocks,
        removed: removed(),
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
          if (current && gone.includes(current)) closeCard();
        },
      });
    // One scan at a time, in order, so a later rescan always wins.
    queue = queue.then(run, run);
    return queue;
  }

  async function rescan(containers: Node[]): Promise<void> {
    if (signal.aborted) return;
    const live = containers.filter((c) => c.isConnected);
    const blocks = await extractInSlices({ roots: live, options, signal });
    // Blocks a scan still under way adds under these containers are read again here too, so they go as well.
    const removed = () => [...mentions.allBlocks()].filter((b) => !b.container.isConnected || containers.some((c) => isInside(b.container, c)));
    await apply(blocks, removed);
  }

  const watcher = watchMutations({ root: doc, options, delayMs: MUTATION_DELAY_MS, onDirty: (c) => void rescan(c), signal });
  for (const root of shadowRoots) watcher.observe(root);

  let frame = 0;
  let lastPointer: PointerEvent | null = null;
  const onPointerMove = (e: PointerEvent) => {
    lastPointer = e;
    if (frame) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      const p = lastPointer;
      if (!p) return;
      if (p.target instanceof Element && env.ignore.has(p.target)) return;
      highlights.ensureRegistered();
      hover.pointerOver(mentionAtPoint({ doc, x: p.clientX, y: p.clientY, mentions, shadowRoots }));
    });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && card.isOpen) {
      closeCard();
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
  };
  const onViewportChange = () => card.reposition();

  let registryCheck = 0;
  let revealTimer = 0;
  // Timers and caches cannot listen to a signal themselves.
  signal.addEventListener(
    'abort',
    () => {
      win.clearInterval(registryCheck);
      win.clearTimeout(revealTimer);
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
    win.addEventListener('scroll', onViewportChange, { capture: true, passive: true, signal });
    win.addEventListener('resize', onViewportChange, { passive: true, signal });
    win.clearInterval(registryCheck);
    registryCheck = win.setInterval(() => highlights.ensureRegistered(), REGISTRY_CHECK_MS);
  }
  listen();
  watchDocumentRewrite({ doc, onRewrite: listen, signal });

  const root = doc.body ?? doc.documentElement;
  const ready = extractInSlices({ roots: [root], options, signal }).then((blocks) => apply(blocks));

  return {
    ready,
    entityCounts: () => mentions.entityCounts(),
    setAppearance(next) {
      appearance = next;
      highlights.setStyle(next.highlightStyle);
      privateMarks?.setStyle(next.highlightStyle);
    },
    reveal(key) {
      const first = [...mentions.all()].filter((m) => m.entities.includes(key)).sort(inDocumentOrder)[0];
      if (!first) return false;
      first.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      setActive(first);
      win.clearTimeout(revealTimer);
      revealTimer = win.setTimeout(() => {
        if (current !== first) setActive(current);
      }, 1500);
      return true;
    },
  };
}
