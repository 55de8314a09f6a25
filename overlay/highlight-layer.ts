/**
 * Highlights through the CSS Custom Highlight API: the page's DOM is never
 * touched. The registry is shared with the page, which reads it, may clear it
 * or replace our entry, so the layer registers as little as it can:
 * - one name, `factlens-mention`, whatever the reader's style;
 * - only while it holds ranges: a page with no mention sees no name at all;
 * - no highlight for the hovered or flashed mention, which would tell the
 *   page which name the reader is looking at.
 * The default look is manifest CSS; another style is a sheet adopted into
 * the document beside the registration, present only while the name is
 * (see highlight-style.ts for what each choice lets a page learn).
 * `ensureRegistered` puts both back when the page took them out, as often as
 * the registry guard allows. Aborting `signal` takes them out for good.
 */
import type { Appearance } from '../src/messages/protocol';
import { highlightCss, MENTION_HIGHLIGHT, overrideCss } from './highlight-style';
import { createRegistryGuard } from './registry-guard';

export interface HighlightLayer {
  add(ranges: Iterable<AbstractRange>): void;
  remove(ranges: Iterable<AbstractRange>): void;
  ensureRegistered(): void;
  setStyle(style: Appearance['highlightStyle']): void;
  /** The whole look, for shadow roots to adopt (document CSS does not reach into them); null where none can be made. */
  sheet: CSSStyleSheet | null;
}

function makeSheet(win: Window & typeof globalThis, css: string): CSSStyleSheet | null {
  try {
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  } catch {
    return null;
  }
}

export function createHighlightLayer({ win, signal }: { win: Window & typeof globalThis; signal: AbortSignal }): HighlightLayer {
  // Captured once: a page may later replace these globals.
  const registry = win.CSS?.highlights;
  const HighlightCtor = win.Highlight;
  const doc = win.document;
  if (!registry || typeof HighlightCtor !== 'function') {
    const noop = () => {};
    return { add: noop, remove: noop, ensureRegistered: noop, setStyle: noop, sheet: null };
  }
  const mentions = new HighlightCtor();
  const shadowSheet = makeSheet(win, highlightCss('both'));
  /** The document's sheet for a style other than the manifest's; made when first needed. */
  let sheet: CSSStyleSheet | null = null;
  let override: string | null = null;
  const wantSheet = () => override !== null && sheet !== null;
  const guard = createRegistryGuard();
  /** Registered by us and not withdrawn by us: found missing, the page took it out. */
  let placed = false;

  const sheetAdopted = () => {
    try {
      return sheet !== null && doc.adoptedStyleSheets.includes(sheet);
    } catch {
      return wantSheet();
    }
  };
  const setSheetAdopted = (adopted: boolean) => {
    if (!sheet || sheetAdopted() === adopted) return;
    try {
      const others = doc.adoptedStyleSheets.filter((s) => s !== sheet);
      doc.adoptedStyleSheets = adopted ? [...others, sheet] : others;
    } catch {
      // Firefox may refuse a sheet from the content script's compartment:
      // the highlight is then registered unstyled.
    }
  };

  // A content script sees the page's objects through an isolated world
  // (Chrome) or Xray wrappers (Firefox), so page overrides of
  // CSS.highlights.set or HighlightRegistry.prototype.set cannot reach these
  // calls (test/browser/hostile-scripts.test.ts checks both browsers).
  const register = () => {
    const missing = registry.get(MENTION_HIGHLIGHT) !== mentions || sheetAdopted() !== wantSheet();
    if (!missing) {
      if (placed) guard.intact();
      return;
    }
    if (placed && !guard.mayRestore()) return;
    registry.set(MENTION_HIGHLIGHT, mentions);
    setSheetAdopted(wantSheet());
    placed = true;
  };
  const withdraw = () => {
    if (registry.get(MENTION_HIGHLIGHT) === mentions) registry.delete(MENTION_HIGHLIGHT);
    setSheetAdopted(false);
    placed = false;
  };
  /** Registered exactly while there is something to show. */
  const sync = () => {
    if (signal.aborted) return;
    if (mentions.size > 0) register();
    else if (placed) withdraw();
  };
  signal.addEventListener(
    'abort',
    () => {
      mentions.clear();
      withdraw();
    },
    { once: true },
  );

  return {
    sheet: shadowSheet,
    add(ranges) {
      for (const r of ranges) mentions.add(r);
      sync();
    },
    remove(ranges) {
      for (const r of ranges) mentions.delete(r);
      sync();
    },
    ensureRegistered: sync,
    setStyle(style) {
      override = overrideCss(style);
      try {
        shadowSheet?.replaceSync(highlightCss(style));
        if (override !== null) {
          sheet ??= makeSheet(win, override);
          sheet?.replaceSync(override);
        }
      } catch {
        // As above: the sheets keep the look they have.
      }
      // A change of style is no restore: the guard is not asked.
      if (placed) setSheetAdopted(wantSheet());
    },
  };
}
