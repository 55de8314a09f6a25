// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppearanceSection } from '../../entrypoints/options/AppearanceSection';
import { DatasetsSection } from '../../entrypoints/options/DatasetsSection';
import { collectDataset, downloadText, exportDataset, exportFileName } from '../../entrypoints/options/export-file';
import { parseHostInput } from '../../entrypoints/options/host-input';
import { chunk, importFile, readDatasetFile, type FileLike } from '../../entrypoints/options/import-file';
import { OptionsPage } from '../../entrypoints/options/OptionsPage';
import { SitesSection } from '../../entrypoints/options/SitesSection';
import type { Dataset, Entity } from '../../src/dataset/schema';
import { validateDataset } from '../../src/dataset/validate';
import { describeVersion } from '../../src/dataset/version';
import { IMPORT_CHUNK, MB, PROBLEMS_SHOWN } from '../../src/limits';
import { DEFAULT_APPEARANCE, type Appearance } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';
import { all, bundledDataset, buttonNamed, click, labelled, one, submit, text, typeInto, until, useKit } from './kit';
import { pagesListening } from './kit/browser';
import { LOCALES, versionWordsIn } from './support/locale-messages';

vi.mock('wxt/browser', () => import('./kit/browser'));

const kit = useKit();
const handlers = () => kit.background.handlers;
const storedDatasets = () => handlers().listDatasets({ type: 'listDatasets' });

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

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


/** A dataset of people with no roles and no sources. */
function peopleDataset({ id, name, version, count }: { id: string; name: string; version: string; count: number }): Dataset {
  const entities: Entity[] = Array.from({ length: count }, (_, i) => ({
    id: `${id}-${i}`,
    name: `${name} person ${i}`,
    type: 'person',
    aliases: [{ text: `${name} person ${i}` }],
    roles: [],
    mentions: [],
  }));
  return { format: 'factlens-dataset/2', id, name, version, sources: [], entities };
}
const IMPORTED = peopleDataset({ id: 'my-people', name: 'My people', version: '2024-05', count: 3 });

/** What the schema makes of a dataset (defaults filled in): what the store keeps and exports. */
function validatedDataset(dataset: Dataset): Dataset {
  const result = validateDataset(dataset);
  if (!result.ok) throw new Error(`invalid fixture: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return result.dataset;
}

/** The dataset as the store exports it. */
const exported = (id: string) => collectDataset(id, (message) => request(message));

const fileOf = (content: string | Uint8Array, name = 'dataset.json') =>
  new File([content as BlobPart], name, { type: 'application/json' });
const jsonFile = (value: unknown, name?: string) => fileOf(JSON.stringify(value), name);

/** A stand-in for a file too large to create: its contents must never be read. */
function hugeFile(bytes: number) {
  return { name: 'huge.json', size: bytes, type: 'application/json', arrayBuffer: vi.fn(), text: vi.fn() };
}

const show = (ui: Parameters<typeof kit.screen.show>[0]) => kit.screen.show(ui);
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
    show(<OptionsPage />);
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(1));
    expect(text('h1')).toBe('Factlens options');
    expect(all('h2').map((h) => h.textContent)).toEqual(['Sites', 'Appearance', 'Datasets']);
    const ids = all('section').map((section) => {
      expect(section.getAttribute('aria-labelledby'), section.outerHTML.slice(0, 80)).toBe(one('h2', section).id);
      return one('h2', section).id;
    });
    expect(new Set(ids).size).toBe(3);
    expect(all('[data-testid=sites], [data-testid=appearance], [data-testid=datasets-section], [data-testid=import]')).toHaveLength(4);
  });
});

// ---------------------------------------------------------------- sites

describe('sites', () => {
  const turnOff = (host: string, enabled = false) => handlers().setSiteSettings({ type: 'setSiteSettings', host, enabled });
  beforeEach(async () => {
    await turnOff('news.example');
    await turnOff('*.blog.example');
    await turnOff('on.example');
    await turnOff('on.example', true);
  });
  const hosts = () => all('[data-testid=sites] li').map((li) => one('.host', li).textContent);
  const offInStore = async () => (await handlers().listSites({ type: 'listSites' })).filter((r) => !r.enabled).map((r) => r.host);

  it('lists the sites Factlens is turned off on', async () => {
    show(<SitesSection />);
    await until(() => expect(hosts()).toEqual(['*.blog.example', 'news.example']));
  });

  it('says so when no site is turned off', async () => {
    await turnOff('news.example', true);
    await turnOff('*.blog.example', true);
    show(<SitesSection />);
    await until(() => expect(text('[data-testid=sites] .empty')).toBe('Factlens is on for every site.'));
  });

  it('removes a site by turning Factlens back on there', async () => {
    show(<SitesSection />);
    await until(() => expect(hosts()).toHaveLength(2));
    click(buttonNamed('Remove news.example'));
    await until(() => expect(hosts()).toEqual(['*.blog.example']));
    expect(await offInStore()).toEqual(['*.blog.example']);
  });

  it('adds a host pattern, lowercased', async () => {
    show(<SitesSection />);
    await until(() => expect(hosts()).toHaveLength(2));
    typeInto(labelled('Turn off on'), '  *.Example.COM ');
    submit(one('form'));
    await until(() => expect(hosts()).toEqual(['*.blog.example', '*.example.com', 'news.example']));
    expect(await offInStore()).toContain('*.example.com');
    expect(labelled('Turn off on').value).toBe('');
  });

  it('takes the host of a pasted address', async () => {
    show(<SitesSection />);
    typeInto(labelled('Turn off on'), 'https://www.example.org/news/today?x=1');
    submit(one('form'));
    await until(() => expect(hosts()).toContain('www.example.org'));
    expect(await offInStore()).toContain('www.example.org');
  });

  it.each(['exa mple.com', 'example.com/news', '*.', '**.example.com', 'ex*ample.com', '   '])(
    'refuses "%s" with an inline error and sends nothing',
    async (input) => {
      show(<SitesSection />);
      await until(() => expect(hosts()).toHaveLength(2));
      const before = kit.background.received.length;
      const field = labelled('Turn off on');
      typeInto(field, input);
      submit(one('form'));
      await kit.settle();
      const error = one('[data-testid=site-error]');
      expect(error.textContent).toMatch(/host name such as example\.com, or \*\.example\.com/);
      expect(error.getAttribute('role')).toBe('alert');
      expect(field.getAttribute('aria-invalid')).toBe('true');
      expect(field.getAttribute('aria-describedby')).toBe(error.id);
      expect(kit.background.received.slice(before)).toEqual([]);
      expect(await offInStore()).toEqual(['*.blog.example', 'news.example']);
    },
  );

  it('uses the protocol’s own host pattern', () => {
    expect(parseHostInput('example.com')).toEqual({ ok: true, pattern: 'example.com' });
    expect(parseHostInput('*.example.com')).toEqual({ ok: true, pattern: '*.example.com' });
    expect(parseHostInput('localhost:8080')).toEqual({ ok: true, pattern: 'localhost' });
    expect(parseHostInput('https://News.Example.com.:8080/page')).toEqual({ ok: true, pattern: 'news.example.com' });
    expect(parseHostInput('*.Example.COM.')).toEqual({ ok: true, pattern: '*.example.com' });
    expect(parseHostInput('a'.repeat(254)).ok).toBe(false);
    expect(parseHostInput('exa_mple.com').ok).toBe(false);
  });

  it('refreshes on a settingsChanged broadcast and ignores other messages', async () => {
    show(<SitesSection />);
    await until(() => expect(hosts()).toHaveLength(2));
    // Written behind the background's back, so only the test's broadcast tells the page.
    await kit.background.settings.set({ 'site:late.example': false });
    await kit.broadcast({ type: 'datasetsChanged' });
    await kit.broadcast({ type: 'settingsChanged', extra: true });
    await kit.broadcast({ type: 'listSites' });
    expect(hosts()).toHaveLength(2);
    await kit.broadcast({ type: 'settingsChanged' });
    await until(() => expect(hosts()).toContain('late.example'));
  });

  it('stops listening when it goes away', async () => {
    show(<SitesSection />);
    await until(() => expect(pagesListening()).toBe(true));
    show(null);
    expect(pagesListening()).toBe(false);
  });

  it('shows a failing request as an error', async () => {
    kit.background.fail('listSites', 'the store is closed');
    show(<SitesSection />);
    await until(() => expect(text('[data-testid=sites] [role=alert]')).toBe('Could not load the sites: the store is closed'));
  });
});

// ---------------------------------------------------------------- appearance

describe('appearance', () => {
  const stored = () => handlers().getAppearance({ type: 'getAppearance' });
  const store = (appearance: Partial<Appearance>) => handlers().setAppearance({ type: 'setAppearance', appearance });
  const status = () => text('[data-testid=appearance] [role=status]');

  async function shown() {
    show(<AppearanceSection />);
    await until(() => expect(all('[data-testid=appearance] input')).not.toHaveLength(0));
  }

  it('shows the stored settings', async () => {
    await store({ highlightStyle: 'underline', cardDelayMs: 650, theme: 'dark', openCards: 'shift' });
    await shown();
    expect(labelled('Only while Shift is held').checked).toBe(true);
    expect(labelled('When the pointer rests on a name').checked).toBe(false);
    expect(labelled('Underline').checked).toBe(true);
    expect(labelled('Wash').checked).toBe(false);
    expect(labelled('Dark').checked).toBe(true);
    const delay = labelled('Card delay');
    expect([delay.type, delay.min, delay.max, delay.step, delay.value]).toEqual(['range', '0', '3000', '50', '650']);
    expect(text('[data-testid=card-delay-value]')).toBe('650 ms');
    expect(all('[data-testid=appearance] legend').map((l) => l.textContent)).toEqual(['Open cards', 'Highlight style', 'Card theme']);
    expect(all('[data-testid=appearance] label').map((l) => l.textContent)).toEqual(
      expect.arrayContaining(['Wash and underline', 'Wash', 'Underline', 'Auto (as the system)', 'Light', 'Dark']),
    );
  });

  it('saves the highlight style and says so', async () => {
    await shown();
    expect(labelled('Wash and underline').checked).toBe(true);
    click(labelled('Wash'));
    await until(() => expect(status()).toBe('Saved'));
    expect(await stored()).toEqual({ ...DEFAULT_APPEARANCE, highlightStyle: 'wash' });
    expect(labelled('Wash').checked).toBe(true);
  });

  it('saves the theme', async () => {
    await shown();
    click(labelled('Light'));
    await until(() => expect(status()).toBe('Saved'));
    expect(await stored()).toEqual({ ...DEFAULT_APPEARANCE, theme: 'light' });
  });

  it('saves when cards open', async () => {
    await shown();
    click(labelled('Only with the keyboard shortcut (Alt+Shift+F)'));
    await until(() => expect(status()).toBe('Saved'));
    expect(await stored()).toEqual({ ...DEFAULT_APPEARANCE, openCards: 'shortcut' });
  });

  it('shows the card delay while it moves and saves it when let go', async () => {
    await shown();
    const delay = labelled('Card delay');
    act(() => {
      delay.value = '1200';
      delay.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(text('[data-testid=card-delay-value]')).toBe('1200 ms');
    await kit.settle();
    expect(await stored()).toEqual(DEFAULT_APPEARANCE);
    act(() => {
      delay.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => expect(status()).toBe('Saved'));
    expect(await stored()).toEqual({ ...DEFAULT_APPEARANCE, cardDelayMs: 1200 });
  });

  it('puts the old value back and says why when saving fails', async () => {
    kit.background.fail('setAppearance', 'no space left');
    await shown();
    click(labelled('Underline'));
    await until(() => expect(status()).toBe('Not saved: no space left'));
    expect(labelled('Wash and underline').checked).toBe(true);
    expect(await stored()).toEqual(DEFAULT_APPEARANCE);
  });

  it('reloads on a settingsChanged broadcast', async () => {
    await shown();
    // Saved by another page: the background broadcasts the change.
    await store({ theme: 'dark' });
    await until(() => expect(labelled('Dark').checked).toBe(true));
  });
});

// ---------------------------------------------------------------- datasets

describe('datasets table', () => {
  beforeEach(async () => {
    await kit.background.importDataset(IMPORTED);
  });
  const row = (id: string) => one(`[data-testid=datasets] tr[data-dataset="${id}"]`);
  const enabledInStore = async (id: string) => (await storedDatasets()).find((d) => d.id === id)?.enabled;

  async function shown() {
    show(<DatasetsSection />);
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(2));
  }

  it('lists the bundled and imported datasets with their counts', async () => {
    await shown();
    const bundled = bundledDataset;
    expect(row(bundled.id).getAttribute('data-entities')).toBe(String(bundled.entities.length));
    expect(row('my-people').getAttribute('data-entities')).toBe('3');
    const cells = (id: string) => all('td', row(id)).map((td) => td.textContent?.trim());
    expect(cells(bundled.id).slice(0, 4)).toEqual([
      `${bundled.name} (bundled)${bundled.description ?? ''}`,
      describeVersion(bundled.version, versionWordsIn(LOCALES.en!, 'en-US')).label,
      String(bundled.entities.length),
      String(bundled.sources.length),
    ]);
    expect(one('.version time', row(bundled.id)).getAttribute('title')).toBe(describeVersion(bundled.version, versionWordsIn(LOCALES.en!, 'en-US')).title);
    expect(cells('my-people').slice(0, 4)).toEqual(['My people', '2024-05', '3', '0']);
    expect(one('.dataset-desc', row(bundled.id)).textContent).toBe(bundled.description);
  });

  it('turns a dataset off and on', async () => {
    await shown();
    const id = bundledDataset.id;
    const toggle = () => one('[data-testid=dataset-enabled]', row(id));
    expect(toggle().getAttribute('role')).toBe('switch');
    expect(toggle().getAttribute('aria-checked')).toBe('true');
    expect(toggle().textContent).toBe(`Enable ${bundledDataset.name}`);
    click(toggle());
    await kit.settle();
    expect(await enabledInStore(id)).toBe(false);
    expect(toggle().getAttribute('aria-checked')).toBe('false');
    click(toggle());
    await kit.settle();
    expect(await enabledInStore(id)).toBe(true);
    expect(toggle().getAttribute('aria-checked')).toBe('true');
  });

  it('shows imports as private and the bundled dataset as public, and changes it', async () => {
    const privateInStore = async (id: string) => (await storedDatasets()).find((d) => d.id === id)?.private;
    await shown();
    const toggle = (id: string) => one('[data-testid=dataset-private]', row(id));
    expect(toggle(bundledDataset.id).getAttribute('aria-checked')).toBe('false');
    expect(toggle('my-people').getAttribute('aria-checked')).toBe('true');
    expect(toggle('my-people').textContent).toBe('Keep My people private');
    click(toggle('my-people'));
    await kit.settle();
    expect(await privateInStore('my-people')).toBe(false);
    expect(toggle('my-people').getAttribute('aria-checked')).toBe('false');
    expect(kit.background.broadcasts).toContainEqual({ type: 'datasetsChanged' });
    click(toggle(bundledDataset.id));
    await kit.settle();
    expect(await privateInStore(bundledDataset.id)).toBe(true);
  });

  it('puts a switch back and says why when the change fails', async () => {
    kit.background.fail('setDatasetEnabled', 'the store is closed');
    await shown();
    click(one('[data-testid=dataset-enabled]', row('my-people')));
    await until(() => expect(text('[data-testid=datasets-error]')).toBe('Could not turn off My people: the store is closed'));
    expect(one('[data-testid=dataset-enabled]', row('my-people')).getAttribute('aria-checked')).toBe('true');
    expect(await enabledInStore('my-people')).toBe(true);
  });

  it('offers Remove for imported datasets only, and asks first', async () => {
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    await shown();
    expect(all('[data-testid=dataset-remove]', row(bundledDataset.id))).toEqual([]);
    expect(all('[data-testid=dataset-export]', row(bundledDataset.id))).toHaveLength(1);

    click(one('[data-testid=dataset-remove]', row('my-people')));
    expect(confirm).toHaveBeenCalledWith('Remove the dataset "My people"? Its 3 entities and 0 sources are deleted from Factlens.');
    await kit.settle();
    expect((await storedDatasets()).map((d) => d.id)).toContain('my-people');

    confirm.mockReturnValue(true);
    click(one('[data-testid=dataset-remove]', row('my-people')));
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(1));
    expect((await storedDatasets()).map((d) => d.id)).toEqual([bundledDataset.id]);
  });

  it('refreshes on a datasetsChanged broadcast', async () => {
    await shown();
    // Removed by another page: the background broadcasts the change.
    await handlers().removeDataset({ type: 'removeDataset', id: 'my-people' });
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(1));
  });
});

// ---------------------------------------------------------------- import

describe('import', () => {
  beforeEach(() => {
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
  /** Nothing was written: the datasets are as seeded, and no import was begun or left behind. */
  async function expectNothingStored() {
    expect((await storedDatasets()).map((d) => d.id)).toEqual([bundledDataset.id]);
    expect(await kit.background.db.imports.count()).toBe(0);
  }

  /** Chooses the file, waits for its error and checks that no import reached the background. */
  async function refused(file: unknown): Promise<HTMLElement> {
    await shown();
    chooseFile(file);
    await until(() => one('[data-testid=import-error]'));
    await kit.settle();
    expect(kit.background.received.filter((m) => m.type.startsWith('import'))).toEqual([]);
    await expectNothingStored();
    const error = one('[data-testid=import-error]');
    expect(error.getAttribute('role')).toBe('alert');
    return error;
  }

  it('imports the documentation example: its header, sources and entities', async () => {
    await shown();
    chooseFile(jsonFile(docsExample(), 'example.json'));
    await until(() => one('[data-testid=import-done]'));
    expect(text('[data-testid=import-done]')).toBe('Imported Example dataset: 2 entities');
    expect(one('[data-testid=import-done]').getAttribute('role')).toBe('status');
    expect(await exported('example')).toEqual(validatedDataset(docsExample()));
    // The list is refreshed with the new dataset.
    await until(() => expect(one('[data-testid=datasets] tr[data-dataset=example]').getAttribute('data-entities')).toBe('2'));
  });

  it('imports a dataset with warnings and lists the first PROBLEMS_SHOWN of them after the import', async () => {
    const dataset = docsExample();
    const acme = dataset.entities[1]!;
    const letters = 'BCDEFGHIJKL'.split('');
    acme.aliases.push({ text: 'Time' }, ...letters.map((text) => ({ text })));
    await shown();
    chooseFile(jsonFile(dataset, 'warned.json'));
    await until(() => one('[data-testid=import-done]'));
    const stored = await kit.background.handlers.listDatasets({ type: 'listDatasets' });
    expect(stored.find((d) => d.id === dataset.id)?.entityCount).toBe(dataset.entities.length);
    expect(text('[data-testid=import-done]')).toBe(`Imported Example dataset: 2 entities with ${letters.length + 1} warnings:`);
    const items = all('[data-testid=import-warnings] li');
    expect(items).toHaveLength(PROBLEMS_SHOWN + 1);
    expect(items[0]!.textContent).toBe(
      '$.entities[1].aliases[2].text alias "Time" is one of the most common English words and will be marked on most pages; mark it contextual or remove it',
    );
    expect(one('code', items[1]!).textContent).toBe('$.entities[1].aliases[3].text');
    expect(items[PROBLEMS_SHOWN]!.textContent).toBe(`… and ${letters.length + 1 - PROBLEMS_SHOWN} more`);
  });

  it('lists no warnings when there are none', async () => {
    await shown();
    chooseFile(jsonFile(docsExample(), 'example.json'));
    await until(() => one('[data-testid=import-done]'));
    expect(all('[data-testid=import-warnings]')).toEqual([]);
  });

  // Several chunks of a real import: seconds on a loaded two-core machine.
  it('sends large datasets in chunks of IMPORT_CHUNK entities and shows the progress', { timeout: 60_000 }, async () => {
    const dataset = largeDataset(2 * IMPORT_CHUNK + 500);
    const chunks = kit.background.hold('importChunk');
    await shown();
    chooseFile(jsonFile(dataset));

    const progress = () => one<HTMLProgressElement>('[data-testid=import-progress]');
    const status = () => text('[data-testid=import] [role=status]');
    let released = 0;
    const release = async (expectedDone: number) => {
      await until(() => expect(chunks).toHaveLength(released + 1));
      chunks[released++]!.release();
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
    await until(() => expect(chunks).toHaveLength(4));
    chunks[3]!.release();
    await until(() => expect(text('[data-testid=import-done]')).toBe('Imported Large dataset: 4,500 entities'));

    expect(chunks.map(({ message }) => [message.sources.length, message.entities.length])).toEqual([
      [dataset.sources.length, 0],
      [0, 2000],
      [0, 2000],
      [0, 500],
    ]);
    expect((await exported('large')).entities.map((e) => e.id)).toEqual(dataset.entities.map((e) => e.id));
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
    const error = await refused(jsonFile({ ...docsExample(), id: bundledDataset.id }));
    expect(error.textContent).toMatch(/^This id belongs to the bundled dataset/);
  });

  it('aborts when a chunk fails mid-way and says nothing was changed', async () => {
    let chunks = 0;
    kit.background.override('importChunk', (message, real) => {
      if (++chunks === 2) throw new Error('QuotaExceededError: the disk is full');
      return real();
    });
    const blocks = await kit.background.db.entityBlocks.count();
    await shown();
    chooseFile(jsonFile(docsExample()));
    await until(() => one('[data-testid=import-error]'));
    await kit.settle();
    expect(errorText()).toBe('Import failed: QuotaExceededError: the disk is full. Nothing was changed.');
    expect(chunks).toBe(2);
    // The abort removed the import and what its first chunk wrote.
    await expectNothingStored();
    expect(await kit.background.db.entityBlocks.count()).toBe(blocks);
    expect(await kit.background.db.sourceRows.count()).toBe(bundledDataset.sources.length);
    expect(one<HTMLInputElement>('[data-testid=import-file]').disabled).toBe(false);
  });

  it('still reports the failure when the abort fails too', async () => {
    kit.background.fail('importCommit', 'the transaction was aborted');
    let aborts = 0;
    kit.background.override('importAbort', () => {
      aborts++;
      throw new Error('no such import');
    });
    await shown();
    chooseFile(jsonFile(docsExample()));
    await until(() => expect(errorText()).toBe('Import failed: the transaction was aborted. Nothing was changed.'));
    expect(aborts).toBe(1);
    expect((await storedDatasets()).map((d) => d.id)).toEqual([bundledDataset.id]);
  });

  it('asks before replacing a dataset with the same id', async () => {
    await kit.background.importDataset(peopleDataset({ id: 'example', name: 'Old example', version: '0', count: 1 }));
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    show(<DatasetsSection />);
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(2));
    chooseFile(jsonFile(docsExample()));
    await until(() => expect(text('[data-testid=import] [role=status]')).toBe('Nothing was imported.'));
    expect(confirm).toHaveBeenCalledWith(
      'Replace the dataset "Old example" (version 0, 1 entity) with "Example dataset" (version 1, 2 entities)? It keeps its switches (enabled, private).',
    );
    await kit.settle();
    expect((await storedDatasets()).find((d) => d.id === 'example')).toMatchObject({ name: 'Old example', version: '0' });
    expect(await kit.background.db.imports.count()).toBe(0);

    confirm.mockReturnValue(true);
    chooseFile(jsonFile(docsExample()));
    await until(() => expect(text('[data-testid=import-done]')).toBe('Imported Example dataset: 2 entities'));
    await until(() => expect(one('[data-testid=datasets] tr[data-dataset=example]').textContent).toContain('Example dataset'));
    expect(await exported('example')).toEqual(validatedDataset(docsExample()));
  });

  it('does not ask when the id is new', async () => {
    await shown();
    chooseFile(jsonFile(docsExample()));
    await until(() => one('[data-testid=import-done]'));
    expect(globalThis.confirm).not.toHaveBeenCalled();
  });
});

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

  it('imports a dataset with no entities as progress 0 of 0, and commits it', async () => {
    const progress: [number, number][] = [];
    const empty = { format: 'factlens-dataset/1', id: 'empty', name: 'Empty', version: '1', entities: [] };
    const outcome = await importFile(fileLike(JSON.stringify(empty)), {
      request,
      confirm: () => true,
      onProgress: ({ done, total }) => progress.push([done, total]),
    });
    expect(outcome.status).toBe('imported');
    expect(progress).toEqual([[0, 0]]);
    expect((await storedDatasets()).find((d) => d.id === 'empty')).toMatchObject({ entityCount: 0, sourceCount: 0 });
    expect(await kit.background.db.imports.count()).toBe(0);
  });
});

// ---------------------------------------------------------------- export

describe('export', () => {
  it('pages through the dataset and downloads it as <id>-<version>.json', async () => {
    const dataset = validatedDataset(largeDataset(IMPORT_CHUNK + 10));
    await kit.background.importDataset(dataset);
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

    // More entities than one page may carry (the protocol caps a page at IMPORT_CHUNK), all of them exported.
    expect(clicked).toEqual([{ href: 'blob:factlens/1', download: 'large-1.json', inDocument: true }]);
    expect(all('a', document.body)).toEqual([]);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toBe('application/json');
    const file = JSON.parse(await blobs[0]!.text()) as Dataset;
    expect(file).toEqual(dataset);
    expect(file.entities).toHaveLength(IMPORT_CHUNK + 10);
    expect(Object.keys(file)).toEqual(['format', 'id', 'name', 'version', 'description', 'sources', 'entities']);
    expect(validateDataset(file).ok).toBe(true);
  });

  it('exports the bundled dataset too', async () => {
    const names: string[] = [];
    const texts: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const fileName = await exportDataset(bundledDataset.id, request, {
      document,
      createObjectURL: (blob) => {
        void blob.text().then((t) => texts.push(t));
        return 'blob:x';
      },
      revokeObjectURL: (url) => names.push(`revoked ${url}`),
      later: (fn) => fn(),
    });
    expect(fileName).toBe(exportFileName(bundledDataset));
    expect(names).toEqual(['revoked blob:x']);
    await vi.waitFor(() => expect(texts).toHaveLength(1));
    expect(JSON.parse(texts[0]!)).toEqual(validatedDataset(bundledDataset));
  });

  it('shows an export failure', async () => {
    kit.background.fail('exportDataset', 'the store is closed');
    show(<DatasetsSection />);
    await until(() => expect(all('[data-testid=datasets] tbody tr')).toHaveLength(1));
    click(one('[data-testid=dataset-export]'));
    await until(() =>
      expect(text('[data-testid=datasets-error]')).toBe(`Could not export ${bundledDataset.name}: the store is closed`),
    );
  });

  it('stops when a page brings nothing new', async () => {
    const pages = (async () => ({ dataset: { ...docsExample(), sources: [] }, entities: [], total: 5 })) as never;
    await expect(collectDataset('example', pages)).rejects.toThrow('stopped at 0 of 5 entities');
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
