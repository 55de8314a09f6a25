import type en from '../../public/_locales/en/messages.json';

/**
 * What the core says is wrong with a file, as a message key of
 * public/_locales and the words to fill in, never as an English sentence:
 * the options page says it in the reader's language (utils/i18n.ts
 * problemText), the command-line tools in English (problem-english.ts). Every
 * code is a key of the English messages, so a code without its message does
 * not compile.
 */
export type ProblemCode = Extract<keyof typeof en, `problem${string}`>;

/** A word to fill in: text from the file, a number, or a problem said inside this one. */
export type ProblemParam = string | number | ProblemText;

export interface ProblemText {
  code: ProblemCode;
  /** $1…$9 of the message, in order. */
  params: ProblemParam[];
}

/** One thing wrong with a dataset, located by a JSON path such as `$.entities[3].roles[0].end`. */
export interface Problem extends ProblemText {
  path: string;
}

export const problem = (code: ProblemCode, ...params: ProblemParam[]): ProblemText => ({ code, params });

/**
 * A refusal that carries its problem, so that whoever tells the reader says
 * it in the reader's language: thrown by the converters, and by the
 * background, whose router sends the problem with its answer. The message is
 * only the code.
 */
export class ProblemError extends Error {
  override name = 'ProblemError';
  readonly problem: ProblemText;

  constructor(code: ProblemCode, ...params: ProblemParam[]) {
    super(code);
    this.problem = problem(code, ...params);
  }
}

const MAX_PROBLEM_DEPTH = 4;

/** A ProblemText that came from another context, checked for its shape (whether its code has a message is the reader's to check). */
export function parseProblemText(value: unknown, depth = 0): ProblemText | undefined {
  if (typeof value !== 'object' || value === null || depth > MAX_PROBLEM_DEPTH) return undefined;
  const { code, params } = value as { code?: unknown; params?: unknown };
  if (typeof code !== 'string' || !code.startsWith('problem') || !Array.isArray(params) || params.length > 9) return undefined;
  const checked: ProblemParam[] = [];
  for (const p of params) {
    const param = typeof p === 'string' || typeof p === 'number' ? p : parseProblemText(p, depth + 1);
    if (param === undefined) return undefined;
    checked.push(param);
  }
  return { code: code as ProblemCode, params: checked };
}

export function jsonPath(segments: readonly PropertyKey[]): string {
  let path = '$';
  for (const s of segments) {
    if (typeof s === 'number') path += `[${s}]`;
    else if (typeof s === 'string' && /^[A-Za-z_$][\w$]*$/.test(s)) path += `.${s}`;
    else path += `[${JSON.stringify(String(s))}]`;
  }
  return path;
}
