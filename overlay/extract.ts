/**
 * Page text as blocks: runs of text nodes joined across inline elements, so
 * `<span>Jack</span> <span>Ma</span>` reads "Jack Ma", and cut at every
 * block element, so a name never runs from one paragraph into the next.
 *
 * Block and inline are told apart by tag name, not computed style: reading
 * style for every text node would force layout over the whole page.
 */
export interface Block {
  /** The element (or shadow root) whose inline content this is. */
  container: Node;
  text: string;
  nodes: Text[];
  /** Offset in `text` where each node starts. */
  starts: number[];
}

const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup',
  'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'head', 'title', 'meta', 'link',
]);

const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font',
  'i', 'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 'rb', 'rp', 'rt', 'rtc', 'ruby', 's', 'samp', 'small',
  'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr', 'slot', 'tspan', 'textpath',
]);

function tagOf(el: Element): string {
  return el.localName;
}

/** Custom elements are inline by default, as CSS makes them. */
export function isInline(el: Element): boolean {
  const tag = tagOf(el);
  return INLINE.has(tag) || tag.includes('-');
}

function isEditable(el: Element): boolean {
  const value = el.getAttribute('contenteditable');
  return value !== null && value.toLowerCase() !== 'false';
}

export interface ExtractOptions {
  /** Our own card host, never read. */
  ignore?: ReadonlySet<Element>;
  /** Told of every open shadow root read, so it can be watched for changes. */
  onShadowRoot?: (root: ShadowRoot) => void;
}

export function isSkipped(el: Element, options: ExtractOptions): boolean {
  return SKIPPED.has(tagOf(el)) || isEditable(el) || options.ignore?.has(el) === true;
}

/**
 * Yields the blocks under `root` in document order, descending into open
 * shadow roots. A generator so that callers can stop after a time budget
 * and resume in a later task.
 *
 * A walk by firstChild and nextSibling that carries each node's block
 * container down with it, and joins a block's text once: a TreeWalker calls
 * back into script for every element and a container had to be looked up
 * for every text node, which made extraction two to three times slower
 * (bench/RESULTS.md, "Extraction").
 */
export function* blocksUnder(root: Node, options: ExtractOptions = {}): Generator<Block, void, undefined> {
  let block: Block | null = null;
  let pieces: string[] = [];
  let length = 0;
  const take = (): Block | null => {
    const done = block;
    block = null;
    if (!done) return null;
    done.text = pieces.length === 1 ? pieces[0]! : pieces.join('');
    pieces = [];
    return /\S/.test(done.text) ? done : null;
  };
  /** The block container of each element being walked through, outermost first. */
  const outer: Node[] = [];
  let container: Node = root;
  let node: Node | null = root.firstChild;
  while (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (block && block.container !== container) {
        const done = take();
        if (done) yield done;
      }
      if (!block) {
        block = { container, text: '', nodes: [], starts: [] };
        length = 0;
      }
      const data = (node as Text).data;
      block.starts.push(length);
      block.nodes.push(node as Text);
      pieces.push(data);
      length += data.length;
    } else if (node.nodeType === Node.ELEMENT_NODE && !isSkipped(node as Element, options)) {
      const el = node as Element;
      const inline = isInline(el);
      const shadow = el.shadowRoot;
      if (!inline || shadow) {
        const done = take();
        if (done) yield done;
      }
      if (shadow) {
        options.onShadowRoot?.(shadow);
        yield* blocksUnder(shadow, options);
      }
      if (el.firstChild) {
        outer.push(container);
        if (!inline) container = el;
        node = el.firstChild;
        continue;
      }
    }
    while (node && !node.nextSibling) {
      node = node.parentNode;
      if (node === root) node = null;
      else container = outer.pop()!;
    }
    node = node?.nextSibling ?? null;
  }
  const done = take();
  if (done) yield done;
}

/** The element a block is laid out in: its container, or a shadow root's host. */
export function layoutElementOf(block: Block): Element | null {
  const c = block.container;
  if (c.nodeType === Node.ELEMENT_NODE) return c as Element;
  if (c.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return (c as ShadowRoot).host ?? null;
  return c.parentElement;
}

/** The length node `i` of a block had when it was read. */
function readLength(block: Block, i: number): number {
  return (block.starts[i + 1] ?? block.text.length) - block.starts[i]!;
}

/** Where a span of block text lies, as read: the index of its first and last node, and its offsets in them. */
export interface Span {
  first: number;
  startOffset: number;
  last: number;
  endOffset: number;
}

/**
 * Where `start` .. `end` of a block's text lies among its nodes. Found from
 * the block as it was read: the page may have changed the nodes since (see
 * readsAsExtracted). The start prefers the start of a node over the end of
 * the one before; the end, the end of a node over the start of the next.
 */
export function spanIn(block: Block, start: number, end: number): Span {
  const a = locate(block, start, false);
  const b = locate(block, end, true);
  return { first: a.index, startOffset: a.offset, last: b.index, endOffset: b.offset };
}

function locate(block: Block, offset: number, atEnd: boolean): { index: number; offset: number } {
  let lo = 0;
  let hi = block.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    const s = block.starts[mid]!;
    if (s < offset || (!atEnd && s === offset)) lo = mid;
    else hi = mid - 1;
  }
  // Empty text nodes share a start with their successor; step past them.
  while (!atEnd && lo < block.nodes.length - 1 && readLength(block, lo) === 0) lo++;
  return { index: lo, offset: offset - block.starts[lo]! };
}

/**
 * Whether the page still holds `block.text.slice(start, end)` where it was
 * read. The page may edit a text node while its block is being matched, and
 * a range made from the old offsets would then mark other text, or lie past
 * the node's end (where a live Range throws). Every node the span touches
 * must keep its length, so offsets still mean what they meant, and the
 * span's text must be unchanged. The edit itself has queued a rescan.
 */
export function readsAsExtracted(block: Block, start: number, end: number, span: Span = spanIn(block, start, end)): boolean {
  let at = start;
  for (let i = span.first; i <= span.last; i++) {
    const node = block.nodes[i]!;
    const data = node.data;
    if (data.length !== readLength(block, i)) return false;
    const to = i === span.last ? span.endOffset : data.length;
    // Unit by unit: a name is a few units, and slicing both sides cost more than comparing them.
    for (let u = i === span.first ? span.startOffset : 0; u < to; u++) if (data.charCodeAt(u) !== block.text.charCodeAt(at++)) return false;
  }
  return at === end;
}
