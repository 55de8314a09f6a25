import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../entrypoints/background/db';
import { collectDataset } from '../../entrypoints/options/export-file';
import type { RequestFn } from '../../entrypoints/options/import-file';
import { validateDataset } from '../../src/dataset/validate';
import { convertText } from '../../src/import/convert';
import { testHandlers } from './support/handlers';
import { importDataset } from './support/import-dataset';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
const { handlers } = testHandlers({ db: openDb({ name: 'factlens-import-round-trip' }) });
const request = ((message: Parameters<typeof handlers.exportDataset>[0]) => handlers.exportDataset(message)) as unknown as RequestFn;

describe('export then import', () => {
  it.each(['wikidata-entity.json', 'wikidata-sparql.json', 'ftm.ndjson', 'popolo.json', 'people.csv'])(
    'gives back the dataset converted from %s, in format version 2',
    async (file) => {
      const { dataset } = convertText(readFileSync(join(FIXTURES, file), 'utf8'), { id: `round-${file.replace(/\W/g, '-')}` });
      await importDataset({ handlers, dataset });
      const exported = await collectDataset(dataset.id, request);
      expect(exported.format).toBe('factlens-dataset/2');
      expect(exported).toEqual(dataset);
      const again = validateDataset(JSON.parse(JSON.stringify(exported)));
      expect(again.ok && again.dataset).toEqual(dataset);
    },
  );

  it('exports a version 1 file as version 2 with the same content', async () => {
    const quote = 'Quentin Vale joined Zorblax';
    const v1 = {
      format: 'factlens-dataset/1',
      id: 'round-v1',
      name: 'Old',
      version: '1',
      sources: [{ id: 'memo', title: 'A memo', text: `${quote} in 2024.` }],
      entities: [
        { id: 'zorblax', name: 'Zorblax', type: 'organization', aliases: [{ text: 'Zorblax' }], roles: [], mentions: [] },
        {
          id: 'quentin-vale',
          name: 'Quentin Vale',
          type: 'person',
          aliases: [{ text: 'Quentin Vale' }],
          roles: [{ title: 'Engineer', organization: 'zorblax', evidence: [{ source: 'memo', quote, start: 0, end: quote.length }] }],
          mentions: [],
        },
      ],
    };
    const read = validateDataset(v1);
    if (!read.ok) throw new Error('the version 1 file did not validate');
    await importDataset({ handlers, dataset: read.dataset });
    expect(await collectDataset('round-v1', request)).toEqual({ ...v1, format: 'factlens-dataset/2' });
  });
});
