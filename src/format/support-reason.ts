import type { Support } from '../matcher/resolve';

/** Names shown in one reason; the rest are counted. */
const NAMES_SHOWN = 2;

function joined(names: readonly string[]): string {
  if (names.length === 1) return names[0]!;
  const shown = names.slice(0, NAMES_SHOWN);
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)!}`;
}

/**
 * Why a card lists an entity for a name that needs context, in a few words:
 * "Alibaba is on this page". Null where the name needs no explaining (named
 * here by a name of its own) or the names are not known.
 */
export function supportReason<K>(support: Support<K>, nameOf: (key: K) => string | undefined): string | null {
  if (support === 'here') return null;
  if (support === 'page') return 'Named in full on this page';
  const names = support.flatMap((k) => nameOf(k) ?? []);
  if (names.length === 0) return null;
  return `${joined(names)} ${names.length === 1 ? 'is' : 'are'} on this page`;
}
