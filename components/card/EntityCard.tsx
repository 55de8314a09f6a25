import type { TargetedKeyboardEvent } from 'preact';
import { trusted } from '../../overlay/trusted';
import { entityKey } from '../../src/messages/entity-key';
import type { EntityKey, EntityRecord, OrganizationPeople, SourceInfo } from '../../src/messages/protocol';
import { t, uiLocale } from '../../utils/i18n';
import { BackButton } from './BackButton';
import { EntitySection } from './EntitySection';
import { PageNav } from './PageNav';
import type { CardEnv, EntityRef, SourceLink } from './types';

export type { EntityRef, SourceLink } from './types';

export interface EntityCardProps {
  /** Every entity this mention could be (≥1). Several when datasets share a name: all are listed. */
  entities: EntityRecord[];
  /** Source metadata by entityKey({ dataset, id: sourceId }). A missing source is cited by its id. */
  sources: ReadonlyMap<string, SourceInfo>;
  /** Why each entity (by entityKey) is listed, where the name needs context: "Alibaba is on this page". */
  reasons?: ReadonlyMap<string, string>;
  /** Display names by entityKey, for organizations that roles refer to by id. */
  names?: ReadonlyMap<string, string>;
  /** Organizations' people by entityKey, from getCards; the card lists them under "People". */
  people?: ReadonlyMap<EntityKey, OrganizationPeople>;
  /** Opens a person's card from an organization's People section. */
  onOpenEntity?(ref: EntityRef): void;
  /** Shows a Back control when given: this card was opened from another one. */
  onBack?(): void;
  /** Mentions of this entity on the current page and which one this is (0-based); omitted where there is no page (viewer, popup). */
  onPage?: { index: number; total: number; onPrevious(): void; onNext(): void };
  /**
   * href for a link to the source viewer, on extension pages; the link's
   * click calls onOpenSource instead of navigating. Leave it out in a web
   * page, where no extension URL may appear.
   */
  sourceHref?(link: SourceLink): string;
  onOpenSource(link: SourceLink): void;
  /** Shows a close button (×) when given; Esc inside the card calls it too. */
  onClose?(): void;
  /** Shows a settings button (a cog) when given: the reader's own click asks for the options page. */
  onOpenSettings?(): void;
  /** Default auto: follows prefers-color-scheme. */
  theme?: 'auto' | 'light' | 'dark';
  /** How dates are written; default: the reader's (utils/i18n.ts uiLocale). */
  locale?: string;
  /** id for the dialog's aria-labelledby target: the name, or the "N possible matches" header. */
  headingId?: string;
}

/**
 * The cog is a character, not an <svg>: the card holds no element that could
 * run or fetch anything (test/browser/untrusted-data.test.ts checks it). U+FE0E
 * asks for the text form, not a colour emoji.
 */
const COG = '\u2699\uFE0E';

export function EntityCard(props: EntityCardProps) {
  const { entities, onPage, onClose, onOpenSettings, onBack, theme = 'auto', headingId } = props;
  const env: CardEnv = {
    entities,
    sources: props.sources,
    names: props.names,
    locale: props.locale ?? uiLocale(),
    sourceHref: props.sourceHref,
    onOpenSource: props.onOpenSource,
    people: props.people,
    onOpenEntity: props.onOpenEntity,
  };
  const several = entities.length > 1;

  const onKeyDown = trusted((event: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || !onClose) return;
    // The card consumed this Esc; a page dialog underneath should not close as well.
    event.preventDefault();
    event.stopPropagation();
    onClose();
  });

  return (
    // lang: the card's own words are in the reader's language, whatever language the page around it is in.
    <div
      class={onClose || onOpenSettings ? 'fl-card fl-closable' : 'fl-card'}
      lang={t('locale')}
      data-theme={theme === 'auto' ? undefined : theme}
      onKeyDown={onKeyDown}
    >
      {(onClose || onOpenSettings) && (
        <div class="fl-tools">
          {onOpenSettings && (
            <button type="button" class="fl-tool fl-settings" aria-label={t('cardSettings')} title={t('cardSettingsTitle')} onClick={trusted(() => onOpenSettings())}>
              <span aria-hidden="true">{COG}</span>
            </button>
          )}
          {onClose && (
            <button type="button" class="fl-tool fl-close" aria-label={t('cardClose')} title={t('cardCloseTitle')} onClick={trusted(() => onClose())}>
              ×
            </button>
          )}
        </div>
      )}
      <div class="fl-body">
        {onBack && <BackButton onBack={onBack} />}
        {several && (
          <h2 class="fl-matches" id={headingId}>
            {t('cardMatches', entities.length)}
          </h2>
        )}
        {entities.map((entity, i) => (
          <EntitySection
            key={entityKey(entity)}
            entity={entity}
            env={env}
            level={several ? 3 : 2}
            headingId={several || i > 0 ? undefined : headingId}
            reason={props.reasons?.get(entityKey(entity))}
          />
        ))}
      </div>
      {onPage && <PageNav {...onPage} />}
    </div>
  );
}
