import { useId, useMemo, useState } from 'preact/hooks';
import { trusted } from '../../overlay/trusted';
import type { EntityRecord } from '../../src/messages/protocol';
import { t } from '../../utils/i18n';
import { citeName, findSource, publishedDate } from './cite';
import { excerptItems, excerptSegments, type ExcerptItem } from './excerpt-text';
import { InferredMark } from './InferredMark';
import { SectionTitle, type HeadingLevel } from './SectionTitle';
import { SourceAnchor } from './SourceAnchor';
import type { CardEnv } from './types';

/** Enough to show how the sources speak of someone without burying the roles. */
const COLLAPSED_COUNT = 3;
/** About three lines at the card's width. */
const MAX_EXCERPT_CHARS = 220;

export function Excerpts({ entity, env, level }: { entity: EntityRecord; env: CardEnv; level: HeadingLevel }) {
  const items = useMemo(() => excerptItems({ mentions: entity.mentions }), [entity.mentions]);
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  if (items.length === 0) return null;
  const shown = expanded ? items : items.slice(0, COLLAPSED_COUNT);
  return (
    <section class="fl-section">
      <SectionTitle level={level}>{t('cardInTheSources')}</SectionTitle>
      <ul class="fl-excerpts" id={listId}>
        {shown.map((item, i) => (
          <li key={i}>
            <Excerpt item={item} dataset={entity.dataset} env={env} />
          </li>
        ))}
      </ul>
      {items.length > COLLAPSED_COUNT && (
        // A toggle rather than a button that vanishes, so keyboard focus has somewhere to stay.
        <button type="button" class="fl-more" aria-expanded={expanded} aria-controls={listId} onClick={trusted(() => setExpanded(!expanded))}>
          {expanded ? t('cardShowFewerExcerpts') : t('cardShowAllExcerpts', items.length)}
        </button>
      )}
    </section>
  );
}

function Excerpt({ item, dataset, env }: { item: ExcerptItem; dataset: string; env: CardEnv }) {
  const { mention, marks } = item;
  const info = findSource({ env, dataset, source: mention.source });
  const date = publishedDate({ info, locale: env.locale });
  return (
    <SourceAnchor env={env} link={{ dataset, source: mention.source, start: mention.start, end: mention.end }} class="fl-excerpt">
      <q class="fl-quote">
        {excerptSegments({ sentence: mention.sentence, marks, max: MAX_EXCERPT_CHARS }).map((segment, i) =>
          segment.mark ? (
            <mark key={i} class="fl-mark">
              {segment.text}
            </mark>
          ) : (
            segment.text
          ),
        )}
      </q>
      <span class="fl-cite">
        <span class="fl-cite-name">{citeName({ info, source: mention.source })}</span>
        {date && (
          <span class="fl-cite-date">
            {date.inferred && <InferredMark />}
            {date.text}
          </span>
        )}
      </span>
    </SourceAnchor>
  );
}
