import { render } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { EntityCard, type SourceLink } from '../components/card/EntityCard';
import { placeCard } from '../src/layout/placement';
import type { Appearance, EntityRecord, SourceInfo } from '../src/messages/protocol';

/** Where the card's Preact tree lives: a shadow root on pages, a plain element in extension pages. */
export interface CardMount {
  container: HTMLElement;
  /** The element added to the page, if any; the page may remove it. */
  host: Element | null;
  remove(): void;
}

export interface CardContent {
  anchor: () => DOMRect;
  entities: EntityRecord[];
  sources: ReadonlyMap<string, SourceInfo>;
  names: ReadonlyMap<string, string>;
  theme: Appearance['theme'];
  onPage?: { index: number; total: number; onPrevious(): void; onNext(): void };
}

const HEADING_ID = 'factlens-card-heading';

function CardFrame({
  content,
  onPointerInside,
  onClose,
  onOpenSource,
  sourceHref,
}: {
  content: CardContent;
  onPointerInside: (inside: boolean) => void;
  onClose: () => void;
  onOpenSource: (link: SourceLink) => void;
  sourceHref: (link: SourceLink) => string;
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
      data-testid="factlens-card"
      onPointerEnter={() => onPointerInside(true)}
      onPointerLeave={() => onPointerInside(false)}
    >
      <EntityCard
        entities={content.entities}
        sources={content.sources}
        names={content.names}
        theme={content.theme}
        {...(content.onPage ? { onPage: content.onPage } : {})}
        sourceHref={sourceHref}
        onOpenSource={onOpenSource}
        onClose={onClose}
        headingId={HEADING_ID}
      />
    </div>
  );
}

/**
 * The one card on a page. Mounts lazily, and mounts again if the page
 * removed its host, so a hostile page can hide the card but not break it.
 * Aborting `signal` unmounts it for good, a mount still under way included.
 */
export function createCardUi({
  mount,
  onPointerInside,
  onClose,
  onOpenSource,
  sourceHref,
  signal,
}: {
  mount: () => Promise<CardMount>;
  onPointerInside: (inside: boolean) => void;
  onClose: () => void;
  onOpenSource: (link: SourceLink) => void;
  sourceHref: (link: SourceLink) => string;
  signal: AbortSignal;
}) {
  let mounted: Promise<CardMount> | null = null;
  let content: CardContent | null = null;

  const unmount = (m: CardMount) => {
    render(null, m.container);
    m.remove();
  };
  signal.addEventListener(
    'abort',
    () => {
      content = null;
      void mounted?.then(unmount);
      mounted = null;
    },
    { once: true },
  );

  /** The mount to draw in, or null once aborted: the abort handler takes out what was mounted by then. */
  async function target(): Promise<CardMount | null> {
    const m = mounted ? await mounted : null;
    if (signal.aborted) return null;
    if (m && (m.host === null || m.host.isConnected)) return m;
    m?.remove();
    mounted = mount();
    return mounted;
  }

  async function draw(): Promise<void> {
    if (!content) {
      // Closing never mounts: a card whose host the page removed stays
      // removed until the next card is shown.
      const m = mounted ? await mounted : null;
      if (m) render(null, m.container);
      return;
    }
    const m = await target();
    if (!m || signal.aborted) return;
    const shown = content;
    render(
      shown ? (
        <CardFrame content={shown} onPointerInside={onPointerInside} onClose={onClose} onOpenSource={onOpenSource} sourceHref={sourceHref} />
      ) : null,
      m.container,
    );
  }

  return {
    async show(next: CardContent): Promise<void> {
      if (signal.aborted) return;
      content = next;
      await draw();
    },
    async hide(): Promise<void> {
      if (!content) return;
      content = null;
      await draw();
    },
    /** Places the card again, after scrolling or resizing. */
    reposition(): void {
      if (content) void draw();
    },
    focus(): void {
      void mounted?.then((m) => (m.container.querySelector('.fl-frame') as HTMLElement | null)?.focus());
    },
    get isOpen(): boolean {
      return content !== null;
    },
  };
}

