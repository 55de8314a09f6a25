import { formatPartialDate, parsePartialDate } from '../dates/partial-date';

/**
 * The bundled dataset's version, "1+2026-11-21.dec68b5f40": the curated
 * version, the date data/dataset.yaml says data/ was last updated, and a hash
 * of the compiled content, as semantic-version build metadata. Made by
 * scripts/lib/compile.ts; read back here for the options page, which shows a
 * reader the date and keeps the rest for a tooltip.
 */
const BUNDLED = /^(.+)\+(\d{4}-\d{2}-\d{2})\.([0-9a-f]+)$/;

export function bundledVersion(base: string, hash: string, updated: string | undefined): string {
  return updated === undefined ? `${base}+${hash}` : `${base}+${updated}.${hash}`;
}

export interface VersionLabel {
  /** What the Version column shows: the date, in the reader's locale; any other version as it is. */
  label: string;
  /** The ISO date behind label, for <time dateTime>; absent for other versions. */
  date?: string;
  /** The full version, spelled out. */
  title: string;
}

/** How a version reads in the reader's language; the options page passes its messages (utils/i18n.ts). */
export interface VersionWords {
  locale: string;
  /** "Version 1, data updated 2026-11-21, content hash dec68b5f40". */
  bundled(base: string, date: string, hash: string): string;
  /** "Version 2.1.0". */
  other(version: string): string;
}

/** The _locales messages VersionWords says its words with. */
export type VersionMessage = 'versionBundledTitle' | 'versionTitle';

export function versionWordsFrom(message: (key: VersionMessage, ...substitutions: string[]) => string, locale: string): VersionWords {
  return {
    locale,
    bundled: (base, date, hash) => message('versionBundledTitle', base, date, hash),
    other: (version) => message('versionTitle', version),
  };
}

export function describeVersion(version: string, words: VersionWords): VersionLabel {
  const m = BUNDLED.exec(version);
  if (!m) return { label: version, title: words.other(version) };
  const [, base, date, hash] = m as unknown as [string, string, string, string];
  return {
    label: formatPartialDate({ date: parsePartialDate(date)!, locale: words.locale }),
    date,
    title: words.bundled(base, date, hash),
  };
}
