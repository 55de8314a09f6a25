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

export function jsonPath(segments: readonly PropertyKey[]): string {
  let path = '$';
  for (const s of segments) {
    if (typeof s === 'number') path += `[${s}]`;
    else if (typeof s === 'string' && /^[A-Za-z_$][\w$]*$/.test(s)) path += `.${s}`;
    else path += `[${JSON.stringify(String(s))}]`;
  }
  return path;
}
