import { resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { until, untilPageInfo } from './extension-page';
import { BROWSERS, firstInstallPage, launchWithExtension, openPage, type ExtensionBrowser } from './harness';
import { highlightPainted, mentionTexts, pollFor } from './hostile-page';
import { hoverMention, setSiteEnabled, waitForCard } from './overlay-page';

interface Seen {
  mutations: number;
  messages: number;
  names: string[];
  empty: string[];
  plantedReplaced: boolean;
  samples: number;
}

const seen = async (target: Page | Frame) => JSON.parse((await target.evaluate('JSON.stringify(window.__seen)')) as string) as Seen;
const NOTHING = { mutations: 0, messages: 0, names: [], empty: [], plantedReplaced: false };
/**
 * The names of the paragraph the page plants where it is seen. Those in the
 * `display: none` one are found and counted but never drawn, so viewport-
 * scoped marks never register them.
 */
const DRAWN = ['Alibaba Group', 'Daniel Zhang', 'Jack Ma'];
/** Every mention the page plants, the hidden ones too. */
const PLANTED = 5;

function frameIn(page: Page): Promise<Frame | null> {
  return pollFor(async () => (await page.$('#cross'))?.contentFrame() ?? null, (f) => f !== null && f.url().includes('offsite-frame.html'));
}

/**
 * Detection where Factlens is off (issue 11, attack 5): a page script that
 * plants names, leaves a highlight of its own under Factlens's name, watches
 * its whole document, listens for messages and polls the highlight registry
 * learns nothing, and
 * neither does an ad frame from a site that is on inside it. The fixture
 * records what the page sees (fixtures/hostile/offsite-watch.js). The static
 * server answers on two hosts, 127.0.0.1 (turned off) and localhost (on).
 */
describe.each(BROWSERS)('%s: detection where Factlens is off', (name) => {
  let eb: ExtensionBrowser;
  let server: StaticServer;
  let options: Page;
  let off: string;
  let on: string;

  beforeAll(async () => {
    server = await startStaticServer({ dir: resolve(import.meta.dirname, 'fixtures/hostile') });
    off = server.url;
    on = server.url.replace('127.0.0.1', 'localhost');
    eb = await launchWithExtension(name);
    options = await firstInstallPage(eb);
    await setSiteEnabled(options, '127.0.0.1', false);
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('on a site that is off, the page and an ad frame from a site that is on see no change at all', async () => {
    const page = await openPage(eb, `${off}offsite.html?other=${encodeURIComponent(on)}`);
    const frame = (await frameIn(page))!;
    // The control, opened after it: the same page on a site that is on, its frame from the site that is off.
    const control = await openPage(eb, `${on}offsite.html?other=${encodeURIComponent(off)}`);
    const controlFrame = (await frameIn(control))!;
    expect(await pollFor(() => mentionTexts(control), (t) => t.length === DRAWN.length)).toEqual(DRAWN);
    await untilPageInfo(options, new URL(on).host, `info.entities.reduce((n, e) => n + e.count, 0) === ${PLANTED}`);
    // Frames follow their tab's top-level site, not their own.
    expect(await pollFor(() => mentionTexts(controlFrame), (t) => t.length === DRAWN.length)).toEqual(DRAWN);
    // The page's own content script has answered that it is not running.
    await untilPageInfo(options, new URL(off).host, `info.active === false`);

    for (const target of [page, frame]) {
      const { samples, ...learned } = await seen(target);
      expect(samples).toBeGreaterThan(1);
      expect(learned).toEqual(NOTHING);
    }
    // It was quiet because of the setting: turned on, the same page and its frame are marked.
    await setSiteEnabled(options, '127.0.0.1', true);
    expect(await pollFor(() => mentionTexts(page), (t) => t.length === DRAWN.length)).toEqual(DRAWN);
    expect(await pollFor(() => mentionTexts(frame), (t) => t.length === DRAWN.length)).toEqual(DRAWN);
    await setSiteEnabled(options, '127.0.0.1', false);
    await page.close();
    await control.close();
  });

  it('on a site that is on, an empty page registers no highlight name, and a mention added later registers exactly one', async () => {
    const page = await openPage(eb, `${on}offsite.html?plant=none`);
    await untilPageInfo(options, new URL(on).host, `info.active === true`);
    await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<p>Now Jack Ma arrives.</p>')`);
    expect(await pollFor(() => mentionTexts(page), (t) => t.length === 1)).toEqual(['Jack Ma']);
    // What the page learns once it has looked again: its timer runs late in a busy or background tab.
    const { samples } = await seen(page);
    const learned = await pollFor(() => seen(page), (s) => s.samples > samples);
    expect(learned.names).toEqual(['factlens-mention']);
    expect(learned.empty).toEqual([]);
    // Removed again, the mention takes the name with it.
    await page.evaluate(`[...document.querySelectorAll('p')].find((p) => p.textContent.includes('Jack Ma')).remove()`);
    await until(page, `!CSS.highlights.has('factlens-mention')`);
    expect((await seen(page)).empty).toEqual([]);
    await page.close();
  });

  it('on a site that is on, every highlight style is painted under the one name, and hovering a name adds no other', async () => {
    const page = await openPage(eb, `${on}offsite.html`);
    await pollFor(() => mentionTexts(page), (t) => t.length === DRAWN.length);
    // The style is a sheet beside the highlight, which the page can read there (README, "What a web page can learn").
    const rules = `document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\\n')`;
    // The default look is manifest CSS: no sheet at all.
    for (const [style, look] of [['wash', /^(?!.*underline).*background-color/s], ['underline', /underline/], ['both', /^$/]] as const) {
      await options.evaluate(`(globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'setAppearance', appearance: { highlightStyle: '${style}' } })`);
      expect(await pollFor(() => page.evaluate(rules) as Promise<string>, (r) => look.test(r)), style).toMatch(look);
      expect(await highlightPainted(page, 'Daniel Zhang'), style).toBe(true);
      await pollFor(() => mentionTexts(page), (t) => t.length === DRAWN.length);
    }
    await hoverMention(page, 'Daniel Zhang');
    expect(await waitForCard(page, (t) => t?.includes('Daniel Zhang') ?? false)).toContain('Daniel Zhang');
    expect((await seen(page)).names).toEqual(['factlens-mention']);
    await page.close();
  });

  it('logs no errors from Factlens', () => {
    expect(eb.extensionErrors()).toEqual([]);
  });
});
