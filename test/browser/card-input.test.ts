import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCardRoot } from '../../scripts/lib/card-root';
import { articlePath, demoSite, type DemoDataset } from '../../scripts/lib/demo-site';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { until } from './extension-page';
import { BROWSERS, firstInstallPage, launchWithExtension, loadPage, openPage, watchErrors, type ExtensionBrowser } from './harness';
import { clickInCard, hoverMention, pressCardShortcut, waitForCard, waitForTab } from './overlay-page';

const dataset = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../assets/dataset.json'), 'utf8')) as DemoDataset & {
  sources: { id: string; text: string }[];
};
/** The first article that names Jack Ma: it names Alibaba too. */
const article = dataset.sources.find((s) => s.text.includes('Jack Ma') && s.text.includes('Alibaba'))!;
/** A phone's width, the narrowest the card must fit. */
const PHONE = { width: 360, height: 740 };

/** The centre of the n-th highlighted `text`, scrolled into the middle of the viewport. */
function pointOn(page: Page, text: string): Promise<{ x: number; y: number }> {
  return page.evaluate(`(() => {
    const r = [...CSS.highlights.get('factlens-mention')]
      .map((s) => { const x = document.createRange(); x.setStart(s.startContainer, s.startOffset); x.setEnd(s.endContainer, s.endOffset); return x; })
      .find((x) => x.toString() === ${JSON.stringify(text)});
    r.startContainer.parentElement.scrollIntoView({ block: 'center' });
    const b = r.getClientRects()[0];
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  })()`) as Promise<{ x: number; y: number }>;
}

/** Where a script saw the card since the last call: nothing a page can see, so read from the card root. */
const cardOpen = async (page: Page) => (await inCardRoot<boolean>(page, `(root) => !!root.querySelector('[role=dialog]')`)) === true;

/** Waits past the card delay, then says whether a card opened: proving a gesture opened nothing needs a wait. */
async function openedAfterDelay(page: Page): Promise<boolean> {
  await new Promise((r) => setTimeout(r, 1000));
  return cardOpen(page);
}

describe.each(BROWSERS)('%s: touch, and when cards open', (name) => {
  let eb: ExtensionBrowser;
  let server: StaticServer;
  let page: Page;
  let extensionPage: Page;
  /** Whether the page sees a touch screen as its primary pointer, which the card's larger targets answer to. */
  let coarse = false;

  beforeAll(async () => {
    server = await startStaticServer({ files: demoSite({ dataset }) });
    eb = await launchWithExtension(name);
    extensionPage = await firstInstallPage(eb);
    page = await eb.browser.newPage();
    watchErrors(eb, page);
    // Chromium emulates a touch screen (CDP Input.dispatchTouchEvent, pointer: coarse).
    // Firefox takes WebDriver BiDi touch actions, but its page still has a
    // mouse as its primary pointer: (pointer: coarse) does not match there.
    await page.setViewport({ ...PHONE, hasTouch: true });
    await loadPage(page, new URL(articlePath(article.id), server.url).href);
    coarse = (await page.evaluate(`matchMedia('(pointer: coarse)').matches`)) === true;
    await until(page, `(CSS.highlights.get('factlens-mention')?.size ?? 0) > 3`);
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('a tap on a name opens its card, sized to a 360 px screen, with a visible close button', async () => {
    const at = await pointOn(page, 'Jack Ma');
    await page.touchscreen.tap(at.x, at.y);
    expect(await waitForCard(page, (t) => t !== null)).toContain('Jack Ma');
    const box = await inCardRoot<{ left: number; right: number; width: number; close: { w: number; h: number; visible: boolean } }>(
      page,
      `(root) => {
        const r = root.querySelector('.fl-card').getBoundingClientRect();
        const c = root.querySelector('button.fl-close');
        const cr = c.getBoundingClientRect();
        const at = root.elementFromPoint(cr.left + cr.width / 2, cr.top + cr.height / 2);
        return { left: r.left, right: r.right, width: r.width, close: { w: cr.width, h: cr.height, visible: at === c || c.contains(at) } };
      }`,
    );
    expect(box!.left).toBeGreaterThanOrEqual(0);
    expect(box!.right).toBeLessThanOrEqual(PHONE.width);
    expect(box!.width).toBeGreaterThan(PHONE.width / 2);
    expect(box!.close.visible).toBe(true);
  });

  it('every link and button in the card is a touch target of at least 44 × 44 px', async (ctx) => {
    if (!coarse) ctx.skip();
    const small = await inCardRoot<string[]>(
      page,
      `(root) => [...root.querySelectorAll('a, button, [role=link]')]
        .map((el) => { const r = el.getBoundingClientRect(); return { t: el.className + ' ' + el.textContent.slice(0, 20), w: r.width, h: r.height }; })
        .filter((e) => e.w > 0 && (e.w < 44 || e.h < 44)).map((e) => e.t + ' ' + Math.round(e.w) + '×' + Math.round(e.h))`,
    );
    expect(await inCardRoot<number>(page, `(root) => root.querySelectorAll('a, button').length`)).toBeGreaterThan(3);
    expect(small).toEqual([]);
  });

  it('a tap on the card keeps it open; a tap outside closes it', async () => {
    const inside = await inCardRoot<{ x: number; y: number }>(page, `(root) => { const r = root.querySelector('.fl-section-title').getBoundingClientRect(); return { x: r.left + 4, y: r.top + r.height / 2 }; }`);
    await page.touchscreen.tap(inside!.x, inside!.y);
    expect(await openedAfterDelay(page)).toBe(true);
    await page.touchscreen.tap(4, PHONE.height - 4);
    await expect.poll(() => cardOpen(page), { timeout: 5000 }).toBe(false);
  });

  it('the close button closes the card', async () => {
    const at = await pointOn(page, 'Alibaba');
    await page.touchscreen.tap(at.x, at.y);
    expect(await waitForCard(page, (t) => t?.includes('Alibaba') ?? false)).toContain('Alibaba');
    const close = await inCardRoot<{ x: number; y: number }>(page, `(root) => { const r = root.querySelector('button.fl-close').getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; }`);
    await page.touchscreen.tap(close!.x, close!.y);
    await expect.poll(() => cardOpen(page), { timeout: 5000 }).toBe(false);
  });

  it('a scroll that starts on a name opens nothing', async () => {
    const at = await pointOn(page, 'Jack Ma');
    const before = (await page.evaluate('scrollY')) as number;
    const finger = await page.touchscreen.touchStart(at.x, at.y);
    for (let i = 1; i <= 8; i++) await finger.move(at.x, Math.max(2, at.y - i * 20));
    await finger.end();
    // Chromium pans the page, and cancels the pointer; desktop Firefox does not
    // pan for BiDi touch actions, so there the finger drags 160 px instead.
    if (name === 'chromium') await expect.poll(() => page.evaluate('scrollY'), { timeout: 5000 }).not.toBe(before);
    expect(await openedAfterDelay(page)).toBe(false);
  });

  it('a pinch that starts on a name opens nothing', async () => {
    const at = await pointOn(page, 'Jack Ma');
    const one = await page.touchscreen.touchStart(at.x, at.y);
    const two = await page.touchscreen.touchStart(at.x + 60, at.y + 60);
    for (let i = 1; i <= 5; i++) {
      await one.move(at.x - i * 8, at.y - i * 8);
      await two.move(at.x + 60 + i * 8, at.y + 60 + i * 8);
    }
    await one.end();
    await two.end();
    expect(await openedAfterDelay(page)).toBe(false);
  });

  describe('the "open cards" setting, the theme and the settings button, with a mouse', () => {
    let desk: Page;
    /**
     * Saves appearance settings as the options page does, and waits until
     * the tab has them: the highlight style changes with them, and the page
     * shows it in the sheet it adopts.
     */
    async function appearance(change: Record<string, string>, style: 'wash' | 'underline' | 'both'): Promise<void> {
      await extensionPage.evaluate(`(async () => {
        const answer = await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'setAppearance', appearance: ${JSON.stringify({ ...change, highlightStyle: style })} });
        if (!answer?.ok) throw new Error(JSON.stringify(answer));
      })()`);
      const adopted = `document.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes('factlens-mention')))`;
      // 'both' is the manifest's own look: no sheet; 'wash' has no underline, 'underline' a transparent wash.
      const marker = style === 'both' ? `!(${adopted})` : `[...document.adoptedStyleSheets].some((s) => [...s.cssRules].some((r) => r.cssText.includes('factlens-mention') && r.cssText.includes(${JSON.stringify(style === 'wash' ? 'text-decoration: none' : 'transparent')})))`;
      await until(desk, marker);
    }
    const shortcut = () => pressCardShortcut(desk);

    beforeAll(async () => {
      desk = await openPage(eb, new URL(articlePath(article.id), server.url).href);
      await until(desk, `(CSS.highlights.get('factlens-mention')?.size ?? 0) > 3`);
    });
    afterAll(async () => {
      await appearance({ openCards: 'hover', theme: 'auto' }, 'both');
    });

    it('"only while Shift is held": resting on a name opens nothing until Shift is pressed', async () => {
      await appearance({ openCards: 'shift' }, 'wash');
      await hoverMention(desk, 'Jack Ma');
      expect(await openedAfterDelay(desk)).toBe(false);
      await desk.keyboard.down('Shift');
      expect(await waitForCard(desk, (t) => t !== null)).toContain('Jack Ma');
      await desk.keyboard.up('Shift');
      await desk.keyboard.press('Escape');
      await expect.poll(() => cardOpen(desk), { timeout: 5000 }).toBe(false);
    });

    it('"only with the keyboard shortcut": resting, even with Shift, opens nothing; Alt+Shift+F does', async () => {
      await appearance({ openCards: 'shortcut' }, 'underline');
      await desk.keyboard.down('Shift');
      await hoverMention(desk, 'Alibaba');
      expect(await openedAfterDelay(desk)).toBe(false);
      await desk.keyboard.up('Shift');
      await desk.evaluate(`(() => {
        const r = [...CSS.highlights.get('factlens-mention')].find((s) => s.startContainer === s.endContainer && s.startContainer.data.slice(s.startOffset, s.endOffset) === 'Alibaba');
        getSelection().setBaseAndExtent(r.startContainer, r.startOffset + 2, r.startContainer, r.startOffset + 2);
      })()`);
      await shortcut();
      expect(await waitForCard(desk, (t) => t !== null)).toContain('Alibaba');
    });

    it('a theme chosen while a card is open applies to that card at once', async () => {
      const theme = () => inCardRoot<string | null>(desk, `(root) => root.querySelector('.fl-card')?.getAttribute('data-theme') ?? null`);
      expect(await theme()).toBeNull();
      await appearance({ theme: 'dark' }, 'wash');
      await expect.poll(theme, { timeout: 5000 }).toBe('dark');
    });

    it('the settings button opens the options page at the appearance section', async () => {
      await clickInCard(desk, 'button.fl-settings');
      const options = await waitForTab(eb.browser, 'options.html#appearance');
      await until(options, `(() => { const r = document.getElementById('appearance')?.getBoundingClientRect(); return !!r && r.top < innerHeight && r.bottom > 0; })()`);
      expect(await inCardRoot<string>(desk, `(root) => root.innerHTML`)).not.toMatch(/extension:\/\//);
    });
  });

  it('logs no errors', () => {
    expect(eb.extensionErrors()).toEqual([]);
  });
});
