import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile, makeDatasetPublic } from './extension-page';
import { BROWSERS, openPage } from './harness';
import { waitForHighlights } from './overlay-page';
import { extensionSession } from './session';

/**
 * The bundled dataset has no contextual alias that covers another entity's
 * full name, so this imports one: "Apple Daily" is contextual, "Apple" is
 * another entity's full name.
 */
const DATASET = JSON.stringify({
  format: 'factlens-dataset/1',
  id: 'test-contextual',
  name: 'Contextual names',
  version: '1',
  entities: [
    { id: 'apple', name: 'Apple', type: 'organization', aliases: [{ text: 'Apple' }] },
    { id: 'apple-daily', name: 'Apple Daily News', type: 'organization', aliases: [{ text: 'Apple Daily News' }, { text: 'Apple Daily', contextual: true }] },
  ],
});

describe.each(BROWSERS)('%s: contextual names on a page', (name) => {
  const session = extensionSession(name, { dir: resolve(import.meta.dirname, 'fixtures') });

  beforeAll(async () => {
    await importFile(session.options, 'contextual.json', DATASET);
    await makeDatasetPublic(session.options, 'test-contextual');
  });

  it('"Apple Daily reported" highlights "Apple" until the page names Apple Daily in full, and again after', async () => {
    const page = await openPage(session.eb, `${session.server.url}contextual-names.html`);
    expect(await waitForHighlights(page, ['Apple'])).toEqual(['Apple']);
    await page.evaluate(`(() => {
      const p = document.createElement('p');
      p.id = 'full';
      p.textContent = 'Apple Daily News closed.';
      document.body.append(p);
    })()`);
    expect(await waitForHighlights(page, ['Apple Daily', 'Apple Daily News'])).toEqual(['Apple Daily', 'Apple Daily News']);
    await page.evaluate(`document.getElementById('full').remove()`);
    expect(await waitForHighlights(page, ['Apple'])).toEqual(['Apple']);
    await page.close();
  });

  it('logs no errors', () => {
    expect(session.eb.errors).toEqual([]);
  });
});
