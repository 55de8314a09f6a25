import type { Ref, TargetedKeyboardEvent } from 'preact';
import { MAX_QUERY_LENGTH } from '../../src/limits';
import { t } from '../../utils/i18n';

interface SearchBoxProps {
  inputRef: Ref<HTMLInputElement>;
  query: string;
  onQuery(query: string): void;
  /** The results list's id, and the selected option's id (aria-activedescendant), when the list shows. */
  listId: string;
  activeId: string | undefined;
  onKeyDown(event: TargetedKeyboardEvent<HTMLInputElement>): void;
}

/**
 * The search field. Focus stays here while the arrow keys move through the
 * results, which it points at with aria-activedescendant, as in an address bar.
 * (A searchbox, not role="combobox": Preact's types allow that role on a
 * type="search" input only with a list attribute.)
 */
export function SearchBox({ inputRef, query, onQuery, listId, activeId, onKeyDown }: SearchBoxProps) {
  return (
    <div class="search">
      <svg class="search-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
        <path d="m13 13 4.5 4.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
      <input
        ref={inputRef}
        type="search"
        aria-label={t('popupSearchPlaceholder')}
        aria-autocomplete="list"
        aria-controls={listId}
        aria-activedescendant={activeId}
        data-testid="search"
        placeholder={t('popupSearchPlaceholder')}
        autocomplete="off"
        spellcheck={false}
        maxLength={MAX_QUERY_LENGTH}
        autofocus
        value={query}
        onInput={(event) => onQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
