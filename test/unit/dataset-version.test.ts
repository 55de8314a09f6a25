import { describe, expect, it } from 'vitest';
import { bundledVersion, describeVersion } from '../../src/dataset/version';
import { LOCALES, versionWordsIn } from './support/locale-messages';

const english = versionWordsIn(LOCALES.en!, 'en-GB');

describe('a dataset version as the options page shows it', () => {
  it('shows a bundled version as the date its data was updated, with the version and hash in the tooltip', () => {
    const version = bundledVersion('1', 'dec68b5f40', '2026-11-21');
    const shown = describeVersion(version, english);
    expect(shown).toMatchObject({ label: '21 Nov 2026', date: '2026-11-21' });
    expect(shown.title).toContain('dec68b5f40');
    expect(shown.title).toContain('Version 1');
    expect(shown.label).not.toContain('dec68b5f40');
  });

  it('writes the date and the tooltip in the reader\'s language', () => {
    const shown = describeVersion(bundledVersion('1', 'dec68b5f40', '2026-11-21'), versionWordsIn(LOCALES.zh_CN!, 'zh-CN'));
    expect(shown.label).toBe(new Intl.DateTimeFormat('zh-CN', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 21)));
    expect(shown.title).toContain('版本 1');
    expect(shown.title).toContain('dec68b5f40');
  });

  it('shows any other version as it is', () => {
    for (const version of ['2.1.0', bundledVersion('1', 'dec68b5f40', undefined), 'v3+build.7']) {
      expect(describeVersion(version, english)).toEqual({ label: version, title: `Version ${version}` });
    }
  });
});
