import { OriginalLink } from '../../components/card/OriginalLink';
import { formatPartialDate, parsePartialDate } from '../../src/dates/partial-date';
import type { SourceRecord } from '../../src/messages/protocol';
import { t, uiLocale } from '../../utils/i18n';

/** "Dec 2022", or "≈ Dec 2022 (inferred)" when the date was worked out from the text. */
function publishedLabel(source: Pick<SourceRecord, 'published' | 'publishedInferred'>): string | null {
  const date = source.published === undefined ? null : parsePartialDate(source.published);
  if (!date) return null;
  const formatted = formatPartialDate({ date, locale: uiLocale() });
  return source.publishedInferred ? t('viewerInferredDate', formatted) : formatted;
}

export function SourceHeader({ source }: { source: SourceRecord }) {
  const published = publishedLabel(source);
  return (
    <header>
      <h1 data-testid="viewer-title">{source.title}</h1>
      {(source.publisher || published) && (
        <p class="byline">
          {source.publisher && (
            <span class="publisher" data-testid="viewer-publisher">
              {source.publisher}
            </span>
          )}
          {source.publisher && published && <span aria-hidden="true"> · </span>}
          {published && (
            <time
              dateTime={source.published}
              title={source.publishedNote}
              class={source.publishedInferred ? 'inferred' : undefined}
              data-testid="viewer-date"
            >
              {published}
            </time>
          )}
        </p>
      )}
      {source.text !== undefined && (
        <p class="original">
          <OriginalLink url={source.url} class="original-link" />
        </p>
      )}
    </header>
  );
}

/**
 * A source that is a reference, with no text: its details, then the link to
 * where it was published. The card's citation of it opens the viewer here.
 */
export function ReferenceDetails({ source }: { source: SourceRecord }) {
  const published = publishedLabel(source);
  return (
    <section class="reference" data-testid="viewer-reference">
      <p>{t('viewerReferenceIntro')}</p>
      <dl>
        <dt>{t('viewerReferenceTitle')}</dt>
        <dd>{source.title}</dd>
        {source.publisher && (
          <>
            <dt>{t('viewerReferencePublisher')}</dt>
            <dd>{source.publisher}</dd>
          </>
        )}
        {published && (
          <>
            <dt>{t('viewerReferencePublished')}</dt>
            <dd>{published}</dd>
          </>
        )}
        {source.url !== undefined && (
          <>
            <dt>{t('viewerReferenceAddress')}</dt>
            <dd class="address">{source.url}</dd>
          </>
        )}
      </dl>
      <p class="original">
        <OriginalLink url={source.url} class="original-link" />
      </p>
    </section>
  );
}
