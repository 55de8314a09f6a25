import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMON_WORDS } from '../../src/dataset/common-words';
import { DISPLAY_TEXT_PATTERN, isDisplayText } from '../../src/dataset/display-text';
import type { Problem } from '../../src/dataset/problem';
import { englishText } from '../../src/dataset/problem-english';
import { validateDataset } from '../../src/dataset/validate';
import { MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, MAX_TITLE_LENGTH, MAX_VERSION_LENGTH } from '../../src/limits';
import { requestSchema } from '../../src/messages/protocol';

// The tests write invalid values anywhere in a copy of a valid dataset, which no precise type allows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Draft = any;

/** A valid dataset with one source, one person with a role, and one organization; `edit` changes a fresh copy. */
function dataset(edit: (d: Draft) => void = () => {}): unknown {
  const text = 'Acme Corporation appointed Li Wen as its chief executive.';
  const d = {
    format: 'factlens-dataset/1',
    id: 'hygiene',
    name: 'Hygiene',
    version: '1',
    description: 'A dataset for the hygiene tests.',
    sources: [
      { id: 'acme', title: 'Acme appoints Li Wen', publisher: 'Example Gazette', publishedNote: 'Printed on it.', text },
    ],
    entities: [
      {
        id: 'li-wen',
        name: 'Li Wen',
        type: 'person',
        description: 'Chief executive of Acme.',
        aliases: [{ text: 'Li Wen' }, { text: 'Li', contextual: true }],
        roles: [
          {
            title: 'Chief Executive Officer',
            organization: 'acme',
            evidence: [{ source: 'acme', quote: 'Acme Corporation appointed Li Wen', start: 0, end: 33 }],
          },
        ],
      },
      { id: 'acme', name: 'Acme Corporation', type: 'organization', aliases: [{ text: 'Acme Corporation' }] },
    ],
  };
  edit(d);
  return d;
}

/** Problems as `npm run convert` and an English options page say them. */
const inEnglish = (found: Problem[]) => found.map((p) => ({ path: p.path, message: englishText(p) }));

function problems(input: unknown): { path: string; message: string }[] {
  const result = validateDataset(input);
  return result.ok ? [] : inEnglish(result.problems);
}

function warnings(input: unknown): { path: string; message: string }[] {
  const result = validateDataset(input);
  if (!result.ok) throw new Error(`invalid: ${JSON.stringify(result.problems)}`);
  return inEnglish(result.warnings);
}

const refusal = (what: string) => `${what}; remove it (Factlens refuses such text rather than change it)`;

/** Every field the reader is shown, as [JSON path, setter]. */
const DISPLAY_FIELDS: [string, (d: Draft, v: string) => void][] = [
  ['$.name', (d, v) => (d.name = v)],
  ['$.version', (d, v) => (d.version = v)],
  ['$.description', (d, v) => (d.description = v)],
  ['$.sources[0].title', (d, v) => (d.sources[0].title = v)],
  ['$.sources[0].publisher', (d, v) => (d.sources[0].publisher = v)],
  ['$.sources[0].publishedNote', (d, v) => (d.sources[0].publishedNote = v)],
  ['$.entities[0].name', (d, v) => (d.entities[0].name = v)],
  ['$.entities[0].description', (d, v) => (d.entities[0].description = v)],
  ['$.entities[0].aliases[0].text', (d, v) => (d.entities[0].aliases[0].text = v)],
  ['$.entities[0].roles[0].title', (d, v) => (d.entities[0].roles[0].title = v)],
];

describe('display text: bidi controls and lone surrogates are refused', () => {
  it('accepts the base dataset', () => {
    expect(problems(dataset())).toEqual([]);
  });

  it.each(DISPLAY_FIELDS)('refuses a bidi control in %s, naming it and where it is', (path, set) => {
    expect(problems(dataset((d) => set(d, 'Li\u202eneW')))).toEqual([
      { path, message: refusal('contains the bidi control U+202E at index 2') },
    ]);
  });

  it.each(DISPLAY_FIELDS)('refuses a lone surrogate in %s', (path, set) => {
    expect(problems(dataset((d) => set(d, 'Li Wen\ud83d')))).toEqual([
      { path, message: refusal('contains a lone surrogate U+D83D at index 6, which is not a character') },
    ]);
  });

  it.each([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069])(
    'refuses the bidi control U+%s',
    (code) => {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      expect(problems(dataset((d) => (d.entities[0].name = `${String.fromCharCode(code)}Li Wen`)))).toEqual([
        { path: '$.entities[0].name', message: refusal(`contains the bidi control U+${hex} at index 0`) },
      ]);
    },
  );

  it('refuses a trailing surrogate with no leading one', () => {
    expect(problems(dataset((d) => (d.entities[0].name = '\udc00Li')))).toEqual([
      { path: '$.entities[0].name', message: refusal('contains a lone surrogate U+DC00 at index 0, which is not a character') },
    ]);
  });

  it('accepts surrogate pairs, right-to-left scripts and the zero-width joiner', () => {
    const names = ['Li 𠀀 Wen', 'محمد', 'דוד', 'क्‍ष'];
    for (const name of names) expect(problems(dataset((d) => (d.entities[0].name = name)))).toEqual([]);
  });

  it('leaves source texts, quotes and sentences alone: they are verbatim copies of articles', () => {
    const input = dataset((d) => {
      d.sources[0].text = `\u200f${d.sources[0].text}`;
      d.entities[0].roles[0].evidence[0] = { source: 'acme', quote: '\u200fAcme', start: 0, end: 5 };
    });
    expect(problems(input)).toEqual([]);
  });

  it('is refused by the background too: importBegin and importChunk use the same schema', () => {
    const begin = requestSchema.safeParse({ type: 'importBegin', dataset: { id: 'x', name: 'A\u2067B', version: '1' } });
    expect(begin.success).toBe(false);
    const entity = (dataset() as Draft).entities[1];
    const chunk = requestSchema.safeParse({
      type: 'importChunk',
      importId: 'i',
      entities: [{ ...entity, description: '\ud800' }],
    });
    expect(chunk.success).toBe(false);
  });

  it('states the same rule as a JSON Schema pattern, with or without the u flag', () => {
    const samples = ['', 'Li Wen', 'Li 𠀀', '𠀀', 'a\u202eb', '\u2066', '\u061c', 'x\ud800', '\udc00x', '\ud800\ud800', '\udfff\ud800', 'ab\u200d'];
    for (const flags of ['', 'u']) {
      const pattern = new RegExp(DISPLAY_TEXT_PATTERN, flags);
      for (const s of samples) expect(pattern.test(s), `${JSON.stringify(s)} /${flags}`).toBe(isDisplayText(s));
    }
    expect(samples.filter(isDisplayText)).toEqual(['', 'Li Wen', 'Li 𠀀', '𠀀', 'ab\u200d']);
  });
});

describe('length caps', () => {
  const over = (n: number) => 'x'.repeat(n + 1);
  const caps: [string, number, (d: Draft, v: string) => void][] = [
    ['$.name', MAX_NAME_LENGTH, (d, v) => (d.name = v)],
    ['$.entities[0].name', MAX_NAME_LENGTH, (d, v) => (d.entities[0].name = v)],
    ['$.entities[0].aliases[0].text', MAX_NAME_LENGTH, (d, v) => (d.entities[0].aliases[0].text = v)],
    ['$.version', MAX_VERSION_LENGTH, (d, v) => (d.version = v)],
    ['$.description', MAX_DESCRIPTION_LENGTH, (d, v) => (d.description = v)],
    ['$.entities[0].description', MAX_DESCRIPTION_LENGTH, (d, v) => (d.entities[0].description = v)],
    ['$.sources[0].publishedNote', MAX_DESCRIPTION_LENGTH, (d, v) => (d.sources[0].publishedNote = v)],
    ['$.entities[0].roles[0].title', MAX_TITLE_LENGTH, (d, v) => (d.entities[0].roles[0].title = v)],
    ['$.sources[0].title', MAX_TITLE_LENGTH, (d, v) => (d.sources[0].title = v)],
    ['$.sources[0].publisher', MAX_TITLE_LENGTH, (d, v) => (d.sources[0].publisher = v)],
  ];

  it.each(caps)('%s: refuses more than %i characters and accepts exactly that many', (path, max, set) => {
    expect(problems(dataset((d) => set(d, over(max))))).toEqual([{ path, message: `must be at most ${max} characters` }]);
    expect(problems(dataset((d) => set(d, 'x'.repeat(max))))).toEqual([]);
  });
});

describe('import warnings', () => {
  const alias = (text: string, contextual?: boolean) =>
    dataset((d) => d.entities[0].aliases.push(contextual === undefined ? { text } : { text, contextual }));
  const at = '$.entities[0].aliases[2].text';

  it('a plain dataset has none', () => {
    expect(warnings(dataset())).toEqual([]);
  });

  it('warns about a one-character alias, after folding', () => {
    expect(warnings(alias(' É '))).toEqual([
      { path: at, message: 'one-character alias " É " will mark that character wherever it stands alone; use a longer alias' },
    ]);
    expect(warnings(alias('李'))).toHaveLength(1);
  });

  it('warns about a contextual one-character alias too, saying where it still matches', () => {
    expect(warnings(alias('W', true))).toEqual([
      {
        path: at,
        message: 'one-character alias "W" will mark that character wherever it stands alone on pages that name the entity in full; use a longer alias',
      },
    ]);
  });

  it('warns about a very common word used as a non-contextual alias, in any case', () => {
    expect(warnings(alias('TIME'))).toEqual([
      {
        path: at,
        message: 'alias "TIME" is one of the most common English words and will be marked on most pages; mark it contextual or remove it',
      },
    ]);
    expect(warnings(alias('Said'))).toHaveLength(1);
  });

  it('lets a common word pass when it is contextual, and a name that only contains one', () => {
    expect(warnings(alias('Will', true))).toEqual([]);
    expect(warnings(alias('The Times'))).toEqual([]);
  });

  it('lists one warning per alias, in the order of the file', () => {
    const input = dataset((d) => {
      d.entities[1].aliases.push({ text: 'New' }, { text: 'A' });
    });
    expect(warnings(input).map((w) => w.path)).toEqual(['$.entities[1].aliases[1].text', '$.entities[1].aliases[2].text']);
  });

  it('holds a small list of lowercase words', () => {
    expect(COMMON_WORDS.size).toBeGreaterThan(100);
    expect(COMMON_WORDS.size).toBeLessThan(250);
    for (const word of COMMON_WORDS) expect(word).toMatch(/^[a-z]+$/);
  });

  it('the bundled dataset gives none', () => {
    const bundled = JSON.parse(readFileSync(join(import.meta.dirname, '../../assets/dataset.json'), 'utf8'));
    expect(warnings(bundled)).toEqual([]);
  });
});
