import { render } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { EntityCard, type EntityRef, type SourceLink } from '../components/card/EntityCard';
import { placeCard } from '../src/layout/placement';
import type { Appearance, EntityKey, EntityRecord, OrganizationPeople, SourceInfo } from '../src/messages/protocol';
import type { PageHost } from './page-host';
import { trusted } from './trusted';
import { timed } from './user-timing';

export interface CardContent {
  anchor: () => DOMRect;
  entities: EntityRecord[];
  sources: ReadonlyMap<string, SourceInfo>;
  names: ReadonlyMap<string, string>;
  reasons?: ReadonlyMap<string, string>;
  people: ReadonlyMap<EntityKey, OrganizationPeople>;
  theme: Appearance['theme'];
  onPage?: { index: number; total: number; onPrevious(): void; onNext(): void };
  /** Opens a person's card in place of this one (from an organization's People section). */
  onOpenEntity?(ref: EntityRef): void;
  /** Set on a card opened from another: returns to it. */
  onBack?(): void;
}

const HEADING_ID = 'factlens-card-heading';

interface CardActions {
  /** The pointer entered or left the card; `at` is where it was when that happened. */
  onPointerInside: (inside: boolean, at: { x: number; y: number }) => void;
  onClose: () => void;
  onOpenSource: (link: SourceLink) => void;
  onOpenSettings: () => void;
}

/** Mouse and pen only: a finger "enters" the card when it taps it and "leaves" when it lifts, which must not close it. */
const hovering = (handler: (at: { x: number; y: number }) => void) =>
  trusted((e: PointerEvent) => e.pointerType !== 'touch' && handler({ x: e.clientX, y: e.clientY }));

function CardFrame({ content, onPointerInside, onClose, onOpenSource, onOpenSettings }: CardActions & { content: CardContent }) {
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
      onPointerEnter={hovering((at) => onPointerInside(true, at))}
      onPointerLeave={hovering((at) => onPointerInside(false, at))}
    >
      <EntityCard
        entities={content.entities}
        sources={content.sources}
        names={content.names}
        {...(content.reasons ? { reasons: content.reasons } : {})}
        people={content.people}
        theme={content.theme}
        {...(content.onPage ? { onPage: content.onPage } : {})}
        {...(content.onOpenEntity ? { onOpenEntity: content.onOpenEntity } : {})}
        {...(content.onBack ? { onBack: content.onBack } : {})}
        onOpenSource={onOpenSource}
        onClose={onClose}
        onOpenSettings={onOpenSettings}
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
export function createCardUi({ host, signal, ...actions }: CardActions & { host: PageHost; signal: AbortSignal }) {
  let content: CardContent | null = null;
  /**
   * Set while a card is open: it follows its name through scrolling and
   * resizing. With no card, no listener of Factlens runs inside the frames
   * the page scrolls (bench/RESULTS.md, "Scrolling").
   */
  let following: AbortController | null = null;
  function follow(open: boolean): void {
    if (open === (following !== null)) return;
    following?.abort();
    following = null;
    const win = host.cardContainer.ownerDocument.defaultView;
    if (!open || !win) return;
    following = new AbortController();
    const on = { passive: true, signal: AbortSignal.any([signal, following.signal]) };
    const reposition = timed('scroll', () => draw());
    // Capturing, so an inner scroller that moves the name moves the card too.
    win.addEventListener('scroll', reposition, { ...on, capture: true });
    win.addEventListener('resize', reposition, on);
  }
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
      content ? <CardFrame content={content} {...actions} /> : null,
      host.cardContainer,
    );
  }

  return {
    show(next: CardContent): void {
      if (signal.aborted) return;
      content = next;
      follow(true);
      draw();
    },
    hide(): void {
      if (!content) return;
      content = null;
      follow(false);
      draw();
    },
    /** Draws the open card in another theme, as the reader just chose. */
    setTheme(theme: CardContent['theme']): void {
      if (!content || content.theme === theme) return;
      content = { ...content, theme };
      draw();
    },
    focus(): void {
      (host.cardContainer.querySelector('.fl-frame') as HTMLElement | null)?.focus();
    },
    get isOpen(): boolean {
      return content !== null;
    },
  };
}
