import en from '../../../public/_locales/en/messages.json';
import zhCN from '../../../public/_locales/zh_CN/messages.json';
import { fillMessage } from '../../../src/format/fill-message';
import type { DateRangeWords } from '../../../src/format/role-timeline';
import type { SupportWords } from '../../../src/format/support-reason';

type Messages = Record<string, { message: string }>;

/** The shipped locales, by their _locales folder name. */
export const LOCALES: Record<string, Messages> = { en, zh_CN: zhCN };

/** browser.i18n.getMessage over one locale's file: $1…$9 are the substitutions, $$ a dollar sign. */
export function messageIn(messages: Messages, key: string, substitutions: string | (string | number)[] = []): string {
  const words = Array.isArray(substitutions) ? substitutions : [substitutions];
  const message = messages[key]?.message;
  if (message === undefined) return '';
  return fillMessage(message, words.map(String));
}

/** The role timeline's words as a locale's messages put them. */
export function dateRangeWordsIn(messages: Messages): DateRangeWords {
  return {
    since: (date) => messageIn(messages, 'roleSince', [date]),
    until: (date) => messageIn(messages, 'roleUntil', [date]),
    range: (from, to) => messageIn(messages, 'roleRange', [from, to]),
    asOf: (date) => messageIn(messages, 'roleAsOf', [date]),
  };
}

/** A card's reasons as a locale's messages put them. */
export function supportWordsIn(messages: Messages): SupportWords {
  return {
    namedInFull: messageIn(messages, 'reasonNamedInFull'),
    onPage: (names, count) => messageIn(messages, count === 1 ? 'reasonOnPageOne' : 'reasonOnPageOther', [names]),
    two: (first, second) => messageIn(messages, 'reasonTwo', [first, second]),
    more: (first, second, rest) => messageIn(messages, 'reasonMore', [first, second, rest]),
  };
}
