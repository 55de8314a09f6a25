import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { inCardRoot } from '../../scripts/lib/card-root';
import { importFile, makeDatasetPublic } from './extension-page';
import { BROWSERS, openPage } from './harness';
import { hoverMention, waitForHighlights } from './overlay-page';
import { extensionSession } from './session';

/**
 * Pages about other people who share the bundled dataset's names, and pages
 * that use its names as ordinary words: each shows exactly the names it
 * should (every page has one true name, so the scan is known to be done), and
 * the cards say who a shared name is and why.
 */

/** Another Zhang Yong, the founder of Haidilao, as a reader's own dataset would add him. */
const HAIDILAO = JSON.stringify({
  format: 'factlens-dataset/1',
  id: 'test-haidilao',
  name: 'Hotpot chains',
  version: '1',
  entities: [
    {
      id: 'zhang-yong',
      name: 'Zhang Yong (Haidilao)',
      type: 'person',
      aliases: [{ text: 'Zhang Yong', needsContext: true }],
      related: ['haidilao'],
    },
    { id: 'haidilao', name: 'Haidilao', type: 'organization', aliases: [{ text: 'Haidilao' }] },
  ],
});

/** Each entity the open card lists, in order, with its reason line (null for none). */
function cardEntities(page: Page): Promise<[string, string | null][] | null> {
  return inCardRoot<[string, string | null][]>(
    page,
    `(root) => {
      const sections = [...root.querySelectorAll('[role=dialog] .fl-entity')];
      return sections.length === 0 ? null : sections.map((s) => [s.querySelector('.fl-name').textContent, s.querySelector('.fl-reason')?.textContent ?? null]);
    }`,
  );
}

async function cardOf(page: Page, name: string): Promise<[string, string | null][] | null> {
  await hoverMention(page, name);
  let last: [string, string | null][] | null = null;
  await expect.poll(async () => (last = await cardEntities(page)), { timeout: 10_000 }).not.toBeNull();
  return last;
}

describe.each(BROWSERS)('%s: names that need context', (name) => {
  const session = extensionSession(name, { dir: resolve(import.meta.dirname, 'fixtures') });

  const highlightsOf = async (file: string, expected: string[]): Promise<{ page: Page; shown: string[] }> => {
    const page = await openPage(session.eb, `${session.server.url}${file}`);
    return { page, shown: await waitForHighlights(page, expected) };
  };

  it.each([
    ['precision-zhang-yong.html', ['Shanghai']],
    ['precision-zhang-yong-zh.html', ['上海']],
    ['precision-liu-jie.html', ['Beijing', '北京']],
    ['precision-chen-shu.html', ['Hong Kong', '香港']],
    ['precision-words.html', ['Shanghai']],
    ['precision-short-names.html', ['Alibaba']],
  ])('%s shows no one who merely shares a name or a word: %j', async (file, expected) => {
    const { page, shown } = await highlightsOf(file, expected);
    expect(shown).toEqual(expected);
    await page.close();
  });

  it('names Daniel Zhang where the page names Alibaba or 天猫, in either script, and says why', async () => {
    const { page, shown } = await highlightsOf('precision-alibaba.html', ['Alibaba', 'Alibaba Group', 'Zhang Yong', 'Zhang', 'Hangzhou', '张勇', '天猫']);
    expect(shown).toEqual(['Alibaba', 'Alibaba Group', 'Zhang Yong', 'Zhang', 'Hangzhou', '张勇', '天猫']);
    expect(await cardOf(page, '张勇')).toEqual([['Daniel Zhang', 'Alibaba Group and Tmall are on this page']]);
    await page.close();
  });

  describe('with another Zhang Yong imported', () => {
    beforeAll(async () => {
      await importFile(session.options, 'haidilao.json', HAIDILAO);
      await makeDatasetPublic(session.options, 'test-haidilao');
    });

    it('the page about Haidilao names its own founder, and never Daniel Zhang', async () => {
      const { page, shown } = await highlightsOf('precision-zhang-yong.html', ['Zhang Yong', 'Haidilao', 'Shanghai']);
      expect(shown).toEqual(['Zhang Yong', 'Haidilao', 'Shanghai']);
      expect(await cardOf(page, 'Zhang Yong')).toEqual([['Zhang Yong (Haidilao)', 'Haidilao is on this page']]);
      await page.close();
    });

    it('a page naming both lists both, the better supported first', async () => {
      const { page, shown } = await highlightsOf('precision-two-zhangs.html', ['Zhang Yong', 'Haidilao', 'Alibaba Group', 'Tmall']);
      expect(shown).toEqual(['Zhang Yong', 'Haidilao', 'Alibaba Group', 'Tmall']);
      expect(await cardOf(page, 'Zhang Yong')).toEqual([
        ['Daniel Zhang', 'Alibaba Group and Tmall are on this page'],
        ['Zhang Yong (Haidilao)', 'Haidilao is on this page'],
      ]);
      await page.close();
    });
  });

  it('logs no errors', () => {
    expect(session.eb.errors).toEqual([]);
  });
});
