import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_WARNING, webExtLint } from './web-ext-lint';

describe('the Firefox build', () => {
  it('passes web-ext lint', async () => {
    const report = await webExtLint(resolve(import.meta.dirname, '../../.output/firefox-mv2'));
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
    for (const w of report.warnings) expect(`${w.code} in ${w.file}`).toMatch(ALLOWED_WARNING);
  });
});
