import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

interface LintMessage {
  code: string;
  file?: string;
  message: string;
}

describe('the Firefox build', () => {
  it('passes web-ext lint', async () => {
    const { stdout } = await promisify(execFile)(
      resolve(ROOT, 'node_modules/.bin/web-ext'),
      ['lint', '--source-dir', resolve(ROOT, '.output/firefox-mv2'), '--self-hosted', '--output', 'json'],
      { maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout: string }) => error);
    const report = JSON.parse(stdout) as { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
    // The one warning left is Preact's own dangerouslySetInnerHTML support,
    // which Factlens never uses; nothing of ours assigns innerHTML.
    for (const w of report.warnings) {
      expect(`${w.code} in ${w.file}`).toMatch(/^UNSAFE_VAR_ASSIGNMENT in (chunks\/[\w-]+|content-scripts\/content)\.js$/);
    }
  });
});
