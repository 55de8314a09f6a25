import type { TargetedKeyboardEvent } from 'preact';
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import type { EntityKey, SearchHit } from '../../src/messages/protocol';
import { t } from '../../utils/i18n';
import { askTab } from '../../utils/tab-messaging';
import { useBroadcasts } from '../../utils/use-broadcasts';
import { DetailView } from './DetailView';
import { OnPageSection } from './OnPageSection';
import { ResultList } from './ResultList';
import { SearchBox } from './SearchBox';
import { SiteSection } from './SiteSection';
import { usePageInfo } from './use-page-info';
import { hitsOf, useSearch } from './use-search';
import { useTheme } from './use-theme';

/**
 * A content script applies a settings change asynchronously (and scans again
 * when turned on), and a page may still be scanning when the popup opens, so
 * the page is asked once more a little later.
 */
const PAGE_SETTLE_MS = 1000;

/** The selected result, tied to the answer it indexes: a new answer selects its first result. */
interface Selection {
  hits: readonly SearchHit[];
  index: number;
}

export function App() {
  const [query, setQuery] = useState('');
  const [selection, setSelection] = useState<Selection | null>(null);
  const [detail, setDetail] = useState<SearchHit | null>(null);
  const [revision, setRevision] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();

  const search = useSearch(query);
  const page = usePageInfo(revision);
  const theme = useTheme(revision);

  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = useCallback(() => {
    setRevision((r) => r + 1);
    clearTimeout(settle.current);
    settle.current = setTimeout(() => setRevision((r) => r + 1), PAGE_SETTLE_MS);
  }, []);
  // A page still scanning, or a content script slow to answer, is asked once more a little after the popup opens.
  useEffect(() => {
    settle.current = setTimeout(() => setRevision((r) => r + 1), PAGE_SETTLE_MS);
    return () => clearTimeout(settle.current);
  }, []);
  useBroadcasts(refresh);

  // Focus on open (autofocus alone is not reliable in every browser's popup) and on coming back from a card.
  useEffect(() => {
    if (!detail) input.current?.focus();
  }, [detail]);

  const searching = query.trim() !== '';
  const hits = hitsOf(search);
  const selected = hits.length === 0 ? -1 : selection?.hits === hits ? Math.min(selection.index, hits.length - 1) : 0;
  const optionId = (index: number) => `${listId}-option-${index}`;

  function open(hit: SearchHit) {
    setDetail(hit);
  }

  function onKeyDown(event: TargetedKeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!searching || hits.length === 0) return;
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setSelection({ hits, index: (selected + step + hits.length) % hits.length });
        return;
      }
      case 'Enter': {
        const hit = searching ? hits[selected] : undefined;
        if (!hit) return;
        event.preventDefault();
        open(hit);
        return;
      }
      case 'Escape':
        // With text: clear it (and keep the popup open). Without: let the browser close the popup.
        if (query === '') return;
        event.preventDefault();
        setQuery('');
        return;
    }
  }

  async function reveal(key: EntityKey): Promise<void> {
    if (page.status !== 'ready' || page.value.tabId === null) return;
    await askTab(page.value.tabId, { type: 'revealEntity', key });
    if (!page.value.asPage) window.close();
  }

  return (
    <div class="popup">
      <h1 class="visually-hidden">{t('extName')}</h1>
      <div class="home" hidden={detail !== null}>
        <SearchBox
          inputRef={input}
          query={query}
          onQuery={setQuery}
          listId={listId}
          activeId={searching && selected >= 0 ? optionId(selected) : undefined}
          onKeyDown={onKeyDown}
        />
        <div hidden={!searching}>
          <ResultList
            id={listId}
            search={search}
            selected={selected}
            optionId={optionId}
            onSelect={(index) => setSelection({ hits, index })}
            onOpen={open}
          />
        </div>
        <div hidden={searching}>
          <SiteSection page={page} revision={revision} />
          <OnPageSection page={page} onReveal={reveal} />
        </div>
      </div>
      {detail && <DetailView hit={detail} theme={theme} onBack={() => setDetail(null)} />}
    </div>
  );
}
