import { isInline, isSkipped, type ExtractOptions } from './extract';
import { timed } from './user-timing';

/** Parent across shadow boundaries. */
export function composedParent(node: Node): Node | null {
  return node.parentNode ?? (node as ShadowRoot).host ?? null;
}

/** Whether `node` or one of its ancestors, across shadow boundaries, is in `set`. */
export function isInsideAny(node: Node | null, set: ReadonlySet<Node>): boolean {
  for (let n = node; n; n = composedParent(n)) if (set.has(n)) return true;
  return false;
}

/** The element (or shadow root, or document) whose blocks must be read again when `node` changes. */
function dirtyContainer(node: Node): Node | null {
  for (let n: Node | null = node.nodeType === Node.TEXT_NODE ? node.parentNode : node; n; n = n.parentNode) {
    if (n.nodeType !== Node.ELEMENT_NODE) return n;
    if (!isInline(n as Element)) return n;
  }
  return null;
}

function skippedByAncestor(node: Node, options: ExtractOptions): boolean {
  for (let n: Node | null = node; n; n = composedParent(n)) {
    if (n.nodeType === Node.ELEMENT_NODE && isSkipped(n as Element, options)) return true;
  }
  return false;
}

/** Adding or removing the card's own host is no change to the page's text. */
function onlyOurs(record: MutationRecord, options: ExtractOptions): boolean {
  if (record.type !== 'childList' || !options.ignore) return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((n) => options.ignore!.has(n as Element));
}

/**
 * Watches a document (and the open shadow roots it is told about) for added
 * nodes and changed text, and reports the containers to read again, at most
 * once per `delayMs` so that a page rewriting itself every few milliseconds
 * costs a bounded amount of work. Aborting `signal` stops the watch and
 * drops what was collected.
 */
export function watchMutations({
  root,
  options,
  delayMs,
  onDirty,
  signal,
}: {
  root: Document;
  options: ExtractOptions;
  delayMs: number;
  onDirty: (containers: Node[]) => void;
  signal: AbortSignal;
}) {
  const dirty = new Set<Node>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const observer = new MutationObserver(timed('mutations', (records: MutationRecord[]) => {
    for (const record of records) {
      if (skippedByAncestor(record.target, options) || onlyOurs(record, options)) continue;
      const container = dirtyContainer(record.target);
      if (container) dirty.add(container);
    }
    if (dirty.size > 0 && timer === undefined) timer = setTimeout(flush, delayMs);
  }));

  const flush = timed('mutations', () => {
    timer = undefined;
    const all = [...dirty];
    dirty.clear();
    onDirty(all);
  });

  const config: MutationObserverInit = { childList: true, subtree: true, characterData: true };
  if (!signal.aborted) observer.observe(root, config);
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(timer);
      dirty.clear();
    },
    { once: true },
  );
  return {
    observe(shadowRoot: ShadowRoot): void {
      // Observing again would revive a disconnected observer.
      if (!signal.aborted) observer.observe(shadowRoot, config);
    },
  };
}
