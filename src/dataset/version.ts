/**
 * The bundled dataset's version, "1+2026-11-21.dec68b5f40": the curated
 * version, the date data/dataset.yaml says data/ was last updated, and a hash
 * of the compiled content, as semantic-version build metadata. Made by
 * scripts/lib/compile.ts; read back here for the options page, which shows a
 * reader the date and keeps the rest for a tooltip.
 */
const BUNDLED = /^(.+)\+(\d{4}-\d{2}-\d{2})\.([0-9a-f]+)$/;

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function bundledVersion(base: string, hash: string, updated: string | undefined): string {
  return updated === undefined ? `${base}+${hash}` : `${base}+${updated}.${hash}`;
}

export interface VersionLabel {
  /** What the Version column shows, e.g. "21 Nov 2026"; any other version as it is. */
  label: string;
  /** The ISO date behind label, for <time dateTime>; absent for other versions. */
  date?: string;
  /** The full version, spelled out. */
  title: string;
}

export function describeVersion(version: string): VersionLabel {
  const m = BUNDLED.exec(version);
  if (!m) return { label: version, title: `Version ${version}` };
  const [, base, date, hash] = m as unknown as [string, string, string, string];
  return {
    label: DATE.format(new Date(`${date}T00:00:00Z`)),
    date,
    title: `Version ${base}, data updated ${date}, content hash ${hash}`,
  };
}
