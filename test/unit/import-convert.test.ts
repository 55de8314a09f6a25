import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ftmEntities } from '../../scripts/lib/synthetic-ftm';
import { englishText } from '../../src/dataset/problem-english';
import type { Dataset, Entity } from '../../src/dataset/schema';
import { validateDataset } from '../../src/dataset/validate';
import { convertText, createConverter } from '../../src/import/convert';
import { detectFormat } from '../../src/import/detect';
import { ftmConverter } from '../../src/import/ftm';
import { runConverter } from '../../src/import/run';
import { ConvertError, type ConvertBatch, type Converter, type ImportProblem } from '../../src/import/types';
import { createUtf8Decoder } from '../../src/import/utf8';
import { wikidataConverter } from '../../src/import/wikidata';

/** Problems with their lines, as `npm run convert` prints them. */
const inEnglish = (problems: readonly ImportProblem[]) => problems.map((p) => ({ line: p.line, message: englishText(p) }));

/** What a refused conversion says, in English as `npm run convert` prints it. */
function refusal(convert: () => unknown): string {
  try {
    convert();
  } catch (error) {
    if (error instanceof ConvertError) return englishText(error.problem);
    throw error;
  }
  throw new Error('not refused');
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function entity(dataset: Dataset, name: string): Entity {
  const found = dataset.entities.find((e) => e.name === name);
  if (!found) throw new Error(`no entity "${name}" among ${dataset.entities.map((e) => e.name).join(', ')}`);
  return found;
}

/** Each role as title, organization name, dates and the urls it cites: what a card shows. */
function rolesOf(dataset: Dataset, name: string) {
  const names = new Map(dataset.entities.map((e) => [e.id, e.name]));
  const urls = new Map(dataset.sources.map((s) => [s.id, s.url]));
  return entity(dataset, name).roles.map((r) => ({
    title: r.title,
    organization: r.organization === undefined ? undefined : names.get(r.organization),
    start: r.start,
    end: r.end,
    cites: r.evidence.map((e) => urls.get(e.source)),
  }));
}

const aliasesOf = (dataset: Dataset, name: string) => entity(dataset, name).aliases.map((a) => [a.text, a.lang, a.contextual ?? false]);

describe('detectFormat', () => {
  it.each([
    ['wikidata-entity.json', 'wikidata'],
    ['wikidata-dump.json', 'wikidata'],
    ['wikidata-sparql.json', 'wikidata'],
    ['ftm.ndjson', 'ftm'],
    ['popolo.json', 'popolo'],
    ['people.csv', 'csv'],
    ['bad-rows.csv', 'csv'],
  ])('reads %s as %s', (file, format) => {
    expect(detectFormat(fixture(file))).toBe(format);
  });

  it('knows a Factlens dataset, and nothing in a file it cannot place', () => {
    expect(detectFormat('{"format": "factlens-dataset/1", "id": "x"}')).toBe('factlens');
    expect(detectFormat('just some prose\nwith lines')).toBeNull();
    expect(detectFormat('{"something": 1}')).toBeNull();
  });
});

describe('Wikidata entity JSON', () => {
  const { dataset, summary } = convertText(fixture('wikidata-entity.json'));

  it('writes people and organizations, not the position and publication items only referred to', () => {
    expect(dataset.entities.map((e) => [e.name, e.type, e.sameAs])).toEqual([
      ['Quentin Vale', 'person', ['wikidata:Q900001']],
      ['Zorblax Industries', 'organization', ['wikidata:Q900002']],
      ['Mira Osei', 'person', ['wikidata:Q900003']],
    ]);
    expect(validateDataset(dataset).ok).toBe(true);
  });

  it('takes labels and aliases in every language, and the description in the preferred language', () => {
    expect(aliasesOf(dataset, 'Quentin Vale')).toEqual([
      ['Quentin Vale', 'en', false],
      ['昆廷·韦尔', 'zh-hans', false],
      ['Q. Vale', 'en', false],
      ['Quentin A. Vale', 'en', false],
    ]);
    expect(entity(dataset, 'Quentin Vale').description).toBe('fictional mayor of Exampleton');
    const german = convertText(fixture('wikidata-entity.json'), { lang: 'de-AT' }).dataset;
    expect(entity(german, 'Zorblax Industrie AG').description).toBe('fictional company');
    expect(entity(german, 'Quentin Vale').description).toBe('fiktiver Bürgermeister von Exampleton');
  });

  it('takes roles from position held, employer, member of, CEO and chairperson at their precision, citing references', () => {
    expect(rolesOf(dataset, 'Quentin Vale')).toEqual([
      { title: 'Mayor of Exampleton', start: '2015-06-01', end: '2019-03', cites: ['https://gazette.example/2015/vale-elected'] },
      { title: 'Employee', organization: 'Zorblax Industries', start: '2020', cites: ['https://www.wikidata.org/wiki/Q900200'] },
      { title: 'Member, Q900999', cites: ['https://www.wikidata.org/wiki/Q900001'] },
      { title: 'Chief executive officer', organization: 'Zorblax Industries', start: '2021-09-15', cites: ['https://zorblax.example/leadership'] },
    ]);
    expect(rolesOf(dataset, 'Mira Osei')).toEqual([
      { title: 'Chairperson', organization: 'Zorblax Industries', start: '2018', end: '2022-11', cites: ['https://www.wikidata.org/wiki/Q900002'] },
    ]);
  });

  it('turns a reference into a source with its link, publisher and retrieval date', () => {
    expect(dataset.sources.find((s) => s.url === 'https://gazette.example/2015/vale-elected')).toMatchObject({
      title: 'gazette.example/2015/vale-elected (retrieved 2020-01-05)',
      publisher: 'Example Gazette',
    });
    expect(dataset.sources.find((s) => s.url === 'https://www.wikidata.org/wiki/Q900200')?.title).toBe('Example Gazette');
  });

  it('shows an item that has no label in the file by its Q-id and says so', () => {
    expect(summary.unlabelled).toEqual(['Q900999']);
  });
});

describe('Wikidata dumps, one entity per line', () => {
  it('gives the same entities as the entity JSON, and reports the line of an entity without a label', () => {
    const whole = convertText(fixture('wikidata-entity.json')).dataset;
    const { dataset, problems, summary } = convertText(fixture('wikidata-dump.json'));
    expect(dataset.entities).toEqual(whole.entities);
    expect(inEnglish(problems)).toEqual([{ line: 7, message: expect.stringContaining('has no name') }]);
    expect(summary.skipped).toBe(1);
  });

  it('reports malformed lines and non-items with their line numbers and goes on', () => {
    const { dataset, problems } = convertText(fixture('wikidata-bad.json'));
    expect(dataset.entities.map((e) => e.name)).toEqual(['Quentin Vale']);
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(englishText(problems[0]!)).toContain('not valid JSON');
    expect(englishText(problems[1]!)).toContain('not a Wikidata item');
  });

  it('keeps only the labels items refer to, in a second pass, when the dump has more items than labels are held', async () => {
    const text = fixture('wikidata-dump.json');
    const held = await convertAll(wikidataConverter(), text);
    const referred = await convertAll(wikidataConverter({}, { maxHeldLabels: 1 }), text);
    expect([held.passes, referred.passes]).toEqual([2, 3]);
    expect(referred).toEqual({ ...held, passes: 3 });
    expect(referred.entities.flatMap((e) => e.roles).length).toBeGreaterThan(0);
  });

  it('finds every label a role shows in the second pass: employers that are no organization, and an organization stating roles', async () => {
    const snak = (q: string) => ({ snaktype: 'value', datavalue: { value: { id: q } } });
    const item = (id: string, label: string, claims: Record<string, string[]>) =>
      JSON.stringify({ id, labels: { en: { value: label } }, claims: Object.fromEntries(Object.entries(claims).map(([p, qs]) => [p, qs.map((q) => ({ mainsnak: snak(q) }))])) });
    const text = [
      // Employed by a publication named only as a source, and by a person (a household, say): neither is an organization written.
      item('Q1', 'Ann Example', { P31: ['Q5'], P108: ['Q3', 'Q6'] }),
      // Chief executive of Q1, uncited: its source is the stating item, by its label; and of Q99, who is not in the file.
      item('Q2', 'Acme Holdings', { P169: ['Q1'], P488: ['Q99'] }),
      // Named as where a statement was stated, so a label only, not an organization written.
      JSON.stringify({ id: 'Q4', labels: { en: { value: 'Ann Example (a profile)' } }, claims: { P31: [{ mainsnak: snak('Q5'), references: [{ snaks: { P248: [snak('Q3')] } }] }] } }),
      item('Q3', 'Example Gazette', {}),
      item('Q6', 'Bea Example', { P31: ['Q5'] }),
    ].join('\n');
    const held = await convertAll(wikidataConverter(), text);
    const referred = await convertAll(wikidataConverter({}, { maxHeldLabels: 1 }), text);
    expect(referred).toEqual({ ...held, passes: 3 });
    const shown = JSON.stringify(held);
    for (const label of ['Employee, Example Gazette', 'Employee, Bea Example', 'Wikidata: Acme Holdings (Q2)', '"Acme Holdings"']) expect(shown).toContain(label);
  });

  it('leaves out a deprecated statement', () => {
    const { dataset } = convertText(fixture('wikidata-dump.json'));
    expect(rolesOf(dataset, 'Quentin Vale').map((r) => r.title)).not.toContain('Q900101');
  });
});

describe('Wikidata SPARQL results', () => {
  const { dataset } = convertText(fixture('wikidata-sparql.json'));

  it('reads the documented variables: item, labels, roles with dates at their precision, organizations and sources', () => {
    expect(dataset.entities.map((e) => [e.name, e.type])).toEqual([
      ['Zorblax Industries', 'organization'],
      ['Quentin Vale', 'person'],
      ['Mira Osei', 'person'],
    ]);
    expect(aliasesOf(dataset, 'Quentin Vale').map(([text]) => text)).toEqual(['Quentin Vale', 'Q. Vale', 'Quentin A. Vale']);
    expect(entity(dataset, 'Quentin Vale').description).toBe('fictional mayor of Exampleton');
    expect(rolesOf(dataset, 'Quentin Vale')).toEqual([
      { title: 'Mayor of Exampleton', start: '2015-06-01', end: '2019-03', cites: ['https://gazette.example/2015/vale-elected'] },
      { title: 'chief executive officer', organization: 'Zorblax Industries', start: '2021', cites: ['https://www.wikidata.org/wiki/Q900001'] },
    ]);
    expect(rolesOf(dataset, 'Mira Osei')).toEqual([
      { title: 'Employee', organization: 'Zorblax Industries', start: '2012-09', cites: ['https://zorblax.example/staff'] },
    ]);
  });
});

describe('FollowTheMoney', () => {
  const { dataset, problems } = convertText(fixture('ftm.ndjson'));

  it('turns Person, Company, PublicBody, Organization and LegalEntity into entities with sameAs ids', () => {
    expect(dataset.entities.map((e) => [e.name, e.type])).toEqual([
      ['Quentin Vale', 'person'],
      ['Zorblax Industries', 'organization'],
      ['Exampleton Town Council', 'organization'],
      ['Mira Osei', 'person'],
      ['Exampleton Rowing Club', 'organization'],
      ['Vale Holdings', 'organization'],
    ]);
    expect(entity(dataset, 'Quentin Vale').sameAs).toEqual(['opensanctions:p-vale', 'wikidata:Q900001']);
    expect(problems).toEqual([]);
  });

  it('takes alias as an alias and weakAlias as a contextual one', () => {
    expect(aliasesOf(dataset, 'Quentin Vale')).toEqual([
      ['Quentin Vale', undefined, false],
      ['Quentin A. Vale', undefined, false],
      ['Vale', undefined, true],
    ]);
  });

  it('turns Occupancy with its Position, Directorship, Membership and Employment into dated roles citing sourceUrl', () => {
    expect(rolesOf(dataset, 'Quentin Vale')).toEqual([
      { title: 'Mayor of Exampleton', start: '2015-06-01', end: '2019-03', cites: ['https://register.example/people/vale'] },
      { title: 'Non-executive director', organization: 'Zorblax Industries', start: '2020', cites: ['https://zorblax.example/board'] },
    ]);
    expect(rolesOf(dataset, 'Mira Osei')).toEqual([
      { title: 'Member', organization: 'Exampleton Town Council', start: '2018-02', end: '2022', cites: ['https://www.opensanctions.org/entities/p-osei/'] },
      { title: 'Analyst', organization: 'Zorblax Industries', start: '2012-09-03', cites: ['https://zorblax.example/staff'] },
    ]);
  });

  it('skips what it cannot convert and reports each with its line: malformed JSON, no name, an unknown schema, a bad date, no id', () => {
    const bad = convertText(fixture('ftm-bad.ndjson'));
    expect(bad.dataset.entities.map((e) => e.name)).toEqual(['Quentin Vale']);
    expect(bad.problems.map((p) => [p.line, englishText(p)])).toEqual([
      [2, expect.stringContaining('not valid JSON')],
      [3, expect.stringContaining('has no name')],
      [4, expect.stringContaining('the schema "Vessel" is not imported')],
      [5, expect.stringContaining('startDate "June 2015" is not a date')],
      [6, expect.stringContaining('has no "id"')],
      [7, expect.stringContaining('not a JSON object')],
    ]);
    expect(bad.summary.skipped).toBe(6);
  });

  it('refuses a file with no entity it can convert', () => {
    expect(() => convertText(fixture('ftm-nothing.ndjson'))).toThrow(ConvertError);
    expect(refusal(() => convertText(fixture('ftm-nothing.ndjson')))).toBe('No entity in this file could be converted (5 skipped)');
  });

  it('streams: pieces split anywhere give the same entities, each batch only what its lines completed', async () => {
    const text = fixture('ftm.ndjson');
    const converter = createConverter('ftm');
    const batches: ConvertBatch[] = [];
    const summary = await runConverter({
      converter,
      // Seven characters at a time: pieces end inside lines and inside characters' neighbours.
      async *readPass () {
        for (let i = 0; i < text.length; i += 7) yield text.slice(i, i + 7);
      },
      onBatch: (batch) => void batches.push(batch),
    });
    expect(converter.streamed).toBe(true);
    expect(batches.flatMap((b) => b.entities)).toEqual(dataset.entities);
    expect(batches.filter((b) => b.entities.length > 0).length).toBeGreaterThan(1);
    expect(summary).toEqual({ entities: 6, sources: 4, skipped: 0, unlabelled: [] });
  });
});

/** Everything a converter gives for `text` read whole in each pass, and how many passes it took. */
async function convertAll(converter: Converter, text: string) {
  const batches: ConvertBatch[] = [];
  const summary = await runConverter({
    converter,
    async *readPass() {
      yield text;
    },
    onBatch: (batch) => void batches.push(batch),
  });
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return {
    passes: converter.passes,
    summary,
    entities: byId(batches.flatMap((b) => b.entities)),
    sources: byId(batches.flatMap((b) => b.sources)),
    problems: inEnglish(batches.flatMap((b) => b.problems)).sort((a, b) => a.line! - b.line! || a.message.localeCompare(b.message)),
  };
}

describe('FollowTheMoney with more relations than an import holds at once', () => {
  // Relations before and after their holders, a holder with none, relations of nobody, and lines to skip.
  const generated = [...ftmEntities(400)].map((e) => JSON.stringify(e));
  const files = {
    fixture: fixture('ftm.ndjson'),
    bad: fixture('ftm-bad.ndjson'),
    generated: generated.join('\n'),
    'relations first': [...generated].reverse().join('\n'),
    'one holder with more relations than are held at once': [
      JSON.stringify({ id: 'busy', schema: 'Person', properties: { name: ['Busy Holder'] } }),
      ...Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: `busy-${i}`, schema: 'Directorship', properties: { director: ['busy'], organization: ['acme'] } })),
    ].join('\n'),
    'a relation of nobody': [...generated, JSON.stringify({ id: 'occ-x', schema: 'Occupancy', properties: { holder: ['nobody'], post: ['gen-position-1'] } })].join('\n'),
  };

  it.each(Object.entries(files))('reads %s in more passes, one group of holders at a time, to the same entities, sources and problems', async (_, text) => {
    const whole = await convertAll(ftmConverter(), text);
    const grouped = await convertAll(ftmConverter({ maxPendingRelations: 2 }), text);
    expect(whole.passes).toBe(2);
    expect(grouped).toEqual({ ...whole, passes: grouped.passes });
    const relations = text.split('\n').filter((line) => /"schema":"(Occupancy|Directorship|Employment|Membership)"/.test(line)).length;
    if (relations > 2) expect(grouped.passes).toBeGreaterThan(2);
  });
});

describe('Popolo', () => {
  const { dataset, problems } = convertText(fixture('popolo.json'));

  it('reads persons and organizations with other names and identifiers', () => {
    expect(dataset.entities.map((e) => [e.name, e.type, e.description])).toEqual([
      ['Exampleton Town Council', 'organization', 'legislature'],
      ['Exampleton Greens', 'organization', 'party'],
      ['Quentin Vale', 'person', 'Mayor of Exampleton'],
      ['Mira Osei', 'person', undefined],
    ]);
    expect(aliasesOf(dataset, 'Quentin Vale')).toEqual([
      ['Quentin Vale', undefined, false],
      ['Q. Vale', undefined, false],
      ['昆廷·韦尔', 'zh-Hans', false],
    ]);
    expect(entity(dataset, 'Quentin Vale').sameAs).toEqual(['wikidata:Q900001']);
  });

  it('turns memberships into roles through their post, citing the membership’s sources or else the person’s', () => {
    expect(rolesOf(dataset, 'Quentin Vale')).toEqual([
      { title: 'Mayor', organization: 'Exampleton Town Council', start: '2015-06-01', end: '2019-03', cites: ['https://gazette.example/2015/vale-elected'] },
      { title: 'Party member', organization: 'Exampleton Greens', start: '2010', cites: ['https://register.example/people/vale'] },
    ]);
    expect(dataset.sources.find((s) => s.url === 'https://gazette.example/2015/vale-elected')?.title).toBe('Vale elected mayor');
  });

  it('reports a bad date, an uncited role, a person without a name and a membership of nobody', () => {
    expect(rolesOf(dataset, 'Mira Osei')).toEqual([]);
    expect(problems.map((p) => englishText(p))).toEqual([
      'memberships[3] skipped: "last spring" is not a date',
      expect.stringMatching(/Mira Osei: role "Councillor" skipped: it cites no source/),
      expect.stringContaining('has no name'),
      'memberships skipped (1): there is no person "ghost"',
    ]);
  });

  it('refuses JSON that is not Popolo', () => {
    expect(refusal(() => convertText('{"people": []}', { from: 'popolo' }))).toMatch(/no "persons" or "organizations"/);
  });
});

describe('CSV', () => {
  const { dataset, problems } = convertText(fixture('people.csv'));

  it('reads the documented columns, several rows per person, and makes the organizations it names', () => {
    expect(dataset.entities.map((e) => [e.name, e.type, e.description])).toEqual([
      ['Quentin Vale', 'person', 'Fictional mayor of Exampleton'],
      ['Zorblax Industries', 'organization', 'Fictional company, maker of widgets'],
      ['Mira Osei', 'person', undefined],
      ['Exampleton Town Council', 'organization', undefined],
    ]);
    expect(aliasesOf(dataset, 'Quentin Vale').map(([text]) => text)).toEqual(['Quentin Vale', 'Q. Vale', 'Quentin A. Vale']);
    expect(rolesOf(dataset, 'Quentin Vale')).toEqual([
      { title: 'Mayor', organization: 'Exampleton Town Council', start: '2015-06-01', end: '2019-03', cites: ['https://gazette.example/2015/vale-elected'] },
      { title: 'Non-executive director', organization: 'Zorblax Industries', start: '2020', cites: ['https://zorblax.example/board'] },
    ]);
    expect(dataset.sources.find((s) => s.url === 'https://zorblax.example/board')?.title).toBe('Zorblax board');
  });

  it('drops a role whose source is not an http(s) link, reporting the line where its quoted, two-line row starts', () => {
    expect(rolesOf(dataset, 'Mira Osei').map((r) => r.title)).toEqual(['Analyst']);
    expect(inEnglish(problems)).toEqual([{ line: 5, message: expect.stringContaining('cites no source with an http(s) link') }]);
  });

  it('reports rows without a name, with an unknown type or a bad date, by line, and matches the header in any case', () => {
    const bad = convertText(fixture('bad-rows.csv'));
    expect(bad.dataset.entities.map((e) => e.name)).toEqual(['Mira Osei']);
    expect(bad.problems.map((p) => [p.line, englishText(p)])).toEqual([
      [2, expect.stringContaining('"2015-13" is not a date')],
      [3, 'row skipped: it has no name'],
      [4, expect.stringContaining('the type "robot" is not person, organization or place')],
    ]);
  });

  it('refuses a wrong header, naming the columns', () => {
    expect(refusal(() => convertText(fixture('bad-header.csv'), { from: 'csv' }))).toBe(
      'Not a Factlens CSV header (columns it does not know: "full name", "alias"); the columns are: name, aliases, type, description, role, organization, start, end, source title, source url',
    );
  });
});

describe('rules across entities', () => {
  it('makes a full alias that a second entity also claims contextual on the second, so the file stays valid', () => {
    const { dataset } = convertText('name,aliases,type\nAcme Corporation,ACME,organization\nAcme Industries,ACME|Acme Ind.,organization\n');
    expect(aliasesOf(dataset, 'Acme Corporation')).toEqual([
      ['Acme Corporation', undefined, false],
      ['ACME', undefined, false],
    ]);
    expect(aliasesOf(dataset, 'Acme Industries')).toEqual([
      ['Acme Industries', undefined, false],
      ['ACME', undefined, true],
      ['Acme Ind.', undefined, false],
    ]);
  });

  it('skips an entity all of whose names another entity already owns', () => {
    const { dataset, problems } = convertText('name,aliases\nQuentin Vale,Q. Vale\nQ. Vale,Quentin Vale\n');
    expect(dataset.entities.map((e) => e.name)).toEqual(['Quentin Vale']);
    expect(inEnglish(problems)).toEqual([{ line: 3, message: '"Q. Vale" skipped: each of its names is contextual or already another entity\'s' }]);
  });

  it('skips a second entity with the same id, with its line', () => {
    const { dataset, problems } = convertText('name,type\nMira Osei,person\nQuentin Vale,person\nMira Osei,person\n');
    expect(dataset.entities.map((e) => e.name)).toEqual(['Mira Osei', 'Quentin Vale']);
    expect(inEnglish(problems)).toEqual([{ line: 4, message: '"Mira Osei" skipped: the id "mira-osei" is already taken' }]);
  });
});

describe('Wikidata in pieces', () => {
  async function inPieces(file: string, size: number) {
    const text = fixture(file);
    const converter = createConverter('wikidata');
    const entities: Entity[] = [];
    await runConverter({
      converter,
      async *readPass () {
        for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
      },
      onBatch: (batch) => void entities.push(...batch.entities),
    });
    return { entities, streamed: converter.streamed };
  }

  it('streams a dump and keeps entity JSON whole, giving the same entities either way', async () => {
    const whole = convertText(fixture('wikidata-entity.json')).dataset.entities;
    expect(await inPieces('wikidata-dump.json', 100)).toEqual({ entities: whole, streamed: true });
    expect(await inPieces('wikidata-entity.json', 100)).toEqual({ entities: whole, streamed: false });
  });
});

describe('input that is not UTF-8', () => {
  it('is refused with a clear error', () => {
    const decode = createUtf8Decoder();
    const bytes = readFileSync(join(FIXTURES, 'latin1.csv'));
    expect(refusal(() => decode(bytes, true))).toMatch(/^The file is not UTF-8 text \(a byte that is not UTF-8 within bytes 0–\d+\)$/);
  });

  it('is decoded when it is UTF-8, even split inside a character', () => {
    const decode = createUtf8Decoder();
    const bytes = new TextEncoder().encode('José');
    expect(decode(bytes.subarray(0, 4)) + decode(bytes.subarray(4), true)).toBe('José');
  });
});
