import type { ProblemText } from '../dataset/problem';
import { MAX_HELD_LABELS } from '../limits';
import { wikibaseDate } from './dates';
import { createHashTable, hash53 } from './hash-table';
import { createLineSplitter, parseJsonLine } from './lines';
import { createOutput, urlTitle, type Output, type RoleDraft } from './output';
import { ConvertError, emptyBatch, type Converter, type ConvertOptions } from './types';
import {
  asItem,
  entityIdOf,
  itemDraft,
  itemUrl,
  labelOnlyItems,
  organizationRoles,
  pick,
  roleFromStatement,
  roleValueItems,
  typeOf,
  type WikidataItem,
} from './wikidata-item';

/**
 * Wikidata: entity JSON as Special:EntityData/<Q>.json serves it (parsed
 * whole), JSON dumps of one entity per line (streamed, in two passes: labels
 * and the roles organizations state first, then the entities; three when the
 * dump has more than MAX_HELD_LABELS items, the second keeping only the
 * labels some item refers to), and SPARQL JSON results with the variables
 * documented in docs/importing.md.
 */
export function wikidataConverter({ lang = 'en' }: ConvertOptions = {}, { maxHeldLabels = MAX_HELD_LABELS }: { maxHeldLabels?: number } = {}): Converter {
  const output = createOutput();
  const labels = new Map<string, string>();
  /** Whether the first pass gave up keeping every label, so a second keeps those referred to. */
  let labelPass = false;
  const passes = () => (labelPass ? 3 : 2);
  /** Items some role may show by their label (hash53 of the Q-id). */
  const referred = createHashTable();
  const labelOnly = createHashTable();
  const organizations = createHashTable();
  const stated = new Map<string, [string, Parameters<typeof roleFromStatement>[0]['statement'], string][]>();
  const unlabelled = new Set<string>();
  const labelSource = {
    label(q: string): string {
      const found = labels.get(q);
      if (found !== undefined) return found;
      unlabelled.add(q);
      return q;
    },
  };
  const isOrganization = (q: string) => {
    const key = hash53(q);
    return organizations.has(key) && !labelOnly.has(key);
  };

  function learn(item: WikidataItem): void {
    const label = pick(item.labels, lang);
    if (label !== undefined && !labelPass) {
      labels.set(item.id, label);
      // A whole file is parsed whole anyway, and has no second pass to read labels in.
      if (mode === 'lines' && labels.size > maxHeldLabels) {
        labelPass = true;
        labels.clear();
      }
    }
    // What a role may show by its label: positions, organizations and sources stated in, and an item that states roles.
    for (const q of labelOnlyItems(item)) {
      labelOnly.set(hash53(q));
      referred.set(hash53(q));
    }
    for (const q of roleValueItems(item)) referred.set(hash53(q));
    if (typeOf(item) === 'organization' && label !== undefined) organizations.set(hash53(item.id));
    const states = organizationRoles(item);
    if (states.length > 0) referred.set(hash53(item.id));
    for (const [person, statement, title] of states) {
      stated.set(person, [...(stated.get(person) ?? []), [item.id, statement, title]]);
    }
  }

  function keepLabel(item: WikidataItem): void {
    const label = pick(item.labels, lang);
    if (label !== undefined && referred.has(hash53(item.id))) labels.set(item.id, label);
  }

  function convert(item: WikidataItem, line: number | undefined): void {
    if (labelOnly.has(hash53(item.id))) return;
    const problems: ProblemText[] = [];
    const name = pick(item.labels, lang) ?? item.id;
    const extraRoles: RoleDraft[] = (stated.get(item.id) ?? []).map(([org, statement, title]) =>
      roleFromStatement({ statement, title, organization: org, subject: { id: org, name: labels.get(org) ?? org }, labels: labelSource, isOrganization, problems }),
    );
    stated.delete(item.id);
    const written = output.addEntity(itemDraft({ item, lang, labels: labelSource, isOrganization, extraRoles, problems }), line);
    if (written) for (const p of problems) output.problem(line, false, 'problemWikidataItem', name, item.id, p);
  }

  // Whether the file is one entity per line; decided by its first line.
  let mode: 'unknown' | 'lines' | 'whole' = 'unknown';
  let pass = 0;
  let whole = '';
  const splitter = createLineSplitter((line, n) => {
    if (mode === 'unknown' && line.trim() !== '') {
      const parsed = parseJsonLine(line);
      mode = line.trim() === '[' || (parsed !== null && 'value' in parsed && asItem(parsed.value)) ? 'lines' : 'whole';
    }
    if (mode !== 'lines') return;
    const parsed = parseJsonLine(line);
    if (parsed === null) return;
    const item = 'value' in parsed ? asItem(parsed.value) : null;
    if (pass === 0) {
      if (item) learn(item);
    } else if (pass < passes() - 1) {
      if (item) keepLabel(item);
    } else if ('error' in parsed) {
      output.problem(n, true, parsed.error.code, ...parsed.error.params);
    } else if (!item) {
      output.problem(n, true, 'problemNotWikidataItem');
    } else {
      convert(item, n);
    }
  });

  function convertWhole(): void {
    let json: unknown;
    try {
      json = JSON.parse(whole);
    } catch (error) {
      throw new ConvertError('problemNotJson', error instanceof Error ? error.message : String(error));
    }
    whole = '';
    if (isSparqlResults(json)) {
      convertSparql(json, output, lang);
      return;
    }
    const entities = (json as { entities?: unknown }).entities;
    const values = Array.isArray(json) ? json : typeof entities === 'object' && entities !== null ? Object.values(entities) : null;
    if (!values) throw new ConvertError('problemNotWikidata');
    const items = values.map(asItem);
    items.forEach((item, i) => {
      if (!item) output.problem(undefined, true, 'problemEntityNotWikidataItem', i + 1);
      else learn(item);
    });
    for (const item of items) if (item) convert(item, undefined);
  }

  const converting = () => pass === passes() - 1;
  return {
    get passes() {
      return passes();
    },
    get streamed() {
      return mode !== 'whole';
    },
    push(text) {
      if (pass >= passes()) throw new Error('push after the last pass');
      // The first pass decided the mode: a whole file is kept for JSON.parse at the end.
      if (pass === 1 && mode === 'whole') {
        whole += text;
        return emptyBatch();
      }
      splitter.push(text);
      return converting() ? output.take() : emptyBatch();
    },
    endPass() {
      splitter.end();
      pass++;
      if (pass < passes()) return emptyBatch();
      if (mode === 'whole') convertWhole();
      for (const [person, roles] of stated) {
        for (const [org] of roles) output.problem(undefined, false, 'problemStatedRoleSkipped', labels.get(org) ?? org, org, person);
      }
      stated.clear();
      return output.take();
    },
    summary: () => output.summary([...unlabelled].sort()),
  };
}

interface SparqlResults {
  results: { bindings: Record<string, { value?: string } | undefined>[] };
}

function isSparqlResults(json: unknown): json is SparqlResults {
  const results = (json as { results?: { bindings?: unknown } } | null)?.results;
  return typeof json === 'object' && json !== null && 'head' in json && Array.isArray(results?.bindings);
}

const qOf = (uri: string | undefined) => (uri === undefined ? undefined : /\/entity\/(Q\d+)$/.exec(uri)?.[1]);

function sparqlDate(value: string | undefined, precision: string | undefined): string | undefined | null {
  if (value === undefined) return undefined;
  return wikibaseDate({ time: value.startsWith('-') || value.startsWith('+') ? value : `+${value}`, precision: precision === undefined ? 11 : Number(precision) });
}

/**
 * SPARQL results, one row per role: `item`, `itemLabel` (required),
 * `itemDescription`, `itemAltLabel` (comma-separated), `type` ("person" or
 * "organization"), `roleTitle` or else `roleLabel`, `org`, `orgLabel`, `start`/`startPrecision`,
 * `end`/`endPrecision`, `source` (a reference URL).
 */
function convertSparql(json: SparqlResults, output: Output, lang: string): void {
  type Row = Record<string, string | undefined>;
  const byItem = new Map<string, Row[]>();
  const orgs = new Map<string, string>();
  json.results.bindings.forEach((binding, i) => {
    const row: Row = Object.fromEntries(Object.entries(binding).map(([k, v]) => [k, v?.value]));
    const q = qOf(row.item);
    if (!q) {
      output.problem(undefined, true, 'problemSparqlNoItem', i + 1);
      return;
    }
    byItem.set(q, [...(byItem.get(q) ?? []), { ...row, row: String(i + 1) }]);
    const org = qOf(row.org);
    if (org && row.orgLabel) orgs.set(org, row.orgLabel);
  });
  for (const [org, name] of orgs) {
    if (byItem.has(org)) continue;
    output.addEntity({ id: entityIdOf(org), name, type: 'organization', aliases: [{ text: name, lang }], roles: [], sameAs: [`wikidata:${org}`] });
  }
  for (const [q, rows] of byItem) {
    const first = rows[0]!;
    const name = first.itemLabel;
    const roles: RoleDraft[] = [];
    for (const row of rows) {
      const title = row.roleTitle ?? row.roleLabel;
      if (!title) continue;
      const start = sparqlDate(row.start, row.startPrecision);
      const end = sparqlDate(row.end, row.endPrecision);
      if (start === null || end === null) {
        output.problem(undefined, true, 'problemSparqlDate', row.row!, name ?? q, title);
        continue;
      }
      const org = qOf(row.org);
      const url = row.source;
      roles.push({
        title,
        ...(org && output.has(entityIdOf(org)) ? { organization: entityIdOf(org) } : {}),
        ...(start ? { start } : {}),
        ...(end ? { end } : {}),
        sources: [url ? { title: urlTitle(url), url } : { title: `Wikidata: ${name ?? q} (${q})`, publisher: 'Wikidata', url: itemUrl(q) }],
      });
    }
    const seenRoles = new Set<string>();
    output.addEntity({
      id: entityIdOf(q),
      name,
      type: first.type === 'organization' ? 'organization' : 'person',
      description: first.itemDescription,
      aliases: (first.itemAltLabel ?? '').split(',').map((text) => ({ text: text.trim() })).filter((a) => a.text !== ''),
      // One statement with several references gives one row per reference: one role.
      roles: roles.filter((r) => {
        const key = JSON.stringify([r.title, r.organization, r.start, r.end, r.sources[0]?.url]);
        return !seenRoles.has(key) && seenRoles.add(key);
      }),
      sameAs: [`wikidata:${q}`],
    });
  }
}
