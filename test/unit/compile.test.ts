import { describe, expect, it } from 'vitest';
import { compileDataset, formatCompileError, type CompileInput } from '../../scripts/lib/compile';

const TEXT = 'Jack Ma founded Alibaba in 1999. Alibaba listed in 2014. In 2019 Ma stepped down as chairman of Alibaba.';

/** A small valid data/ tree, rebuilt for each test so tests can break it freely. */
function validInput(): CompileInput {
  return {
    meta: { file: 'data/dataset.yaml', content: { id: 'test', name: 'Test', version: 1 } },
    sources: { file: 'data/sources.yaml', content: [{ id: 'art', title: 'An article', published: '2020' }] },
    texts: new Map([['art', TEXT]]),
    entities: [
      {
        file: 'data/entities/people.yaml',
        content: [
          {
            id: 'jack-ma',
            name: 'Jack Ma',
            type: 'person',
            description: 'Founder of Alibaba.',
            aliases: ['Jack Ma', { text: 'Ma', contextual: true }],
            roles: [
              {
                title: 'Chairman',
                organization: 'alibaba',
                start: '1999',
                end: '2019',
                evidence: [{ source: 'art', quote: 'In 2019 Ma stepped down as chairman of Alibaba.' }],
              },
            ],
          },
        ],
      },
      {
        file: 'data/entities/organizations.yaml',
        content: [{ id: 'alibaba', name: 'Alibaba', type: 'organization', description: 'A company.', aliases: ['Alibaba'] }],
      },
    ],
  };
}

// The tests edit curated YAML as parsed, at any depth, to make each failure.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
function person(input: CompileInput): Json {
  return (input.entities[0]!.content as Json[])[0]!;
}

function errorsOf(input: CompileInput): string[] {
  const result = compileDataset(input);
  if (result.ok) throw new Error('expected the compile to fail');
  return result.errors.map(formatCompileError);
}

describe('compileDataset', () => {
  it('compiles valid data, computing quote offsets and mentions', () => {
    const result = compileDataset(validInput());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ma = result.dataset.entities.find((e) => e.id === 'jack-ma')!;
    const ev = ma.roles[0]!.evidence[0]!;
    expect(TEXT.slice(ev.start, ev.end)).toBe(ev.quote);
    expect(ma.mentions.map((m) => TEXT.slice(m.start, m.end))).toEqual(['Jack Ma', 'Ma']);
    expect(ma.mentions[1]!.sentence).toBe('In 2019 Ma stepped down as chairman of Alibaba.');
    expect(result.dataset.version).toMatch(/^1\+[0-9a-f]{10}$/);
  });

  it('puts the stated `updated` date into the version, the same on every build, and refuses a date that is not one', () => {
    const input = validInput();
    input.meta.content = { ...(input.meta.content as object), updated: '2026-03-04' };
    const first = compileDataset(input);
    const second = compileDataset(input);
    expect(first.ok && first.dataset.version).toMatch(/^1\+2026-03-04\.[0-9a-f]{10}$/);
    expect(second.ok && second.dataset.version).toBe(first.ok && first.dataset.version);
    input.meta.content = { ...(input.meta.content as object), updated: 'last Tuesday' };
    const bad = compileDataset(input);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.map((e) => e.field)).toContain('updated');
  });

  it('compiles data with warnings, locating each in its file', () => {
    const input = validInput();
    person(input).aliases.push('People');
    const result = compileDataset(input);
    if (!result.ok) throw new Error(result.errors.map(formatCompileError).join('\n'));
    expect(result.warnings.map(formatCompileError)).toEqual([
      'data/entities/people.yaml › "jack-ma" › aliases[2].text: alias "People" is one of the most common English words and will be marked on most pages; mark it contextual or remove it',
    ]);
    expect(compileDataset(validInput())).toMatchObject({ ok: true, warnings: [] });
  });

  it('fails on a bidi control in a name, located in its file', () => {
    const input = validInput();
    person(input).name = 'Jack\u202eMa';
    expect(errorsOf(input)).toEqual([
      'data/entities/people.yaml › "jack-ma" › name: contains the bidi control U+202E at index 4; remove it (Factlens refuses such text rather than change it)',
    ]);
  });

  it('fails on a quote not found verbatim in its source', () => {
    const input = validInput();
    person(input).roles[0].evidence[0].quote = 'In 2019 Ma stepped down as Chairman of Alibaba.';
    expect(errorsOf(input)).toEqual([
      'data/entities/people.yaml › "jack-ma" › roles[0].evidence[0].quote: not found verbatim in source "art": "In 2019 Ma stepped down as Chairman of Alibaba."',
    ]);
  });

  it('fails on an unknown source reference', () => {
    const input = validInput();
    person(input).roles[0].evidence[0].source = 'nope';
    expect(errorsOf(input)).toEqual(['data/entities/people.yaml › "jack-ma" › roles[0].evidence[0].source: unknown source "nope"']);
  });

  it('fails on an unknown entity reference', () => {
    const input = validInput();
    person(input).roles[0].organization = 'alibaba-group';
    expect(errorsOf(input)).toEqual(['data/entities/people.yaml › "jack-ma" › roles[0].organization: unknown entity "alibaba-group"']);
  });

  it('fails on an entity that could never be highlighted, naming it', () => {
    const input = validInput();
    person(input).aliases = [{ text: 'Ma', contextual: true }];
    expect(errorsOf(input)).toEqual([
      'data/entities/people.yaml › "jack-ma" › aliases: "jack-ma" can never be highlighted: every alias needs context; add an alias that needs none (a full name)',
    ]);
  });

  it('relates a name that needs context to the names of its sentences, so it counts there', () => {
    const input = validInput();
    person(input).aliases = [{ text: 'Jack Ma', needsContext: true }];
    person(input).roles = [];
    const result = compileDataset(input);
    if (!result.ok) throw new Error(result.errors.map(formatCompileError).join('\n'));
    const ma = result.dataset.entities.find((e) => e.id === 'jack-ma')!;
    expect(ma.related).toEqual(['alibaba']);
    expect(ma.mentions.map((m) => TEXT.slice(m.start, m.end))).toEqual(['Jack Ma']);
  });

  it('fails on a duplicate id across files', () => {
    const input = validInput();
    (input.entities[1]!.content as Json[])[0]!.id = 'jack-ma';
    (input.entities[1]!.content as Json[])[0]!.aliases = ['Alibaba Group'];
    person(input).roles[0].organization = undefined;
    expect(errorsOf(input)).toEqual(['data/entities/organizations.yaml › "jack-ma" › id: duplicate entity id "jack-ma"']);
  });

  it('fails on a non-contextual alias claimed by two entities', () => {
    const input = validInput();
    person(input).aliases.push('ALIBABA');
    expect(errorsOf(input)).toEqual([
      'data/entities/organizations.yaml › "alibaba" › aliases[0].text: alias "Alibaba" is also claimed by "jack-ma"; mark it contextual, mark it needsContext, or remove one',
    ]);
  });

  it('allows a contextual alias shared by two entities', () => {
    const input = validInput();
    (input.entities[1]!.content as Json[])[0]!.aliases.push({ text: 'Ma', contextual: true });
    expect(compileDataset(input).ok).toBe(true);
  });

  it('fails on a malformed date', () => {
    const input = validInput();
    person(input).roles[0].start = '1999-13';
    expect(errorsOf(input)).toEqual([
      'data/entities/people.yaml › "jack-ma" › roles[0].start: must be a date as YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
  });

  it('fails on an impossible day', () => {
    const input = validInput();
    person(input).roles[0].end = '2019-02-30';
    expect(errorsOf(input)).toEqual([
      'data/entities/people.yaml › "jack-ma" › roles[0].end: must be a date as YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
  });

  it('fails on an end before its start', () => {
    const input = validInput();
    person(input).roles[0].end = '1998-12';
    expect(errorsOf(input)).toEqual(['data/entities/people.yaml › "jack-ma" › roles[0].end: ends (1998-12) before it starts (1999)']);
  });

  it('fails on a missing required field', () => {
    const input = validInput();
    delete person(input).description;
    expect(errorsOf(input)).toEqual(['data/entities/people.yaml › "jack-ma" › description: Invalid input: expected string, received undefined']);
  });

  it('fails on a source without its text file', () => {
    const input = validInput();
    input.texts = new Map();
    expect(errorsOf(input)[0]).toBe('data/sources.yaml › "art" › id: no text file data/sources/art.txt and no url');
  });

  it('reports every bad entity, not only the first', () => {
    const input = validInput();
    delete person(input).name;
    delete (input.entities[1]!.content as Json[])[0]!.type;
    expect(errorsOf(input)).toHaveLength(2);
  });
});

describe('compileDataset, references by kind', () => {
  it('fails on an organization that is not an organization', () => {
    const input = validInput();
    person(input).roles[0].organization = 'jack-ma';
    expect(errorsOf(input)).toEqual(['data/entities/people.yaml › "jack-ma" › roles[0].organization: "jack-ma" has type "person", not "organization"']);
  });

  it('fails on an alias that could never match', () => {
    const input = validInput();
    person(input).aliases.push('(RED)', '   ');
    expect(errorsOf(input)).toEqual([
      'data/entities/people.yaml › "jack-ma" › aliases[2]: must start with a letter, digit or CJK character',
      'data/entities/people.yaml › "jack-ma" › aliases[3]: must start with a letter, digit or CJK character',
    ]);
  });
});
