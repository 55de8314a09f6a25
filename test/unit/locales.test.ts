import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './support/locale-messages';

/**
 * Every locale says everything English says, with the same substitutions,
 * and every key the code asks for exists. utils/i18n.ts types t() by the
 * English file, so a key missing there does not compile either; this test
 * also catches getMessage() calls, plural() and the manifest's __MSG_…__.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES_DIR = join(ROOT, 'public/_locales');
const CODE_DIRS = ['components', 'entrypoints', 'overlay', 'utils'];
const en = LOCALES.en!;

/** Which of $1…$9 a message uses. */
const substitutions = (message: string) => [...new Set(message.match(/\$[1-9]/g) ?? [])].sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The message keys a file names: t('key', …), plural(n, 'one', 'other'), getMessage('key'), __MSG_key__. */
function keysUsedIn(text: string): string[] {
  const keys = [...text.matchAll(/\b(?:t|getMessage)\(\s*'([^']+)'/g)].map((m) => m[1]!);
  for (const m of text.matchAll(/\bplural\([^,]+,\s*'([^']+)',\s*'([^']+)'\)/g)) keys.push(m[1]!, m[2]!);
  for (const m of text.matchAll(/__MSG_(\w+)__/g)) keys.push(m[1]!);
  return keys;
}

describe('locales', () => {
  it('ships every _locales folder through the tests, English and Simplified Chinese among them', () => {
    const folders = readdirSync(LOCALES_DIR).sort();
    expect(folders).toEqual(Object.keys(LOCALES).sort());
    expect(folders).toEqual(expect.arrayContaining(['en', 'zh_CN']));
  });

  for (const [name, messages] of Object.entries(LOCALES)) {
    if (name === 'en') continue;
    it(`${name} has exactly the English keys, each with the same substitutions`, () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [key, { message }] of Object.entries(en)) {
        expect({ key, substitutions: substitutions(messages[key]?.message ?? '') }).toEqual({ key, substitutions: substitutions(message) });
      }
    });

    it(`${name} is a translation: its words differ from the English`, () => {
      const same = Object.keys(en).filter((key) => /[a-z]{3}/i.test(en[key]!.message) && messages[key]!.message === en[key]!.message);
      // The product's name and messages made only of it are the same in every language.
      expect(same.filter((key) => !/^[$\d\s·]*Factlens[$\d\s·]*$/.test(en[key]!.message))).toEqual([]);
    });
  }

  it('has every key the code and the manifest use', () => {
    const files = [...CODE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir))), join(ROOT, 'wxt.config.ts')];
    const used = files.flatMap((file) => keysUsedIn(readFileSync(file, 'utf8')).map((key) => ({ key, file: relative(ROOT, file) })));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter(({ key }) => !(key in en))).toEqual([]);
  });

  it('finds a key the code uses but no locale has', () => {
    expect(keysUsedIn("t('cardRoles'); plural(n, 'navMentionsOne', 'missingOther'); '__MSG_extName__'")).toEqual([
      'cardRoles',
      'navMentionsOne',
      'missingOther',
      'extName',
    ]);
  });
});
