import { describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../scripts/lib/synthetic-dataset';
import { importFile, makeDatasetPublic, showExtensionPage, until } from './extension-page';
import { BROWSERS, openPage } from './harness';
import { waitForHighlights } from './overlay-page';
import { extensionSession } from './session';

/**
 * Factlens at the size users may bring: 100,000 imported entities. Times are
 * printed for the record; `npm run bench` measures them properly.
 */
const dataset = syntheticDataset({ count: 100_000, id: 'synthetic' });
const json = JSON.stringify(dataset);
const sample = [dataset.entities[7]!, dataset.entities[50_000]!, dataset.entities[99_998]!];
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Names</title></head><body>
${sample.map((e) => `<p>Today ${e.name} said hello.</p>`).join('\n')}
<p>Jack Ma still counts.</p></body></html>`;

describe.each(BROWSERS)('%s: 100,000 imported entities', (name) => {
  const session = extensionSession(name, { files: new Map([['/names.html', page]]) });

  it('imports them', { timeout: 240_000 }, async () => {
    const started = Date.now();
    const done = await importFile(session.options, 'synthetic.json', json, 200_000);
    expect(done).toMatch(/100,000 entities/);
    await makeDatasetPublic(session.options, 'synthetic');
    console.log(`${name}: imported 100,000 entities (${(json.length / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms`);
  });

  it('highlights their names on a page', { timeout: 120_000 }, async () => {
    const started = Date.now();
    const tab = await openPage(session.eb, `${session.server.url}names.html`);
    const expected = [...sample.map((e) => e.name), 'Jack Ma'];
    expect(await waitForHighlights(tab, expected, 90_000)).toEqual(expected);
    console.log(`${name}: first highlights at 100k names after ${Date.now() - started} ms (includes building the automaton)`);
  });

  it('finds them in the popup search', { timeout: 120_000 }, async () => {
    const wanted = sample[1]!.name;
    await showExtensionPage(session.eb, session.options, 'popup.html');
    await until(session.options, `document.activeElement?.getAttribute('data-testid') === 'search'`);
    const started = Date.now();
    await session.options.keyboard.type(wanted);
    const results = await until<string[]>(
      session.options,
      `(() => { const r = [...document.querySelectorAll('[data-testid=result]')].map((e) => e.textContent); return r.some((t) => t.includes(${JSON.stringify(wanted)})) ? r : null; })()`,
      90_000,
    );
    expect(results[0]).toContain(wanted);
    console.log(`${name}: popup search found "${wanted}" ${Date.now() - started} ms after typing began`);
  });
});
