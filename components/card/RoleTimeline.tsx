import type { Evidence } from '../../src/dataset/schema';
import { isCurrentRole, roleTimeline } from '../../src/format/role-timeline';
import type { EntityRecord } from '../../src/messages/protocol';
import { dateRangeWords, formatNumber, t } from '../../utils/i18n';
import { citeName, findSource, organizationName, sourceLookup } from './cite';
import { OriginalLink } from './OriginalLink';
import { RoleWhen } from './RoleWhen';
import { SectionTitle, type HeadingLevel } from './SectionTitle';
import { SourceAnchor } from './SourceAnchor';
import type { CardEnv } from './types';

export function RoleTimeline({ entity, env, level }: { entity: EntityRecord; env: CardEnv; level: HeadingLevel }) {
  if (entity.roles.length === 0) return null;
  const rows = roleTimeline({ roles: entity.roles, locale: env.locale, words: dateRangeWords(), sourceOf: sourceLookup({ env, dataset: entity.dataset }) });
  return (
    <section class="fl-section">
      <SectionTitle level={level}>{t('cardRoles')}</SectionTitle>
      <ol class="fl-timeline">
        {rows.map((row, i) => {
          const { role } = row;
          return (
          <li key={i} class={isCurrentRole(role) ? 'fl-role fl-role-current' : 'fl-role'}>
            <span class="fl-role-what">
              <span class="fl-role-title">{role.title}</span>
              {role.organization !== undefined && (
                <span class="fl-role-org">{t('cardRoleOrganization', organizationName({ env, dataset: entity.dataset, id: role.organization }))}</span>
              )}
            </span>
            <span class="fl-role-meta">
              <RoleWhen row={row} />
              <EvidenceLinks env={env} dataset={entity.dataset} evidence={role.evidence} />
            </span>
          </li>
          );
        })}
      </ol>
    </section>
  );
}

/**
 * Footnote-style links, one per piece of evidence: "source", or "sources 1 2
 * 3", with the quote as the link's tooltip. Evidence without a quote has
 * nothing to footnote, so its source's title is the citation. A source with
 * an address adds "Open original".
 */
function EvidenceLinks({ env, dataset, evidence }: { env: CardEnv; dataset: string; evidence: readonly Evidence[] }) {
  const several = evidence.length > 1;
  return (
    <span class="fl-evidence">
      {several && <span class="fl-evidence-label">{t('cardSources')}</span>}
      {evidence.map((ev, i) => {
        const info = findSource({ env, dataset, source: ev.source });
        const cite = citeName({ info, source: ev.source });
        const text = ev.quote === undefined ? (info?.title ?? cite) : several ? formatNumber(i + 1) : t('cardSource');
        return (
          <span key={i} class="fl-evidence-item">
            <SourceAnchor
              env={env}
              link={{ dataset, source: ev.source, start: ev.start, end: ev.end }}
              class={ev.quote === undefined ? 'fl-evidence-link fl-evidence-title' : 'fl-evidence-link'}
              label={ev.quote === undefined ? t('cardSourceLabel', text) : several ? t('cardSourceNumberedLabel', text, cite) : t('cardSourceLabel', cite)}
              title={ev.quote === undefined ? cite : t('cardQuoteTitle', ev.quote, cite)}
            >
              {text}
            </SourceAnchor>
            <OriginalLink url={info?.url} class="fl-original" label={t('cardOpenOriginalLabel', info?.title ?? cite)} />
          </span>
        );
      })}
    </span>
  );
}
