// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EntityCard, type EntityCardProps, type SourceLink } from '../../components/card/EntityCard';
import { excerptItems, excerptSegments } from '../../components/card/excerpt-text';
import { formatPartialDate, parsePartialDate } from '../../src/dates/partial-date';
import { asOfDate } from '../../src/format/as-of';
import { rolesNewestFirst } from '../../src/format/role-timeline';
import { entityKey, type EntityRecord, type SourceInfo } from '../../src/messages/protocol';
import { all, bundledDataset, click, one, press, useKit } from './kit';

vi.mock('wxt/browser', () => import('./kit/browser'));

const DATASET = bundledDataset.id;
const kit = useKit();

/** The bundled entities and sources as the store serves them to a card. */
let stored: Awaited<ReturnType<typeof kit.background.cardRecords>>;
beforeEach(async () => {
  stored = await kit.background.cardRecords(bundledDataset);
});

function record(id: string): EntityRecord {
  const entity = stored.entities.get(id);
  if (!entity) throw new Error(`no entity ${id} in the bundled dataset`);
  return entity;
}

const href = ({ dataset, source, start, end }: SourceLink) => `chrome-extension://factlens/viewer.html#${dataset}/${source}/${start}-${end}`;

function show(overrides: Partial<EntityCardProps> & Pick<EntityCardProps, 'entities'>) {
  const props: EntityCardProps = {
    sources: stored.sources,
    sourceHref: href,
    onOpenSource: vi.fn(),
    locale: 'en-GB',
    ...overrides,
  };
  kit.screen.show(<EntityCard {...props} />);
  return props;
}

const texts = (selector: string, root?: ParentNode) => all(selector, root).map((e) => e.textContent);

describe('EntityCard: who it is', () => {
  it('shows the name as a heading, the type, the description and the other names', () => {
    show({ entities: [record('jack-ma')], headingId: 'card-heading' });
    const heading = one('h2');
    expect(heading.textContent).toBe('Jack Ma');
    expect(heading.id).toBe('card-heading');
    expect(one('.fl-type').textContent).toBe('Person');
    expect(one('.fl-desc').textContent).toBe(record('jack-ma').description);
    expect(one('.fl-aka').textContent).toBe('Also known as Ma Yun, Teacher Ma, Ma, 马云');
    expect(texts('.fl-alias')).not.toContain('Jack Ma');
  });

  it('tags native-script names with their language and no others', () => {
    show({ entities: [record('alibaba-group')] });
    const langs = all('.fl-alias').map((e) => [e.textContent, e.getAttribute('lang')]);
    expect(langs).toEqual([
      ['Alibaba Group Holding', null],
      ['Alibaba', null],
      ['Ali', null],
      ['阿里巴巴', 'zh-Hans'],
      ['阿里巴巴集团', 'zh-Hans'],
    ]);
    expect(one('.fl-type').textContent).toBe('Organization');
  });

  it('lists each other name once and leaves out the list when there is none', () => {
    const entity: EntityRecord = {
      dataset: 'hand',
      id: 'acme',
      name: 'Acme',
      type: 'organization',
      aliases: [{ text: 'Acme' }, { text: 'ACME' }, { text: 'Acme Corp' }, { text: 'Acme Corp' }],
      roles: [],
      mentions: [],
    };
    show({ entities: [entity] });
    expect(texts('.fl-alias')).toEqual(['Acme Corp']);
    show({ entities: [{ ...entity, aliases: [{ text: 'Acme' }] }] });
    expect(all('.fl-aka')).toHaveLength(0);
    expect(all('.fl-desc')).toHaveLength(0);
  });
});

describe('EntityCard: roles', () => {
  it('lists roles newest first with their dates, organizations and inferred marks', () => {
    show({ entities: [record('jack-ma')], names: new Map([[entityKey({ dataset: DATASET, id: 'alibaba-group' }), 'Alibaba Group']]) });
    const rows = all('.fl-role').map((row) => ({
      what: one('.fl-role-what', row).textContent,
      when: row.querySelector('.fl-role-when')?.textContent ?? '',
      inferred: row.querySelector('.fl-role-when [aria-label="date inferred from context"]') !== null,
    }));
    expect(rows).toEqual([
      { what: 'Founder, Ma Yun Rural Teacher Student Program', when: 'since 2017', inferred: false },
      { what: 'Founder, Alibaba Group', when: 'since 1999', inferred: false },
      { what: 'Held overall control, Ant Group', when: '≈until 2023', inferred: true },
      { what: 'President, General Association Of Zhejiang Entrepreneurs', when: '≈2015 – 7 Dec 2022', inferred: true },
      { what: 'Chairman of the Board of Directors, Alibaba Group', when: '≈until 10 Sept 2019', inferred: true },
      { what: 'Ran the business, China Yellow Pages', when: '1996', inferred: false },
      { what: 'Founder, Ant Group', when: '', inferred: false },
      { what: 'Consultant, General Association Of Zhejiang Entrepreneurs', when: '', inferred: false },
      { what: 'Founder, Jack Ma Foundation', when: '', inferred: false },
    ]);
    expect(one('.fl-inferred').getAttribute('title')).toBe('date inferred from context');
    expect(all('.fl-role-current')).toHaveLength(2);
  });

  it('dates every open-ended role "as of" its newest source, marked where that date is inferred, and leaves closed spans alone', () => {
    show({ entities: [record('daniel-zhang')], locale: 'en-US' });
    const rows = all('.fl-role');
    // The card lists roles in timeline order; which role each row is comes from there.
    const roles = rolesNewestFirst(record('daniel-zhang').roles);
    expect(rows).toHaveLength(roles.length);
    for (const [i, row] of rows.entries()) {
      const role = roles[i]!;
      expect(row.querySelector('.fl-role-title')?.textContent).toBe(role.title);
      const asOf = row.querySelector('.fl-as-of');
      if (role.end !== undefined) {
        expect(asOf).toBeNull();
        continue;
      }
      const expected = asOfDate({ evidence: role.evidence, sourceOf: (id) => stored.sources.get(entityKey({ dataset: DATASET, id })) })!;
      const label = `as of ${formatPartialDate({ date: expected.date, locale: 'en-US' })}`;
      expect(asOf?.textContent).toBe(`${role.start === undefined ? '' : '· '}${expected.inferred ? '≈' : ''}${label}`);
      expect(asOf?.querySelector('.fl-inferred') !== null).toBe(expected.inferred);
    }
    expect(all('.fl-as-of').length).toBeGreaterThan(0);
  });

  it('names an organization from the names map, else from the entities shown, else from its id', () => {
    const alibaba = record('alibaba-group');
    show({ entities: [record('daniel-zhang'), alibaba], names: new Map([[entityKey({ dataset: DATASET, id: 'weibo' }), 'Sina Weibo']]) });
    const orgs = texts('.fl-role-org');
    expect(orgs).toContain(', Alibaba Group');
    expect(orgs).toContain(', Sina Weibo');
    expect(orgs).toContain(', Haier Electrical Appliances');
  });

  it('links each quote to the source viewer, naming the publisher', () => {
    const props = show({ entities: [record('daniel-zhang')] });
    const ceo = all('.fl-role').find((row) => row.textContent?.startsWith('Chief Executive Officer'));
    if (!ceo) throw new Error('no CEO role');
    const links = all('a.fl-evidence-link', ceo);
    expect(links.map((a) => a.textContent)).toEqual(['1', '2']);
    expect(links.map((a) => a.getAttribute('aria-label'))).toEqual([
      'source 1: Alibaba to Launch a Team to Promote China’s ‘Common Prosperity’',
      'source 2: South China Morning Post',
    ]);
    expect(links[1]?.getAttribute('title')).toBe('“Daniel Zhang, the company’s chairman and CEO” (South China Morning Post)');
    const link: SourceLink = { dataset: DATASET, source: 'hangzhou-backs-alibaba', start: 3001, end: 3045 };
    expect(links[1]?.getAttribute('href')).toBe(href(link));
    const event = click(links[1]!);
    expect(event.defaultPrevented).toBe(true);
    expect(props.onOpenSource).toHaveBeenCalledExactlyOnceWith(link);
  });

  it('labels a single quote "source"', () => {
    show({ entities: [record('daniel-zhang')] });
    const weibo = all('.fl-role').find((row) => row.textContent?.includes('Weibo'));
    expect(texts('a.fl-evidence-link', weibo)).toEqual(['source']);
  });
});

describe('EntityCard: excerpts', () => {
  it('shows sentences with the name marked, the publisher and the date, each linked', () => {
    const props = show({ entities: [record('daniel-zhang')] });
    const excerpts = all('a.fl-excerpt');
    expect(excerpts).toHaveLength(3);
    const first = excerpts[0]!;
    expect(texts('mark', first)).toEqual(['Daniel Zhang']);
    expect(one('.fl-quote', first).textContent).toMatch(/^Daniel Zhang, the company’s chairman and CEO, said/);
    expect(one('.fl-cite-name', first).textContent).toBe('South China Morning Post');
    expect(one('.fl-cite-date', first).textContent).toBe('≈Jan 2023');
    expect(one('.fl-cite-date [aria-label="date inferred from context"]', first)).toBeTruthy();

    const link: SourceLink = { dataset: DATASET, source: 'hangzhou-backs-alibaba', start: 3001, end: 3013 };
    expect(first.getAttribute('href')).toBe(href(link));
    const event = click(one('mark', first));
    expect(event.defaultPrevented).toBe(true);
    expect(props.onOpenSource).toHaveBeenCalledExactlyOnceWith(link);
  });

  it('cites the headline when there is no publisher, and the id when the source is unknown', () => {
    show({ entities: [record('daniel-zhang')], sources: new Map([...stored.sources].filter(([key]) => !key.endsWith('/hangzhou-backs-alibaba'))) });
    const cites = texts('.fl-cite-name');
    expect(cites[0]).toBe('hangzhou-backs-alibaba');
    expect(cites[1]).toBe('Alibaba to Launch a Team to Promote China’s ‘Common Prosperity’');
    expect(all('.fl-cite-date', all('a.fl-excerpt')[0])).toHaveLength(0);
  });

  it('shows a sentence once, with every mention in it marked', () => {
    show({ entities: [record('alibaba-group')] });
    const items = excerptItems({ mentions: record('alibaba-group').mentions });
    const sentences = items.map((i) => i.mention.sentence);
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(items.length).toBeLessThan(record('alibaba-group').mentions.length);
    const twice = items.find((i) => i.mention.sentence.startsWith('At that time, Jack Ma, chairman'));
    expect(twice?.marks).toEqual([
      [61, 74],
      [209, 222],
    ]);
  });

  it('shows three excerpts until "Show all" is pressed', () => {
    show({ entities: [record('alibaba-group')] });
    const total = excerptItems({ mentions: record('alibaba-group').mentions }).length;
    expect(all('a.fl-excerpt')).toHaveLength(3);
    const more = one('button.fl-more');
    expect(more.textContent).toBe(`Show all ${total} excerpts`);
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(more.getAttribute('aria-controls')).toBe(one('.fl-excerpts').id);
    click(more);
    expect(all('a.fl-excerpt')).toHaveLength(total);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(more.textContent).toBe('Show fewer excerpts');
    // The second excerpt of the same sentence marks both names in it.
    expect(all('a.fl-excerpt').some((a) => all('mark', a).length === 2)).toBe(true);
  });

  it('has no "Show all" button for three excerpts or fewer', () => {
    const zhang = record('daniel-zhang');
    show({ entities: [{ ...zhang, mentions: zhang.mentions.slice(0, 3) }] });
    expect(all('a.fl-excerpt')).toHaveLength(3);
    expect(all('button.fl-more')).toHaveLength(0);
  });

  it('cuts a long sentence to a window around the name', () => {
    const sentence = `${'word '.repeat(100)}Alibaba Group ${'more '.repeat(100)}`.trim();
    const start = sentence.indexOf('Alibaba');
    const segments = excerptSegments({ sentence, marks: [[start, start + 13]], max: 120 });
    const text = segments.map((s) => s.text).join('');
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['Alibaba Group']);
    expect(text.startsWith('…word ')).toBe(true);
    expect(text.endsWith(' more…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(122);
  });

  it('marks nothing when offsets fall outside the sentence', () => {
    const [item] = excerptItems({ mentions: [{ source: 's', sentence: 'Short.', sentenceStart: 100, start: 90, end: 95 }] });
    expect(item?.marks).toEqual([]);
    expect(excerptSegments({ sentence: 'Short.', marks: item?.marks ?? [], max: 220 })).toEqual([{ text: 'Short.', mark: false }]);
  });
});

describe('EntityCard: the card around it', () => {
  it('lists every possible match under a shared header', () => {
    const other: EntityRecord = {
      dataset: 'other-news',
      id: 'jack-ma',
      name: 'Jack Ma',
      type: 'person',
      description: 'A different Jack Ma, a footballer.',
      aliases: [{ text: 'Jack Ma' }],
      roles: [],
      mentions: [],
    };
    show({ entities: [record('jack-ma'), other], headingId: 'h' });
    const header = one('h2.fl-matches');
    expect(header.textContent).toBe('2 possible matches');
    expect(header.id).toBe('h');
    expect(all('article.fl-entity')).toHaveLength(2);
    expect(texts('h3.fl-name')).toEqual(['Jack Ma', 'Jack Ma']);
    expect(texts('.fl-desc')).toEqual([record('jack-ma').description, 'A different Jack Ma, a footballer.']);
    expect(all('[id="h"]')).toHaveLength(1);
  });

  it('steps through the mentions on the page', () => {
    const onPrevious = vi.fn();
    const onNext = vi.fn();
    show({ entities: [record('jack-ma')], onPage: { index: 1, total: 5, onPrevious, onNext } });
    expect(one('.fl-count').textContent).toBe('5 mentions on this page');
    expect(one('.fl-position').textContent).toBe('2 of 5');
    click(one('button[aria-label="Previous mention on this page"]'));
    expect(onPrevious).toHaveBeenCalledOnce();
    expect(onNext).not.toHaveBeenCalled();
    click(one('button[aria-label="Next mention on this page"]'));
    expect(onNext).toHaveBeenCalledOnce();
  });

  it('has no page footer without onPage, and disabled steps for a single mention', () => {
    show({ entities: [record('jack-ma')] });
    expect(all('.fl-footer')).toHaveLength(0);
    show({ entities: [record('jack-ma')], onPage: { index: 0, total: 1, onPrevious: vi.fn(), onNext: vi.fn() } });
    expect(one('.fl-count').textContent).toBe('1 mention on this page');
    expect(all('.fl-nav-button').every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
  });

  it('closes on Esc and on the close button', () => {
    const onClose = vi.fn();
    show({ entities: [record('jack-ma')], onClose });
    // A page script's Escape and click do nothing.
    act(() => {
      one('a.fl-excerpt').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    click(one('button.fl-close'), { trusted: false });
    expect(onClose).not.toHaveBeenCalled();
    press('Escape', one('a.fl-excerpt'));
    expect(onClose).toHaveBeenCalledOnce();
    press('Enter', one('a.fl-excerpt'));
    expect(onClose).toHaveBeenCalledOnce();
    click(one('button.fl-close'));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('has no close button without onClose', () => {
    show({ entities: [record('jack-ma')] });
    expect(all('.fl-close')).toHaveLength(0);
  });

  it('forces a theme only when asked', () => {
    show({ entities: [record('jack-ma')] });
    expect(one('.fl-card').hasAttribute('data-theme')).toBe(false);
    show({ entities: [record('jack-ma')], theme: 'dark' });
    expect(one('.fl-card').getAttribute('data-theme')).toBe('dark');
  });
});

describe('EntityCard: hostile data', () => {
  const IMG = '<img src=x onerror=alert(1)>';
  const SCRIPT = '<script>alert(1)</script>';
  const sentence = `Before ${IMG} named here ${SCRIPT}.`;
  const entity: EntityRecord = {
    dataset: 'evil',
    id: 'evil',
    name: IMG,
    type: 'person',
    description: SCRIPT,
    aliases: [{ text: IMG }, { text: '<b>bold</b>', lang: 'en' }],
    roles: [{ title: IMG, organization: 'org', start: '2020', evidence: [{ source: 'src', quote: SCRIPT, start: 0, end: 5 }] }],
    mentions: [{ source: 'src', sentence, sentenceStart: 10, start: 17, end: 17 + IMG.length }],
  };
  const sources = new Map<string, SourceInfo>([
    [entityKey({ dataset: 'evil', id: 'src' }), { dataset: 'evil', id: 'src', title: SCRIPT, publisher: IMG, published: '2020' }],
  ]);

  it('renders markup as literal text and creates no elements from it', () => {
    show({ entities: [entity], sources, names: new Map([[entityKey({ dataset: 'evil', id: 'org' }), SCRIPT]]) });
    expect(all('img, script, b')).toHaveLength(0);
    expect(one('h2').textContent).toBe(IMG);
    expect(one('.fl-desc').textContent).toBe(SCRIPT);
    expect(texts('.fl-alias')).toEqual(['<b>bold</b>']);
    expect(one('.fl-role-title').textContent).toBe(IMG);
    expect(one('.fl-role-org').textContent).toBe(`, ${SCRIPT}`);
    expect(one('mark').textContent).toBe(IMG);
    expect(one('.fl-quote').textContent).toBe(sentence);
    expect(one('.fl-cite-name').textContent).toBe(IMG);
    expect(one('a.fl-evidence-link').getAttribute('title')).toBe(`“${SCRIPT}” (${IMG})`);
  });

  it('in a web page (no sourceHref) carries no URL: links are role="link", opened by the reader\'s click, Enter or Space only', () => {
    const props = show({ entities: [record('daniel-zhang')], sourceHref: undefined });
    const links = all('.fl-excerpt, .fl-evidence-link');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.getAttribute('role')).toBe('link');
      expect(link.tabIndex).toBe(0);
      expect(link.hasAttribute('href')).toBe(false);
    }
    const [first, second] = links as [HTMLElement, HTMLElement];
    expect(second.getAttribute('aria-label') ?? second.textContent).toBeTruthy();
    // A page script's click() does nothing.
    click(first, { trusted: false });
    expect(props.onOpenSource).not.toHaveBeenCalled();
    click(first);
    press('Enter', second);
    press(' ', second);
    press('a', second);
    expect(props.onOpenSource).toHaveBeenCalledTimes(3);
    // No attribute anywhere in the card holds a URL or an id of the data.
    const attributes = all('*').flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`));
    expect(attributes.filter((a) => /extension:|data-entity|daniel-zhang|hangzhou/.test(a))).toEqual([]);
  });

  it('only ever links to sourceHref', () => {
    show({ entities: [entity], sources });
    const hrefs = all('a').map((a) => a.getAttribute('href'));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h?.startsWith('chrome-extension://factlens/viewer.html#evil/src/'))).toBe(true);
  });
});

describe('EntityCard: names that need context', () => {
  it('says under each entity why the page supports it, and nothing under one without a reason', () => {
    const reasons = new Map([[entityKey(record('daniel-zhang')), 'Alibaba Group is on this page']]);
    show({ entities: [record('daniel-zhang'), record('jack-ma')], reasons });
    const sections = all('.fl-entity');
    expect(sections.map((s) => s.querySelector('.fl-reason')?.textContent ?? null)).toEqual(['Alibaba Group is on this page', null]);
  });
});

describe('EntityCard: people', () => {
  const alibaba = () => entityKey({ dataset: DATASET, id: 'alibaba-group' });

  it('lists the people whose roles name an organization, current roles first, with titles and dates', () => {
    show({ entities: [record('alibaba-group')], people: stored.people, locale: 'en-US' });
    const list = stored.people.get(alibaba())!;
    const rows = all('.fl-person');
    expect(rows.map((r) => one('.fl-person-name', r).textContent)).toEqual(list.people.slice(0, rows.length).map((p) => p.name));
    expect(rows.length).toBe(Math.min(5, list.people.length));
    const names = list.people.map((p) => p.name);
    expect(names.indexOf('Daniel Zhang')).toBeLessThan(names.indexOf('Viya'));
    const zhang = rows.find((r) => one('.fl-person-name', r).textContent === 'Daniel Zhang')!;
    const ceo = all('.fl-person-role', zhang).find((r) => one('.fl-role-title', r).textContent === 'Chief Executive Officer')!;
    const role = record('daniel-zhang').roles.find((r) => r.title === 'Chief Executive Officer')!;
    expect(ceo.querySelector('.fl-role-when')?.textContent).toBe(`since ${formatPartialDate({ date: parsePartialDate(role.start!)!, locale: 'en-US' })}`);
    expect(ceo.querySelector('.fl-as-of')?.textContent).toMatch(/^· ≈?as of /);
    // Several roles there show under one name.
    expect(all('.fl-person-role', zhang).length).toBe(record('daniel-zhang').roles.filter((r) => r.organization === 'alibaba-group').length);
  });

  it('says nothing of people on a person’s card or an organization without any', () => {
    show({ entities: [record('jack-ma')], people: stored.people });
    expect(document.querySelector('.fl-people')).toBeNull();
  });

  it('opens a person on the reader’s click only; without a handler the names are plain text', () => {
    const onOpenEntity = vi.fn();
    show({ entities: [record('alibaba-group')], people: stored.people, onOpenEntity });
    const button = all('button.fl-person-name').find((b) => b.textContent === 'Jack Ma')!;
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onOpenEntity).not.toHaveBeenCalled();
    click(button);
    expect(onOpenEntity).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ dataset: DATASET, id: 'jack-ma', name: 'Jack Ma' }));
    kit.screen.show(<></>);
    show({ entities: [record('alibaba-group')], people: stored.people });
    expect(document.querySelector('button.fl-person-name')).toBeNull();
    expect(all('.fl-person-name').length).toBeGreaterThan(0);
  });

  it('cuts a long list, with "Show all N"; a list the background cut says how many it left out', () => {
    const base = stored.people.get(alibaba())!.people[0]!;
    const many = (carried: number, total: number) =>
      new Map([[alibaba(), { total, people: Array.from({ length: carried }, (_, i) => ({ ...base, id: `p${i}`, name: `Person ${i}` })) }]]);
    show({ entities: [record('alibaba-group')], people: many(12, 12) });
    expect(all('.fl-person')).toHaveLength(5);
    const more = one('.fl-people-section .fl-more');
    expect(more.textContent).toBe('Show all 12');
    click(more);
    expect(all('.fl-person')).toHaveLength(12);
    expect(document.querySelector('.fl-people-more')).toBeNull();
    kit.screen.show(<></>);
    show({ entities: [record('alibaba-group')], people: many(50, 80) });
    click(one('.fl-people-section .fl-more'));
    expect(all('.fl-person')).toHaveLength(50);
    expect(one('.fl-people-more').textContent).toBe('30 more not shown');
  });

  it('shows a Back control when opened from another card', () => {
    const onBack = vi.fn();
    show({ entities: [record('jack-ma')], onBack });
    click(one('button.fl-back'));
    expect(onBack).toHaveBeenCalledOnce();
  });
});
