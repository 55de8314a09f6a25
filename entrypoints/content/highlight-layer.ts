/**
 * Highlights through the CSS Custom Highlight API: the page's DOM is never
 * touched. The registry is shared with the page, which may clear it or
 * replace our entries, so `ensureRegistered` puts them back.
 */
export const MENTION_HIGHLIGHT = 'factlens-mention';
export const ACTIVE_HIGHLIGHT = 'factlens-active';

export interface HighlightLayer {
  add(ranges: Iterable<AbstractRange>): void;
  remove(ranges: Iterable<AbstractRange>): void;
  /** Marks one range as the current one (hovered, flashed), or none. */
  setActive(range: AbstractRange | null): void;
  ensureRegistered(): void;
  clear(): void;
  readonly supported: boolean;
}

export function createHighlightLayer({ win }: { win: Window & typeof globalThis }): HighlightLayer {
  // Captured once: a page may later replace these globals.
  const registry = win.CSS?.highlights;
  const HighlightCtor = win.Highlight;
  if (!registry || typeof HighlightCtor !== 'function') {
    const noop = () => {};
    return { add: noop, remove: noop, setActive: noop, ensureRegistered: noop, clear: noop, supported: false };
  }
  const mentions = new HighlightCtor();
  const active = new HighlightCtor();
  active.priority = 1;

  // A content script sees the page's objects through an isolated world
  // (Chrome) or Xray wrappers (Firefox), so page overrides of
  // HighlightRegistry.prototype.set cannot reach these calls.
  const register = (name: string, h: Highlight) => {
    if (registry.get(name) !== h) registry.set(name, h);
  };

  return {
    supported: true,
    add(ranges) {
      for (const r of ranges) mentions.add(r);
      register(MENTION_HIGHLIGHT, mentions);
    },
    remove(ranges) {
      for (const r of ranges) mentions.delete(r);
    },
    setActive(range) {
      active.clear();
      if (range) active.add(range);
      register(ACTIVE_HIGHLIGHT, active);
    },
    ensureRegistered() {
      if (mentions.size > 0) register(MENTION_HIGHLIGHT, mentions);
      if (active.size > 0) register(ACTIVE_HIGHLIGHT, active);
    },
    clear() {
      mentions.clear();
      active.clear();
      if (registry.get(MENTION_HIGHLIGHT) === mentions) registry.delete(MENTION_HIGHLIGHT);
      if (registry.get(ACTIVE_HIGHLIGHT) === active) registry.delete(ACTIVE_HIGHLIGHT);
    },
  };
}
