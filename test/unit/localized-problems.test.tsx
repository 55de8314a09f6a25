// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import bundled from '../../assets/dataset.json';
import { createReport, reportText } from '../../entrypoints/options/import-report';
import { ResultList } from '../../entrypoints/popup/ResultList';
import { parseProblemText, type Problem, type ProblemText } from '../../src/dataset/problem';
import { englishText } from '../../src/dataset/problem-english';
import type { Dataset } from '../../src/dataset/schema';
import { validateDataset } from '../../src/dataset/validate';
import { convertText } from '../../src/import/convert';
import { ConvertError } from '../../src/import/types';
import { problemText } from '../../utils/i18n';
import { request } from '../../utils/messaging';
import { errorMessage, RequestError } from '../../utils/request-error';
import { useKit } from './kit';
import { LOCALES, messageIn } from './support/locale-messages';

vi.mock('wxt/browser', () => import('./kit/browser'));

// The real router and handlers behind request().
useKit();

/**
 * What the core finds wrong with a file reaches the reader in their own
 * language: the problems of a refused dataset or a converted file, the
 * downloadable import report, and the role line of a search result. In
 * English the options page says exactly what `npm run convert` prints.
 */
const zh = LOCALES.zh_CN!;
const dataset = bundled as Dataset;

/** A Latin word of three letters or more: English left in a Chinese sentence, once the words from the file are taken out. */
const ENGLISH_WORD = /[a-z]{3,}/i;

function wordsOf({ params }: ProblemText): string[] {
  return params.flatMap((p) => (typeof p === 'object' ? wordsOf(p) : [String(p)]));
}

function refused(input: unknown): Problem[] {
  const result = validateDataset(input);
  if (result.ok) throw new Error('accepted');
  return result.problems;
}

/** Copies of the bundled dataset: one with an empty name and a field the format does not have, one with its first entity twice. */
function badDatasets(): unknown[] {
  const [first, second] = dataset.entities;
  return [
    { ...dataset, entities: [first, { ...second, name: '', nickname: 'x' }] },
    { ...dataset, entities: [first, second, first] },
  ];
}

function inChinese() {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation((key: string, substitutions?: string | string[]) => messageIn(zh, key, substitutions));
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('zh-CN');
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('in an English browser', () => {
  it('takes a problem from another context only in its shape: a code, and at most nine words or problems', () => {
    const good = { code: 'problemUnknownEntity', params: ['x', 2, { code: 'problemMissing', params: [] }] };
    expect(parseProblemText(good)).toEqual(good);
    for (const bad of [null, 'problemMissing', { code: 'alert', params: [] }, { code: 'problemMissing' }, { code: 'problemMissing', params: [{}] }, { code: 'problemMissing', params: Array(10).fill('x') }]) {
      expect(parseProblemText(bad)).toBeUndefined();
    }
  });

  it('the options page says each problem as npm run convert does, from the one English file', () => {
    const problems = badDatasets().flatMap(refused);
    expect(problems.map((p) => p.code)).toEqual(expect.arrayContaining(['problemDuplicateEntityId', 'problemEmpty', 'problemUnknownKeys']));
    for (const p of problems) expect(problemText(p)).toBe(englishText(p));
  });

  it('tells a missing field, a wrong type, a wrong value and a field too many apart', () => {
    const [entity] = dataset.entities;
    const { name: _name, ...nameless } = entity!;
    const texts = refused({ ...dataset, format: 'factlens-dataset/9', version: 2, extra: true, entities: [nameless] }).map(
      (p) => `${p.path}: ${englishText(p)}`,
    );
    expect(texts.sort()).toEqual([
      '$.entities[0].name: is missing',
      '$.format: must be one of: "factlens-dataset/2"',
      '$.version: must be of type string',
      '$: has fields the format does not have: "extra"',
    ]);
  });
});

describe('in a Chinese browser', () => {
  beforeEach(inChinese);

  it("says the background's own refusals in Chinese: the router sends the problem, not only English words", async () => {
    const refusal = await request({ type: 'importCommit', importId: 'gone' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RequestError);
    const { problem, message } = refusal as RequestError;
    expect(problem?.code).toBe('problemImportInterrupted');
    // Its English words, for logs, are the English message's.
    expect(message).toBe(englishText(problem!));
    inChinese();
    expect(errorMessage(refusal)).toBe(messageIn(zh, 'problemImportInterrupted'));
    expect(errorMessage(refusal)).not.toMatch(ENGLISH_WORD);
  });

  it("says a refused dataset's problems in Chinese, with the file's own words kept", () => {
    const problems = badDatasets().flatMap(refused);
    expect(problems.length).toBeGreaterThanOrEqual(3);
    for (const p of problems) {
      const text = problemText(p);
      expect(text).toBe(messageIn(zh, p.code, wordsOf(p)));
      for (const word of wordsOf(p)) expect(text).toContain(word);
      expect(wordsOf(p).reduce((rest, word) => rest.replace(word, ''), text)).not.toMatch(ENGLISH_WORD);
    }
  });

  it("says a converter's problems in Chinese, a problem inside a problem too", () => {
    const { problems } = convertText('name,description\nMira Osei,turns\u202Eback\nQuentin Vale,\n', { from: 'csv' });
    expect(problems).toHaveLength(1);
    const [skipped] = problems;
    expect(skipped).toMatchObject({ line: 2, code: 'problemEntityInvalid', params: ['Mira Osei', '$.description', { code: 'problemBidiControl' }] });
    const inner = skipped!.params[2] as ProblemText;
    expect(problemText(skipped!)).toBe(messageIn(zh, 'problemEntityInvalid', ['Mira Osei', '$.description', messageIn(zh, inner.code, wordsOf(inner))]));
    expect(problemText(skipped!)).not.toContain('skipped');
  });

  it('says why a file could not be converted at all in Chinese', () => {
    let error: unknown;
    try {
      convertText('{"people": []}', { from: 'popolo' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConvertError);
    const text = problemText((error as ConvertError).problem);
    expect(text).toBe(messageIn(zh, (error as ConvertError).problem.code));
    expect(text.replace(/"?(persons|organizations|Popolo)"?/g, '')).not.toMatch(ENGLISH_WORD);
  });

  it('writes the downloadable import report in Chinese', () => {
    const { report, problem } = createReport('people.csv');
    const { problems } = convertText('name,type\n,person\nMira Osei,robot\nQuentin Vale,person\n', { from: 'csv' });
    for (const p of problems) problem(p);
    report.imported = 1;
    report.skipped = problems.length;
    const lines = reportText(report).trimEnd().split('\n');
    expect(lines).toEqual([
      messageIn(zh, 'reportTitle', ['people.csv']),
      messageIn(zh, 'reportImported', ['1']),
      messageIn(zh, 'reportSkipped', ['2']),
      '',
      ...problems.map((p) => messageIn(zh, 'reportProblemAt', [messageIn(zh, 'reportLine', [String(p.line)]), messageIn(zh, p.code, wordsOf(p))])),
    ]);
    expect(lines.slice(4).every((line) => !/\bline\b|skipped/.test(line))).toBe(true);
  });

  it("joins a search result's role and organization the way the Chinese card does", () => {
    const hit = { key: 'd\u0000x', dataset: 'd', id: 'x', name: '马云', type: 'person', mainRole: { title: '董事局主席', organization: '阿里巴巴集团' } } as const;
    render(<ResultList id="r" search={{ status: 'ready', value: [hit], refreshing: false }} selected={0} optionId={(i) => `o${i}`} onSelect={() => {}} onOpen={() => {}} />, document.body);
    expect(document.querySelector('.result-role')?.textContent).toBe(`董事局主席${messageIn(zh, 'cardRoleOrganization', ['阿里巴巴集团'])}`);
  });
});
