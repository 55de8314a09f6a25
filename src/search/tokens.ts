import { charClass, CJK, foldText, WORD } from '../text/fold';

const APOSTROPHE = 0x27;

/**
 * Splits text into search tokens: folded (case, diacritics) as the matcher
 * folds, then cut at spaces and punctuation. A run of CJK characters is one
 * token, since those scripts write names without spaces; a switch between CJK
 * and other letters also cuts ("51信用卡" → "51", "信用卡").
 *
 * Apostrophes join rather than cut, so "Xi'an" and "xian" meet; hyphens and
 * periods cut, so "Ji-woo" is two tokens and "ji woo" finds it.
 */
export function tokenize({ text }: { text: string }): string[] {
  const folded = foldText(text);
  const tokens: string[] = [];
  let current = '';
  let currentClass = 0;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c === APOSTROPHE) continue;
    const cls = charClass(c);
    if (cls !== WORD && cls !== CJK) {
      if (current) tokens.push(current);
      current = '';
      currentClass = 0;
      continue;
    }
    if (cls !== currentClass && current) {
      tokens.push(current);
      current = '';
    }
    current += folded[i];
    currentClass = cls;
  }
  if (current) tokens.push(current);
  return tokens;
}

/** Whether a token is CJK: tokens never mix classes, so the first unit says. */
export function isCjkToken({ token }: { token: string }): boolean {
  return token.length > 0 && charClass(token.charCodeAt(0)) === CJK;
}
