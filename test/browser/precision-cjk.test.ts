import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSERS, openPage } from './harness';
import { hoverMention, waitForCard, waitForHighlights } from './overlay-page';
import { extensionSession } from './session';

/*
 * Chinese pages against the bundled dataset: people's Han names stop at a
 * longer name (马云飞, 张勇军, 陈数学), and Traditional text matches the
 * Simplified aliases.
 */
describe.each(BROWSERS)('%s: Chinese name boundaries and Traditional Chinese', (name) => {
  const session = extensionSession(name, { dir: resolve(import.meta.dirname, 'fixtures') });

  it('highlights 马云 and 张勇 where they meet text, never inside 马云飞, 张勇军 or 陈数学', async () => {
    const page = await openPage(session.eb, `${session.server.url}precision-cjk-simplified.html`);
    const expected = ['阿里巴巴集团', '张勇', '马云', '马云', '张勇', '淘宝'];
    expect(await waitForHighlights(page, expected)).toEqual(expected);
    await page.close();
  });

  it('highlights Traditional names as their Simplified aliases, and 馬雲 opens Jack Ma’s card', async () => {
    const page = await openPage(session.eb, `${session.server.url}precision-cjk-traditional.html`);
    const expected = ['馬雲', '阿里巴巴集團', '張勇', '淘寶', '天貓'];
    expect(await waitForHighlights(page, expected)).toEqual(expected);
    await hoverMention(page, '馬雲');
    expect(await waitForCard(page, (t) => t?.includes('Jack Ma') ?? false)).toContain('Jack Ma');
    await page.close();
  });

  it('logs no errors', () => {
    expect(session.eb.errors).toEqual([]);
  });
});
