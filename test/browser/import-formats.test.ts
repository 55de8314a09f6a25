import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerFromFile } from '../../entrypoints/options/import-plan';
import { inCardRoot } from '../../scripts/lib/card-root';
import type { Entity, Source } from '../../src/dataset/schema';
import { convertText } from '../../src/import/convert';
import { chooseFile, makeDatasetPublic, until } from './extension-page';
import { BROWSERS, openPage } from './harness';
import { hoverMention, waitForCard, waitForHighlights } from './overlay-page';
import { extensionSession } from './session';

/**
 * Each foreign format's fixture (test/fixtures/import/), imported through the
 * options page: its names are highlighted on a page, and the card shows a
 * dated role with a link to its source. What to look for comes from the
 * same converter run here in Node: the first person with a dated role whose
 * evidence cites a source with an address.
 */
const FIXTURES = ['ftm.ndjson', 'people.csv', 'popolo.json', 'wikidata-entity.json'];
const dir = join(import.meta.dirname, '..', 'fixtures', 'import');

interface Expected {
  file: string;
  contents: string;
  datasetId: string;
  name: string;
  person: Entity;
  role: Entity['roles'][number];
  url: string;
}

function expectedOf(file: string): Expected {
  const contents = readFileSync(join(dir, file), 'utf8');
  const header = headerFromFile({ name: file, lastModified: 0 });
  const { dataset } = convertText(contents, { ...header, lang: 'en' });
  const sources = new Map<string, Source>(dataset.sources.map((s) => [s.id, s]));
  for (const person of dataset.entities.filter((e) => e.type === 'person')) {
    for (const role of person.roles) {
      const url = role.evidence.map((ev) => sources.get(ev.source)?.url).find((u) => u !== undefined);
      if (role.start !== undefined && url !== undefined) return { file, contents, datasetId: header.id, name: header.name, person, role, url };
    }
  }
  throw new Error(`${file} has no person with a dated role citing a linked source`);
}

const expected = FIXTURES.map(expectedOf);

describe.each(BROWSERS)('%s: importing each format', (name) => {
  const files = new Map(expected.map((e) => [`/${e.datasetId}.html`, `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>${e.file}</title><p style="margin:120px">Yesterday ${e.person.name} spoke.</p>`]));
  const session = extensionSession(name, { files });

  // One dataset at a time: the fixtures name the same people, and a card lists every dataset's entity for a name.
  it.each(expected.map((e) => [e.file, e]))('%s: the name is highlighted, and the card shows a dated role and its source link', async (_file, e) => {
    await chooseFile(session.options, '[data-testid=import-file]', e.file, e.contents);
    await until(session.options, `document.querySelector('[data-testid=import-done]')?.textContent.startsWith('Imported ${e.name}:')`);
    // Public, so that its names are in CSS.highlights, where the test reads them as the page would.
    await makeDatasetPublic(session.options, e.datasetId);
    const page = await openPage(session.eb, `${session.server.url}${e.datasetId}.html`);
    expect(await waitForHighlights(page, [e.person.name])).toEqual([e.person.name]);
    await hoverMention(page, e.person.name);
    const card = await waitForCard(page, (text) => text?.includes(e.role.title) ?? false);
    expect(card).toContain(e.role.title);
    expect(card).toContain(e.role.start!.slice(0, 4));
    const links = await inCardRoot<[string | null, string | null, string | null][]>(
      page,
      `(root) => [...root.querySelectorAll('[data-testid=open-original]')].map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')])`,
    );
    expect(links).toContainEqual([e.url, 'noopener noreferrer', '_blank']);
    await page.close();
    await session.options.evaluate(`(globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'removeDataset', id: ${JSON.stringify(e.datasetId)} })`);
    await until(session.options, `document.querySelector('[data-testid=datasets] tr[data-dataset=${JSON.stringify(e.datasetId)}]') === null`);
  });

  it('reads a file in the format the reader chooses over the one detected', async () => {
    const ftm = expected.find((e) => e.file.endsWith('.ndjson'))!;
    await session.options.select('[data-testid=import-format]', 'csv');
    await chooseFile(session.options, '[data-testid=import-file]', ftm.file, ftm.contents);
    // Read as CSV, a FollowTheMoney file has the wrong header: refused, and nothing stored.
    await until(session.options, `document.querySelector('[data-testid=import-error]') !== null`);
    expect(await session.options.evaluate(`document.querySelector('[data-testid=datasets] tr[data-dataset=${JSON.stringify(ftm.datasetId)}]')`)).toBeNull();
    await session.options.select('[data-testid=import-format]', 'detect');
  });

  it('logs no errors', () => {
    expect(session.eb.errors).toEqual([]);
  });
});
