import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

it('counts a test whose suite hook failed, and a file that failed to load, as failures', () => {
  const out = mkdtempSync(join(tmpdir(), 'factlens-tally-'));
  try {
    const run = spawnSync(
      resolve(ROOT, 'node_modules/.bin/vitest'),
      ['run', '--root', resolve(ROOT, 'test/fixtures/tally'), '--reporter', resolve(ROOT, 'scripts/lib/tally-reporter.ts')],
      { cwd: out, encoding: 'utf8' },
    );
    expect(run.status).not.toBe(0);
    const tally = JSON.parse(readFileSync(join(out, 'test-results/tests.tally.json'), 'utf8')) as unknown;
    // Two tests behind the failed hook, one failed assertion, one file that never loaded.
    expect(tally).toEqual({ passed: 1, failed: 4, skipped: 1 });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 30_000);
