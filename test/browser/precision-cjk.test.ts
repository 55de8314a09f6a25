import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { datasetsListed } from './extension-page';
import { BROWSERS, firstInstallPage, launchWithExtension, openPage, type ExtensionBrowser } from './harness';
import { hoverMention, waitForCard, waitForHighlights } from './overlay-page';

/*
 * Chinese pages against the bundled dataset: people's Han names stop at a
 * longer name (马云飞, 张勇军, 陈数学), and Traditional text matches the
 * Simplified aliases.
 */
describe.each(BROWSERS)('%s: Chinese name boundaries and Traditional Chinese', (name) => {
  let eb: ExtensionBrowser;
  let server: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer({ dir: resolve(import.meta.dirname, 'fixtures') });
    eb = await launchWithExtension(name);
    await datasetsListed(await firstInstallPage(eb));
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('highlights 马云 and 张勇 where they meet text, never inside 马云飞, 张勇军 or 陈数学', async () => {
    const page = await openPage(eb, `${server.url}precision-cjk-simplified.html`);
    const expected = ['阿里巴巴集团', '张勇', '马云', '马云', '张勇', '淘宝'];
    expect(await waitForHighlights(page, expected)).toEqual(expected);
    await page.close();
  });

  it('highlights Traditional names as their Simplified aliases, and 馬雲 opens Jack Ma’s card', async () => {
    const page = await openPage(eb, `${server.url}precision-cjk-traditional.html`);
    const expected = ['馬雲', '阿里巴巴集團', '張勇', '淘寶', '天貓'];
    expect(await waitForHighlights(page, expected)).toEqual(expected);
    await hoverMention(page, '馬雲');
    expect(await waitForCard(page, (t) => t?.includes('Jack Ma') ?? false)).toContain('Jack Ma');
    await page.close();
  });

  it('logs no errors', () => {
    expect(eb.errors).toEqual([]);
  });
});
