import { formatPartialDate, parsePartialDate } from '../../src/dates/partial-date';
import type { SourceLookup } from '../../src/format/role-timeline';
import { entityKey } from '../../src/messages/entity-key';
import type { SourceInfo } from '../../src/messages/protocol';
import type { CardEnv } from './types';

export function findSource({ env, dataset, source }: { env: CardEnv; dataset: string; source: string }): SourceInfo | undefined {
  return env.sources.get(entityKey({ dataset, id: source }));
}

/** The sources of one dataset's roles, for their "as of" dates. */
export function sourceLookup({ env, dataset }: { env: CardEnv; dataset: string }): SourceLookup {
  return (source) => findSource({ env, dataset, source });
}

/** Who said it: the publisher reads best, the headline identifies it, and the id is all that is left when the source is missing. */
export function citeName({ info, source }: { info: SourceInfo | undefined; source: string }): string {
  return info?.publisher || info?.title || source;
}

export function publishedDate({ info, locale }: { info: SourceInfo | undefined; locale: string }): { text: string; inferred: boolean } | null {
  const date = info?.published === undefined ? null : parsePartialDate(info.published);
  if (!date) return null;
  return { text: formatPartialDate({ date, locale }), inferred: info?.publishedInferred === true };
}

/**
 * The organization's display name. Cards rarely carry the organization's own
 * record, so without a name the id is shown with its hyphens turned back into
 * words ("alibaba-group" → "Alibaba Group"), which is how ids are made.
 */
export function organizationName({ env, dataset, id }: { env: CardEnv; dataset: string; id: string }): string {
  const named = env.names?.get(entityKey({ dataset, id })) ?? env.entities.find((e) => e.dataset === dataset && e.id === id)?.name;
  if (named) return named;
  return id
    .split('-')
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
