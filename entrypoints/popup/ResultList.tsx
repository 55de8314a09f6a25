import { useEffect, useRef } from 'preact/hooks';
import type { SearchHit } from '../../src/messages/protocol';
import { entityTypeLabel, plural, t } from '../../utils/i18n';
import { hitsOf, type SearchState } from './use-search';

interface ResultListProps {
  id: string;
  search: SearchState;
  selected: number;
  optionId(index: number): string;
  onSelect(index: number): void;
  onOpen(hit: SearchHit): void;
}

/** The results of the current query as a listbox; the search box keeps focus and points at the selected option. */
export function ResultList({ id, search, selected, optionId, onSelect, onOpen }: ResultListProps) {
  const list = useRef<HTMLUListElement>(null);
  const hits = hitsOf(search);

  useEffect(() => {
    const option = list.current?.querySelector<HTMLElement>('[aria-selected="true"]');
    option?.scrollIntoView?.({ block: 'nearest' });
  }, [selected, hits]);

  if (search.status === 'error') {
    return (
      <p class="status error" role="alert" data-testid="search-error">
        {t('popupSearchFailed', search.error)}
      </p>
    );
  }
  const busy = search.status === 'loading' || (search.status === 'ready' && search.refreshing);
  const noMatches = !busy && hits.length === 0;
  return (
    <div class="results">
      <ul
        ref={list}
        id={id}
        role="listbox"
        aria-label={t('popupSearchResults')}
        aria-busy={busy}
        class="result-list"
        hidden={hits.length === 0}
      >
        {hits.map((hit, i) => (
          <li
            key={hit.key}
            id={optionId(i)}
            role="option"
            aria-selected={i === selected}
            class="result"
            data-testid="result"
            data-key={hit.key}
            // Keep focus in the search box: the list is driven from there.
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => i !== selected && onSelect(i)}
            onClick={() => onOpen(hit)}
          >
            <span class="result-line">
              <span class="result-name">{hit.name}</span>
              <span class="result-type" data-type={hit.type}>
                {entityTypeLabel(hit.type)}
              </span>
              {hit.people !== undefined && hit.people > 0 && <span class="result-people">{plural(hit.people, 'popupPeopleOne', 'popupPeopleOther')}</span>}
            </span>
            {hit.mainRole && (
              <span class="result-role">
                {hit.mainRole.title}
                {hit.mainRole.organization !== undefined && t('cardRoleOrganization', hit.mainRole.organization)}
              </span>
            )}
            {hit.matched && <span class="result-matched">{t('popupMatched', hit.matched)}</span>}
          </li>
        ))}
      </ul>
      <p class="status" role="status" data-testid="search-status">
        {noMatches ? t('popupNoMatches') : busy && hits.length === 0 ? t('popupSearching') : ''}
      </p>
    </div>
  );
}
