/**
 * `::highlight()` rules only style text in the tree that holds them, so the
 * highlight sheet adopted into the document does not reach into shadow
 * roots. Each open shadow root that Factlens reads adopts the same sheet
 * (the highlight layer's, so a change of style reaches every root at once):
 * no element is added and no page element is restyled. Aborting `signal`
 * takes the sheet out of every root again, so an overlay started later adds
 * no second copy.
 */
export function createShadowHighlightStyle({ sheet, signal }: { sheet: CSSStyleSheet | null; signal: AbortSignal }) {
  const styled = new Set<ShadowRoot>();
  function unstyle(root: ShadowRoot): void {
    try {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    } catch {
      // As below: a root that refused the sheet holds nothing to take out.
    }
  }
  signal.addEventListener(
    'abort',
    () => {
      for (const root of styled) unstyle(root);
      styled.clear();
    },
    { once: true },
  );
  return {
    add(root: ShadowRoot): void {
      if (!sheet || styled.has(root) || signal.aborted) return;
      styled.add(root);
      try {
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      } catch {
        // Firefox may refuse a sheet made in the content script's compartment;
        // the highlight is then still registered, only unstyled in that root.
      }
    },
    /** Takes the sheet out of a root the overlay lets go of, so keeping it here does not keep the root alive. */
    forget(root: ShadowRoot): void {
      if (!styled.delete(root)) return;
      unstyle(root);
    },
  };
}
