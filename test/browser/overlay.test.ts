import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { inCardRoot } from '../../scripts/lib/card-root';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import type { Dataset } from '../../src/dataset/schema';
import { roleTimeline } from '../../src/format/role-timeline';
import { dateRangeWordsIn, LOCALES } from '../unit/support/locale-messages';
import { BROWSERS, firstInstallPage, launchWithExtension, openPage, type ExtensionBrowser } from './harness';
import { cardText, clickInCard, highlightTexts, hoverMention, pressCardShortcut, setSiteEnabled, waitForCard, waitForHighlights, waitForTab } from './overlay-page';

const EXPECTED = [
  'Alibaba',
  'Jack Ma',
  'Changsha',
  'Jack Ma Foundation',
  'Mǎ\u00a0Yún',
  'Ma',
  'Alibaba',
  '马云',
  '阿里巴巴集团',
  'Daniel Zhang',
  'Ant Group',
  'Liu Jie',
];

describe.each(BROWSERS)('%s: the page overlay', (name) => {
  let eb: ExtensionBrowser;
  let server: StaticServer;
  let extensionPage: Page;
  let page: Page;
  let host: string;

  beforeAll(async () => {
    server = await startStaticServer({ dir: resolve(import.meta.dirname, 'fixtures') });
    host = new URL(server.url).host;
    eb = await launchWithExtension(name);
    extensionPage = await firstInstallPage(eb);
    page = await openPage(eb, `${server.url}news-rules.html`);
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('highlights exactly the expected mentions, including content added later', async () => {
    expect(await waitForHighlights(page, EXPECTED)).toEqual(EXPECTED);
  });

  it('styles its highlights inside open shadow roots, which document CSS does not reach', async () => {
    const styled = await page.evaluate(`document.getElementById('shadow-host').shadowRoot.adoptedStyleSheets
      .some((sheet) => [...sheet.cssRules].some((rule) => rule.cssText.includes('factlens-mention')))`);
    expect(styled).toBe(true);
  });

  it('highlights inside same-origin frames too', async () => {
    const frame = page.frames().find((f) => f.url().endsWith('frame.html'));
    expect(frame).toBeDefined();
    await expect
      .poll(() => frame!.evaluate(`[...(CSS.highlights.get('factlens-mention') ?? [])].length`), { timeout: 10_000 })
      .toBe(2);
  });

  it('leaves the page DOM untouched but for the card host', async () => {
    const tags = await page.evaluate(`[...document.querySelectorAll('*')].map((e) => e.localName).filter((t) => t.startsWith('factlens'))`);
    expect(tags).toEqual([]);
    expect(await page.evaluate(`document.querySelectorAll('style').length`)).toBe(1);
  });

  it('opens a card after the pointer rests on a mention, with roles, dates and excerpts', async () => {
    await hoverMention(page, 'Jack Ma');
    const text = await waitForCard(page, (t) => t !== null);
    expect(text).toContain('Jack Ma');
    expect(text).toMatch(/Person/i);
    expect(text).toContain('since 1999');
    // The presidency's span as the card writes it, from the bundled data ("2015 – Dec 7, 2022").
    const jackMa = (bundled as Dataset).entities.find((e) => e.id === 'jack-ma')!;
    const presidency = roleTimeline({ roles: jackMa.roles, locale: 'en-US', words: dateRangeWordsIn(LOCALES.en!) }).find(
      (row) => row.role.organization === 'general-association-of-zhejiang-entrepreneurs',
    )!;
    expect(presidency.label).toMatch(/–/);
    expect(text).toContain(presidency.label);
    expect(text).toContain('General Association of Zhejiang Entrepreneurs');
    // Jack Ma, Mǎ Yún, Ma and 马云 on the fixture page.
    expect(text).toMatch(/4 mentions on this page/);
    const excerpts = await inCardRoot<string[]>(page, `(root) => [...root.querySelectorAll('a.fl-excerpt')].map((a) => a.textContent)`);
    expect(excerpts?.length).toBeGreaterThan(0);
  });

  it('keeps the card open while the pointer moves into it, and closes it after the pointer leaves both', async () => {
    const box = (await inCardRoot<{ x: number; y: number }>(page, `(root) => {
      const r = root.querySelector('[role=dialog]').getBoundingClientRect();
      return { x: r.left + 20, y: r.top + 20 };
    }`))!;
    await page.mouse.move(box.x, box.y, { steps: 5 });
    await new Promise((r) => setTimeout(r, 700));
    expect(await cardText(page)).not.toBeNull();
    await page.mouse.move(5, 5, { steps: 3 });
    expect(await waitForCard(page, (t) => t === null)).toBeNull();
  });

  it('closes the card on Escape', async () => {
    await hoverMention(page, 'Daniel Zhang');
    expect(await waitForCard(page, (t) => t?.includes('Daniel Zhang') ?? false)).toContain('Daniel Zhang');
    await page.keyboard.press('Escape');
    expect(await waitForCard(page, (t) => t === null)).toBeNull();
  });

  it('opens the card from the keyboard at the caret, focused, and Escape closes it', async () => {
    await page.mouse.move(5, 5);
    await page.evaluate(`(() => {
      const p = document.getElementById('split');
      const text = [...p.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.data.includes('visited'));
      const offset = text.data.indexOf('Changsha') + 3;
      getSelection().setBaseAndExtent(text, offset, text, offset);
    })()`);
    const openByKeyboard = async () => {
      await pressCardShortcut(page);
      expect(await waitForCard(page, (t) => t?.includes('Changsha') ?? false)).toContain('Changsha');
    };
    await openByKeyboard();
    await expect.poll(() => inCardRoot(page, `(root) => root.activeElement?.getAttribute('role')`)).toBe('dialog');
    // The open card follows its name as the page scrolls (it listens for scrolling only while open): it ends
    // where the card opened after the scroll is placed, not where it was.
    const cardBox = async () => (await inCardRoot<string>(page, `(root) => JSON.stringify(root.querySelector('[role=dialog]').getBoundingClientRect())`))!;
    await page.evaluate(`document.documentElement.style.minHeight = '300vh'`);
    const before = await cardBox();
    const scrollY = (await page.evaluate('scrollY')) as number;
    await page.evaluate(`scrollBy(0, 24)`);
    await expect.poll(() => page.evaluate('scrollY')).toBe(scrollY + 24);
    await expect.poll(cardBox).not.toBe(before);
    const followed = await cardBox();
    await page.keyboard.press('Escape');
    expect(await waitForCard(page, (t) => t === null)).toBeNull();
    await openByKeyboard();
    await expect.poll(cardBox).toBe(followed);
    await page.keyboard.press('Escape');
    expect(await waitForCard(page, (t) => t === null)).toBeNull();
    await page.evaluate(`scrollTo(0, ${scrollY}); document.documentElement.style.minHeight = ''`);
  });

  it('opens the source viewer at an excerpt from the card', async () => {
    await hoverMention(page, 'Jack Ma');
    await waitForCard(page, (t) => t !== null);
    const named = await inCardRoot<string>(page, `(root) => root.querySelector('a.fl-excerpt mark').textContent`);
    await clickInCard(page, 'a.fl-excerpt');
    const viewer = await waitForTab(eb.browser, '/viewer.html?');
    // Polled with evaluate: Firefox's BiDi cannot run waitForSelector in a tab the extension opened.
    await expect
      .poll(() => viewer.evaluate(`document.querySelector('[data-testid=excerpt]')?.textContent ?? null`), { timeout: 15_000 })
      .toBe(named);
    await viewer.close();
  });

  it('registers its highlights again when the page clears the registry', async () => {
    const before = (await highlightTexts(page)).length;
    await page.evaluate(`CSS.highlights.clear()`);
    expect(await highlightTexts(page)).toEqual([]);
    await expect.poll(async () => (await highlightTexts(page)).length, { timeout: 5_000 }).toBe(before);
  });

  it('removes highlights for text the page changes', async () => {
    await page.evaluate(`document.getElementById('change').firstChild.data = 'CEO Someone Else spoke.'`);
    const without = EXPECTED.filter((t) => t !== 'Daniel Zhang');
    expect(await waitForHighlights(page, without)).toEqual(without);
  });

  it('shows nothing on a site turned off, without a reload, and comes back when turned on', async () => {
    await page.bringToFront();
    await setSiteEnabled(extensionPage, host, false);
    await expect.poll(() => highlightTexts(page), { timeout: 10_000 }).toEqual([]);
    const reloaded = await openPage(eb, `${server.url}news-rules.html`);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await highlightTexts(reloaded)).toEqual([]);
    await setSiteEnabled(extensionPage, host, true);
    // `page` is in the background now (`reloaded` was opened after it): what is on its screen is registered all the same.
    await expect.poll(async () => (await highlightTexts(page)).length, { timeout: 10_000 }).toBeGreaterThan(5);
    await reloaded.close();
  });

  it('logs no errors', () => {
    expect(eb.errors).toEqual([]);
  });
});
