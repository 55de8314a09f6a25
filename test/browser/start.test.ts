import { execFile } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOT = resolve(ROOT, '.output/demo-card.png');

describe.each(['chromium', 'firefox'])('npm start (headless, %s)', (browser) => {
  it('serves the demo site, reports what the overlay found and saves a screenshot of an open card', async () => {
    rmSync(SCREENSHOT, { force: true });
    const { stdout } = await promisify(execFile)(
      resolve(ROOT, 'node_modules/.bin/tsx'),
      ['scripts/start.ts', '--no-build', '--headless', '--browser', browser],
      { cwd: ROOT, env: { ...process.env, DISPLAY: '' }, timeout: 90_000 },
    );
    expect(stdout).toMatch(/Jack Ma/);
    expect(stdout).toMatch(/Daniel Zhang/);
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });
});
