// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../entrypoints/popup/App';
import { entityKey, type PageInfo, type SearchHit } from '../../src/messages/protocol';
import { all, bundledDataset, byTestId, click, one, openTab, press, typeInto, until, useKit, visible } from './kit';
import { browser } from './kit/browser';

vi.mock('wxt/browser', () => import('./kit/browser'));

const DATASET = bundledDataset.id;
const HOST = 'news.example';
const key = (id: string) => entityKey({ dataset: DATASET, id });

const kit = useKit();

/** What the tab's content script reports: four of the bundled entities, one of them a place. */
function newsPage(): PageInfo {
  return {
    host: HOST,
    active: true,
    entities: [
      { key: key('alibaba-group'), count: 4 },
      { key: key('jack-ma'), count: 9 },
      { key: key('hunan'), count: 4 },
      { key: key('daniel-zhang'), count: 1 },
    ],
  };
}

/** Opens the popup for `tabs` (by default the news page in tab 42, named by ?tab=, and another active tab 7). */
async function open({ query = '?tab=42', page = newsPage() as PageInfo | null } = {}) {
  const tab42 = openTab({ id: 42, page, active: false });
  const tab7 = openTab({ id: 7, page: { host: 'active.example', active: true, entities: [{ key: key('hunan'), count: 2 }] } });
  history.replaceState(null, '', `/popup.html${query}`);
  kit.screen.show(<App />);
  await kit.settle();
  return { tab42, tab7 };
}

const searchBox = () => byTestId('search') as HTMLInputElement;
const resultNames = () => all('[data-testid="result"] .result-name').map((e) => e.textContent);
const selectedName = () => document.querySelector('[aria-selected="true"] .result-name')?.textContent;
const settings = (host = HOST) => kit.background.handlers.getSiteSettings({ type: 'getSiteSettings', host });
/** What the background's own search answers, for the page to show. */
const answerTo = (query: string): Promise<SearchHit[]> => kit.background.handlers.search({ type: 'search', query });

async function search(text: string): Promise<void> {
  typeInto(searchBox(), text);
  await kit.settle();
}

describe('popup: search', () => {
  it('focuses the search box when it opens', async () => {
    await open();
    const input = searchBox();
    expect(document.activeElement).toBe(input);
    expect(input.type).toBe('search');
    expect(input.getAttribute('aria-label')).toBe('Search people and organizations');
  });

  it('shows results as the user types, with type, main role and the alias that matched', async () => {
    await open();
    await search('Ma Yun');
    const hits = await answerTo('Ma Yun');
    const rows = all('[data-testid="result"]');
    expect(resultNames()).toEqual(hits.map((h) => h.name));
    expect(resultNames()).toContain('Jack Ma');
    const jack = rows.find((r) => r.querySelector('.result-name')?.textContent === 'Jack Ma')!;
    const jackHit = hits.find((h) => h.id === 'jack-ma')!;
    expect(jack.getAttribute('role')).toBe('option');
    expect(jack.closest('[role="listbox"]')).not.toBeNull();
    expect(jack.querySelector('.result-type')?.textContent).toBe('Person');
    // The worker sends the parts; the popup joins them as the card does ("Title, Organization").
    const { title, organization } = jackHit.mainRole!;
    expect(organization).toBeTruthy();
    expect(jack.querySelector('.result-role')?.textContent).toBe(`${title}, ${organization}`);
    expect(jack.querySelector('.result-matched')?.textContent).toBe('matched: Ma Yun');
    // An organization found by its own name says neither.
    const program = rows.find((r) => r.querySelector('.result-name')?.textContent === 'Ma Yun Rural Teacher Student Program')!;
    expect(program.querySelector('.result-type')?.textContent).toBe('Organization');
    expect(program.querySelector('.result-matched')).toBeNull();
    const programHit = hits.find((h) => h.name === 'Ma Yun Rural Teacher Student Program')!;
    expect(programHit.people).toBeGreaterThan(0);
    expect(program.querySelector('.result-people')?.textContent).toBe(`· ${programHit.people === 1 ? '1 person' : `${programHit.people} people`}`);
    // A person has no people.
    expect(jackHit.people).toBeUndefined();
    expect(jack.querySelector('.result-people')).toBeNull();
    // The results replace the site and page sections.
    expect(visible(byTestId('on-page'))).toBe(false);
  });

  it('moves the selection with the arrow keys and opens the card with Enter; Esc comes back with the query intact', async () => {
    await open();
    await search('Ma Yun');
    const names = (await answerTo('Ma Yun')).map((h) => h.name);
    expect(names).toHaveLength(3);
    const input = searchBox();
    expect(selectedName()).toBe(names[0]);
    expect(press('ArrowDown', input).defaultPrevented).toBe(true);
    expect(selectedName()).toBe(names[1]);
    press('ArrowDown', input);
    expect(selectedName()).toBe(names[2]);
    expect(input.getAttribute('aria-activedescendant')).toBe(one('[aria-selected="true"]').id);
    press('ArrowDown', input); // wraps to the top
    expect(selectedName()).toBe(names[0]);
    press('ArrowUp', input); // and back to the bottom
    expect(selectedName()).toBe(names[2]);
    while (selectedName() !== 'Jack Ma') press('ArrowDown', input);

    // Jack Ma's roles name organizations and cite sources, which his card shows by name.
    press('Enter', input);
    const detail = await until(() => one('[data-testid="detail"] .fl-card'));
    expect(detail.querySelector('h2')?.textContent).toBe('Jack Ma');
    expect(detail.querySelector('.fl-type')?.textContent).toBe('Person');
    const roles = [...detail.querySelectorAll('.fl-role-what')].map((r) => r.textContent);
    expect(roles).toContain('Founder, Alibaba Group');
    expect(roles).toContain('President, General Association of Zhejiang Entrepreneurs');
    const citable = new Set(bundledDataset.sources.flatMap((s) => [s.publisher, s.title]));
    const cites = all('.fl-cite-name', detail).map((c) => c.textContent);
    expect(cites.length).toBeGreaterThan(0);
    for (const cite of cites) expect(citable).toContain(cite);
    expect(visible(input)).toBe(false);
    expect(document.activeElement?.textContent).toBe('‹ Back');
    const link = detail.querySelector<HTMLAnchorElement>('a.fl-excerpt')!;
    expect(link.getAttribute('href')?.startsWith(browser.runtime.getURL(`/viewer.html?dataset=${DATASET}&source=`))).toBe(true);

    const searches = kit.background.hold('search');
    press('Escape');
    await kit.settle();
    expect(document.querySelector('[data-testid="detail"]')).toBeNull();
    expect(searchBox().value).toBe('Ma Yun');
    expect(document.activeElement).toBe(searchBox());
    // The same results, with Jack Ma still selected, and nothing was searched again.
    expect(resultNames()).toEqual(names);
    expect(selectedName()).toBe('Jack Ma');
    expect(searches).toEqual([]);
  });

  it('opens a result on click and comes back with the Back button', async () => {
    await open();
    await search('Daniel');
    const before = kit.background.received.length;
    click(one('[data-testid="result"]'));
    await kit.settle();
    expect(byTestId('detail').querySelector('h2')?.textContent).toBe('Daniel Zhang');
    // The entity, its organizations' names and its sources come in one round trip.
    expect(kit.background.received.slice(before).map((m) => m.type)).toEqual(['getCards']);
    click([...byTestId('detail').querySelectorAll('button')].find((b) => b.textContent === '‹ Back')!);
    await kit.settle();
    expect(document.querySelector('[data-testid="detail"]')).toBeNull();
    expect(document.activeElement).toBe(searchBox());
  });

  it('opens a person from an organization’s People section, and Back returns to the organization, then to the results', async () => {
    await open();
    await search('Alibaba Group');
    const org = (await answerTo('Alibaba Group')).find((h) => h.id === 'alibaba-group')!;
    const row = all('[data-testid="result"]').find((r) => r.dataset.key === org.key)!;
    expect(row.querySelector('.result-people')?.textContent).toBe(`· ${org.people} people`);
    click(row);
    await kit.settle();
    const [card] = await kit.background.handlers.getCards({ type: 'getCards', refs: [{ dataset: DATASET, id: 'alibaba-group' }] });
    const names = all('.fl-person-name', byTestId('detail')).map((e) => e.textContent);
    expect(names).toEqual(card!.people!.people.slice(0, names.length).map((p) => p.name));
    expect(names).toContain('Daniel Zhang');
    click(all('button.fl-person-name', byTestId('detail')).find((b) => b.textContent === 'Daniel Zhang')!);
    await kit.settle();
    expect(byTestId('detail').querySelector('h2')?.textContent).toBe('Daniel Zhang');
    const back = () => [...byTestId('detail').querySelectorAll('button')].find((b) => b.textContent === '‹ Back')!;
    expect(document.activeElement).toBe(back());
    click(back());
    await kit.settle();
    expect(byTestId('detail').querySelector('h2')?.textContent).toBe('Alibaba Group');
    press('Escape', document.body);
    await kit.settle();
    expect(document.querySelector('[data-testid="detail"]')).toBeNull();
  });

  it('opens a source through the background from the card', async () => {
    await open();
    await search('Daniel');
    press('Enter', searchBox());
    await kit.settle();
    const link = byTestId('detail').querySelector<HTMLAnchorElement>('a.fl-excerpt')!;
    expect(click(link).defaultPrevented).toBe(true);
    await kit.settle();
    expect(kit.background.opened).toHaveLength(1);
    const opened = kit.background.opened[0]!.path;
    expect(browser.runtime.getURL(opened as '/')).toBe(link.href);
    expect(opened).toContain(`dataset=${DATASET}`);
  });

  it('Esc clears the query first, and only then lets the popup close', async () => {
    await open();
    await search('alibaba');
    expect(all('[data-testid="result"]').length).toBeGreaterThan(0);
    const clearing = press('Escape', searchBox());
    await kit.settle();
    expect(clearing.defaultPrevented).toBe(true);
    expect(searchBox().value).toBe('');
    expect(visible(byTestId('on-page'))).toBe(true);
    const closing = press('Escape', searchBox());
    expect(closing.defaultPrevented).toBe(false);
  });

  it('ignores an answer that arrives after the answer to a newer query', async () => {
    await open();
    const held = kit.background.hold('search');
    await search('ali');
    await search('jack');
    expect(held.map((h) => h.message.query)).toEqual(['ali', 'jack']);
    expect((await answerTo('ali')).map((h) => h.name)).toContain('Alibaba Group');
    held[1]!.release();
    await kit.settle();
    held[0]!.release();
    await kit.settle();
    expect(resultNames()).toContain('Jack Ma');
    expect(resultNames()).not.toContain('Alibaba Group');
  });

  it('says "No matches" for a query without hits, and shows a failed search as an alert', async () => {
    await open();
    await search('zzzz');
    expect(all('[data-testid="result"]')).toHaveLength(0);
    expect(byTestId('search-status').textContent).toBe('No matches');
    kit.background.fail('search', 'the store is closed');
    await search('jack');
    expect(one('[role="alert"]').textContent).toBe('Search failed. the store is closed');
  });
});

describe('popup: current site', () => {
  it('binds the site switch to the host and saves changes in the store', async () => {
    await open();
    const toggle = byTestId('site-toggle');
    expect(toggle.getAttribute('role')).toBe('switch');
    expect(toggle.textContent).toBe(`Show on ${HOST}`);
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    click(toggle);
    await kit.settle();
    expect(await settings()).toMatchObject({ siteEnabled: false, enabled: false });
    expect(await settings('other.example')).toMatchObject({ siteEnabled: true });
    expect(byTestId('site-toggle').getAttribute('aria-checked')).toBe('false');
    click(byTestId('site-toggle'));
    await kit.settle();
    expect(await settings()).toMatchObject({ siteEnabled: true, enabled: true });
    expect(byTestId('site-toggle').getAttribute('aria-checked')).toBe('true');
  });

  it('turns Factlens off everywhere, which disables the site switch and says why', async () => {
    await open();
    const global = byTestId('global-toggle');
    expect(global.textContent).toBe('Factlens on everywhere');
    expect(global.getAttribute('aria-checked')).toBe('true');
    click(global);
    await kit.settle();
    expect(await settings('other.example')).toMatchObject({ globalEnabled: false, enabled: false });
    expect(byTestId('global-toggle').getAttribute('aria-checked')).toBe('false');
    const siteToggle = byTestId('site-toggle') as HTMLButtonElement;
    expect(siteToggle.disabled).toBe(true);
    const note = one(`#${CSS.escape(siteToggle.getAttribute('aria-describedby')!)}`);
    expect(note.textContent).toContain('off on every site');
  });

  it('puts a failed change back and says so', async () => {
    await open();
    kit.background.fail('setSiteSettings', 'disk full');
    click(byTestId('site-toggle'));
    await kit.settle();
    expect(byTestId('site-toggle').getAttribute('aria-checked')).toBe('true');
    expect(one('[role="alert"]').textContent).toBe('The change was not saved. disk full');
    expect(await settings()).toMatchObject({ siteEnabled: true });
  });

  it('says Factlens does not run on a page without its content script, with no site switch', async () => {
    await open({ page: null });
    expect(kit.screen.container.textContent).toContain('Factlens does not run on this page');
    expect(document.querySelector('[data-testid="site-toggle"]')).toBeNull();
    expect(document.querySelector('[data-testid="on-page"]')).toBeNull();
    expect(byTestId('global-toggle').getAttribute('aria-checked')).toBe('true');
  });

  it('asks the active tab of the current window when no ?tab= is given', async () => {
    await open({ query: '' });
    expect(byTestId('site-toggle').textContent).toBe('Show on active.example');
    expect(all('[data-testid="on-page-entity"]').map((r) => r.textContent)).toEqual(['Hunan — 2']);
  });
});

describe('popup: on this page', () => {
  it('lists the entities by count, then name, and reveals one on click', async () => {
    const { tab42, tab7 } = await open();
    const rows = all('[data-testid="on-page-entity"]');
    expect(rows.map((r) => r.textContent)).toEqual(['Jack Ma — 9', 'Alibaba Group — 4', 'Hunan — 4', 'Daniel Zhang — 1']);
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    click(rows[1]!);
    await kit.settle();
    expect(tab42.revealed).toEqual([key('alibaba-group')]);
    expect(tab7.revealed).toEqual([]);
    // Opened as a page for a tab (?tab=): it stays open.
    expect(close).not.toHaveBeenCalled();
  });

  it('closes the toolbar popup after revealing an entity', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    const { tab7 } = await open({ query: '' });
    click(all('[data-testid="on-page-entity"]')[0]!);
    await kit.settle();
    expect(tab7.revealed).toEqual([key('hunan')]);
    expect(close).toHaveBeenCalledOnce();
  });

  it('says so when the page names no one', async () => {
    await open({ page: { host: HOST, active: true, entities: [] } });
    expect(byTestId('on-page').textContent).toContain('No names found on this page');
  });

  it('refreshes when the settings change, and ignores other messages', async () => {
    const { tab42 } = await open();
    const before = all('[data-testid="on-page-entity"]').map((r) => r.textContent);
    expect(before).toHaveLength(4);
    tab42.page = { host: HOST, active: true, entities: [{ key: key('hunan'), count: 2 }] };
    await kit.broadcast({ type: 'somethingElse' });
    await kit.broadcast({ type: 'listSites' });
    expect(all('[data-testid="on-page-entity"]').map((r) => r.textContent)).toEqual(before);
    await kit.broadcast({ type: 'settingsChanged' });
    expect(all('[data-testid="on-page-entity"]').map((r) => r.textContent)).toEqual(['Hunan — 2']);
  });
});
