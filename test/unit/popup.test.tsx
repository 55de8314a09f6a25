// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import bundled from '../../assets/dataset.json';
import { openDb } from '../../entrypoints/background/db';
import { seedBundled } from '../../entrypoints/background/seed';
import type { Dataset } from '../../src/dataset/schema';
import {
  DEFAULT_APPEARANCE,
  type Card,
  entityKey,
  type PageInfo,
  type Request,
  type SearchHit,
  type SiteSettings,
} from '../../src/messages/protocol';
import { testHandlers } from './support/handlers';

const dataset = bundled as Dataset;
/** Every bundled entity's card, as the background's own handler builds it. */
const cards = new Map<string, Card | null>();
beforeAll(async () => {
  const db = openDb({ name: 'factlens-popup-test' });
  await seedBundled({ db, dataset });
  const refs = dataset.entities.map((e) => ({ dataset: DATASET, id: e.id }));
  const built = await testHandlers({ db }).handlers.getCards({ type: 'getCards', refs });
  refs.forEach(({ id }, i) => cards.set(id, built[i] ?? null));
});
const DATASET = dataset.id;
const HOST = 'news.example';

const mocks = vi.hoisted(() => ({
  request: vi.fn<(message: unknown) => Promise<unknown>>(),
  askTab: vi.fn<(tabId: number, message: unknown) => Promise<unknown>>(),
  tabsQuery: vi.fn<(query: unknown) => Promise<{ id?: number }[]>>(),
  listeners: new Set<(message: unknown) => unknown>(),
}));

vi.mock('../../utils/messaging', () => ({ request: mocks.request }));
vi.mock('../../utils/tab-messaging', () => ({ askTab: mocks.askTab }));
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      getURL: (path: string) => `chrome-extension://factlens${path}`,
      onMessage: {
        addListener: (listener: (message: unknown) => unknown) => mocks.listeners.add(listener),
        removeListener: (listener: (message: unknown) => unknown) => mocks.listeners.delete(listener),
      },
    },
    tabs: { query: mocks.tabsQuery },
  },
}));

// After the mocks: App and everything it imports see the mocked modules.
const { App } = await import('../../entrypoints/popup/App');

/** The newest role of a few entities, as the background's search gives it. */
const MAIN_ROLES: Record<string, string> = {
  'jack-ma': 'Founder, Ma Yun Rural Teacher Program',
  'daniel-zhang': 'Chief Executive Officer, Alibaba Group',
};

/** A small stand-in for the background's search: people and organizations whose name or an alias contains the query. */
function searchFixture(query: string): SearchHit[] {
  const q = query.toLowerCase();
  const hits: SearchHit[] = [];
  for (const e of dataset.entities) {
    if (e.type === 'place') continue;
    const alias = [e.name, ...e.aliases.map((a) => a.text)].find((text) => text.toLowerCase().includes(q));
    if (alias === undefined) continue;
    hits.push({
      key: entityKey({ dataset: DATASET, id: e.id }),
      dataset: DATASET,
      id: e.id,
      name: e.name,
      type: e.type,
      ...(alias !== e.name ? { matched: alias } : {}),
      ...(MAIN_ROLES[e.id] ? { mainRole: MAIN_ROLES[e.id] } : {}),
    });
  }
  return hits.slice(0, 8);
}

interface Deferred {
  query: string;
  resolve(hits: SearchHit[]): void;
}

let site: SiteSettings;
let page: PageInfo | null;
/** When set, search answers wait here until a test resolves them, in any order. */
let heldSearches: Deferred[] | null;

function answer(message: Request): Promise<unknown> {
  switch (message.type) {
    case 'search':
      if (heldSearches) {
        const held = heldSearches;
        return new Promise((resolve) => held.push({ query: message.query, resolve }));
      }
      return Promise.resolve(searchFixture(message.query));
    case 'getEntities':
      return Promise.resolve(
        message.refs.map(({ dataset: d, id }) => {
          const e = d === DATASET ? dataset.entities.find((x) => x.id === id) : undefined;
          return e ? { ...e, dataset: d } : null;
        }),
      );
    case 'getCards':
      return Promise.resolve(message.refs.map(({ dataset: d, id }) => (d === DATASET ? (cards.get(id) ?? null) : null)));
    case 'getSiteSettings':
      return Promise.resolve({ ...site, host: message.host });
    case 'setSiteSettings':
      site = { ...site, siteEnabled: message.enabled, enabled: message.enabled && site.globalEnabled };
      return Promise.resolve(site);
    case 'setGlobalEnabled':
      site = { ...site, globalEnabled: message.enabled, enabled: message.enabled && site.siteEnabled };
      return Promise.resolve({ globalEnabled: message.enabled });
    case 'getAppearance':
      return Promise.resolve(DEFAULT_APPEARANCE);
    case 'openSource':
      return Promise.resolve(null);
    default:
      return Promise.reject(new Error(`unexpected request ${message.type}`));
  }
}

let container: HTMLElement;

beforeEach(() => {
  site = { host: HOST, enabled: true, siteEnabled: true, globalEnabled: true };
  page = {
    host: HOST,
    active: true,
    entities: [
      { key: entityKey({ dataset: DATASET, id: 'alibaba-group' }), count: 4 },
      { key: entityKey({ dataset: DATASET, id: 'jack-ma' }), count: 9 },
      { key: entityKey({ dataset: DATASET, id: 'hunan' }), count: 4 },
      { key: entityKey({ dataset: DATASET, id: 'daniel-zhang' }), count: 1 },
    ],
  };
  heldSearches = null;
  mocks.request.mockReset().mockImplementation((message) => answer(message as Request));
  mocks.askTab.mockReset().mockImplementation((_tabId, message) => {
    const m = message as { type: string };
    if (!page) return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    return Promise.resolve(m.type === 'getPageInfo' ? page : true);
  });
  mocks.tabsQuery.mockReset().mockResolvedValue([{ id: 7 }]);
  mocks.listeners.clear();
  history.replaceState(null, '', '/popup.html?tab=42');
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  act(() => render(null, container));
  container.remove();
  vi.restoreAllMocks();
});

/** Lets pending promises and the renders they cause run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

async function open(): Promise<void> {
  act(() => render(<App />, container));
  await settle();
}

const all = (selector: string) => [...container.querySelectorAll<HTMLElement>(selector)];
function one(selector: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}
const byTestId = (id: string) => one(`[data-testid="${id}"]`);
const searchBox = () => byTestId('search') as HTMLInputElement;
const visible = (el: Element) => el.closest('[hidden]') === null;

async function type(text: string): Promise<void> {
  const input = searchBox();
  act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await settle();
}

async function press(key: string, target: Element = document.activeElement ?? document.body): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  act(() => {
    target.dispatchEvent(event);
  });
  await settle();
  return event;
}

async function click(element: HTMLElement): Promise<void> {
  act(() => {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  });
  await settle();
}

const requestsOf = (type: string) => mocks.request.mock.calls.map(([m]) => m as Request).filter((m) => m.type === type);

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
    await type('Ma Yun');
    expect(requestsOf('search').map((m) => m.type === 'search' && m.query)).toEqual(['Ma Yun']);
    const rows = all('[data-testid="result"]');
    expect(rows.map((r) => r.querySelector('.result-name')?.textContent)).toEqual([
      'Jack Ma Foundation',
      'Ma Yun Rural Teacher Program',
      'Jack Ma',
    ]);
    const jack = rows[2]!;
    expect(jack.getAttribute('role')).toBe('option');
    expect(jack.closest('[role="listbox"]')).not.toBeNull();
    expect(jack.textContent).toContain('Person');
    expect(jack.textContent).toContain('Founder, Ma Yun Rural Teacher Program');
    expect(jack.querySelector('.result-matched')?.textContent).toBe('matched: Ma Yun');
    expect(rows[1]!.textContent).toContain('Organization');
    expect(rows[1]!.querySelector('.result-matched')).toBeNull();
    // The results replace the site and page sections.
    expect(visible(byTestId('on-page'))).toBe(false);
  });

  it('moves the selection with the arrow keys and opens the card with Enter; Esc comes back with the query intact', async () => {
    await open();
    await type('Ma Yun');
    const input = searchBox();
    const selectedName = () => container.querySelector('[aria-selected="true"] .result-name')?.textContent;
    expect(selectedName()).toBe('Jack Ma Foundation');
    expect(await press('ArrowDown', input)).toHaveProperty('defaultPrevented', true);
    expect(selectedName()).toBe('Ma Yun Rural Teacher Program');
    await press('ArrowDown', input);
    expect(selectedName()).toBe('Jack Ma');
    expect(input.getAttribute('aria-activedescendant')).toBe(one('[aria-selected="true"]').id);
    await press('ArrowDown', input); // wraps to the top
    expect(selectedName()).toBe('Jack Ma Foundation');
    await press('ArrowUp', input); // and back to the bottom
    expect(selectedName()).toBe('Jack Ma');

    await press('Enter', input);
    const detail = byTestId('detail');
    expect(detail.querySelector('.fl-card h2')?.textContent).toBe('Jack Ma');
    expect(detail.querySelector('.fl-type')?.textContent).toBe('Person');
    const roles = [...detail.querySelectorAll('.fl-role-what')].map((r) => r.textContent);
    expect(roles).toContain('Founder, Alibaba Group');
    expect(roles).toContain('President, General Association of Zhejiang Entrepreneurs');
    expect(detail.querySelector('.fl-cite-name')?.textContent).not.toBe('');
    expect(visible(input)).toBe(false);
    expect(document.activeElement?.textContent).toBe('‹ Back');
    // The entity, its organizations' names and its sources come in one round trip.
    expect(requestsOf('getCards')).toHaveLength(1);
    const link = detail.querySelector<HTMLAnchorElement>('a.fl-excerpt')!;
    expect(link.getAttribute('href')).toMatch(/^chrome-extension:\/\/factlens\/viewer\.html\?dataset=factlens-bundled&source=/);

    await press('Escape');
    expect(container.querySelector('[data-testid="detail"]')).toBeNull();
    expect(searchBox().value).toBe('Ma Yun');
    expect(document.activeElement).toBe(searchBox());
    expect(selectedName()).toBe('Jack Ma');
    expect(requestsOf('search')).toHaveLength(1);
  });

  it('opens a result on click and comes back with the Back button', async () => {
    await open();
    await type('Daniel');
    await click(one('[data-testid="result"]'));
    expect(byTestId('detail').querySelector('h2')?.textContent).toBe('Daniel Zhang');
    const back = [...byTestId('detail').querySelectorAll('button')].find((b) => b.textContent === '‹ Back')!;
    await click(back);
    expect(container.querySelector('[data-testid="detail"]')).toBeNull();
    expect(document.activeElement).toBe(searchBox());
  });

  it('opens a source through the background from the card', async () => {
    await open();
    await type('Daniel');
    await press('Enter', searchBox());
    await click(byTestId('detail').querySelector<HTMLElement>('a.fl-excerpt')!);
    const [sent] = requestsOf('openSource');
    expect(sent).toMatchObject({ type: 'openSource', dataset: DATASET });
  });

  it('Esc clears the query first, and only then lets the popup close', async () => {
    await open();
    await type('alibaba');
    expect(all('[data-testid="result"]').length).toBeGreaterThan(0);
    const clearing = await press('Escape', searchBox());
    expect(clearing.defaultPrevented).toBe(true);
    expect(searchBox().value).toBe('');
    expect(visible(byTestId('on-page'))).toBe(true);
    const closing = await press('Escape', searchBox());
    expect(closing.defaultPrevented).toBe(false);
  });

  it('ignores an answer that arrives after the answer to a newer query', async () => {
    heldSearches = [];
    await open();
    await type('ali');
    await type('jack');
    const [first, second] = heldSearches;
    expect([first?.query, second?.query]).toEqual(['ali', 'jack']);
    await act(async () => second!.resolve(searchFixture('jack')));
    await settle();
    await act(async () => first!.resolve(searchFixture('ali')));
    await settle();
    const names = all('[data-testid="result"] .result-name').map((e) => e.textContent);
    expect(names).toContain('Jack Ma');
    expect(names).not.toContain('Alibaba Group');
  });

  it('says "No matches" for a query without hits, and shows a failed search as an alert', async () => {
    await open();
    await type('zzzz');
    expect(all('[data-testid="result"]')).toHaveLength(0);
    expect(byTestId('search-status').textContent).toBe('No matches');
    mocks.request.mockImplementation((message) =>
      (message as Request).type === 'search' ? Promise.reject(new Error('the store is closed')) : answer(message as Request),
    );
    await type('jack');
    expect(one('[role="alert"]').textContent).toContain('the store is closed');
  });
});

describe('popup: current site', () => {
  it('binds the site switch to the host and saves changes with setSiteSettings', async () => {
    await open();
    expect(mocks.askTab).toHaveBeenCalledWith(42, { type: 'getPageInfo' });
    const toggle = byTestId('site-toggle');
    expect(toggle.getAttribute('role')).toBe('switch');
    expect(toggle.textContent).toBe(`Show on ${HOST}`);
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    await click(toggle);
    expect(requestsOf('setSiteSettings')).toEqual([{ type: 'setSiteSettings', host: HOST, enabled: false }]);
    expect(byTestId('site-toggle').getAttribute('aria-checked')).toBe('false');
    await click(byTestId('site-toggle'));
    expect(requestsOf('setSiteSettings').at(-1)).toEqual({ type: 'setSiteSettings', host: HOST, enabled: true });
    expect(byTestId('site-toggle').getAttribute('aria-checked')).toBe('true');
  });

  it('turns Factlens off everywhere, which disables the site switch and says why', async () => {
    await open();
    const global = byTestId('global-toggle');
    expect(global.textContent).toBe('Factlens on everywhere');
    expect(global.getAttribute('aria-checked')).toBe('true');
    await click(global);
    expect(requestsOf('setGlobalEnabled')).toEqual([{ type: 'setGlobalEnabled', enabled: false }]);
    expect(byTestId('global-toggle').getAttribute('aria-checked')).toBe('false');
    const siteToggle = byTestId('site-toggle') as HTMLButtonElement;
    expect(siteToggle.disabled).toBe(true);
    const note = one(`#${CSS.escape(siteToggle.getAttribute('aria-describedby')!)}`);
    expect(note.textContent).toContain('off on every site');
  });

  it('puts a failed change back and says so', async () => {
    await open();
    mocks.request.mockImplementation((message) =>
      (message as Request).type === 'setSiteSettings' ? Promise.reject(new Error('disk full')) : answer(message as Request),
    );
    await click(byTestId('site-toggle'));
    expect(byTestId('site-toggle').getAttribute('aria-checked')).toBe('true');
    expect(one('[role="alert"]').textContent).toContain('disk full');
  });

  it('says Factlens does not run on a page without its content script, with no site switch', async () => {
    page = null;
    await open();
    expect(container.textContent).toContain('Factlens does not run on this page');
    expect(container.querySelector('[data-testid="site-toggle"]')).toBeNull();
    expect(container.querySelector('[data-testid="on-page"]')).toBeNull();
    expect(byTestId('global-toggle').getAttribute('aria-checked')).toBe('true');
  });

  it('asks the active tab of the current window when no ?tab= is given', async () => {
    history.replaceState(null, '', '/popup.html');
    await open();
    expect(mocks.tabsQuery).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(mocks.askTab).toHaveBeenCalledWith(7, { type: 'getPageInfo' });
  });
});

describe('popup: on this page', () => {
  it('lists the entities by count, then name, and reveals one on click', async () => {
    await open();
    const rows = all('[data-testid="on-page-entity"]');
    expect(rows.map((r) => r.textContent)).toEqual(['Jack Ma — 9', 'Alibaba Group — 4', 'Hunan — 4', 'Daniel Zhang — 1']);
    expect(requestsOf('getEntities')).toHaveLength(1);
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    await click(rows[1]!);
    expect(mocks.askTab).toHaveBeenLastCalledWith(42, { type: 'revealEntity', key: `${DATASET}/alibaba-group` });
    // Opened as a page for a tab (?tab=): it stays open.
    expect(close).not.toHaveBeenCalled();
  });

  it('closes the toolbar popup after revealing an entity', async () => {
    history.replaceState(null, '', '/popup.html');
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    await open();
    await click(all('[data-testid="on-page-entity"]')[0]!);
    expect(mocks.askTab).toHaveBeenLastCalledWith(7, { type: 'revealEntity', key: `${DATASET}/jack-ma` });
    expect(close).toHaveBeenCalledOnce();
  });

  it('says so when the page names no one', async () => {
    page = { host: HOST, active: true, entities: [] };
    await open();
    expect(byTestId('on-page').textContent).toContain('No names found on this page');
  });

  it('refreshes when the settings change, and ignores other messages', async () => {
    await open();
    expect(mocks.askTab).toHaveBeenCalledTimes(1);
    page = { host: HOST, active: true, entities: [{ key: `${DATASET}/hunan`, count: 2 }] };
    await act(async () => {
      for (const listener of mocks.listeners) listener({ type: 'somethingElse' });
    });
    await settle();
    expect(mocks.askTab).toHaveBeenCalledTimes(1);
    await act(async () => {
      for (const listener of mocks.listeners) listener({ type: 'settingsChanged' });
    });
    await settle();
    expect(all('[data-testid="on-page-entity"]').map((r) => r.textContent)).toEqual(['Hunan — 2']);
  });
});
