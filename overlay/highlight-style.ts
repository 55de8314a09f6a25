import type { Appearance } from '../src/messages/appearance';

/**
 * The one highlight name Factlens registers, whatever the reader's style:
 * a name per style would tell every page the reader's setting.
 */
export const MENTION_HIGHLIGHT = 'factlens-mention';

/** Translucent amber reads on light and dark pages alike. */
const LOOKS: Record<Appearance['highlightStyle'], string> = {
  both: 'background-color: rgb(250 190 40 / 0.22); text-decoration: underline dotted rgb(205 130 0 / 0.85);',
  wash: 'background-color: rgb(250 190 40 / 0.26);',
  underline: 'text-decoration: underline dotted rgb(205 130 0 / 0.95);',
};

/**
 * The style of Factlens's highlight as a stylesheet's text. It matches no
 * element, so it cannot restyle the page.
 *
 * Why a sheet the overlay adopts, and not manifest CSS: a page reads any
 * rule that applies to it with getComputedStyle(el, '::highlight(name)')
 * (measured in Chromium and Firefox ESR), and manifest CSS applies on every
 * page, sites that are off included, so it would tell every page that
 * Factlens is installed. No place for CSS is hidden from the page and still
 * styles its text, so the rule is there only while Factlens marks something.
 */
export function highlightCss(style: Appearance['highlightStyle']): string {
  return `::highlight(${MENTION_HIGHLIGHT}) { ${LOOKS[style]} }`;
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
