import highlightCss from './highlight.css?inline';

/**
 * `::highlight()` rules only style text in the tree that holds them, so the
 * manifest CSS does not reach into shadow roots. Each open shadow root that
 * Factlens reads gets the same rules as an adopted stylesheet: no element is
 * added and no page element is restyled.
 */
export function createShadowHighlightStyle() {
  let sheet: CSSStyleSheet | null = null;
  const styled = new WeakSet<ShadowRoot>();
  return (root: ShadowRoot): void => {
    if (styled.has(root)) return;
    styled.add(root);
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(highlightCss);
      }
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } catch {
      // Firefox may refuse a sheet made in the content script's compartment;
      // the highlight is then still registered, only unstyled in that root.
    }
  };
}
