import { useId, useState } from 'preact/hooks';
import type { EntityKey } from '../../src/messages/protocol';
import { entityTypeLabel, formatNumber, t } from '../../utils/i18n';
import { useOnPageEntities, type OnPageEntity } from './use-on-page-entities';
import { pageInfoOf, type PageState } from './use-page-info';

interface OnPageSectionProps {
  page: PageState;
  /** Scrolls the page to the entity's first mention; rejects when the page cannot be reached. */
  onReveal(key: EntityKey): Promise<void>;
}

/** "On this page": the names Factlens found in the tab, most mentioned first; each one leads to its first mention. */
export function OnPageSection({ page, onReveal }: OnPageSectionProps) {
  const headingId = useId();
  const info = pageInfoOf(page);
  const state = useOnPageEntities(info);
  const [error, setError] = useState<string | null>(null);

  if (page.status !== 'loading' && !info) return null;

  function reveal(entity: OnPageEntity) {
    setError(null);
    onReveal(entity.key).catch(() => setError(t('popupRevealFailed', entity.name)));
  }

  return (
    <section class="panel" aria-labelledby={headingId} data-testid="on-page">
      <h2 id={headingId} class="panel-title">
        {t('popupOnThisPage')}
      </h2>
      {(page.status === 'loading' || state.status === 'loading') && (
        <p class="status" role="status">
          {t('popupLookingAtPage')}
        </p>
      )}
      {info && !info.active && state.status === 'ready' && state.value.length === 0 ? (
        <p class="status">{t('popupOffOnPage')}</p>
      ) : (
        state.status === 'ready' &&
        state.value.length === 0 && <p class="status">{t('popupNoNames')}</p>
      )}
      {state.status === 'error' && (
        <p class="status error" role="alert">
          {t('popupNamesError', state.error)}
        </p>
      )}
      {state.status === 'ready' && state.value.length > 0 && (
        <ul class="on-page-list">
          {state.value.map((entity) => (
            <li key={entity.key} class="on-page-row">
              <button
                type="button"
                class="on-page-entity"
                data-testid="on-page-entity"
                data-key={entity.key}
                title={t('popupRevealTitle', entity.name)}
                onClick={() => reveal(entity)}
              >
                <span class="on-page-name">{entity.name}</span>
                <span class="on-page-count"> — {formatNumber(entity.count)}</span>
              </button>
              <span class="on-page-type" data-type={entity.type}>
                {entityTypeLabel(entity.type)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="status error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
