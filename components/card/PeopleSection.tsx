import { useId, useState } from 'preact/hooks';
import { trusted } from '../../overlay/trusted';
import { isCurrentRole, timelineRow } from '../../src/format/role-timeline';
import { entityKey } from '../../src/messages/entity-key';
import type { EntityRecord, PersonAtOrganization } from '../../src/messages/protocol';
import { dateRangeWords, formatNumber, t } from '../../utils/i18n';
import { sourceLookup } from './cite';
import { RoleWhen } from './RoleWhen';
import { SectionTitle, type HeadingLevel } from './SectionTitle';
import type { CardEnv } from './types';

/** Enough to see who leads an organization without pushing its excerpts out of the card. */
const COLLAPSED_COUNT = 5;

/** Who's who at an organization: its people, current roles first, each opening that person's card. */
export function PeopleSection({ entity, env, level }: { entity: EntityRecord; env: CardEnv; level: HeadingLevel }) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const found = env.people?.get(entityKey(entity));
  if (!found || found.people.length === 0) return null;
  const { total, people } = found;
  const shown = expanded ? people : people.slice(0, COLLAPSED_COUNT);
  return (
    <section class="fl-section fl-people-section">
      <SectionTitle level={level}>{t('cardPeople')}</SectionTitle>
      <ul class="fl-people" id={listId}>
        {shown.map((person) => (
          <li key={entityKey(person)} class="fl-person">
            <PersonRow person={person} env={env} />
          </li>
        ))}
      </ul>
      {expanded && total > people.length && <p class="fl-people-more">{t('cardPeopleNotShown', formatNumber(total - people.length))}</p>}
      {people.length > COLLAPSED_COUNT && (
        <button type="button" class="fl-more" aria-expanded={expanded} aria-controls={listId} onClick={trusted(() => setExpanded(!expanded))}>
          {expanded ? t('cardPeopleFewer') : total === people.length ? t('cardPeopleAll', formatNumber(total)) : t('cardPeopleSome', formatNumber(people.length), formatNumber(total))}
        </button>
      )}
    </section>
  );
}

function PersonRow({ person, env }: { person: PersonAtOrganization; env: CardEnv }) {
  const sourceOf = sourceLookup({ env, dataset: person.dataset });
  const open = env.onOpenEntity;
  return (
    <>
      {open ? (
        <button type="button" class="fl-person-name" onClick={trusted(() => open(person))}>
          {person.name}
        </button>
      ) : (
        <span class="fl-person-name">{person.name}</span>
      )}
      <ul class="fl-person-roles">
        {person.roles.map((role, i) => (
          <li key={i} class={isCurrentRole(role) ? 'fl-person-role fl-role-now' : 'fl-person-role'}>
            <span class="fl-role-title">{role.title}</span> <RoleWhen row={timelineRow({ role, locale: env.locale, words: dateRangeWords(), sourceOf })} />
          </li>
        ))}
      </ul>
    </>
  );
}
