import { problem, type ProblemText } from './problem';
import { type z } from './z';

/**
 * Text a dataset gives the reader to read: names, aliases, descriptions,
 * titles. Bidi controls in it could reorder what is shown around it (a name
 * that reads backwards, a card line that seems to say something else), and a
 * lone surrogate is not a character at all. Such text is refused, not
 * cleaned: an import never changes the data it was given.
 *
 * Source texts, quotes and sentences are not display text: they are copied
 * byte for byte from articles, offsets point into them, and each is shown in
 * a block of its own, where an embedding cannot leak past the block's end.
 */

/** U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069: the marks, embeddings, overrides and isolates. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The same rule as a JSON Schema pattern, for docs/dataset.schema.json. It
 * holds whether a validator reads it with or without the `u` flag.
 */
export const DISPLAY_TEXT_PATTERN =
  '^(?:[^\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$';

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text` is refused, or null when it may be shown. */
function displayTextProblem(text: string): ProblemText | null {
  const bidi = BIDI_CONTROL.exec(text);
  if (bidi) return problem('problemBidiControl', hex(bidi[0].charCodeAt(0)), bidi.index);
  const lone = LONE_SURROGATE.exec(text);
  if (lone) return problem('problemLoneSurrogate', hex(lone[0].charCodeAt(0)), lone.index);
  return null;
}

export function isDisplayText(text: string): boolean {
  return displayTextProblem(text) === null;
}

/** The check displayText adds; scripts/lib/dataset-json-schema.ts finds it by identity. */
export function checkDisplayText(ctx: z.core.ParsePayload<string>): void {
  const refused = displayTextProblem(ctx.value);
  // The code is the message and the words ride in params: zod-problem.ts reads them back.
  if (refused) ctx.issues.push({ code: 'custom', message: refused.code, params: { words: refused.params }, input: ctx.value, continue: true });
}

/** `base` as a string the reader is shown: at most `max` UTF-16 code units, and no bidi controls or lone surrogates. */
export function displayText(base: z.ZodString, max: number) {
  return base.max(max).check(checkDisplayText);
}
