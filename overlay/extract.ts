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

function blockContainer(node: Node, root: Node, cache: Map<Node, Node>): Node {
  const parent = node.parentNode;
  if (!parent || parent === root) return root;
  const cached = cache.get(parent);
  if (cached) return cached;
  let found: Node = root;
  for (let n: Node | null = parent; n && n !== root; n = n.parentNode) {
    if (n.nodeType === Node.ELEMENT_NODE && !isInline(n as Element)) {
      found = n;
      break;
    }
  }
  cache.set(parent, found);
  return found;
}

/**
 * Yields the blocks under `root` in document order, descending into open
 * shadow roots. A generator so that callers can stop after a time budget
 * and resume in a later task.
 */
export function* blocksUnder(root: Node, options: ExtractOptions = {}): Generator<Block, void, undefined> {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeType === Node.ELEMENT_NODE && isSkipped(node as Element, options) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const cache = new Map<Node, Node>();
  let block: Block | null = null;
  const flush = function* () {
    if (block && /\S/.test(block.text)) yield block;
    block = null;
  };

  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      const el = node as Element;
      if (!isInline(el)) yield* flush();
      if (el.shadowRoot) {
        yield* flush();
        options.onShadowRoot?.(el.shadowRoot);
        yield* blocksUnder(el.shadowRoot, options);
      }
      continue;
    }
    const text = node as Text;
    const container = blockContainer(text, root, cache);
    if (block && block.container !== container) yield* flush();
    block ??= { container, text: '', nodes: [], starts: [] };
    block.starts.push(block.text.length);
    block.nodes.push(text);
    block.text += text.data;
  }
  yield* flush();
}

/** The length node `i` of a block had when it was read. */
function readLength(block: Block, i: number): number {
  return (block.starts[i + 1] ?? block.text.length) - block.starts[i]!;
}

/**
 * The text node and offset at a block offset; `atEnd` prefers the end of a
 * node over the start of the next. Found from the block as it was read: the
 * page may have changed the nodes since (see readsAsExtracted).
 */
export function positionIn(block: Block, offset: number, atEnd: boolean): { node: Text; offset: number } {
  const at = locate(block, offset, atEnd);
  return { node: block.nodes[at.index]!, offset: at.offset };
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
export function readsAsExtracted(block: Block, start: number, end: number): boolean {
  const first = locate(block, start, false);
  const last = locate(block, end, true);
  let text = '';
  for (let i = first.index; i <= last.index; i++) {
    const node = block.nodes[i]!;
    if (node.data.length !== readLength(block, i)) return false;
    text += node.data.slice(i === first.index ? first.offset : 0, i === last.index ? last.offset : undefined);
  }
  return text === block.text.slice(start, end);
}
