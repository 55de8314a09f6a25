import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';
import type { ProblemText } from '../src/dataset/problem';
import type { EntityType } from '../src/dataset/schema';
import { versionWordsFrom, type VersionWords } from '../src/dataset/version';
import { dateRangeWordsFrom, type DateRangeWords } from '../src/format/role-timeline';
import { supportWordsFrom, type SupportWords } from '../src/format/support-reason';

/**
 * Every word the popup, options page, viewer and card show comes from
 * public/_locales/<locale>/messages.json through browser.i18n, which picks the
 * browser's UI language and falls back to English (default_locale). The
 * English file is the list of keys: a key missing from it does not compile,
 * and test/unit/locales.test.ts holds every other locale to it.
 */
export type MessageKey = keyof typeof en;

/** The message in the reader's language, with $1…$9 replaced; numbers are written the locale's way. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const words = substitutions.map((s) => (typeof s === 'number' ? formatNumber(s) : s));
  return browser.i18n.getMessage(key, words);
}

/**
 * The locale dates and numbers are written in: the browser's own (en-GB
 * writes "10 Sep 2019") when Factlens speaks its language, else that of the
 * messages shown, so a French browser reads English words with English dates.
 */
export function uiLocale(): string {
  const messages = t('locale');
  const ui = browser.i18n.getUILanguage();
  const language = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
  return language(ui) === language(messages) ? ui : messages;
}

// Made once per locale: a page of counts formats hundreds of numbers.
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function cached<T>(map: Map<string, T>, locale: string, make: (locale: string) => T): T {
  let value = map.get(locale);
  if (value === undefined) map.set(locale, (value = make(locale)));
  return value;
}

export function formatNumber(n: number): string {
  return cached(numberFormats, uiLocale(), (locale) => new Intl.NumberFormat(locale)).format(n);
}

/**
 * A count in words: the `one` message where the language puts this number in
 * its singular ("1 entity"), `other` elsewhere. Languages without plurals
 * (Chinese) give both keys the same text.
 */
export function plural(n: number, one: MessageKey, other: MessageKey): string {
  return t(cached(pluralRules, uiLocale(), (locale) => new Intl.PluralRules(locale)).select(n) === 'one' ? one : other, n);
}

/** What the core found wrong with a file (src/dataset/problem.ts), in the reader's language. */
export function problemText({ code, params }: ProblemText): string {
  return t(code, ...params.map((p) => (typeof p === 'object' ? problemText(p) : p)));
}

const TYPE_KEYS: Record<EntityType, MessageKey> = {
  person: 'typePerson',
  organization: 'typeOrganization',
  place: 'typePlace',
  event: 'typeEvent',
};

export function entityTypeLabel(type: EntityType): string {
  return t(TYPE_KEYS[type]);
}

/** What the role timeline (a pure module) needs to say "since May 2015" in the reader's language. */
export function dateRangeWords(): DateRangeWords {
  return dateRangeWordsFrom(t);
}

/** What describeVersion (a pure module) needs to show a dataset's version in the reader's language. */
export function versionWords(): VersionWords {
  return versionWordsFrom(t, uiLocale());
}

/** What supportReason (a pure module) needs to say "Alibaba is on this page" in the reader's language. */
export function supportWords(): SupportWords {
  return supportWordsFrom(t);
}

/** An extension page's lang and title in the reader's language (index.html says English until the script runs). */
export function localizeDocument(title: string): void {
  document.documentElement.lang = t('locale');
  document.title = title;
}
