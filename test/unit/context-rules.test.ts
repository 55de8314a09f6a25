import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { openDb, type FactlensDb } from '../../entrypoints/background/db';
import { seedBundled } from '../../entrypoints/background/seed';
import { isAcronym } from '../../src/dataset/alias-case';
import { patternsFromEntities } from '../../src/dataset/patterns';
import { englishText } from '../../src/dataset/problem-english';
import { relatedEntities, sentenceLinks, type RelationFacts } from '../../src/dataset/related';
import type { Dataset, Entity } from '../../src/dataset/schema';
import { validateDataset } from '../../src/dataset/validate';
import { supportReason } from '../../src/format/support-reason';
import { MAX_RELATED } from '../../src/limits';
import { buildDictionary, scanPage } from '../../src/matcher';
import { testHandlers } from './support/handlers';
import { importDataset } from './support/import-dataset';
import { LOCALES, messageIn, supportWordsIn } from './support/locale-messages';

const facts = (id: string, more: Partial<RelationFacts> = {}): RelationFacts => ({ id, type: 'person', roles: [], mentions: [], ...more });

describe('relatedEntities', () => {
  it('relates the organizations of roles, listed entities and shared sentences, both ways', () => {
    const related = relatedEntities([
      facts('zhang', { roles: [{ organization: 'alibaba' }], related: ['tmall'], mentions: [{ source: 's', sentenceStart: 0 }] }),
      facts('alibaba', { type: 'organization' }),
      facts('tmall', { type: 'organization' }),
      facts('weibo', { type: 'organization', mentions: [{ source: 's', sentenceStart: 0 }] }),
      facts('other', { mentions: [{ source: 's', sentenceStart: 40 }, { source: 't', sentenceStart: 0 }] }),
    ]);
    // Listed first, then roles, then sentences.
    expect(related).toEqual([[2, 1, 3], [0], [0], [0], []]);
  });

  it('does not relate a place by the sentences it shares: a city is named beside everyone in it', () => {
    const related = relatedEntities([
      facts('liu', { mentions: [{ source: 's', sentenceStart: 0 }] }),
      facts('hangzhou', { type: 'place', mentions: [{ source: 's', sentenceStart: 0 }] }),
      facts('lakeside', { type: 'place', related: ['alibaba'] }),
      facts('alibaba', { type: 'organization' }),
    ]);
    expect(related).toEqual([[], [], [3], [2]]);
  });

  it(`keeps at most MAX_RELATED (${MAX_RELATED}), most shared sentences first`, () => {
    const many = Array.from({ length: MAX_RELATED + 5 }, (_, i) => facts(`p${i}`, { mentions: [{ source: 's', sentenceStart: i }] }));
    // The last shares a second sentence with the hub.
    many[MAX_RELATED + 4]!.mentions = [...many[MAX_RELATED + 4]!.mentions, { source: 't', sentenceStart: 0 }];
    const hub = facts('hub', { mentions: [...many.map((_, i) => ({ source: 's', sentenceStart: i })), { source: 't', sentenceStart: 0 }] });
    const related = relatedEntities([...many, hub]);
    expect(related[many.length]).toHaveLength(MAX_RELATED);
    expect(related[many.length]![0]).toBe(MAX_RELATED + 4);
  });
});

describe('sentenceLinks', () => {
  it('links every name to the names of its sentences, supported or not, places aside', () => {
    const entities: Pick<Entity, 'id' | 'type' | 'aliases'>[] = [
      { id: 'liu-jie', type: 'person', aliases: [{ text: 'Liu Jie', needsContext: true }] },
      { id: 'alibaba', type: 'organization', aliases: [{ text: 'Alibaba' }] },
      { id: 'ant', type: 'organization', aliases: [{ text: 'Ant', contextual: true }] },
      { id: 'hangzhou', type: 'place', aliases: [{ text: 'Hangzhou' }] },
    ];
    const text = 'Liu Jie of Hangzhou praised Alibaba and Ant. Alibaba grew.';
    expect(sentenceLinks({ sources: [{ id: 's', title: 'S', text }], entities })).toEqual([['alibaba', 'ant'], ['liu-jie', 'ant'], ['liu-jie', 'alibaba'], []]);
  });
});

describe('isAcronym', () => {
  it.each([
    ['AFP', true],
    ['NYSE', true],
    ['AT&T', true],
    ['Afp', false],
    ['A', false],
    ['Jack Ma', false],
    ['张勇', false],
  ])('%s: %s', (text, expected) => expect(isAcronym(text)).toBe(expected));
});

describe('several candidates on one page', () => {
  const entities = [
    { id: 'daniel-zhang', type: 'person' as const, aliases: [{ text: 'Daniel Zhang' }, { text: 'Zhang Yong', needsContext: true }], related: ['alibaba', 'tmall'] },
    { id: 'alibaba', type: 'organization' as const, aliases: [{ text: 'Alibaba' }] },
    { id: 'tmall', type: 'organization' as const, aliases: [{ text: 'Tmall' }] },
    { id: 'haidilao-zhang', type: 'person' as const, aliases: [{ text: 'Zhang Yong', needsContext: true }], related: ['haidilao'] },
    { id: 'haidilao', type: 'organization' as const, aliases: [{ text: 'Haidilao' }] },
    { id: 'zhang-yong-plain', type: 'person' as const, aliases: [{ text: 'Zhang Yong' }] },
  ];
  const resolve = (text: string, which: number[]) => {
    const chosen = which.map((i) => entities[i]!);
    const related = relatedEntities(chosen.map((e) => ({ ...e, roles: [], mentions: [] })));
    const dictionary = buildDictionary({ patterns: patternsFromEntities(chosen) });
    const match = scanPage({ dictionary, text, relatedOf: (e) => related[e]! }).find((m) => text.slice(m.start, m.end) === 'Zhang Yong');
    return match && { ids: match.entities.map((e) => chosen[e]!.id), support: match.support?.map((s) => (Array.isArray(s) ? s.map((e) => chosen[e]!.id) : s)) };
  };

  it('puts the entity with more related entities on the page first, and says which', () => {
    expect(resolve('Zhang Yong met Haidilao, Alibaba and Tmall staff.', [0, 1, 2, 3, 4])).toEqual({
      ids: ['daniel-zhang', 'haidilao-zhang'],
      support: [['alibaba', 'tmall'], ['haidilao']],
    });
    expect(resolve('Zhang Yong met Haidilao and Alibaba staff.', [3, 4, 0, 1, 2])).toEqual({
      ids: ['haidilao-zhang', 'daniel-zhang'],
      support: [['haidilao'], ['alibaba']],
    });
  });

  it('puts an entity named here by an alias that needs no context first, then one named in full elsewhere', () => {
    expect(resolve('Daniel Zhang and Haidilao. Zhang Yong spoke.', [3, 4, 0, 5])).toEqual({
      ids: ['zhang-yong-plain', 'daniel-zhang', 'haidilao-zhang'],
      support: ['here', 'page', ['haidilao']],
    });
  });
});

describe('entities that could never be highlighted', () => {
  const base = (): Dataset => ({
    format: 'factlens-dataset/2',
    id: 'never',
    name: 'Never',
    version: '1',
    sources: [],
    entities: [
      { id: 'belle', name: 'BELLE', type: 'organization', aliases: [{ text: 'BELLE', contextual: true }], roles: [], mentions: [] },
      { id: 'liu-jie', name: 'Liu Jie', type: 'person', aliases: [{ text: 'Liu Jie', needsContext: true }], roles: [], mentions: [] },
      { id: 'alibaba', name: 'Alibaba', type: 'organization', aliases: [{ text: 'Alibaba' }], roles: [], mentions: [] },
    ],
  });

  it('are refused by validateDataset, each listed', () => {
    const result = validateDataset(base());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path}: ${englishText(p)}`)).toEqual([
      '$.entities[0].aliases: "belle" can never be highlighted: every alias needs context; add an alias that needs none (a full name)',
      '$.entities[1].aliases: "liu-jie" can never be highlighted: every alias needs context and it has no related entity; add an alias that needs none (a full name)',
    ]);
  });

  it('may share a name that needs context within one dataset', () => {
    const shared = base();
    shared.entities[0]!.aliases.push({ text: 'Belle International' }, { text: 'Liu Jie', needsContext: true });
    shared.entities[1]!.related = ['alibaba'];
    expect(validateDataset(shared)).toMatchObject({ ok: true });
  });

  it('are accepted once a full alias or a related entity can support them', () => {
    const fixed = base();
    fixed.entities[0]!.aliases.push({ text: 'Belle International' });
    fixed.entities[1]!.related = ['alibaba'];
    expect(validateDataset(fixed)).toMatchObject({ ok: true });
  });

  describe('in the background', () => {
    let db: FactlensDb;
    afterEach(async () => {
      db.close();
      await db.delete();
    });

    it('are refused at commit, even when the options page did not check', async () => {
      db = openDb({ name: 'factlens-never-matchable' });
      await seedBundled({ db, dataset: bundled as Dataset });
      const { handlers } = testHandlers({ db });
      await expect(importDataset({ handlers, dataset: base() })).rejects.toMatchObject({
        problem: { code: 'problemNeverHighlightedMany', params: [2, '"belle", "liu-jie"'] },
      });
      expect((await handlers.listDatasets({ type: 'listDatasets' })).map((d) => d.id)).toEqual([bundled.id]);
    });
  });
});

describe('supportReason', () => {
  const names = new Map([
    ['a', 'Alibaba'],
    ['t', 'Tmall'],
    ['b', 'Taobao'],
  ]);
  const nameOf = (k: string) => names.get(k);
  it.each([
    [['a'], 'Alibaba is on this page'],
    [['a', 't'], 'Alibaba and Tmall are on this page'],
    [['a', 't', 'b'], 'Alibaba, Tmall and 1 more are on this page'],
    [['x'], null],
    ['page', 'Named in full on this page'],
    ['here', null],
  ] as const)('%j: %s', (support, expected) =>
    expect(supportReason(typeof support === 'string' ? support : [...support], nameOf, supportWordsIn(LOCALES.en!))).toBe(expected),
  );

  const zh = LOCALES.zh_CN!;
  it.each([
    [['a'], messageIn(zh, 'reasonOnPageOne', ['Alibaba'])],
    [['a', 't'], messageIn(zh, 'reasonOnPageOther', [messageIn(zh, 'reasonTwo', ['Alibaba', 'Tmall'])])],
    [['a', 't', 'b'], messageIn(zh, 'reasonOnPageOther', [messageIn(zh, 'reasonMore', ['Alibaba', 'Tmall', 1])])],
    ['page', messageIn(zh, 'reasonNamedInFull')],
  ] as const)('in Chinese, %j: %s', (support, expected) =>
    expect(supportReason(typeof support === 'string' ? support : [...support], nameOf, supportWordsIn(zh))).toBe(expected),
  );
});

describe('the bundled dataset as stored', () => {
  it('finds in each article exactly its compiled mentions, with the related entities an import derives', () => {
    const { entities, sources } = bundled as Dataset;
    const related = relatedEntities(entities);
    const dictionary = buildDictionary({ patterns: patternsFromEntities(entities) });
    for (const source of sources) {
      const found = scanPage({ dictionary, text: source.text!, relatedOf: (e) => related[e]! }).flatMap((m) =>
        m.entities.map((e) => `${entities[e]!.id}@${m.start}`),
      );
      const compiled = entities.flatMap((e) => e.mentions.filter((m) => m.source === source.id).map((m) => `${e.id}@${m.start}`));
      expect(found.sort(), source.id).toEqual(compiled.sort());
    }
  });
});
