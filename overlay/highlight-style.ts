import type { Appearance } from '../src/messages/appearance';
import baseCss from './highlight.css?inline';

/**
 * The one highlight name Factlens registers, whatever the reader's style:
 * a name per style would tell every page the reader's setting.
 */
export const MENTION_HIGHLIGHT = 'factlens-mention';

type Style = Appearance['highlightStyle'];

/** The default style, which highlight.css gives in the manifest. */
const MANIFEST_STYLE: Style = 'both';

/** How each other style differs from the manifest's look. */
const OVERRIDES: Record<Style, string> = {
  both: '',
  wash: 'background-color: rgb(250 190 40 / 0.26); text-decoration: none;',
  underline: 'background-color: transparent; text-decoration: underline dotted rgb(205 130 0 / 0.95);',
};

/*
 * Where the style lives, and what a page can learn from it. No place for
 * CSS both styles a page's text and is hidden from that page: a page reads
 * any ::highlight rule that applies to it with
 * getComputedStyle(el, '::highlight(factlens-mention)'), and reads adopted
 * sheets and <style> elements directly (measured in Chromium and Firefox
 * ESR). The options measured:
 * - a name per style: the registry tells the style (what this replaces);
 * - everything in a sheet adopted only while something is marked: the page
 *   sees nothing where Factlens is off, but adopting a ::highlight rule into
 *   a document restyles every element, which held a 100,000-node page's
 *   timers for 1.1 s in Chromium and 0.6 s in Firefox (0.06 and 0.13 s with
 *   Factlens off; test/browser/hostile-load.test.ts);
 * - the default look in manifest CSS, present from the first style pass, and
 *   only another style as an adopted sheet: what is used. Every page can
 *   tell from the manifest rule that Factlens is installed, on or off; only
 *   a page where Factlens marks something, for a reader who chose another
 *   style, pays the restyle and can read that style.
 */

/** The sheet a document adopts for a style beyond the manifest's, or null for the manifest's own. */
export function overrideCss(style: Style): string | null {
  return style === MANIFEST_STYLE ? null : `::highlight(${MENTION_HIGHLIGHT}) { ${OVERRIDES[style]} }`;
}

/** The whole look of a style, for shadow roots, which manifest CSS does not reach. */
export function highlightCss(style: Style): string {
  return `${baseCss}\n${overrideCss(style) ?? ''}`;
}

/** Whether a stylesheet is one of Factlens's highlight sheets: its every rule styles the mention highlight. */
function isHighlightSheet(sheet: CSSStyleSheet): boolean {
  try {
    const rules = [...sheet.cssRules];
    return rules.length > 0 && rules.every((r) => r.cssText.startsWith(`::highlight(${MENTION_HIGHLIGHT})`));
  } catch {
    return false;
  }
}

/** Takes Factlens highlight sheets that a torn-down predecessor left out of a document. */
export function removeLeftoverSheets(doc: Document): void {
  try {
    const kept = doc.adoptedStyleSheets.filter((s) => !isHighlightSheet(s));
    if (kept.length !== doc.adoptedStyleSheets.length) doc.adoptedStyleSheets = kept;
  } catch {
    // A document that refuses adopted sheets holds none of ours.
  }
}
