import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { datasetsListed, importFile, makeDatasetPublic } from './extension-page';
import { BROWSERS, firstInstallPage, launchWithExtension, openPage, type ExtensionBrowser } from './harness';
import { waitForHighlights } from './overlay-page';

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
  let eb: ExtensionBrowser;
  let server: StaticServer;
  let options: Page;

  beforeAll(async () => {
    server = await startStaticServer({ dir: resolve(import.meta.dirname, 'fixtures') });
    eb = await launchWithExtension(name);
    options = await firstInstallPage(eb);
    await datasetsListed(options);
    await importFile(options, 'contextual.json', DATASET);
    await makeDatasetPublic(options, 'test-contextual');
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('"Apple Daily reported" highlights "Apple" until the page names Apple Daily in full, and again after', async () => {
    const page = await openPage(eb, `${server.url}contextual-names.html`);
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
    expect(eb.errors).toEqual([]);
  });
});
