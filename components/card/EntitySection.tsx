import type { EntityRecord } from '../../src/messages/protocol';
import { entityTypeLabel } from '../../utils/i18n';
import { AliasList } from './AliasList';
import { Excerpts } from './Excerpts';
import { PeopleSection } from './PeopleSection';
import { RoleTimeline } from './RoleTimeline';
import { Heading, type HeadingLevel } from './SectionTitle';
import { SupportReason } from './SupportReason';
import type { CardEnv } from './types';

interface EntitySectionProps {
  entity: EntityRecord;
  env: CardEnv;
  level: 2 | 3;
  headingId: string | undefined;
  /** Why the page supports this entity, for a name that needs context. */
  reason?: string | undefined;
}

/** Everything the card says about one entity: who it is, what it did when, and how the sources put it. */
export function EntitySection({ entity, env, level, headingId, reason }: EntitySectionProps) {
  const inner = (level + 1) as HeadingLevel;
  return (
    <article class="fl-entity">
      <header class="fl-head">
        <Heading level={level} id={headingId} class="fl-name">
          {entity.name}
        </Heading>
        <span class="fl-type">{entityTypeLabel(entity.type)}</span>
      </header>
      {reason && <SupportReason reason={reason} />}
      {entity.description && <p class="fl-desc">{entity.description}</p>}
      <AliasList entity={entity} />
      <RoleTimeline entity={entity} env={env} level={inner} />
      <PeopleSection entity={entity} env={env} level={inner} />
      <Excerpts entity={entity} env={env} level={inner} />
    </article>
  );
}
