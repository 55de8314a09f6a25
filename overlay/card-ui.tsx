import { render } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { EntityCard, type SourceLink } from '../components/card/EntityCard';
import { placeCard } from '../src/layout/placement';
import type { Appearance, EntityRecord, SourceInfo } from '../src/messages/protocol';
import type { PageHost } from './page-host';
import { trusted } from './trusted';

export interface CardContent {
  anchor: () => DOMRect;
  entities: EntityRecord[];
  sources: ReadonlyMap<string, SourceInfo>;
  names: ReadonlyMap<string, string>;
  reasons?: ReadonlyMap<string, string>;
  theme: Appearance['theme'];
  onPage?: { index: number; total: number; onPrevious(): void; onNext(): void };
}

const HEADING_ID = 'factlens-card-heading';

function CardFrame({
  content,
  onPointerInside,
  onClose,
  onOpenSource,
}: {
  content: CardContent;
  onPointerInside: (inside: boolean) => void;
  onClose: () => void;
  onOpenSource: (link: SourceLink) => void;
}) {
  const frame = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = frame.current;
    if (!el) return;
    const view = el.ownerDocument.defaultView!;
    const place = placeCard({
      anchor: content.anchor(),
      card: { width: el.offsetWidth, height: el.offsetHeight },
      viewport: { width: view.innerWidth, height: view.innerHeight },
    });
    el.style.left = `${place.left}px`;
    el.style.top = `${place.top}px`;
    el.dataset.side = place.side;
    el.style.visibility = 'visible';
  });
  return (
    <div
      ref={frame}
      class="fl-frame"
      role="dialog"
      aria-labelledby={HEADING_ID}
      tabIndex={-1}
      onPointerEnter={trusted(() => onPointerInside(true))}
      onPointerLeave={trusted(() => onPointerInside(false))}
    >
      <EntityCard
        entities={content.entities}
        sources={content.sources}
        names={content.names}
        {...(content.reasons ? { reasons: content.reasons } : {})}
        theme={content.theme}
        {...(content.onPage ? { onPage: content.onPage } : {})}
        onOpenSource={onOpenSource}
        onClose={onClose}
        headingId={HEADING_ID}
      />
    </div>
  );
}

/**
 * The one card on a page, drawn in the page host's card container. If the
 * page removed the host, showing a card puts it back; closing never does.
 * Aborting `signal` empties it for good.
 */
export function createCardUi({
  host,
  onPointerInside,
  onClose,
  onOpenSource,
  signal,
}: {
  host: PageHost;
  onPointerInside: (inside: boolean) => void;
  onClose: () => void;
  onOpenSource: (link: SourceLink) => void;
  signal: AbortSignal;
}) {
  let content: CardContent | null = null;
  signal.addEventListener(
    'abort',
    () => {
      content = null;
      render(null, host.cardContainer);
    },
    { once: true },
  );

  function draw(): void {
    if (signal.aborted) return;
    if (content) host.ensureMounted();
    render(
      content ? <CardFrame content={content} onPointerInside={onPointerInside} onClose={onClose} onOpenSource={onOpenSource} /> : null,
      host.cardContainer,
    );
  }

  return {
    show(next: CardContent): void {
      if (signal.aborted) return;
      content = next;
      draw();
    },
    hide(): void {
      if (!content) return;
      content = null;
      draw();
    },
    /** Places the card again, after scrolling or resizing. */
    reposition(): void {
      if (content) draw();
    },
    focus(): void {
      (host.cardContainer.querySelector('.fl-frame') as HTMLElement | null)?.focus();
    },
    get isOpen(): boolean {
      return content !== null;
    },
  };
}
