import type { Evidence } from '../../src/dataset/schema';
import { roleTimeline } from '../../src/format/role-timeline';
import type { EntityRecord } from '../../src/messages/protocol';
import { dateRangeWords, formatNumber, t } from '../../utils/i18n';
import { citeName, findSource, organizationName } from './cite';
import { InferredMark } from './InferredMark';
import { SectionTitle, type HeadingLevel } from './SectionTitle';
import { SourceAnchor } from './SourceAnchor';
import type { CardEnv } from './types';

export function RoleTimeline({ entity, env, level }: { entity: EntityRecord; env: CardEnv; level: HeadingLevel }) {
  if (entity.roles.length === 0) return null;
  const rows = roleTimeline({ roles: entity.roles, locale: env.locale, words: dateRangeWords() });
  return (
    <section class="fl-section">
      <SectionTitle level={level}>{t('cardRoles')}</SectionTitle>
      <ol class="fl-timeline">
        {rows.map(({ role, label, inferred }, i) => (
          <li key={i} class={role.start !== undefined && role.end === undefined ? 'fl-role fl-role-current' : 'fl-role'}>
            <span class="fl-role-what">
              <span class="fl-role-title">{role.title}</span>
              {role.organization !== undefined && (
                <span class="fl-role-org">{t('cardRoleOrganization', organizationName({ env, dataset: entity.dataset, id: role.organization }))}</span>
              )}
            </span>
            <span class="fl-role-meta">
              {label !== '' && (
                <span class="fl-role-when">
                  {inferred && <InferredMark />}
                  {label}
                </span>
              )}
              <EvidenceLinks env={env} dataset={entity.dataset} evidence={role.evidence} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Footnote-style links, one per quote: "source", or "sources 1 2 3". The quote itself shows as the link's tooltip. */
function EvidenceLinks({ env, dataset, evidence }: { env: CardEnv; dataset: string; evidence: readonly Evidence[] }) {
  const several = evidence.length > 1;
  return (
    <span class="fl-evidence">
      {several && <span class="fl-evidence-label">{t('cardSources')}</span>}
      {evidence.map((ev, i) => {
        const cite = citeName({ info: findSource({ env, dataset, source: ev.source }), source: ev.source });
        const text = several ? formatNumber(i + 1) : t('cardSource');
        return (
          <SourceAnchor
            key={i}
            env={env}
            link={{ dataset, source: ev.source, start: ev.start, end: ev.end }}
            class="fl-evidence-link"
            label={several ? t('cardSourceNumberedLabel', text, cite) : t('cardSourceLabel', cite)}
            title={t('cardQuoteTitle', ev.quote, cite)}
          >
            {text}
          </SourceAnchor>
        );
      })}
    </span>
  );
}
