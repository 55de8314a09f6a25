/**
 * Tells when the page replaces its document in place with document.open()
 * and document.write(). The document open steps erase every event listener
 * on the document, its nodes and its window, the overlay's included, while
 * the Document, the window and mutation observers live on (HTML spec,
 * "document open steps"; both Chromium and Firefox do this). The new root
 * element arriving is the sign to listen again. Watches until `signal` aborts.
 */
import { timed } from './user-timing';

export function watchDocumentRewrite({ doc, onRewrite, signal }: { doc: Document; onRewrite: () => void; signal: AbortSignal }): void {
  if (signal.aborted) return;
  const observer = new MutationObserver(
    timed('mutations', (records: MutationRecord[]) => {
      const newRoot = records.some((r) => [...r.addedNodes].some((n) => n.nodeType === Node.ELEMENT_NODE));
      if (newRoot) onRewrite();
    }),
  );
  observer.observe(doc, { childList: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
