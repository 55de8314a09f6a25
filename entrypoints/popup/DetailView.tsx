import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { EntityCard, type EntityRef, type SourceLink } from '../../components/card/EntityCard';
import type { SearchHit } from '../../src/messages/protocol';
import { viewerPath } from '../../src/viewer-link';
import { t } from '../../utils/i18n';
import { request } from '../../utils/messaging';
import { loadCardData, type CardData } from './card-data';
import type { Theme } from './use-theme';

type State = { status: 'loading' } | { status: 'missing' } | { status: 'error'; error: string } | { status: 'ready'; data: CardData };

function sourceHref(link: SourceLink): string {
  return browser.runtime.getURL(viewerPath(link) as `/viewer.html${string}`);
}

function openSource(link: SourceLink): void {
  // The background opens the viewer in a new tab, which also closes the toolbar popup.
  request({ type: 'openSource', ...link }).catch(() => window.open(sourceHref(link), '_blank'));
}

/**
 * One search result as the overlay's own card, with a way back to the
 * results (the Back button or Esc). A person opened from an organization's
 * People section shows here too, and Back first returns to the organization.
 */
export function DetailView({ hit, theme, onBack }: { hit: SearchHit; theme: Theme; onBack(): void }) {
  const [trail, setTrail] = useState<EntityRef[]>([]);
  const shown: EntityRef = trail.at(-1) ?? hit;
  const goBack = () => (trail.length > 0 ? setTrail(trail.slice(0, -1)) : onBack());
  const [state, setState] = useState<State>({ status: 'loading' });
  const back = useRef<HTMLButtonElement>(null);
  const headingId = useId();

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    loadCardData({ dataset: shown.dataset, id: shown.id }).then(
      (data) => current && setState(data ? { status: 'ready', data } : { status: 'missing' }),
      (error: unknown) => current && setState({ status: 'error', error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [shown.dataset, shown.id]);

  useEffect(() => {
    back.current?.focus();
  }, [shown.dataset, shown.id]);

  // On the document, so Esc goes back wherever focus is, even after a click on plain text.
  const onBackRef = useRef(goBack);
  onBackRef.current = goBack;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      // Handled here, so the browser does not also close the popup.
      event.preventDefault();
      onBackRef.current();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <section class="detail" data-testid="detail" aria-labelledby={state.status === 'ready' ? headingId : undefined} aria-label={state.status === 'ready' ? undefined : shown.name}>
      <div class="detail-bar">
        <button ref={back} type="button" class="back" onClick={goBack} title={trail.length > 0 ? t('popupBackCardTitle') : t('popupBackTitle')}>
          <span aria-hidden="true">‹</span> {t('popupBack')}
        </button>
      </div>
      {state.status === 'loading' && (
        <p class="status" role="status">
          {t('popupLoadingEntity', shown.name)}
        </p>
      )}
      {state.status === 'missing' && (
        <p class="status error" role="alert">
          {t('popupEntityMissing', shown.name)}
        </p>
      )}
      {state.status === 'error' && (
        <p class="status error" role="alert">
          {t('popupEntityError', shown.name, state.error)}
        </p>
      )}
      {state.status === 'ready' && (
        <EntityCard
          entities={[state.data.entity]}
          sources={state.data.sources}
          names={state.data.names}
          people={state.data.people}
          onOpenEntity={(ref) => setTrail([...trail, { dataset: ref.dataset, id: ref.id, name: ref.name }])}
          sourceHref={sourceHref}
          onOpenSource={openSource}
          theme={theme}
          headingId={headingId}
        />
      )}
    </section>
  );
}
