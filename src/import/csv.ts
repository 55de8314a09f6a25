import Papa from 'papaparse';
import type { EntityType } from '../dataset/schema';
import { partialDate } from './dates';
import { lineConverter } from './line-converter';
import { createOutput, slug, urlTitle, type EntityDraft } from './output';
import { ConvertError, type Converter } from './types';

/**
 * CSV with a header naming these columns, in any order (only `name` is
 * required). A person with several roles takes several consecutive rows;
 * the first row's name, aliases, type and description are the entity's.
 */
const CSV_COLUMNS = ['name', 'aliases', 'type', 'description', 'role', 'organization', 'start', 'end', 'source title', 'source url'] as const;
type Column = (typeof CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string>>;

const TYPES: readonly string[] = ['person', 'organization', 'place'] satisfies EntityType[];

/** Papaparse reads each record; a record runs over several lines only inside quotes, which an odd count of `"` leaves open. */
function parseRecord(text: string): string[] {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  return parsed.data[0] ?? [];
}

export function csvConverter(): Converter {
  const output = createOutput();
  let columns: (Column | null)[] | null = null;
  let pending = '';
  let pendingLine = 0;
  let quotes = 0;
  let current: { draft: EntityDraft; line: number } | null = null;
  /** Organizations named in the organization column: written at the end unless a row of their own came. */
  const organizations = new Map<string, string>();

  function flush(): void {
    if (current) output.addEntity(current.draft, current.line);
    current = null;
  }

  function header(fields: string[]): void {
    const named = fields.map((f) => f.trim().toLowerCase());
    const unknown = named.filter((f) => !(CSV_COLUMNS as readonly string[]).includes(f));
    if (unknown.length > 0 || !named.includes('name')) {
      const columns = CSV_COLUMNS.join(', ');
      if (unknown.length > 0) throw new ConvertError('problemCsvUnknownColumns', unknown.map((u) => `"${u}"`).join(', '), columns);
      throw new ConvertError('problemCsvNoNameColumn', columns);
    }
    columns = named as Column[];
  }

  function row(fields: string[], line: number): void {
    if (fields.every((f) => f.trim() === '')) return;
    const r: Row = {};
    columns!.forEach((c, i) => {
      const value = fields[i]?.trim();
      if (c && value) r[c] = value;
    });
    if (!r.name) return output.problem(line, true, 'problemRowNoName');
    const type = (r.type ?? 'person').toLowerCase();
    if (!TYPES.includes(type)) return output.problem(line, true, 'problemRowType', r.name, r.type!);
    const start = partialDate(r.start);
    const end = partialDate(r.end);
    if (start === null || end === null) {
      return output.problem(line, true, 'problemRowDate', r.name, (start === null ? r.start : r.end)!);
    }
    const id = slug(r.name);
    if (current?.draft.id !== id) {
      flush();
      current = {
        line,
        draft: {
          id,
          name: r.name,
          type: type as EntityType,
          description: r.description,
          aliases: (r.aliases ?? '').split('|').map((text) => ({ text: text.trim() })).filter((a) => a.text !== ''),
          roles: [],
        },
      };
    }
    if (!r.role) {
      if (r.organization || r.start || r.end) output.problem(line, false, 'problemRowRoleMissing', r.name);
      return;
    }
    let organization: string | undefined;
    if (r.organization) {
      organization = slug(r.organization);
      if (!organizations.has(organization)) organizations.set(organization, r.organization);
    }
    current.draft.roles.push({
      title: r.role,
      ...(organization ? { organization } : {}),
      ...(start ? { start } : {}),
      ...(end ? { end } : {}),
      sources: r['source url'] ? [{ title: r['source title'] ?? urlTitle(r['source url']), url: r['source url'] }] : [],
    });
  }

  return lineConverter({
    passes: 1,
    output,
    convert(line, lineNumber) {
      if (pending === '') pendingLine = lineNumber;
      pending = pending === '' ? line : `${pending}\n${line}`;
      quotes += line.split('"').length - 1;
      if (quotes % 2 === 1) return;
      const fields = parseRecord(pending);
      pending = '';
      quotes = 0;
      if (columns === null) header(fields);
      else row(fields, pendingLine);
    },
    finish() {
      if (pending !== '') output.problem(pendingLine, true, 'problemQuoteNotClosed');
      if (columns === null) throw new ConvertError('problemCsvEmpty', CSV_COLUMNS.join(', '));
      flush();
      for (const [id, name] of organizations) {
        if (!output.has(id)) output.addEntity({ id, name, type: 'organization', aliases: [], roles: [] });
      }
    },
  });
}
