// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { EntityCard, type EntityCardProps } from '../../components/card/EntityCard';
import { ReferenceDetails, SourceHeader } from '../../entrypoints/viewer/SourceHeader';
import { entityKey, type EntityRecord, type SourceInfo } from '../../src/messages/protocol';
import { all, click, one, useKit } from './kit';

vi.mock('wxt/browser', () => import('./kit/browser'));

const kit = useKit();

/** A role cited twice: by a reference with an address and no quote, and by a quote in a source that also has one. */
const entity: EntityRecord = {
  dataset: 'refs',
  id: 'ana',
  name: 'Ana Example',
  type: 'person',
  aliases: [{ text: 'Ana Example' }],
  roles: [
    { title: 'Minister', start: '2019-05', evidence: [{ source: 'register' }] },
    { title: 'Mayor', start: '2012', end: '2016', evidence: [{ source: 'article', quote: 'Ana Example, the mayor', start: 0, end: 22 }] },
  ],
  mentions: [],
};
const info = (source: Omit<SourceInfo, 'dataset'>): [string, SourceInfo] => [entityKey({ dataset: 'refs', id: source.id }), { dataset: 'refs', ...source }];

function show(sources: [string, SourceInfo][], overrides: Partial<EntityCardProps> = {}) {
  const props: EntityCardProps = {
    entities: [entity],
    sources: new Map(sources),
    sourceHref: undefined,
    onOpenSource: vi.fn(),
    locale: 'en-GB',
    ...overrides,
  };
  kit.screen.show(<EntityCard {...props} />);
  return props;
}

const SOURCES = [
  info({ id: 'register', title: 'Official register of ministers', publisher: 'Gov', url: 'https://gov.example/ministers' }),
  info({ id: 'article', title: 'The mayor speaks', publisher: 'Daily', url: 'http://daily.example/mayor?x=1' }),
];
const role = (title: string) => all('.fl-role').find((li) => li.querySelector('.fl-role-title')?.textContent === title)!;

describe('source links on the card', () => {
  it('cites evidence without a quote by its source title, which opens the viewer at the reference', () => {
    const props = show(SOURCES);
    const cite = one('.fl-evidence-link', role('Minister'));
    expect(cite.textContent).toBe('Official register of ministers');
    click(cite);
    expect(props.onOpenSource).toHaveBeenCalledWith({ dataset: 'refs', source: 'register', start: undefined, end: undefined });
    // Quoted evidence keeps its footnote and its quote.
    expect(one('.fl-evidence-link', role('Mayor')).textContent).toBe('source');
    expect(one('.fl-evidence-link', role('Mayor')).getAttribute('title')).toBe('“Ana Example, the mayor” (Daily)');
  });

  it('shows "Open original" for a source with an address as an ordinary link, opened with noopener noreferrer', () => {
    show(SOURCES);
    const links = all('[data-testid=open-original]');
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')])).toEqual([
      ['Open original', 'https://gov.example/ministers', '_blank', 'noopener noreferrer'],
      ['Open original', 'http://daily.example/mayor?x=1', '_blank', 'noopener noreferrer'],
    ]);
    expect(links[0]!.getAttribute('aria-label')).toBe('Open original: Official register of ministers');
  });

  it('follows "Open original" only on the reader\'s own click', () => {
    show(SOURCES);
    const link = one('[data-testid=open-original]');
    expect(click(link, { trusted: false }).defaultPrevented).toBe(true);
    expect(click(link).defaultPrevented).toBe(false);
  });

  it('shows no link for an address that is not http(s), nor for a source without one', () => {
    show([info({ id: 'register', title: 'Register', url: 'javascript:alert(1)' }), info({ id: 'article', title: 'Article', url: 'data:text/html,x' })]);
    expect(all('[data-testid=open-original]')).toEqual([]);
    show([info({ id: 'register', title: 'Register' }), info({ id: 'article', title: 'Article' })]);
    expect(all('[data-testid=open-original]')).toEqual([]);
    expect(one('.fl-evidence-link', role('Minister')).textContent).toBe('Register');
  });

  it('in a web page carries no extension URL: the only addresses are the sources\' own', () => {
    show(SOURCES);
    const hrefs = all('[href]').map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://gov.example/ministers', 'http://daily.example/mayor?x=1']);
  });
});

describe('source links in the viewer', () => {
  const reference = { dataset: 'refs', id: 'register', title: 'Official register', publisher: 'Gov', published: '2024-03', url: 'https://gov.example/r' };

  it('shows a reference\'s details, then "Open original"', () => {
    kit.screen.show(<ReferenceDetails source={reference} />);
    const details = one('[data-testid=viewer-reference]');
    expect(all('dt', details).map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`)).toEqual([
      'Title: Official register',
      'Publisher: Gov',
      'Published: Mar 2024',
      'Address: https://gov.example/r',
    ]);
    const link = one<HTMLAnchorElement>('[data-testid=open-original]', details);
    expect([link.getAttribute('href'), link.getAttribute('rel')]).toEqual(['https://gov.example/r', 'noopener noreferrer']);
    // The link comes after the details.
    expect(one('dl', details).compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows "Open original" under the headline of a source with text and an address, and none without an address', () => {
    kit.screen.show(<SourceHeader source={{ ...reference, text: 'The register lists Ana Example.' }} />);
    expect(one('[data-testid=open-original]').getAttribute('href')).toBe('https://gov.example/r');
    kit.screen.show(<SourceHeader source={{ ...reference, url: undefined, text: 'The register.' }} />);
    expect(all('[data-testid=open-original]')).toEqual([]);
  });
});
