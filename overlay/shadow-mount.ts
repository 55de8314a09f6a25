import cardCss from '../components/card/card.css?inline';
import frameCss from './card-frame.css?inline';

/**
 * A shadow root for the card on Factlens's own pages (the source viewer),
 * where WXT's content-script UI helper is not available.
 */
export async function mountCardInShadow({ doc }: { doc: Document }) {
  const host = doc.createElement('factlens-card');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = `${cardCss}\n${frameCss}`;
  const container = doc.createElement('div');
  shadow.append(style, container);
  doc.body.append(host);
  return { container, host, remove: () => host.remove() };
}
