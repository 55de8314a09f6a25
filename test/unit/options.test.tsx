// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppearanceSection } from '../../entrypoints/options/AppearanceSection';
import { DatasetsSection } from '../../entrypoints/options/DatasetsSection';
import { collectDataset, downloadText, exportDataset, exportFileName } from '../../entrypoints/options/export-file';
import { parseHostInput } from '../../entrypoints/options/host-input';
import { chunk, importFile, readDatasetFile, type FileLike } from '../../entrypoints/options/import-file';
import { OptionsPage } from '../../entrypoints/options/OptionsPage';
import { SitesSection } from '../../entrypoints/options/SitesSection';
import type { Dataset, Entity, Source } from '../../src/dataset/schema';
import { validateDataset } from '../../src/dataset/validate';
import { IMPORT_CHUNK, MB } from '../../src/limits';
import {
  DEFAULT_APPEARANCE,
  type Appearance,
  type DatasetInfo,
  type Request,
  type SiteRule,
} from '../../src/messages/protocol';

/**
 * A fake background: every request is recorded, then answered by the handler
 * for its type (a missing handler fails like an unknown request would).
 */
const bg = vi.hoisted(() => ({
  calls: [] as { type: string; [key: string]: unknown }[],
  handlers: {} as Record<string, (message: never) => unknown>,
  listeners: new Set<(message: unknown) => unknown>(),
}));

vi.mock('../../utils/messaging', () => ({
  request: vi.fn(async (message: { type: string }) => {
    bg.calls.push(structuredClone(message));
    const handler = bg.handlers[message.type];
    if (!handler) throw new Error(`no handler for "${message.type}"`);
    return (handler as (m: unknown) => unknown)(message);
  }),
}));

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      onMessage: {
        addListener: (listener: (message: unknown) => unknown) => bg.listeners.add(listener),
        removeListener: (listener: (message: unknown) => unknown) => bg.listeners.delete(listener),
      },
    },
  },
}));

type Handlers = { [T in Request['type']]?: (message: Extract<Request, { type: T }>) => unknown };
function answer(handlers: Handlers) {
  Object.assign(bg.handlers, handlers);
}
const callTypes = () => bg.calls.map((c) => c.type);
const importCalls = () => bg.calls.filter((c) => c.type.startsWith('import'));

function broadcast(message: unknown) {
  act(() => {
    for (const listener of bg.listeners) listener(message);
  });
}

// ---------------------------------------------------------------- fixtures

const root = join(import.meta.dirname, '..', '..');
const docsExample = (): Dataset => {
  const block = /^```json\n([\s\S]*?)^```$/m.exec(readFileSync(join(root, 'docs/dataset-format.md'), 'utf8'));
  if (!block) throw new Error('no ```json block in docs/dataset-format.md');
  return JSON.parse(block[1]!) as Dataset;
};

/** The docs example with `count` extra people, each with a unique name and a role backed by the example's quote. */
function largeDataset(count: number): Dataset {
  const example = docsExample();
  const li = example.entities[0]!;
  const extra: Entity[] = Array.from({ length: count - example.entities.length }, (_, i) => ({
    id: `person-${i}`,
    name: `Person Number ${i}`,
    type: 'person',
    aliases: [{ text: `Person Number ${i}` }],
    roles: li.roles,
    mentions: [],
  }));
  return { ...example, id: 'large', name: 'Large dataset', entities: [...example.entities, ...extra] };
}

function info(overrides: Partial<DatasetInfo> & Pick<DatasetInfo, 'id' | 'name'>): DatasetInfo {
  return {
    version: '1',
    bundled: false,
    enabled: true,
    entityCount: 2,
    sourceCount: 1,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

const BUNDLED = info({
  id: 'factlens-bundled',
  name: 'Alibaba and Zhejiang news',
  version: '1+dec68b5f40',
  bundled: true,
  entityCount: 90,
  sourceCount: 5,
});
const IMPORTED = info({ id: 'my-people', name: 'My people', version: '2024-05', entityCount: 3, sourceCount: 0 });

const fileOf = (content: string | Uint8Array, name = 'dataset.json') =>
  new File([content as BlobPart], name, { type: 'application/json' });
const jsonFile = (value: unknown, name?: string) => fileOf(JSON.stringify(value), name);

/** A stand-in for a file too large to create: its contents must never be read. */
function hugeFile(bytes: number) {
  return { name: 'huge.json', size: bytes, type: 'application/json', arrayBuffer: vi.fn(), text: vi.fn() };
}

/** An in-memory dataset store behind listDatasets and the import requests. */
function datasetStore(initial: DatasetInfo[]) {
  const datasets = [...initial];
  const pending = new Map<string, { meta: Pick<Dataset, 'id' | 'name' | 'version'>; sources: Source[]; entities: Entity[] }>();
  answer({
    listDatasets: () => datasets.map((d) => ({ ...d })),
    setDatasetEnabled: ({ id, enabled }) => {
      const d = datasets.find((x) => x.id === id)!;
      d.enabled = enabled;
      return { ...d };
    },
    removeDataset: ({ id }) => {
      datasets.splice(
        datasets.findIndex((d) => d.id === id),
        1,
      );
      return null;
    },
    importBegin: ({ dataset }) => {
      const importId = `import-${pending.size + 1}`;
      pending.set(importId, { meta: dataset, sources: [], entities: [] });
      return { importId };
    },
    importChunk: ({ importId, sources, entities }) => {
      const p = pending.get(importId)!;
      p.sources.push(...sources);
      p.entities.push(...entities);
      return { written: sources.length + entities.length };
    },
    importCommit: ({ importId }) => {
      const p = pending.get(importId)!;
      const stored = info({
        ...p.meta,
        entityCount: p.entities.length,
        sourceCount: p.sources.length,
      });
      const at = datasets.findIndex((d) => d.id === stored.id);
      if (at >= 0) datasets[at] = stored;
      else datasets.push(stored);
      return stored;
    },
    importAbort: () => null,
  });
  return { datasets, pending };
}

// ---------------------------------------------------------------- DOM helpers

let container: HTMLElement;
beforeEach(() => {
  bg.calls.length = 0;
  for (const key of Object.keys(bg.handlers)) delete bg.handlers[key];
  bg.listeners.clear();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function show(ui: ComponentChild) {
  act(() => render(ui, container));
}

/** Lets pending requests answer and Preact render, until `check` passes. */
async function until(check: () => void, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Each round lets requests answer inside act, which then renders what they changed.
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}
/** Lets every pending promise settle (for asserting that nothing happens). */
async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  });
}

const all = (selector: string, scope: ParentNode = container) => [...scope.querySelectorAll<HTMLElement>(selector)];
function one<E extends HTMLElement = HTMLElement>(selector: string, scope: ParentNode = container): E {
  const found = scope.querySelector<E>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}
const text = (selector: string, scope?: ParentNode) => one(selector, scope).textContent?.replace(/\s+/g, ' ').trim();
function buttonNamed(label: string, scope: ParentNode = container): HTMLButtonElement {
  const found = all('button', scope).find((b) => b.textContent?.trim() === label || b.getAttribute('aria-label') === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found as HTMLButtonElement;
}
function labelled<E extends HTMLElement = HTMLInputElement>(label: string, scope: ParentNode = container): E {
  for (const l of all('label', scope)) {
    if (l.textContent?.trim() !== label) continue;
    const forId = l.getAttribute('for');
    const control = forId ? scope.querySelector<E>(`#${forId}`) : l.querySelector<E>('input, select, textarea');
    if (control) return control;
  }
  throw new Error(`no control labelled "${label}"`);
}
function click(element: HTMLElement) {
  act(() => element.click());
}
function type(input: HTMLInputElement, value: string) {
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function submit(form: HTMLFormElement) {
  act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}
function chooseFile(file: unknown) {
  const input = one<HTMLInputElement>('[data-testid=import-file]');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

// ---------------------------------------------------------------- the page

describe('options page', () => {
  it('has a title and a heading for each section', async () => {
    answer({ listSites: () => [], getAppearance: () => DEFAULT_APPEARANCE, listDatasets: () => [BUNDLED] });
    show(<OptionsPage />);
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(1));
    expect(text('h1')).toBe('Factlens options');
    expect(all('h2').map((h) => h.textContent)).toEqual(['Sites', 'Appearance', 'Datasets']);
    for (const section of all('section')) {
      expect(section.getAttribute('aria-labelledby'), section.outerHTML.slice(0, 80)).toBe(one('h2', section).id);
    }
    expect(all('[data-testid=sites], [data-testid=appearance], [data-testid=datasets-section], [data-testid=import]')).toHaveLength(4);
  });
});

// ---------------------------------------------------------------- sites

describe('sites', () => {
  let rules: SiteRule[];
  beforeEach(() => {
    rules = [
      { host: 'news.example', enabled: false },
      { host: '*.blog.example', enabled: false },
    ];
    // As the background keeps them: only sites turned off have a rule, listed by host.
    answer({
      listSites: () => rules.map((r) => ({ ...r })).sort((a, b) => a.host.localeCompare(b.host)),
      setSiteSettings: ({ host, enabled }) => {
        rules = [...rules.filter((r) => r.host !== host), ...(enabled ? [] : [{ host, enabled }])];
        return { host, enabled, siteEnabled: enabled, globalEnabled: true };
      },
    });
  });
  const hosts = () => all('[data-testid=sites] li').map((li) => one('.host', li).textContent);

  it('lists the sites Factlens is turned off on', async () => {
    show(<SitesSection />);
    await until(() => expect(hosts()).toEqual(['*.blog.example', 'news.example']));
  });

  it('says so when no site is turned off', async () => {
    rules = [];
    show(<SitesSection />);
    await until(() => expect(text('[data-testid=sites] .empty')).toBe('Factlens is on for every site.'));
  });

  it('removes a site by turning Factlens back on there', async () => {
    show(<SitesSection />);
    await until(() => expect(hosts()).toHaveLength(2));
    click(buttonNamed('Remove news.example'));
    await until(() => expect(hosts()).toEqual(['*.blog.example']));
    expect(bg.calls).toContainEqual({ type: 'setSiteSettings', host: 'news.example', enabled: true });
  });

  it('adds a host pattern, lowercased', async () => {
    show(<SitesSection />);
    await until(() => expect(hosts()).toHaveLength(2));
    type(labelled('Turn off on'), '  *.Example.COM ');
    submit(one('form'));
    await until(() => expect(hosts()).toEqual(['*.blog.example', '*.example.com', 'news.example']));
    expect(bg.calls).toContainEqual({ type: 'setSiteSettings', host: '*.example.com', enabled: false });
    expect(labelled('Turn off on').value).toBe('');
  });

  it('takes the host of a pasted address', async () => {
    show(<SitesSection />);
    type(labelled('Turn off on'), 'https://www.example.org/news/today?x=1');
    submit(one('form'));
    await until(() => expect(bg.calls).toContainEqual({ type: 'setSiteSettings', host: 'www.example.org', enabled: false }));
  });

  it.each(['exa mple.com', 'example.com/news', '*.', '**.example.com', 'ex*ample.com', '   '])(
    'refuses "%s" with an inline error and sends nothing',
    async (input) => {
      show(<SitesSection />);
      await until(() => expect(hosts()).toHaveLength(2));
      const field = labelled('Turn off on');
      type(field, input);
      submit(one('form'));
      await settle();
      const error = one('[data-testid=site-error]');
      expect(error.textContent).toMatch(/host name such as example\.com, or \*\.example\.com/);
      expect(error.getAttribute('role')).toBe('alert');
      expect(field.getAttribute('aria-invalid')).toBe('true');
      expect(field.getAttribute('aria-describedby')).toBe(error.id);
      expect(callTypes()).not.toContain('setSiteSettings');
    },
  );

  it('uses the protocol’s own host pattern', () => {
    expect(parseHostInput('example.com')).toEqual({ ok: true, pattern: 'example.com' });
    expect(parseHostInput('*.example.com')).toEqual({ ok: true, pattern: '*.example.com' });
    expect(parseHostInput('localhost:8080')).toEqual({ ok: true, pattern: 'localhost:8080' });
    expect(parseHostInput('a'.repeat(254)).ok).toBe(false);
    expect(parseHostInput('exa_mple.com').ok).toBe(false);
  });

  it('refreshes on a settingsChanged broadcast and ignores other messages', async () => {
    show(<SitesSection />);
    await until(() => expect(hosts()).toHaveLength(2));
    rules.push({ host: 'late.example', enabled: false });
    broadcast({ type: 'datasetsChanged' });
    broadcast({ type: 'settingsChanged', extra: true });
    broadcast({ type: 'listSites' });
    await settle();
    expect(hosts()).toHaveLength(2);
    broadcast({ type: 'settingsChanged' });
    await until(() => expect(hosts()).toContain('late.example'));
  });

  it('stops listening when it goes away', async () => {
    show(<SitesSection />);
    await until(() => expect(bg.listeners.size).toBe(1));
    act(() => render(null, container));
    expect(bg.listeners.size).toBe(0);
  });

  it('shows a failing request as an error', async () => {
    answer({
      listSites: () => {
        throw new Error('the store is closed');
      },
    });
    show(<SitesSection />);
    await until(() => expect(text('[data-testid=sites] [role=alert]')).toBe('Could not load the sites: the store is closed'));
  });
});

// ---------------------------------------------------------------- appearance

describe('appearance', () => {
  let stored: Appearance;
  beforeEach(() => {
    stored = { ...DEFAULT_APPEARANCE };
    answer({
      getAppearance: () => ({ ...stored }),
      setAppearance: ({ appearance }) => {
        stored = { ...stored, ...appearance };
        return { ...stored };
      },
    });
  });
  const status = () => text('[data-testid=appearance] [role=status]');
  const saves = () => bg.calls.filter((c) => c.type === 'setAppearance');

  async function shown() {
    show(<AppearanceSection />);
    await until(() => expect(all('[data-testid=appearance] input')).not.toHaveLength(0));
  }

  it('shows the stored settings', async () => {
    stored = { highlightStyle: 'underline', cardDelayMs: 650, theme: 'dark' };
    await shown();
    expect(labelled('Underline').checked).toBe(true);
    expect(labelled('Wash').checked).toBe(false);
    expect(labelled('Dark').checked).toBe(true);
    const delay = labelled('Card delay');
    expect([delay.type, delay.min, delay.max, delay.step, delay.value]).toEqual(['range', '0', '3000', '50', '650']);
    expect(text('[data-testid=card-delay-value]')).toBe('650 ms');
    expect(all('[data-testid=appearance] legend').map((l) => l.textContent)).toEqual(['Highlight style', 'Card theme']);
    expect(all('[data-testid=appearance] label').map((l) => l.textContent)).toEqual(
      expect.arrayContaining(['Wash and underline', 'Wash', 'Underline', 'Auto (as the system)', 'Light', 'Dark']),
    );
  });

  it('saves the highlight style and says so', async () => {
    await shown();
    expect(labelled('Wash and underline').checked).toBe(true);
    click(labelled('Wash'));
    await until(() => expect(status()).toBe('Saved'));
    expect(saves()).toEqual([{ type: 'setAppearance', appearance: { highlightStyle: 'wash' } }]);
    expect(labelled('Wash').checked).toBe(true);
  });

  it('saves the theme', async () => {
    await shown();
    click(labelled('Light'));
    await until(() => expect(status()).toBe('Saved'));
    expect(saves()).toEqual([{ type: 'setAppearance', appearance: { theme: 'light' } }]);
  });

  it('shows the card delay while it moves and saves it when let go', async () => {
    await shown();
    const delay = labelled('Card delay');
    act(() => {
      delay.value = '1200';
      delay.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(text('[data-testid=card-delay-value]')).toBe('1200 ms');
    expect(saves()).toEqual([]);
    act(() => {
      delay.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => expect(status()).toBe('Saved'));
    expect(saves()).toEqual([{ type: 'setAppearance', appearance: { cardDelayMs: 1200 } }]);
  });

  it('puts the old value back and says why when saving fails', async () => {
    answer({
      setAppearance: () => {
        throw new Error('no space left');
      },
    });
    await shown();
    click(labelled('Underline'));
    await until(() => expect(status()).toBe('Not saved: no space left'));
    expect(labelled('Wash and underline').checked).toBe(true);
  });

  it('reloads on a settingsChanged broadcast', async () => {
    await shown();
    stored = { ...stored, theme: 'dark' };
    broadcast({ type: 'settingsChanged' });
    await until(() => expect(labelled('Dark').checked).toBe(true));
  });
});

// ---------------------------------------------------------------- datasets

describe('datasets table', () => {
  beforeEach(() => {
    datasetStore([BUNDLED, IMPORTED]);
  });
  const row = (id: string) => one(`[data-testid=datasets] tr[data-dataset="${id}"]`);

  async function shown() {
    show(<DatasetsSection />);
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(2));
  }

  it('lists the bundled and imported datasets with their counts', async () => {
    await shown();
    expect(row('factlens-bundled').getAttribute('data-entities')).toBe('90');
    expect(row('my-people').getAttribute('data-entities')).toBe('3');
    const cells = (id: string) => all('td', row(id)).map((td) => td.textContent?.trim());
    expect(cells('factlens-bundled').slice(0, 4)).toEqual(['Alibaba and Zhejiang news (bundled)', '1+dec68b5f40', '90', '5']);
    expect(cells('my-people').slice(0, 4)).toEqual(['My people', '2024-05', '3', '0']);
  });

  it('turns a dataset off and on', async () => {
    await shown();
    const toggle = one<HTMLInputElement>('[data-testid=dataset-enabled]', row('factlens-bundled'));
    expect(toggle.checked).toBe(true);
    expect(toggle.getAttribute('aria-label')).toBe('Enable Alibaba and Zhejiang news');
    click(toggle);
    await until(() => expect(bg.calls).toContainEqual({ type: 'setDatasetEnabled', id: 'factlens-bundled', enabled: false }));
    expect(one<HTMLInputElement>('[data-testid=dataset-enabled]', row('factlens-bundled')).checked).toBe(false);
    click(one('[data-testid=dataset-enabled]', row('factlens-bundled')));
    await until(() => expect(bg.calls).toContainEqual({ type: 'setDatasetEnabled', id: 'factlens-bundled', enabled: true }));
  });

  it('offers Remove for imported datasets only, and asks first', async () => {
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    await shown();
    expect(all('[data-testid=dataset-remove]', row('factlens-bundled'))).toEqual([]);
    expect(all('[data-testid=dataset-export]', row('factlens-bundled'))).toHaveLength(1);

    click(one('[data-testid=dataset-remove]', row('my-people')));
    expect(confirm).toHaveBeenCalledWith('Remove the dataset "My people"? Its 3 entities and 0 sources are deleted from Factlens.');
    await settle();
    expect(callTypes()).not.toContain('removeDataset');

    confirm.mockReturnValue(true);
    click(one('[data-testid=dataset-remove]', row('my-people')));
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(1));
    expect(bg.calls).toContainEqual({ type: 'removeDataset', id: 'my-people' });
  });

  it('refreshes on a datasetsChanged broadcast', async () => {
    await shown();
    bg.handlers.listDatasets = () => [BUNDLED];
    broadcast({ type: 'datasetsChanged' });
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(1));
  });
});

// ---------------------------------------------------------------- import

describe('import', () => {
  let store: ReturnType<typeof datasetStore>;
  beforeEach(() => {
    store = datasetStore([BUNDLED]);
    vi.stubGlobal(
      'confirm',
      vi.fn(() => true),
    );
  });

  async function shown() {
    show(<DatasetsSection />);
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(1));
  }
  const errorText = () => text('[data-testid=import-error]');

  /** Chooses the file, waits for its error and checks that nothing import-related was sent. */
  async function refused(file: unknown): Promise<HTMLElement> {
    await shown();
    chooseFile(file);
    await until(() => one('[data-testid=import-error]'));
    await settle();
    expect(importCalls()).toEqual([]);
    const error = one('[data-testid=import-error]');
    expect(error.getAttribute('role')).toBe('alert');
    return error;
  }

  it('imports the documentation example: begin, sources, entities, commit', async () => {
    await shown();
    chooseFile(jsonFile(docsExample(), 'example.json'));
    await until(() => one('[data-testid=import-done]'));
    const example = docsExample();
    expect(importCalls()).toEqual([
      {
        type: 'importBegin',
        dataset: { id: 'example', name: 'Example dataset', version: '1', description: 'A minimal dataset for the documentation.' },
      },
      { type: 'importChunk', importId: 'import-1', sources: example.sources, entities: [] },
      { type: 'importChunk', importId: 'import-1', sources: [], entities: validatedEntities(example) },
      { type: 'importCommit', importId: 'import-1' },
    ]);
    expect(text('[data-testid=import-done]')).toBe('Imported Example dataset: 2 entities');
    expect(one('[data-testid=import-done]').getAttribute('role')).toBe('status');
    // The list is refreshed with the new dataset.
    await until(() => expect(one('[data-testid=datasets] tr[data-dataset=example]').getAttribute('data-entities')).toBe('2'));
  });

  it('sends large datasets in chunks of IMPORT_CHUNK entities and shows the progress', async () => {
    const dataset = largeDataset(2 * IMPORT_CHUNK + 500);
    const gates: (() => void)[] = [];
    const chunkIn = store.pending;
    const write = bg.handlers.importChunk!;
    answer({
      importChunk: (message) =>
        new Promise((resolve) => {
          gates.push(() => resolve(write(message as never)));
        }),
    });
    await shown();
    chooseFile(jsonFile(dataset));

    const progress = () => one<HTMLProgressElement>('[data-testid=import-progress]');
    const status = () => text('[data-testid=import] [role=status]');
    const release = async (expectedDone: number) => {
      await until(() => expect(gates).toHaveLength(1));
      gates.shift()!();
      await until(() => expect(progress().value).toBe(expectedDone));
    };
    await until(() => expect(progress().max).toBe(4500));
    expect(progress().value).toBe(0);
    expect(status()).toBe('Importing… 0 of 4,500 entities');
    expect(one<HTMLInputElement>('[data-testid=import-file]').disabled).toBe(true);
    await release(0); // the sources
    await release(2000);
    expect(status()).toBe('Importing… 2,000 of 4,500 entities');
    await release(4000);
    expect(status()).toBe('Importing… 4,000 of 4,500 entities');
    await until(() => expect(gates).toHaveLength(1));
    gates.shift()!();
    await until(() => expect(text('[data-testid=import-done]')).toBe('Imported Large dataset: 4,500 entities'));

    const chunks = importCalls().filter((c) => c.type === 'importChunk') as unknown as { entities: Entity[]; sources: Source[] }[];
    expect(chunks.map((c) => [c.sources.length, c.entities.length])).toEqual([
      [1, 0],
      [0, 2000],
      [0, 2000],
      [0, 500],
    ]);
    expect(callTypes().filter((t) => t.startsWith('import'))).toEqual([
      'importBegin',
      'importChunk',
      'importChunk',
      'importChunk',
      'importChunk',
      'importCommit',
    ]);
    expect(chunkIn.get('import-1')!.entities.map((e) => e.id)).toEqual(dataset.entities.map((e) => e.id));
    expect(one<HTMLInputElement>('[data-testid=import-file]').disabled).toBe(false);
  });

  it('refuses malformed JSON', async () => {
    const error = await refused(fileOf('{"format": "factlens-dataset/1", "id": '));
    expect(one('p', error).textContent).toMatch(/^Not valid JSON: \S/);
  });

  it('refuses wrong types, listing each problem with its JSON path', async () => {
    const dataset = docsExample() as unknown as { entities: Record<string, unknown>[]; sources: Record<string, unknown>[] };
    dataset.entities[0]!.name = 42;
    dataset.entities[1]!.type = 'company';
    dataset.sources[0]!.published = 'March 2021';
    const error = await refused(jsonFile(dataset));
    expect(one('p', error).textContent).toBe('This file is not a valid Factlens dataset');
    const items = all('li', error);
    expect(items.map((li) => one('code', li).textContent)).toEqual(
      expect.arrayContaining(['$.entities[0].name', '$.entities[1].type', '$.sources[0].published']),
    );
    const published = items.find((li) => one('code', li).textContent === '$.sources[0].published')!;
    expect(published.textContent).toBe('$.sources[0].published must be a date as YYYY, YYYY-MM or YYYY-MM-DD');
  });

  it('lists only the first 10 problems', async () => {
    const dataset = docsExample();
    const entities = Array.from({ length: 14 }, (_, i) => ({ id: `Bad ${i}`, name: `n${i}`, type: 'person', aliases: [{ text: `n${i}` }] }));
    const error = await refused(jsonFile({ ...dataset, entities }));
    const items = all('li', error);
    expect(items.slice(0, 10).map((li) => one('code', li).textContent)).toEqual(
      Array.from({ length: 10 }, (_, i) => `$.entities[${i}].id`),
    );
    expect(items[10]!.textContent).toBe('… and 4 more');
  });

  it('refuses duplicate ids', async () => {
    const dataset = docsExample();
    dataset.entities.push({ ...dataset.entities[1]!, aliases: [{ text: 'Acme Corp' }] });
    const error = await refused(jsonFile(dataset));
    expect(one('p', error).textContent).toBe('This file is not a valid Factlens dataset');
    expect(all('li', error).map((li) => li.textContent)).toEqual(['$.entities[2].id duplicate entity id "acme-corporation"']);
  });

  it('refuses a file that is not UTF-8', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]);
    const error = await refused(fileOf(bytes));
    expect(error.textContent).toBe('The file is not UTF-8 text');
  });

  it('refuses a 50 MB file without reading it', async () => {
    const huge = hugeFile(50 * MB);
    const error = await refused(huge);
    expect(error.textContent).toBe('File too large (50 MB); the limit is 40 MB');
    expect(huge.arrayBuffer).not.toHaveBeenCalled();
    expect(huge.text).not.toHaveBeenCalled();
  });

  it('refuses the bundled dataset’s id', async () => {
    const error = await refused(jsonFile({ ...docsExample(), id: 'factlens-bundled' }));
    expect(error.textContent).toMatch(/^This id belongs to the bundled dataset/);
  });

  it('aborts when a chunk fails mid-way and says nothing was changed', async () => {
    let chunks = 0;
    const write = bg.handlers.importChunk!;
    answer({
      importChunk: (message) => {
        if (++chunks === 2) throw new Error('QuotaExceededError: the disk is full');
        return write(message as never);
      },
    });
    await shown();
    chooseFile(jsonFile(docsExample()));
    await until(() => one('[data-testid=import-error]'));
    expect(errorText()).toBe('Import failed: QuotaExceededError: the disk is full. Nothing was changed.');
    expect(callTypes().filter((t) => t.startsWith('import'))).toEqual(['importBegin', 'importChunk', 'importChunk', 'importAbort']);
    expect(bg.calls.at(-1)).toEqual({ type: 'importAbort', importId: 'import-1' });
    expect(store.datasets.map((d) => d.id)).toEqual(['factlens-bundled']);
    expect(one<HTMLInputElement>('[data-testid=import-file]').disabled).toBe(false);
  });

  it('still reports the failure when the abort fails too', async () => {
    answer({
      importCommit: () => {
        throw new Error('the transaction was aborted');
      },
      importAbort: () => {
        throw new Error('no such import');
      },
    });
    await shown();
    chooseFile(jsonFile(docsExample()));
    await until(() => expect(errorText()).toBe('Import failed: the transaction was aborted. Nothing was changed.'));
    expect(callTypes()).toContain('importAbort');
  });

  it('asks before replacing a dataset with the same id', async () => {
    store.datasets.push(info({ id: 'example', name: 'Old example', version: '0', entityCount: 1 }));
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    show(<DatasetsSection />);
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(2));
    chooseFile(jsonFile(docsExample()));
    await until(() => expect(text('[data-testid=import] [role=status]')).toBe('Nothing was imported.'));
    expect(confirm).toHaveBeenCalledWith(
      'Replace the dataset "Old example" (version 0, 1 entity) with "Example dataset" (version 1, 2 entities)?',
    );
    expect(importCalls()).toEqual([]);

    confirm.mockReturnValue(true);
    chooseFile(jsonFile(docsExample()));
    await until(() => expect(text('[data-testid=import-done]')).toBe('Imported Example dataset: 2 entities'));
    await until(() => expect(one('[data-testid=datasets] tr[data-dataset=example]').textContent).toContain('Example dataset'));
  });

  it('does not ask when the id is new', async () => {
    await shown();
    chooseFile(jsonFile(docsExample()));
    await until(() => one('[data-testid=import-done]'));
    expect(globalThis.confirm).not.toHaveBeenCalled();
  });
});

/** What the schema makes of the example's entities (defaults filled in): what importChunk carries. */
function validatedEntities(dataset: Dataset): Entity[] {
  const result = validateDataset(dataset);
  if (!result.ok) throw new Error('the example does not validate');
  return result.dataset.entities;
}

describe('import-file module', () => {
  const fileLike = (content: string | Uint8Array): FileLike => {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    return { size: bytes.byteLength, arrayBuffer: async () => bytes.slice().buffer };
  };

  it('accepts a byte order mark', async () => {
    const result = await readDatasetFile(fileLike(`\ufeff${JSON.stringify(docsExample())}`));
    expect(result.ok).toBe(true);
  });

  it('rounds the size of a file that is too large', async () => {
    const result = await readDatasetFile({ size: 40 * MB + 400 * 1024, arrayBuffer: () => Promise.reject(new Error('read')) });
    expect(result).toEqual({ ok: false, failure: { message: 'File too large (40.4 MB); the limit is 40 MB' } });
  });

  it('accepts exactly 40 MB', async () => {
    const result = await readDatasetFile({ size: 40 * MB, arrayBuffer: async () => new TextEncoder().encode('{').buffer });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.message).toMatch(/^Not valid JSON/);
  });

  it('chunks by count and by size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2).map((c) => c.length)).toEqual([2, 2, 1]);
    const long = 'x'.repeat(60);
    expect(chunk([long, long, long, 'y'], 10, 130).map((c) => c.length)).toEqual([2, 2]);
    expect(chunk(['x'.repeat(500)], 10, 130)).toHaveLength(1);
    expect(chunk([], 10)).toEqual([]);
  });

  it('sends no dataset with no entities as progress 0 of 0, and commits', async () => {
    const calls: string[] = [];
    const progress: [number, number][] = [];
    const request = (async (message: Request) => {
      calls.push(message.type);
      if (message.type === 'listDatasets') return [];
      if (message.type === 'importBegin') return { importId: 'x' };
      if (message.type === 'importCommit') return info({ id: 'empty', name: 'Empty', entityCount: 0, sourceCount: 0 });
      return { written: 0 };
    }) as never;
    const empty = { format: 'factlens-dataset/1', id: 'empty', name: 'Empty', version: '1', entities: [] };
    const outcome = await importFile(fileLike(JSON.stringify(empty)), {
      request,
      confirm: () => true,
      onProgress: ({ done, total }) => progress.push([done, total]),
    });
    expect(outcome.status).toBe('imported');
    expect(calls).toEqual(['listDatasets', 'importBegin', 'importCommit']);
    expect(progress).toEqual([[0, 0]]);
  });
});

// ---------------------------------------------------------------- export

describe('export', () => {
  /** A fake exportDataset over a dataset, paged as the background pages it. */
  function serveExport(dataset: Dataset) {
    answer({
      exportDataset: ({ id, offset, limit }) => {
        if (id !== dataset.id) throw new Error(`no dataset "${id}"`);
        const { sources, entities, ...header } = dataset;
        return {
          ...(offset === 0 ? { dataset: { ...header, sources } } : {}),
          entities: entities.slice(offset, offset + limit),
          total: entities.length,
        };
      },
    });
  }

  it('pages through the dataset and downloads it as <id>-<version>.json', async () => {
    const dataset = validatedDataset(largeDataset(IMPORT_CHUNK + 10));
    datasetStore([BUNDLED, info({ id: dataset.id, name: dataset.name, version: dataset.version, entityCount: dataset.entities.length })]);
    serveExport(dataset);
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:factlens/1';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: { href: string; download: string; inDocument: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inDocument: this.isConnected });
    });

    show(<DatasetsSection />);
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(2));
    click(one('[data-testid=dataset-export]', one('tr[data-dataset=large]')));
    await until(() => expect(text('[data-testid=datasets-status]')).toBe('Exported Large dataset as large-1.json'));

    expect(bg.calls.filter((c) => c.type === 'exportDataset')).toEqual([
      { type: 'exportDataset', id: 'large', offset: 0, limit: IMPORT_CHUNK },
      { type: 'exportDataset', id: 'large', offset: IMPORT_CHUNK, limit: IMPORT_CHUNK },
    ]);
    expect(clicked).toEqual([{ href: 'blob:factlens/1', download: 'large-1.json', inDocument: true }]);
    expect(all('a', document.body)).toEqual([]);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toBe('application/json');
    const exported = JSON.parse(await blobs[0]!.text()) as Dataset;
    expect(exported).toEqual(dataset);
    expect(Object.keys(exported)).toEqual(['format', 'id', 'name', 'version', 'description', 'sources', 'entities']);
    expect(validateDataset(exported).ok).toBe(true);
  });

  it('exports the bundled dataset too', async () => {
    const dataset = validatedDataset({ ...docsExample(), id: 'factlens-bundled', version: '1+abc' });
    datasetStore([BUNDLED]);
    serveExport(dataset);
    const names: string[] = [];
    const texts: string[] = [];
    const request = (async (m: unknown) => (bg.handlers.exportDataset as (m: unknown) => unknown)(m)) as never;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const fileName = await exportDataset('factlens-bundled', request, {
      document,
      createObjectURL: (blob) => {
        void blob.text().then((t) => texts.push(t));
        return 'blob:x';
      },
      revokeObjectURL: (url) => names.push(`revoked ${url}`),
      later: (fn) => fn(),
    });
    expect(fileName).toBe('factlens-bundled-1+abc.json');
    expect(names).toEqual(['revoked blob:x']);
    await vi.waitFor(() => expect(texts).toHaveLength(1));
    expect(JSON.parse(texts[0]!)).toEqual(dataset);
  });

  it('shows an export failure', async () => {
    datasetStore([BUNDLED]);
    answer({
      exportDataset: () => {
        throw new Error('the store is closed');
      },
    });
    show(<DatasetsSection />);
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(1));
    click(one('[data-testid=dataset-export]'));
    await until(() =>
      expect(text('[data-testid=datasets-error]')).toBe('Could not export Alibaba and Zhejiang news: the store is closed'),
    );
  });

  it('stops when a page brings nothing new', async () => {
    const request = (async () => ({ dataset: { ...docsExample(), sources: [] }, entities: [], total: 5 })) as never;
    await expect(collectDataset('example', request)).rejects.toThrow('stopped at 0 of 5 entities');
  });

  it('revokes the object URL after the download starts', () => {
    const revoked: string[] = [];
    const later: (() => void)[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    downloadText('a.json', '{}', 'application/json', {
      document,
      createObjectURL: () => 'blob:y',
      revokeObjectURL: (url) => revoked.push(url),
      later: (fn) => later.push(fn),
    });
    expect(click).toHaveBeenCalledOnce();
    expect(revoked).toEqual([]);
    later.forEach((fn) => fn());
    expect(revoked).toEqual(['blob:y']);
  });

  it('makes safe file names', () => {
    expect(exportFileName({ id: 'news', version: '2024/05: "final"' })).toBe('news-2024-05- -final-.json');
  });
});

function validatedDataset(dataset: Dataset): Dataset {
  const result = validateDataset(dataset);
  if (!result.ok) throw new Error(`invalid fixture: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return result.dataset;
}
