import { describe, expect, it } from 'vitest';
import { formatProblems } from '../../src/dataset/problem-english';
import { DATASET_FORMAT, type Dataset } from '../../src/dataset/schema';
import { upgradeDataset } from '../../src/dataset/upgrade';
import { validateDataset } from '../../src/dataset/validate';

const TEXT = 'Quentin Vale joined Zorblax Industries in 2024.';
const QUOTE = 'Quentin Vale joined Zorblax Industries';

/** A person with one role whose evidence, and whose cited source, each test varies. */
function dataset({ source = {}, evidence = {}, entity = {} }: { source?: object; evidence?: object; entity?: object } = {}): Record<string, unknown> {
  return {
    format: DATASET_FORMAT,
    id: 'v2',
    name: 'Version 2',
    version: '1',
    sources: [{ id: 'memo', title: 'A memo', ...source }],
    entities: [
      { id: 'zorblax', name: 'Zorblax Industries', type: 'organization', aliases: [{ text: 'Zorblax Industries' }] },
      {
        id: 'quentin-vale',
        name: 'Quentin Vale',
        type: 'person',
        aliases: [{ text: 'Quentin Vale' }],
        roles: [{ title: 'Engineer', organization: 'zorblax', start: '2024', evidence: [{ source: 'memo', ...evidence }] }],
        ...entity,
      },
    ],
  };
}

function problemsOf(input: unknown): string {
  const result = validateDataset(input);
  return result.ok ? '' : formatProblems(result.problems, 50);
}

describe('format version 2', () => {
  it('accepts a reference with a url and no text, cited with no quote or with a quote without offsets', () => {
    const url = 'https://zorblax.example/people';
    expect(problemsOf(dataset({ source: { url } }))).toBe('');
    expect(problemsOf(dataset({ source: { url }, evidence: { quote: 'Quentin Vale, engineer' } }))).toBe('');
    const result = validateDataset(dataset({ source: { url, publisher: 'Zorblax', published: '2024-05' } }));
    expect(result.ok && result.dataset.sources[0]).toEqual({ id: 'memo', title: 'A memo', url, publisher: 'Zorblax', published: '2024-05' });
  });

  it('refuses offsets into a reference without text', () => {
    expect(problemsOf(dataset({ source: { url: 'https://a.example/' }, evidence: { quote: 'x', start: 0, end: 1 } }))).toContain(
      'has no text for offsets to point into',
    );
  });

  it('still checks quotes verbatim at their offsets when the source has text, with or without a url', () => {
    const quoted = { quote: QUOTE, start: 0, end: QUOTE.length };
    expect(problemsOf(dataset({ source: { text: TEXT }, evidence: quoted }))).toBe('');
    expect(problemsOf(dataset({ source: { text: TEXT, url: 'http://a.example/memo' }, evidence: quoted }))).toBe('');
    expect(problemsOf(dataset({ source: { text: TEXT }, evidence: { ...quoted, start: 1, end: QUOTE.length + 1 } }))).toContain('not found at 1–');
    expect(problemsOf(dataset({ source: { text: TEXT }, evidence: {} }))).toContain('needs a quote with start and end');
    expect(problemsOf(dataset({ source: { text: TEXT }, evidence: { quote: QUOTE } }))).toContain('needs a quote with start and end');
  });

  it('refuses a source with neither text nor url', () => {
    expect(problemsOf(dataset())).toContain('$.sources[0]: needs its text, a url, or both');
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'ftp://a.example/', '/relative/path', 'https://'])(
    'refuses the source url %s',
    (url) => {
      expect(problemsOf(dataset({ source: { url } }))).toContain('$.sources[0].url: must be an http: or https: address');
    },
  );

  it('still needs at least one piece of evidence on a role', () => {
    const input = dataset({ source: { url: 'https://a.example/' } });
    const person = (input.entities as { roles: { evidence: unknown[] }[] }[])[1]!;
    person.roles[0]!.evidence = [];
    expect(problemsOf(input)).toContain('needs at least one piece of evidence');
  });

  it('refuses a mention that points into a reference', () => {
    const mention = { source: 'memo', start: 0, end: 12, sentence: 'Quentin Vale', sentenceStart: 0 };
    expect(problemsOf(dataset({ source: { url: 'https://a.example/' }, entity: { mentions: [mention] } }))).toContain('has no text to be mentioned in');
  });

  it('takes external ids in sameAs and refuses ones without a prefix', () => {
    expect(problemsOf(dataset({ source: { url: 'https://a.example/' }, entity: { sameAs: ['wikidata:Q42', 'opensanctions:NK-abc'] } }))).toBe('');
    expect(problemsOf(dataset({ source: { url: 'https://a.example/' }, entity: { sameAs: ['Q42'] } }))).toContain('sameAs[0]');
  });
});

describe('upgrading version 1', () => {
  const v1 = {
    format: 'factlens-dataset/1',
    id: 'old',
    name: 'Old',
    version: '1',
    sources: [{ id: 'memo', title: 'A memo', text: TEXT }],
    entities: [
      { id: 'zorblax', name: 'Zorblax Industries', type: 'organization', aliases: [{ text: 'Zorblax Industries' }] },
      {
        id: 'quentin-vale',
        name: 'Quentin Vale',
        type: 'person',
        aliases: [{ text: 'Quentin Vale' }, { text: 'Vale', contextual: true }],
        roles: [{ title: 'Engineer', organization: 'zorblax', evidence: [{ source: 'memo', quote: QUOTE, start: 0, end: QUOTE.length }] }],
      },
    ],
  };

  it('reads a version 1 file as version 2 with the same content', () => {
    const result = validateDataset(v1);
    expect(result.ok).toBe(true);
    const upgraded = (result as { dataset: Dataset }).dataset;
    expect(upgraded.format).toBe('factlens-dataset/2');
    expect(upgraded.sources).toEqual(v1.sources);
    expect(upgraded.entities[1]).toMatchObject(v1.entities[1]!);
  });

  it('does not change the input, and leaves other formats for validation to judge', () => {
    const copy = structuredClone(v1);
    upgradeDataset(copy);
    expect(copy).toEqual(v1);
    expect(upgradeDataset({ format: 'factlens-dataset/9' })).toEqual({ format: 'factlens-dataset/9' });
    expect(problemsOf({ ...v1, format: 'factlens-dataset/9' })).toContain('$.format');
  });

  it('still holds a version 1 file to version 1 rules for sources with text', () => {
    const bad = structuredClone(v1);
    bad.entities[1]!.roles![0]!.evidence[0]!.start = 1;
    expect(problemsOf(bad)).toContain('not found at 1–');
  });
});
