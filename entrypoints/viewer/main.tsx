import { render } from 'preact';
import { useEffect, useLayoutEffect } from 'preact/hooks';
import { parseViewerSearch, type ViewerTarget } from '../../src/viewer-link';
import { localizeDocument, t } from '../../utils/i18n';
import { request } from '../../utils/messaging';
import { useRequest } from '../../utils/use-request';
import { splitParagraphs } from './paragraphs';
import { ReferenceDetails, SourceHeader } from './SourceHeader';
import { SourceText } from './SourceText';
import { startViewerOverlay } from './viewer-overlay';

function Viewer({ target }: { target: ViewerTarget }) {
  const state = useRequest(() => request({ type: 'getSource', dataset: target.dataset, id: target.source }), [target.dataset, target.source]);

  const source = state.status === 'ready' ? state.value : null;
  const excerpt =
    source?.text !== undefined && target.start !== undefined && target.end !== undefined && target.end <= source.text.length
      ? { start: target.start, end: target.end }
      : undefined;

  useEffect(() => {
    if (source) document.title = t('viewerTitle', source.title);
  }, [source]);

  // After the text is in the DOM: bring the excerpt to the middle of the screen.
  useLayoutEffect(() => {
    if (!source) return;
    const mark = document.getElementById('excerpt');
    if (mark) {
      mark.scrollIntoView({ block: 'center' });
      mark.focus({ preventScroll: true });
    }
    const controller = new AbortController();
    startViewerOverlay({ signal: controller.signal });
    return () => controller.abort();
  }, [source]);

  if (state.status === 'loading') return <p class="status">{t('viewerLoading')}</p>;
  if (state.status === 'error') return <ViewerError message={t('viewerLoadError', state.error)} />;
  if (!source) return <ViewerError message={t('viewerNoSource', target.source, target.dataset)} />;
  const outOfRange = target.end !== undefined && !excerpt;
  return (
    <>
      <SourceHeader source={source} />
      {outOfRange && (
        <p class="notice" role="status">
          {t('viewerOutOfRange')}
        </p>
      )}
      {source.text === undefined ? <ReferenceDetails source={source} /> : <SourceText paragraphs={splitParagraphs({ text: source.text, excerpt })} />}
    </>
  );
}

function ViewerError({ message }: { message: string }) {
  return (
    <div class="error" role="alert" data-testid="viewer-error">
      <h1>{t('viewerUnavailable')}</h1>
      <p>{message}</p>
    </div>
  );
}

function App() {
  const target = parseViewerSearch(location.search);
  return (
    <main>
      {target ? (
        <Viewer target={target} />
      ) : (
        <ViewerError message={t('viewerNoTarget')} />
      )}
    </main>
  );
}

localizeDocument(t('viewerDocumentTitle'));
render(<App />, document.getElementById('app')!);
