import en from '../../../public/_locales/en/messages.json';
import zhCN from '../../../public/_locales/zh_CN/messages.json';
import { versionWordsFrom, type VersionWords } from '../../../src/dataset/version';
import { fillMessage } from '../../../src/format/fill-message';
import { dateRangeWordsFrom, type DateRangeWords } from '../../../src/format/role-timeline';
import { supportWordsFrom, type SupportWords } from '../../../src/format/support-reason';

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
  return dateRangeWordsFrom((key, ...words) => messageIn(messages, key, words));
}

/** A card's reasons as a locale's messages put them. */
export function supportWordsIn(messages: Messages): SupportWords {
  return supportWordsFrom((key, ...words) => messageIn(messages, key, words));
}

/** A dataset version's words as a locale's messages put them, with dates in `locale`. */
export function versionWordsIn(messages: Messages, locale: string): VersionWords {
  return versionWordsFrom((key, ...words) => messageIn(messages, key, words), locale);
}
