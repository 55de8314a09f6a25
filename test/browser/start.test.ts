import { execFile } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findBrowser, installCommand, NO_BROWSER_EXIT_CODE, OVERRIDE, realDeps } from '../../scripts/lib/find-browser';
import { BROWSERS } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOT = resolve(ROOT, '.output/demo-card.png');

function start(args: string[], env: Record<string, string>) {
  return promisify(execFile)(resolve(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts', '--no-build', '--headless', ...args], {
    cwd: ROOT,
    env: { ...process.env, DISPLAY: '', ...env },
    timeout: 110_000,
  });
}

describe.each(BROWSERS)('npm start (headless, %s)', (browser) => {
  it(`serves the demo site in the browser ${OVERRIDE[browser]} names, reports what the overlay found and saves a screenshot of an open card`, async () => {
    rmSync(SCREENSHOT, { force: true });
    const path = findBrowser(browser).found!.path;
    const { stdout } = await start(['--browser', browser], { [OVERRIDE[browser]]: path });
    expect(stdout).toContain(`(${path})`);
    expect(stdout).toMatch(/Jack Ma/);
    expect(stdout).toMatch(/Daniel Zhang/);
    // The card of the name it hovered was open when the screenshot was taken: its heading, read inside the closed root.
    const heading = /› Card open: (.+)/.exec(stdout)?.[1];
    expect(heading).toBeTruthy();
    expect(stdout).toMatch(/› Screenshot of the card:/);
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  }, 120_000);
});

describe('npm start with a CHROME_PATH that leads nowhere', () => {
  it('says what it looked for, how to install a browser and how to set CHROME_PATH, and exits non-zero', async () => {
    const bogus = resolve(ROOT, 'no-such-browser');
    const failure = await start([], { CHROME_PATH: bogus }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(NO_BROWSER_EXIT_CODE);
    expect(failure?.stderr).toContain(`CHROME_PATH=${bogus}`);
    expect(failure?.stderr).toContain(installCommand(realDeps()));
    expect(failure?.stderr).toMatch(/CHROME_PATH=\/path\/to\/chrome npm start/);
  });
});
