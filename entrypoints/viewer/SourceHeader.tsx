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
    </header>
  );
}
