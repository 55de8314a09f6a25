/**
 * Highlights through the CSS Custom Highlight API: the page's DOM is never
 * touched. The registry is shared with the page, which may clear it or
 * replace our entries, so `ensureRegistered` puts them back.
 */
import type { Appearance } from '../../src/messages/protocol';

export const MENTION_HIGHLIGHT = 'factlens-mention';
export const ACTIVE_HIGHLIGHT = 'factlens-active';

/** A highlight's look comes from its name; highlight.css styles each one. */
export const HIGHLIGHT_NAMES: Record<Appearance['highlightStyle'], string> = {
  both: MENTION_HIGHLIGHT,
  wash: `${MENTION_HIGHLIGHT}-wash`,
  underline: `${MENTION_HIGHLIGHT}-underline`,
};

export interface HighlightLayer {
  add(ranges: Iterable<AbstractRange>): void;
  remove(ranges: Iterable<AbstractRange>): void;
  /** Marks one range as the current one (hovered, flashed), or none. */
  setActive(range: AbstractRange | null): void;
  ensureRegistered(): void;
  /** Registers the mentions under the name of another style. */
  setStyle(style: Appearance['highlightStyle']): void;
  clear(): void;
  readonly supported: boolean;
}

export function createHighlightLayer({ win }: { win: Window & typeof globalThis }): HighlightLayer {
  // Captured once: a page may later replace these globals.
  const registry = win.CSS?.highlights;
  const HighlightCtor = win.Highlight;
  if (!registry || typeof HighlightCtor !== 'function') {
    const noop = () => {};
    return { add: noop, remove: noop, setActive: noop, ensureRegistered: noop, setStyle: noop, clear: noop, supported: false };
  }
  let mentionName = MENTION_HIGHLIGHT;
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
      register(mentionName, mentions);
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
      if (mentions.size > 0) register(mentionName, mentions);
      if (active.size > 0) register(ACTIVE_HIGHLIGHT, active);
    },
    setStyle(style) {
      const name = HIGHLIGHT_NAMES[style];
      if (name === mentionName) return;
      if (registry.get(mentionName) === mentions) registry.delete(mentionName);
      mentionName = name;
      if (mentions.size > 0) register(mentionName, mentions);
    },
    clear() {
      mentions.clear();
      active.clear();
      if (registry.get(mentionName) === mentions) registry.delete(mentionName);
      if (registry.get(ACTIVE_HIGHLIGHT) === active) registry.delete(ACTIVE_HIGHLIGHT);
    },
  };
}
