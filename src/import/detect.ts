import { parseJsonLine } from './lines';

/** The formats a file may be in: Factlens' own, or one a converter reads. */
export const IMPORT_FORMATS = ['factlens', 'wikidata', 'ftm', 'popolo', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type ForeignFormat = Exclude<ImportFormat, 'factlens'>;

export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

/** How much of the start of a file detectFormat needs. */
export const DETECT_HEAD_CHARS = 64 * 1024;

/**
 * The format of a file, from its first characters (DETECT_HEAD_CHARS of
 * them are enough), or null when it is none of them. Whole JSON documents
 * are recognised by the keys that only their format has; line-based ones by
 * their first complete line.
 */
export function detectFormat(head: string): ImportFormat | null {
  const text = head.replace(/^\ufeff/, '').trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    const firstLine = text.split('\n').find((line) => !['', '['].includes(line.trim()));
    const parsed = firstLine === undefined ? null : parseJsonLine(firstLine);
    const value = parsed && 'value' in parsed ? (parsed.value as Record<string, unknown> | null) : null;
    if (value && typeof value === 'object') {
      if (typeof value.format === 'string' && value.format.startsWith('factlens-dataset/')) return 'factlens';
      if (typeof value.schema === 'string' && typeof value.id === 'string') return 'ftm';
      if (typeof value.id === 'string' && /^Q\d+$/.test(value.id)) return 'wikidata';
    }
    if (/"format"\s*:\s*"factlens-dataset\//.test(text)) return 'factlens';
    if (/^\{\s*"entities"\s*:/.test(text) || (/"head"\s*:/.test(text) && /"results"\s*:/.test(text))) return 'wikidata';
    if (/"(persons|memberships)"\s*:\s*\[/.test(text)) return 'popolo';
    if (/"schema"\s*:\s*"[A-Z]\w*"/.test(text) && /"properties"\s*:/.test(text)) return 'ftm';
    return null;
  }
  const header = text.split('\n', 1)[0]!.toLowerCase();
  return header.split(',').some((field) => field.trim().replace(/^"|"$/g, '') === 'name') ? 'csv' : null;
}
