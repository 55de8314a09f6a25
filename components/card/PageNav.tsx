import { trusted } from '../../overlay/trusted';
import type { EntityCardProps } from './EntityCard';

type PageNavProps = NonNullable<EntityCardProps['onPage']>;

/** Stepping through this entity's mentions on the page: the card follows, so the reader need not hunt for them. */
export function PageNav({ index, total, onPrevious, onNext }: PageNavProps) {
  const alone = total < 2;
  return (
    <footer class="fl-footer">
      <span class="fl-count">{total === 1 ? '1 mention on this page' : `${total} mentions on this page`}</span>
      <span class="fl-nav">
        <button type="button" class="fl-nav-button" aria-label="Previous mention on this page" disabled={alone} onClick={trusted(onPrevious)}>
          ‹ Previous
        </button>
        <span class="fl-position" aria-live="polite">
          {index + 1} of {total}
        </span>
        <button type="button" class="fl-nav-button" aria-label="Next mention on this page" disabled={alone} onClick={trusted(onNext)}>
          Next ›
        </button>
      </span>
    </footer>
  );
}
