/**
 * Highlights through the CSS Custom Highlight API: the page's DOM is never
 * touched. The registry is shared with the page, which may clear it or
 * replace our entries, so `ensureRegistered` puts them back, as often as the
 * registry guard allows. Aborting `signal` takes our entries out of the
 * registry for good.
 */
import type { Appearance } from '../src/messages/protocol';
import { createRegistryGuard } from './registry-guard';

const MENTION_HIGHLIGHT = 'factlens-mention';
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
}

export function createHighlightLayer({ win, signal }: { win: Window & typeof globalThis; signal: AbortSignal }): HighlightLayer {
  // Captured once: a page may later replace these globals.
  const registry = win.CSS?.highlights;
  const HighlightCtor = win.Highlight;
  if (!registry || typeof HighlightCtor !== 'function') {
    const noop = () => {};
    return { add: noop, remove: noop, setActive: noop, ensureRegistered: noop, setStyle: noop };
  }
  let mentionName = MENTION_HIGHLIGHT;
  const mentions = new HighlightCtor();
  const active = new HighlightCtor();
  active.priority = 1;
  const guard = createRegistryGuard();
  /** Names we registered and have not taken out ourselves: missing ones were removed by the page. */
  const placed = new Set<string>();

  // A content script sees the page's objects through an isolated world
  // (Chrome) or Xray wrappers (Firefox), so page overrides of
  // CSS.highlights.set or HighlightRegistry.prototype.set cannot reach these
  // calls (test/browser/hostile-scripts.test.ts checks both browsers).
  const register = (wanted: [string, Highlight][]) => {
    if (signal.aborted) return;
    const missing = wanted.filter(([name, h]) => registry.get(name) !== h);
    if (missing.length === 0) {
      if (wanted.some(([name]) => placed.has(name))) guard.intact();
      return;
    }
    if (missing.some(([name]) => placed.has(name)) && !guard.mayRestore()) return;
    for (const [name, h] of missing) {
      registry.set(name, h);
      placed.add(name);
    }
  };
  const unregister = (name: string, h: Highlight) => {
    if (registry.get(name) === h) registry.delete(name);
    placed.delete(name);
  };
  signal.addEventListener(
    'abort',
    () => {
      mentions.clear();
      active.clear();
      unregister(mentionName, mentions);
      unregister(ACTIVE_HIGHLIGHT, active);
    },
    { once: true },
  );

  return {
    add(ranges) {
      for (const r of ranges) mentions.add(r);
      register([[mentionName, mentions]]);
    },
    remove(ranges) {
      for (const r of ranges) mentions.delete(r);
    },
    setActive(range) {
      active.clear();
      if (range) {
        active.add(range);
        register([[ACTIVE_HIGHLIGHT, active]]);
      }
    },
    ensureRegistered() {
      const wanted: [string, Highlight][] = [];
      if (mentions.size > 0) wanted.push([mentionName, mentions]);
      if (active.size > 0) wanted.push([ACTIVE_HIGHLIGHT, active]);
      if (wanted.length > 0) register(wanted);
    },
    setStyle(style) {
      const name = HIGHLIGHT_NAMES[style];
      if (name === mentionName) return;
      unregister(mentionName, mentions);
      mentionName = name;
      if (mentions.size > 0) register([[mentionName, mentions]]);
    },
  };
}
