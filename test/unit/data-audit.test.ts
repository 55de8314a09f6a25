import { describe, expect, it } from 'vitest';
import { compileDataset, formatCompileError, type CompileInput } from '../../scripts/lib/compile';

const TEXT =
  'Li Wen founded Acme in 2001. Acme opened Riverside Park in 2005. ' +
  'He stepped down as chairman of Acme. Zhao Min became chairman of Acme in 2010.';

// The tests edit curated YAML as parsed, at any depth, to make each failure.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** A small data/ tree that passes the audit, rebuilt for each test so tests can break it freely. */
function validInput(): CompileInput {
  return {
    meta: { file: 'data/dataset.yaml', content: { id: 'test', name: 'Test', version: 1 } },
    sources: { file: 'data/sources.yaml', content: [{ id: 'art', title: 'An article' }] },
    texts: new Map([['art', TEXT]]),
    entities: [
      {
        file: 'data/entities/people.yaml',
        content: [
          {
            id: 'li-wen',
            name: 'Li Wen',
            type: 'person',
            description: 'Founder of Acme in 2001.',
            aliases: ['Li Wen'],
            roles: [
              { title: 'Founder', organization: 'acme', start: '2001', evidence: [{ source: 'art', quote: 'Li Wen founded Acme in 2001.' }] },
            ],
          },
          { id: 'zhao-min', name: 'Zhao Min', type: 'person', description: 'Chairman of Acme.', aliases: ['Zhao Min'] },
        ],
      },
      {
        file: 'data/entities/organizations.yaml',
        content: [{ id: 'acme', name: 'Acme', type: 'organization', description: 'A company.', aliases: ['Acme'] }],
      },
      {
        file: 'data/entities/places.yaml',
        content: [{ id: 'riverside-park', name: 'Riverside Park', type: 'place', description: 'A park Acme opened.', aliases: ['Riverside Park'] }],
      },
    ],
  };
}

const liWen = (input: CompileInput): Json => (input.entities[0]!.content as Json[])[0]!;
const park = (input: CompileInput): Json => (input.entities[2]!.content as Json[])[0]!;

/** Li Wen's chairmanship, ended by his successor's start, cited by `quotes`. */
function chairmanship(input: CompileInput, quotes: Json[]): void {
  liWen(input).roles.push({ title: 'Chairman', organization: 'acme', end: '2010', inferred: true, evidence: quotes });
}

function errorsOf(input: CompileInput): string[] {
  const result = compileDataset(input);
  if (result.ok) throw new Error('expected the compile to fail');
  return result.errors.map(formatCompileError);
}

function compiles(input: CompileInput) {
  const result = compileDataset(input);
  if (!result.ok) throw new Error(result.errors.map(formatCompileError).join('\n'));
  return result.dataset;
}

describe('the data audit: every quote names the role’s holder, or says whom it names', () => {
  it('fails on a quote about someone else, such as the successor whose start dates the end', () => {
    const input = validInput();
    chairmanship(input, [{ source: 'art', quote: 'Zhao Min became chairman of Acme in 2010.' }]);
    expect(errorsOf(input)).toEqual([
      'data/entities/people.yaml › "li-wen" › roles[1].evidence[0].quote: does not name "li-wen" by any of its aliases; quote the text that does, or say with "about" which entity the quote names instead',
    ]);
  });

  it('fails on a quote that names the holder only by a pronoun', () => {
    const input = validInput();
    chairmanship(input, [{ source: 'art', quote: 'He stepped down as chairman of Acme.' }]);
    expect(errorsOf(input)).toHaveLength(1);
  });

  it('accepts a quote marked as about the entity it names, and compiles the mark away', () => {
    const input = validInput();
    chairmanship(input, [{ source: 'art', about: 'zhao-min', quote: 'Zhao Min became chairman of Acme in 2010.' }]);
    const role = compiles(input).entities[0]!.roles[1]!;
    expect(role.evidence).toHaveLength(1);
    expect(Object.keys(role.evidence[0]!).sort()).toEqual(['end', 'quote', 'source', 'start']);
  });

  it('fails on an "about" whose entity the quote does not name either', () => {
    const input = validInput();
    chairmanship(input, [{ source: 'art', about: 'zhao-min', quote: 'He stepped down as chairman of Acme.' }]);
    expect(errorsOf(input)).toEqual(['data/entities/people.yaml › "li-wen" › roles[1].evidence[0].quote: does not name "zhao-min" by any of its aliases']);
  });

  it('fails on an "about" naming no entity', () => {
    const input = validInput();
    chairmanship(input, [{ source: 'art', about: 'nobody', quote: 'Zhao Min became chairman of Acme in 2010.' }]);
    expect(errorsOf(input)).toEqual(['data/entities/people.yaml › "li-wen" › roles[1].evidence[0].about: unknown entity "nobody"']);
  });
});

describe('the data audit: a role names its organization, or says why it cannot', () => {
  it('fails on a role with no organization', () => {
    const input = validInput();
    delete liWen(input).roles[0].organization;
    expect(errorsOf(input)).toEqual([
      'data/entities/people.yaml › "li-wen" › roles[0].organization: names no organization; name the body the text gives, or say why there is none with "noOrganization"',
    ]);
  });

  it('accepts one that says why, and compiles the reason away', () => {
    const input = validInput();
    delete liWen(input).roles[0].organization;
    liWen(input).roles[0].noOrganization = 'The text names no body.';
    const role = compiles(input).entities[0]!.roles[0]!;
    expect(role.organization).toBeUndefined();
    expect(role).not.toHaveProperty('noOrganization');
  });

  it('fails on a reason beside an organization', () => {
    const input = validInput();
    liWen(input).roles[0].noOrganization = 'The text names no body.';
    expect(errorsOf(input)).toEqual(['data/entities/people.yaml › "li-wen" › roles[0].noOrganization: the role names an organization']);
  });
});

describe('the data audit: a description states only years its articles state', () => {
  it('fails on a year that no article citing or naming the entity states', () => {
    const input = validInput();
    liWen(input).description = 'Founder of Acme in 2001, who stepped down in 2009.';
    expect(errorsOf(input)).toEqual([
      'data/entities/people.yaml › "li-wen" › description: says 2009, which no article citing or naming "li-wen" states; say what the text says',
    ]);
  });

  it('fails on a year of an article that does not name the entity', () => {
    const input = validInput();
    input.sources.content = [...(input.sources.content as Json[]), { id: 'other', title: 'Another article' }];
    (input.texts as Map<string, string>).set('other', 'Acme was listed in 2009.');
    liWen(input).description = 'Founder of Acme, listed in 2009.';
    expect(errorsOf(input)).toHaveLength(1);
  });
});

describe('the data audit: a name that says what kind of thing it is agrees with the type', () => {
  it.each([
    ['Riverside Park', 'organization', 'names a place, not an organization'],
    ['Science and Technology City', 'organization', 'names a place, not an organization'],
    ['Internet Summit', 'organization', 'names an event, not an organization'],
    ['Riverside Park', 'event', 'names a place, not an event'],
  ])('fails on "%s" typed %s', (name, type, says) => {
    const input = validInput();
    Object.assign(park(input), { name, type });
    expect(errorsOf(input)).toEqual([`data/entities/places.yaml › "riverside-park" › type: "${name}" ${says}; fix the type, or say why with "typeNote"`]);
  });

  it('accepts a name that misleads when a note says why, and compiles the note away', () => {
    const input = validInput();
    Object.assign(park(input), { type: 'organization', typeNote: 'A product called a park.' });
    const entity = compiles(input).entities.find((e) => e.id === 'riverside-park')!;
    expect(entity.type).toBe('organization');
    expect(entity).not.toHaveProperty('typeNote');
  });
});
