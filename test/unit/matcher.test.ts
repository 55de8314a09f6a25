import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/synthetic-dataset';
import { buildDictionary, scan, scanPage, type Dictionary, type Pattern } from '../../src/matcher';
import { startMayMatch } from '../../src/matcher/start-filter';
import { BLOCK_BREAK, foldedUnit, foldText } from '../../src/text/fold';

const JACK_MA = 0;
const FOUNDATION = 1;
const ALIBABA = 2;
const LIU_JIE = 3;

const patterns: Pattern[] = [
  { text: 'Jack Ma', contextual: false, entity: JACK_MA },
  { text: 'Ma Yun', contextual: false, entity: JACK_MA },
  { text: 'Ma', contextual: true, entity: JACK_MA },
  { text: '马云', contextual: false, entity: JACK_MA },
  { text: 'Jack Ma Foundation', contextual: false, entity: FOUNDATION },
  { text: 'Alibaba', contextual: false, entity: ALIBABA },
  { text: 'Alibaba Group', contextual: false, entity: ALIBABA },
  { text: 'Ali', contextual: true, entity: ALIBABA },
  { text: '阿里巴巴', contextual: false, entity: ALIBABA },
  { text: 'Liu Jie', contextual: false, entity: LIU_JIE },
  { text: 'Liu', contextual: true, entity: LIU_JIE },
];
const dictionary = buildDictionary({ patterns });

/** What a page would show: matched text and entity, contextual rules applied. */
function found(text: string): string[] {
  const matches = scanPage({ dictionary, text });
  return matches.map((m) => `${text.slice(m.start, m.end)}=${m.entities.join('|')}`);
}

describe('folding', () => {
  it('ignores case', () => {
    expect(found('JACK MA and jack ma')).toEqual([`JACK MA=${JACK_MA}`, `jack ma=${JACK_MA}`]);
  });
  it('ignores diacritics, precomposed or combining', () => {
    expect(found('Mǎ Yún spoke')).toEqual([`Mǎ Yún=${JACK_MA}`]);
    expect(found('Ma\u030c Yu\u0301n spoke')).toEqual([`Ma\u030c Yu\u0301n=${JACK_MA}`]);
  });
  it('treats curly and straight apostrophes alike', () => {
    const d = buildDictionary({ patterns: [{ text: "Hangzhou's Daily", contextual: false, entity: 0 }] });
    expect(scan({ dictionary: d, text: 'the Hangzhou’s Daily' })).toHaveLength(1);
    expect(scan({ dictionary: d, text: 'the Hangzhou‘s Daily' })).toHaveLength(1);
  });
  it('treats curly and straight double quotes alike', () => {
    const d = buildDictionary({ patterns: [{ text: 'the "Ali" brand', contextual: false, entity: 0 }] });
    expect(scan({ dictionary: d, text: 'the “Ali” brand' })).toHaveLength(1);
  });
  it('treats hyphen and dash variants alike', () => {
    const d = buildDictionary({ patterns: [{ text: 'Kim Hyun-a', contextual: false, entity: 0 }] });
    for (const dash of ['-', '\u2010', '\u2011', '\u2013', '\u2014', '\u2212']) {
      expect(scan({ dictionary: d, text: `Kim Hyun${dash}a said` }), JSON.stringify(dash)).toHaveLength(1);
    }
  });
  it('treats any whitespace run, NBSP and line breaks included, as one space', () => {
    expect(found('Jack\u00a0Ma, Jack \n\t Ma and Jack\u2009Ma')).toEqual([
      `Jack\u00a0Ma=${JACK_MA}`,
      `Jack \n\t Ma=${JACK_MA}`,
      `Jack\u2009Ma=${JACK_MA}`,
    ]);
  });
  it('skips soft hyphens and zero-width characters inside names', () => {
    expect(found('Ali\u00adbaba and Ali\u200bbaba')).toEqual([`Ali\u00adbaba=${ALIBABA}`, `Ali\u200bbaba=${ALIBABA}`]);
  });
  it('folds a text of any length a unit at a time: whitespace runs as one space, trimmed', () => {
    for (const words of [1, 1_000, 5_000]) {
      const written = Array.from({ length: words }, (_, i) => (i % 2 ? 'Mǎ\u00a0\n' : `  Yún${i}\u200b`)).join('');
      const folded = foldText(written);
      expect(folded).toBe(written.normalize('NFD').replace(/[\u0300-\u036f\u200b]/g, '').replace(/\s+/g, ' ').trim().toLowerCase());
    }
  });
});

describe('offsets', () => {
  it('map back exactly to the original text', () => {
    const text = 'Before: Mǎ  Yún\u00a0… then ALIBABA\u00ad GROUP.';
    const matches = scan({ dictionary, text });
    expect(matches.map((m) => text.slice(m.start, m.end))).toEqual(['Mǎ  Yún', 'ALIBABA\u00ad GROUP']);
    expect(matches[0]).toMatchObject({ start: 8, end: 15 });
  });
  it('cover combining marks that follow the last letter', () => {
    const text = 'Jack Ma\u0301, again';
    const [m] = scan({ dictionary, text });
    expect(text.slice(m!.start, m!.end)).toBe('Jack Ma\u0301');
  });
});

describe('word boundaries', () => {
  it('do not match inside a longer word', () => {
    expect(found('Jack Maynard met Jack Ma')).toEqual([`Jack Ma=${JACK_MA}`]);
    expect(found('XAlibaba and Alibabas')).toEqual([]);
  });
  it('count numbers as word characters', () => {
    expect(found('Alibaba2 and 2Alibaba')).toEqual([]);
  });
  it('count letters of any script as word characters', () => {
    expect(found('Alibabaé and éAlibaba and Alibabaж')).toEqual([]);
  });
  it('accept punctuation and hyphens as boundaries', () => {
    expect(found('(Alibaba), Alibaba-backed, Alibaba’s')).toEqual([
      `Alibaba=${ALIBABA}`,
      `Alibaba=${ALIBABA}`,
      `Alibaba=${ALIBABA}`,
    ]);
  });
  it('end at a block break', () => {
    expect(found(`Jack${BLOCK_BREAK}Ma Yun`)).toEqual([`Ma Yun=${JACK_MA}`]);
  });
});

describe('Chinese script', () => {
  it('matches without word boundaries', () => {
    expect(found('昨天马云和阿里巴巴集团的人见面')).toEqual([`马云=${JACK_MA}`, `阿里巴巴=${ALIBABA}`]);
  });
  it('finds names the same way in long runs of Han, where nearly every unit starts a word, and in short ones', () => {
    // A chunk of the scan dense with word starts takes a root-table pass of its own (scan.ts); a short text does not.
    const sentence = '昨天马云和阿里巴巴集团的人见面，';
    const long = sentence.repeat(400);
    const matches = scan({ dictionary, text: long });
    expect(matches).toHaveLength(800);
    expect(matches.map((m) => long.slice(m.start, m.end))).toEqual(Array.from({ length: 400 }, () => ['马云', '阿里巴巴']).flat());
    expect(matches.slice(0, 2)).toEqual(scan({ dictionary, text: sentence }));
  });
  it('lets a Latin name touch CJK text', () => {
    expect(found('他说Alibaba公司')).toEqual([`Alibaba=${ALIBABA}`]);
  });
  it('gives offsets in UTF-16 code units', () => {
    const text = '𠀀马云';
    expect(scan({ dictionary, text })[0]).toMatchObject({ start: 2, end: 4 });
  });
  it('reads Traditional characters as Simplified, at the same offsets', () => {
    expect(found('昨天馬雲和阿里巴巴集團的人見面')).toEqual([`馬雲=${JACK_MA}`, `阿里巴巴=${ALIBABA}`]);
    // Taiwan and Hong Kong variant forms too: 説 is Hong Kong's 說.
    const d = buildDictionary({ patterns: [{ text: '马云说', contextual: false, entity: 0 }] });
    expect(scan({ dictionary: d, text: '他聽馬雲説' })).toMatchObject([{ start: 2, end: 5 }]);
  });
  it('finds a Traditional alias in Simplified text', () => {
    const d = buildDictionary({ patterns: [{ text: '南華早報', contextual: false, entity: 0 }] });
    expect(scan({ dictionary: d, text: '据南华早报报道' })).toMatchObject([{ start: 1, end: 5 }]);
  });
  it('leaves Simplified characters that OpenCC lists only as Taiwan variants alone', () => {
    expect(String.fromCharCode(foldedUnit('么'.charCodeAt(0)))).toBe('么');
  });
});

describe('overlaps', () => {
  it('prefer the longest match at the same start', () => {
    expect(found('The Jack Ma Foundation gave')).toEqual([`Jack Ma Foundation=${FOUNDATION}`]);
    expect(found('Alibaba Group said')).toEqual([`Alibaba Group=${ALIBABA}`]);
  });
  it('prefer the leftmost match and never overlap', () => {
    const d = buildDictionary({
      patterns: [
        { text: 'Hunan First', contextual: false, entity: 0 },
        { text: 'First Normal College', contextual: false, entity: 1 },
      ],
    });
    const text = 'Hunan First Normal College';
    expect(scan({ dictionary: d, text }).map((m) => text.slice(m.start, m.end))).toEqual(['Hunan First']);
  });
  it('fall back to a shorter match when the longer one would end inside a word', () => {
    expect(found('Jack Ma Foundations')).toEqual([`Jack Ma=${JACK_MA}`]);
  });
  it('report every entity that shares a name', () => {
    const d = buildDictionary({
      patterns: [
        { text: 'Zhang Yong', contextual: false, entity: 7 },
        { text: 'Zhang Yong', contextual: false, entity: 9 },
      ],
    });
    const [m] = scan({ dictionary: d, text: 'Zhang Yong said' });
    expect(m!.patterns.map((p) => d.entity[p])).toEqual([7, 9]);
  });
});

describe('contextual aliases', () => {
  it('count only where a full alias of the same entity is on the page', () => {
    expect(found('Ma said so.')).toEqual([]);
    expect(found('Jack Ma arrived. Then, Ma said so.')).toEqual([`Jack Ma=${JACK_MA}`, `Ma=${JACK_MA}`]);
  });
  it('need a full alias of their own entity, not of another', () => {
    expect(found('Alibaba grew. Ma said so.')).toEqual([`Alibaba=${ALIBABA}`]);
  });
  it('match case-sensitively', () => {
    expect(found('Jack Ma has an MA in literature, ma.')).toEqual([`Jack Ma=${JACK_MA}`]);
  });
  it('must not stand beside another capitalised word', () => {
    expect(found('Alibaba. Muhammad Ali and Ali Baba and Ali spoke')).toEqual([`Alibaba=${ALIBABA}`, `Ali=${ALIBABA}`]);
    expect(found('Jack Ma, Ma Long and Ma.')).toEqual([`Jack Ma=${JACK_MA}`, `Ma=${JACK_MA}`]);
  });
  it('may follow punctuation or an abbreviation', () => {
    expect(found('Liu Jie came. Mr. Liu spoke; "Liu" too.')).toEqual([`Liu Jie=${LIU_JIE}`, `Liu=${LIU_JIE}`, `Liu=${LIU_JIE}`]);
  });
  it('never hide a shorter full name when they are dropped', () => {
    const d = buildDictionary({
      patterns: [
        { text: 'Apple', contextual: false, entity: 0 },
        { text: 'Apple Daily', contextual: true, entity: 1 },
      ],
    });
    const text = 'Apple Daily reported';
    expect(scanPage({ dictionary: d, text }).map((m) => [text.slice(m.start, m.end), m.entities])).toEqual([['Apple', [0]]]);
  });
  it('may end before a possessive', () => {
    expect(found('Alibaba and Ali’s flavour')).toEqual([`Alibaba=${ALIBABA}`, `Ali=${ALIBABA}`]);
  });
});

describe('scale', () => {
  it('builds one automaton whose size follows the names, not the texts', () => {
    const many: Pattern[] = Array.from({ length: 5000 }, (_, i) => ({ text: `Name${i} Person`, contextual: false, entity: i }));
    const d = buildDictionary({ patterns: many });
    const text = 'x Name4999 Person y Name12 Person z';
    expect(scan({ dictionary: d, text }).map((m) => d.entity[m.patterns[0]!])).toEqual([4999, 12]);
  });
});

describe('start filters', () => {
  /** The same dictionary with filters that pass every start, so the trie alone decides (the matcher before the filters). */
  function unfiltered(d: Dictionary): Dictionary {
    return { ...d, pairBits: d.pairBits.map(() => -1), singleMask: -1, tripleBits: d.tripleBits.map(() => -1), startBits: d.startBits.map(() => -1), startShortest: 1 };
  }
  const tricky = [
    'X',
    '京',
    'Bo',
    'Abc',
    'Abcd',
    'Abcde',
    'X Corp',
    'AT&T',
    '\u00adAli Baba',
    'Ma\u0301x Weber',
    'O’Brien',
    '51信用卡',
    'A股',
    '阿里巴巴',
    'Hangzhou Steel Group',
    'Zoë Kim',
    'Ab Cd',
    '一二',
    'He',
  ];
  const d = buildDictionary({ patterns: tricky.map((text, entity) => ({ text, contextual: false, entity })) });
  const plain = unfiltered(d);
  const spans = (dictionary: Dictionary, text: string) => scan({ dictionary, text }).map((m) => `${m.start}-${m.end}:${m.patterns.join(',')}`);

  it('never reject a start that begins a name: short, CJK, mixed-script, ignored and spaced names', () => {
    for (const name of tricky) {
      const renderings = [
        `say ${name} now`,
        `say ${name.toUpperCase()}`,
        `${name}`,
        `他说${name}了`,
        // Ignored characters inside, a whitespace run for each space.
        `say ${[...name].join('\u00ad')} now`,
        `say ${name.replace(/ /g, ' \n\t ')}, now`,
        // Letters that fold to a space (U+037A) or to CJK (U+3192 → 一): the walk reads them folded.
        `say ${name.replace(/ /g, '\u037a')} now`,
        `say ${name.replace(/一/g, '\u3192')} now`,
      ];
      for (const text of renderings) {
        const found = spans(d, text);
        expect(found, JSON.stringify(text)).toEqual(spans(plain, text));
        expect(found.length, JSON.stringify(text)).toBeGreaterThan(0);
      }
    }
  });
  it('agree with the unfiltered trie on random text made of name fragments', () => {
    const rnd = seededRandom(5);
    const pieces = [...tricky, ...tricky.map((t) => t.slice(0, 2)), ' ', '  ', '\u00ad', '-', '.', 'x', '说', BLOCK_BREAK, 'ab', 'ABC', '\u037a', '\u3192', 'Hes'];
    for (let k = 0; k < 500; k++) {
      let text = '';
      for (let p = Math.floor(rnd() * 12); p > 0; p--) text += pieces[Math.floor(rnd() * pieces.length)]!;
      expect(spans(d, text), JSON.stringify(text)).toEqual(spans(plain, text));
    }
  });
  it('find the same names wherever a long text is cut for scanning', () => {
    // The scan reads a long text in chunks: names, words and ignored units
    // that straddle a cut must come out as in any other place. Leading spaces
    // move every cut; letters first seen here are classified on the way.
    const rnd = seededRandom(11);
    const pieces = [...tricky, ' ', ' ', '\u00ad', '.', 'xyz', '说', 'Abcdefgh'];
    let text = '';
    while (text.length < 20_000) {
      text += pieces[Math.floor(rnd() * pieces.length)]!;
      if (rnd() < 0.01) text += String.fromCharCode(0xa000 + Math.floor(rnd() * 0x480));
    }
    const expected = spans(d, text);
    expect(expected.length).toBeGreaterThan(500);
    for (let k = 0; k < 40; k++) {
      const pad = Math.floor(rnd() * 5000);
      const shifted = scan({ dictionary: d, text: ' '.repeat(pad) + text }).map((m) => `${m.start - pad}-${m.end - pad}:${m.patterns.join(',')}`);
      expect(shifted, `padded by ${pad}`).toEqual(expected);
    }
  });
  it('reject word starts whose first units begin no name', () => {
    const first = (text: string) => foldedUnit(text.charCodeAt(0));
    expect(startMayMatch(d, 'Abz', 0, first('A'))).toBe(false);
    // "Abc" is a whole name: the filter passes, the walk then finds the word goes on.
    expect(startMayMatch(d, 'Abcz', 0, first('A'))).toBe(true);
    expect(startMayMatch(d, 'Hanoi', 0, first('H'))).toBe(false);
    expect(startMayMatch(d, 'Hangzhou', 0, first('H'))).toBe(true);
    expect(startMayMatch(d, 'Ab', 0, first('A'))).toBe(false);
    expect(startMayMatch(d, 'Bo', 0, first('B'))).toBe(true);
  });
});
