import type { Support } from '../matcher/resolve';

/** Names shown in one reason; the rest are counted. */
const NAMES_SHOWN = 2;

/** The words of a reason in the reader's language (utils/i18n.ts supportWords); this module only picks which. */
export interface SupportWords {
  /** "Named in full on this page". */
  namedInFull: string;
  /** "Alibaba is on this page"; `count` names, one or more, are joined in `names`. */
  onPage(names: string, count: number): string;
  /** "Alibaba and Tmall". */
  two(first: string, second: string): string;
  /** "Alibaba, Tmall and 1 more". */
  more(first: string, second: string, rest: number): string;
}

/** The _locales messages SupportWords says its words with. */
export type SupportMessage = 'reasonNamedInFull' | 'reasonOnPageOne' | 'reasonOnPageOther' | 'reasonTwo' | 'reasonMore';

/** SupportWords from a message lookup: browser.i18n in the extension, a locale's file in tests. */
export function supportWordsFrom(message: (key: SupportMessage, ...substitutions: (string | number)[]) => string): SupportWords {
  return {
    namedInFull: message('reasonNamedInFull'),
    onPage: (names, count) => message(count === 1 ? 'reasonOnPageOne' : 'reasonOnPageOther', names),
    two: (first, second) => message('reasonTwo', first, second),
    more: (first, second, rest) => message('reasonMore', first, second, rest),
  };
}

function joined(names: readonly string[], words: SupportWords): string {
  const [first, second] = names as [string, string];
  if (names.length === 1) return first;
  const rest = names.length - NAMES_SHOWN;
  return rest > 0 ? words.more(first, second, rest) : words.two(first, second);
}

/**
 * Why a card lists an entity for a name that needs context, in a few words:
 * "Alibaba is on this page". Null where the name needs no explaining (named
 * here by a name of its own) or the names are not known.
 */
export function supportReason<K>(support: Support<K>, nameOf: (key: K) => string | undefined, words: SupportWords): string | null {
  if (support === 'here') return null;
  if (support === 'page') return words.namedInFull;
  const names = support.flatMap((k) => nameOf(k) ?? []);
  if (names.length === 0) return null;
  return words.onPage(joined(names, words), names.length);
}
