import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { inCardRoot } from '../../scripts/lib/card-root';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import type { Dataset, Role } from '../../src/dataset/schema';
import { formatPartialDate, parsePartialDate } from '../../src/dates/partial-date';
import { until } from './extension-page';
import { BROWSERS, firstInstallPage, launchWithExtension, loadPage, watchErrors, type ExtensionBrowser } from './harness';
import { clickInCard, hoverMention, pointAtCard } from './overlay-page';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const dataset = bundled as Dataset;

/** A role of the bundled dataset; the expected dates come from it, since the data may be corrected. */
function roleOf(person: string, title: string, organization: string): Role {
  const role = dataset.entities.find((e) => e.id === person)?.roles.find((r) => r.title === title && r.organization === organization && r.end === undefined);
  if (!role) throw new Error(`no open-ended ${title} of ${person} at ${organization} in the bundled dataset`);
  return role;
}

/** "since May 2015" and "· ≈as of Jan 2023", as the card should write them in `locale`. */
function expectedDates(role: Role, locale: string): { when: string; asOf: string } {
  const format = (text: string) => formatPartialDate({ date: parsePartialDate(text)!, locale });
  const published = role.evidence.map((ev) => dataset.sources.find((s) => s.id === ev.source)!).filter((s) => s.published !== undefined);
  // ISO dates sort as text; of one day, the more precise sorts last, as the card ranks it.
  const newest = published.sort((a, b) => (a.published! < b.published! ? -1 : a.published! > b.published! ? 1 : 0)).at(-1)!;
  return {
    when: `${role.inferred ? '≈' : ''}since ${format(role.start!)}`,
    asOf: `· ${newest.publishedInferred ? '≈' : ''}as of ${format(newest.published!)}`,
  };
}

interface PersonRow {
  name: string;
  roles: { title: string; when: string | null; asOf: string | null }[];
}

const peopleRows = (page: Page) =>
  inCardRoot<PersonRow[]>(
    page,
    `(root) => [...root.querySelectorAll('.fl-person')].map((row) => ({
      name: row.querySelector('.fl-person-name').textContent,
      roles: [...row.querySelectorAll('.fl-person-role')].map((r) => ({
        title: r.querySelector('.fl-role-title').textContent,
        when: r.querySelector('.fl-role-when')?.textContent ?? null,
        asOf: r.querySelector('.fl-as-of')?.textContent.trim() ?? null,
      })),
    }))`,
  );

const heading = (page: Page) => inCardRoot<string>(page, `(root) => root.querySelector('.fl-name')?.textContent ?? null`);
const cardOpen = async (page: Page) => (await inCardRoot<boolean>(page, `(root) => !!root.querySelector('.fl-frame')`)) === true;
/** The heading, with the pointer kept on the card while its content changes. */
async function headingPointedAt(page: Page): Promise<string | null> {
  await pointAtCard(page);
  return heading(page);
}

describe.each(BROWSERS)('%s: who’s who on organization cards', (name) => {
  let eb: ExtensionBrowser;
  let server: StaticServer;
  let page: Page;
  let locale: string;

  beforeAll(async () => {
    server = await startStaticServer({ dir: resolve(import.meta.dirname, 'fixtures') });
    eb = await launchWithExtension(name);
    await firstInstallPage(eb);
    page = await eb.browser.newPage();
    watchErrors(eb, page);
    // Tall enough for the card to show its People whole in the screenshot; set
    // before the page loads, since a resize makes the overlay read the page again.
    if (name === 'chromium') await page.setViewport({ width: 900, height: 1000 });
    await loadPage(page, `${server.url}news-rules.html`);
    await until(page, `CSS.highlights.get('factlens-mention')?.size > 5`);
    // The first-install options tab may open late and take the focus; a card in a tab without it closes.
    await page.bringToFront();
    locale = (await page.evaluate('navigator.language')) as string;
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('lists Alibaba’s people on its card: Jack Ma the founder, Daniel Zhang the CEO "as of" his newest source', async () => {
    await hoverMention(page, 'Alibaba');
    // Both rows, not just a first one: under load the card may be read while it is still filling.
    await expect.poll(async () => (await peopleRows(page))?.map((r) => r.name) ?? [], { timeout: 10_000 }).toEqual(expect.arrayContaining(['Jack Ma', 'Daniel Zhang']));
    const rows = (await peopleRows(page))!;
    const founder = roleOf('jack-ma', 'Founder', 'alibaba-group');
    const ceo = roleOf('daniel-zhang', 'Chief Executive Officer', 'alibaba-group');
    const jack = rows.find((r) => r.name === 'Jack Ma');
    const daniel = rows.find((r) => r.name === 'Daniel Zhang');
    expect(jack?.roles).toContainEqual({ title: founder.title, ...expectedDates(founder, locale) });
    expect(daniel?.roles).toContainEqual({ title: ceo.title, ...expectedDates(ceo, locale) });
  });

  it('keeps a card open while the page adds a paragraph beside its name', async () => {
    await hoverMention(page, 'Alibaba');
    await expect.poll(() => heading(page)).not.toBeNull();
    const before = (await page.evaluate(`CSS.highlights.get('factlens-mention').size`)) as number;
    // Into the heading's own container, which the overlay then reads again whole.
    await page.evaluate(`(() => { const p = document.createElement('p'); p.textContent = 'Daniel Zhang, added later.'; document.querySelector('h1').after(p); })()`);
    await until(page, `CSS.highlights.get('factlens-mention').size > ${before}`);
    await new Promise((r) => setTimeout(r, 500));
    expect(await cardOpen(page)).toBe(true);
  });

  it('opens a person’s card in place, whose open-ended chairmanship reads "as of"; Back returns to the organization', async () => {
    // Its own card, in case a tab that opened late took the focus and closed the last one.
    await hoverMention(page, 'Alibaba');
    await expect.poll(async () => (await peopleRows(page))?.map((r) => r.name) ?? [], { timeout: 10_000 }).toContain('Daniel Zhang');
    const organization = await heading(page);
    await clickInCard(page, 'button.fl-person-name', 'Daniel Zhang');
    await expect.poll(() => headingPointedAt(page)).toBe('Daniel Zhang');
    const chair = roleOf('daniel-zhang', 'Chairman of the Board of Directors', 'alibaba-group');
    const rows = await inCardRoot<{ what: string; when: string | null; asOf: string | null }[]>(
      page,
      `(root) => [...root.querySelectorAll('.fl-role')].map((r) => ({
        what: r.querySelector('.fl-role-what').textContent,
        when: r.querySelector('.fl-role-when')?.textContent ?? null,
        asOf: r.querySelector('.fl-as-of')?.textContent.trim() ?? null,
      }))`,
    );
    const alibaba = dataset.entities.find((e) => e.id === 'alibaba-group')!.name;
    expect(rows).toContainEqual({ what: `${chair.title}, ${alibaba}`, ...expectedDates(chair, locale) });
    await clickInCard(page, 'button.fl-back');
    await expect.poll(() => headingPointedAt(page)).toBe(organization);
    expect((await peopleRows(page))?.map((r) => r.name)).toContain('Daniel Zhang');
    // Last, since Chromium's clipped screenshot closes the card.
    if (name === 'chromium') {
      const box = (await inCardRoot<{ x: number; y: number; width: number; height: number }>(
        page,
        // A clip is in page coordinates, and clicking Back may have scrolled the page.
        `(root) => { const r = root.querySelector('.fl-frame').getBoundingClientRect(); return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height }; }`,
      ))!;
      const pad = 12;
      await page.screenshot({
        path: resolve(SCREENSHOTS, 'org-card.png'),
        clip: { x: Math.max(0, box.x - pad), y: Math.max(0, box.y - pad), width: box.width + 2 * pad, height: box.height + 2 * pad },
      });
    }
  });
});

