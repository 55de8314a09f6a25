import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile, until, untilPageInfo } from './extension-page';
import { BROWSERS, openPage } from './harness';
import { textPoint } from './hostile-page';
import { waitForCard } from './overlay-page';
import { extensionSession } from './session';

const PRIVATE_NAME = 'Quentin Oakridge';
/** In no dataset: what the page would see if the reader kept no such name. */
const CONTROL_NAME = 'Wilbur Fenwright';
const DATASET = {
  format: 'factlens-dataset/1',
  id: 'probe-private',
  name: 'Sources',
  version: '1',
  entities: [
    { id: 'quentin', name: PRIVATE_NAME, type: 'person', description: 'A confidential source.', aliases: [{ text: PRIVATE_NAME }] },
    { id: 'marisol', name: 'Marisol Vantongeren', type: 'person', aliases: [{ text: 'Marisol Vantongeren' }] },
  ],
};

/**
 * Everything a page script can read after Factlens has run, with the
 * probed name replaced: two probes that differ in nothing else mean the
 * page cannot tell a private name from an unknown one. Runs in the page's
 * own world, as the page's scripts would.
 */
const PROBE = (name: string) => `(() => {
  const name = ${JSON.stringify(name)};
  const plain = (s) => (s ?? '').split(name).join('NAME');
  const highlights = [];
  for (const [key, h] of CSS.highlights) {
    const texts = [];
    for (const r of h) { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); texts.push(x.toString()); }
    highlights.push(key + ': ' + texts.join(' / '));
  }
  const dom = [];
  const walk = (root) => {
    for (const n of root.childNodes) {
      if (n.nodeType === 1) {
        const attrs = [];
        for (const a of n.attributes) attrs.push(a.name + '=' + plain(a.value));
        dom.push('<' + n.nodeName + ' ' + attrs.join(' ') + (n.shadowRoot ? ' #shadow' : '') + '>');
        if (n.shadowRoot) walk(n.shadowRoot);
        walk(n);
      } else dom.push(n.nodeName + ' ' + plain(n.nodeValue));
    }
  };
  walk(document);
  const visible = document.getElementById('visible').firstChild;
  const r = document.createRange();
  r.setStart(visible, 0);
  r.setEnd(visible, name.length);
  const box = r.getBoundingClientRect();
  const atName = document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2).map((e) => e.nodeName + '#' + e.id);
  return { highlights, dom, atName, mutations: window.__mutations.map(plain) };
})()`;

/** The visible text of `name` in the element with `id`, as a screenshot clip (document coordinates). */
function nameClip(page: Page, id: string, name: string): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return page.evaluate(`(() => {
    const node = document.getElementById(${JSON.stringify(id)}).firstChild;
    const r = document.createRange();
    r.setStart(node, 0);
    r.setEnd(node, ${name.length});
    const b = r.getBoundingClientRect();
    return b.width > 0 ? { x: b.left + scrollX, y: b.top + scrollY, width: b.width, height: b.height } : null;
  })()`) as Promise<{ x: number; y: number; width: number; height: number } | null>;
}

describe.each(BROWSERS)('%s: a page probing for a private dataset’s names', (browserName) => {
  const session = extensionSession(browserName, { dir: resolve(import.meta.dirname, 'fixtures/hostile') });

  /** Share of the clip's pixels that are amber, as a mark paints them on white (decoded on the options page). */
  async function amberShare(page: Page, clip: { x: number; y: number; width: number; height: number }): Promise<number> {
    const png = await page.screenshot({ clip, encoding: 'base64' });
    return session.options.evaluate(`(async () => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(png)}), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const g = canvas.getContext('2d');
      g.drawImage(bitmap, 0, 0);
      const d = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let amber = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] - d[i + 2] > 12) amber++;
      return amber / (d.length / 4);
    })()`) as Promise<number>;
  }

  /** Opens the probe page for `name` and waits until Factlens has scanned it, as the reader's popup sees it. */
  async function probePage(name: string): Promise<Page> {
    const page = await openPage(session.eb, `${session.server.url}probe.html?name=${encodeURIComponent(name)}`);
    const host = new URL(session.server.url).host;
    await untilPageInfo(session.options, host, `info.entities.some((e) => e.key === 'probe-private/marisol')`);
    return page;
  }

  beforeAll(async () => {
    await importFile(session.options, 'sources.json', JSON.stringify(DATASET));
    // Imports are private unless the reader says otherwise.
    await until(session.options, `document.querySelector('tr[data-dataset="probe-private"] [data-testid=dataset-private]')?.getAttribute('aria-checked') === 'true'`);
  });

  it('learns nothing: highlights, DOM, elementsFromPoint and mutations are the same as for a name in no dataset', async () => {
    const seen = [];
    for (const name of [PRIVATE_NAME, CONTROL_NAME]) {
      const page = await probePage(name);
      seen.push(await page.evaluate(PROBE(name)));
      await page.close();
    }
    const [secret, control] = seen as { highlights: string[]; dom: string[]; atName: string[]; mutations: string[] }[];
    expect(secret!.highlights.join()).not.toContain(PRIVATE_NAME);
    // Nothing on the page is public, so no highlight holds anything.
    expect(secret!.highlights.every((h) => h.endsWith(': '))).toBe(true);
    expect(secret!.dom.length).toBeGreaterThan(10);
    expect(secret!.atName).toContain('P#visible');
    expect(secret!.mutations.length).toBeGreaterThan(0);
    expect(secret).toEqual(control);
  });

  it('marks the private name for the reader, on screen only, and within its scroll container', async () => {
    const page = await probePage(PRIVATE_NAME);
    const visible = (await nameClip(page, 'visible', PRIVATE_NAME))!;
    const hidden = (await nameClip(page, 'hidden', PRIVATE_NAME))!;
    expect(await amberShare(page, visible)).toBeGreaterThan(0.5);
    // Text that is not drawn gets no mark.
    expect(await amberShare(page, hidden)).toBe(0);
    // Scrolled out of its container: the text is clipped, and so is its mark.
    const inner = (await nameClip(page, 'inner', PRIVATE_NAME))!;
    expect(await amberShare(page, inner)).toBe(0);
    await page.evaluate(`document.getElementById('scroller').scrollTop = 150`);
    const scrolled = (await nameClip(page, 'inner', PRIVATE_NAME))!;
    expect(scrolled.y).toBeLessThan(inner.y);
    await expect.poll(() => amberShare(page, scrolled)).toBeGreaterThan(0.5);
    await page.close();

    const control = await probePage(CONTROL_NAME);
    expect(await amberShare(control, (await nameClip(control, 'visible', CONTROL_NAME))!)).toBe(0);
    await control.close();
  });

  it('opens the private name’s card on hover', async () => {
    const page = await probePage(PRIVATE_NAME);
    const point = (await textPoint(page, 'visible', 'Oakridge'))!;
    await page.mouse.move(1, 1);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    expect(await waitForCard(page, (t) => t?.includes('A confidential source.') ?? false)).toContain(PRIVATE_NAME);
    await page.close();
  });

  it('logs no errors', () => {
    expect(session.eb.extensionErrors()).toEqual([]);
  });
});
