import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { openDb, type FactlensDb } from '../../entrypoints/background/db';
import { seedBundled } from '../../entrypoints/background/seed';
import { DATASET_FORMAT, type Dataset, type Entity } from '../../src/dataset/schema';
import { entityKey } from '../../src/messages/entity-key';
import { packPeopleIndex, unpackPeopleIndex, type PackedPeopleIndex } from '../../src/people/packed';
import { testHandlers } from './support/handlers';
import { importDataset } from './support/import-dataset';

const BUNDLED = bundled as Dataset;
let db: FactlensDb;
let n = 0;

async function background() {
  db = openDb({ name: `factlens-org-people-${n++}` });
  await seedBundled({ db, dataset: BUNDLED });
  return testHandlers({ db }).handlers;
}

afterEach(async () => {
  db.close();
  await db.delete();
});

const cardOf = async (handlers: Awaited<ReturnType<typeof background>>, dataset: string, id: string) =>
  (await handlers.getCards({ type: 'getCards', refs: [{ dataset, id }] }))[0]!;

/** A dataset of one organization and, unless left out, one person who works there; sources are references with a date. */
function register(id: string, { sameAs, person = true }: { sameAs?: string[]; person?: boolean }): Dataset {
  const entities: Entity[] = [
    { id: 'acme', name: `Acme (${id})`, type: 'organization', aliases: [{ text: `Acme ${id}` }], roles: [], mentions: [], ...(sameAs ? { sameAs } : {}) },
  ];
  if (person) {
    entities.push({
      id: `${id}-clerk`,
      name: `Clerk of ${id}`,
      type: 'person',
      aliases: [{ text: `Clerk of ${id}` }],
      roles: [{ title: 'Clerk', organization: 'acme', start: '2020', evidence: [{ source: 'roll' }] }],
      mentions: [],
    });
  }
  return {
    format: DATASET_FORMAT,
    id,
    name: id,
    version: '1',
    sources: [{ id: 'roll', title: 'The roll', url: `https://${id}.example/roll`, published: '2024-05' }],
    entities,
  } as Dataset;
}

describe('organization cards: people', () => {
  it('list the people of the bundled dataset whose roles name the organization, each once, with the sources that date them', async () => {
    const handlers = await background();
    const card = await cardOf(handlers, BUNDLED.id, 'alibaba-group');
    const expected = BUNDLED.entities.filter((e) => e.type === 'person' && e.roles.some((r) => r.organization === 'alibaba-group'));
    expect(card.people?.total).toBe(expected.length);
    expect(card.people?.people.map((p) => p.id).sort()).toEqual(expected.map((e) => e.id).sort());
    const zhang = card.people!.people.find((p) => p.id === 'daniel-zhang')!;
    expect(zhang.roles).toHaveLength(expected.find((e) => e.id === 'daniel-zhang')!.roles.filter((r) => r.organization === 'alibaba-group').length);
    for (const role of zhang.roles) {
      for (const ev of role.evidence) expect(card.sources[entityKey({ dataset: BUNDLED.id, id: ev.source })]).toBeDefined();
    }
    // Current roles come first.
    const firstPast = card.people!.people.findIndex((p) => !p.roles.some((r) => r.start !== undefined && r.end === undefined));
    expect(card.people!.people.slice(firstPast).every((p) => !p.roles.some((r) => r.start !== undefined && r.end === undefined))).toBe(true);
    // A person's card has none.
    expect((await cardOf(handlers, BUNDLED.id, 'jack-ma')).people).toBeUndefined();
  });

  it('give an organization’s search result its number of people', async () => {
    const handlers = await background();
    const hits = await handlers.search({ type: 'search', query: 'Alibaba Group' });
    const hit = hits.find((h) => h.id === 'alibaba-group')!;
    expect(hit.people).toBe((await cardOf(handlers, BUNDLED.id, 'alibaba-group')).people?.total);
    expect(hits.filter((h) => h.type !== 'organization').every((h) => h.people === undefined)).toBe(true);
  });

  it('come from the index a stopped worker stored, and from a new one once the datasets change', async () => {
    const handlers = await background();
    const before = (await cardOf(handlers, BUNDLED.id, 'alibaba-group')).people!;
    const stored = () => db.caches.where('name').startsWith('people:').first();
    await expect.poll(stored).toBeTruthy();
    // Leave one person out of the stored index: a restarted worker that shows one fewer read it back rather than rebuilding it.
    const row = (await stored())!;
    const value = row.value as Omit<PackedPeopleIndex, 'buffer'> & { buffer: Blob };
    // The worker stores the packed buffer as a Blob.
    expect(value.buffer).toBeInstanceOf(Blob);
    const index = unpackPeopleIndex({ ...value, buffer: await value.buffer.arrayBuffer() });
    const alibaba = entityKey({ dataset: BUNDLED.id, id: 'alibaba-group' });
    const dropped = before.people[0]!;
    index.byOrganization.set(
      alibaba,
      index.byOrganization.get(alibaba)!.filter((ref) => ref.person !== entityKey(dropped)),
    );
    await db.caches.put({ ...row, value: packPeopleIndex(index) });

    const restarted = testHandlers({ db }).handlers;
    const after = (await cardOf(restarted, BUNDLED.id, 'alibaba-group')).people!;
    expect(after.total).toBe(before.total - 1);
    expect(after.people.map((p) => p.id)).not.toContain(dropped.id);

    await importDataset({ handlers: restarted, dataset: register('other', {}) });
    expect((await cardOf(restarted, BUNDLED.id, 'alibaba-group')).people!.total).toBe(before.total);
    await expect.poll(async () => (await stored())?.key).not.toBe(row.key);
    expect(await db.caches.where('name').startsWith('people:').count()).toBe(1);
  });

  it('reach across datasets through a shared sameAs id, and only through one', async () => {
    const handlers = await background();
    await importDataset({ handlers, dataset: register('north', { sameAs: ['wikidata:Q1'] }) });
    await importDataset({ handlers, dataset: register('south', { sameAs: ['wikidata:Q1'], person: false }) });
    await importDataset({ handlers, dataset: register('west', {}) });
    const south = await cardOf(handlers, 'south', 'acme');
    expect(south.people?.people.map((p) => entityKey(p))).toEqual([entityKey({ dataset: 'north', id: 'north-clerk' })]);
    // The role's source, in the person's dataset, comes along to date it.
    expect(south.sources[entityKey({ dataset: 'north', id: 'roll' })]?.published).toBe('2024-05');
    expect((await cardOf(handlers, 'north', 'acme')).people?.people.map((p) => p.id)).toEqual(['north-clerk']);
    expect((await cardOf(handlers, 'west', 'acme')).people?.people.map((p) => p.id)).toEqual(['west-clerk']);
    // A disabled dataset's people leave the other cards.
    await handlers.setDatasetEnabled({ type: 'setDatasetEnabled', id: 'north', enabled: false });
    expect((await cardOf(handlers, 'south', 'acme')).people).toBeUndefined();
  });
});
