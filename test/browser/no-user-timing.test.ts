import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A page reads every User Timing mark and measure in its timeline, the ones
 * a content script makes included, so only the benchmark's build may make
 * them (overlay/user-timing.ts). The built content scripts must hold none of
 * what that file would put there: its performance calls and its define. No
 * browser is started; the builds are the ones `npm run test:browser` makes.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const source = readFileSync(resolve(ROOT, 'overlay/user-timing.ts'), 'utf8');
const define = /declare const (\w+)/.exec(source)?.[1];
const calls = [...new Set([...source.matchAll(/performance\.(\w+)\(/g)].map((m) => m[1]!))].filter((c) => c !== 'now').map((c) => `performance.${c}(`);

function contentScripts(build: string): { file: string; text: string }[] {
  const dir = resolve(ROOT, '.output', build, 'content-scripts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ file: join(build, 'content-scripts', f), text: readFileSync(join(dir, f), 'utf8') }));
}

describe('the shipped builds', () => {
  it('know what to look for', () => {
    expect(define).toBeTruthy();
    expect(calls.length).toBeGreaterThanOrEqual(2);
  });

  for (const build of ['chrome-mv3', 'firefox-mv2']) {
    it.skipIf(!existsSync(resolve(ROOT, '.output', build)))(`${build}: the content script makes no User Timing entries`, () => {
      const scripts = contentScripts(build);
      expect(scripts.length).toBeGreaterThan(0);
      const found = scripts.flatMap(({ file, text }) => [define!, ...calls].filter((s) => text.includes(s)).map((s) => `${s} in ${file}`));
      expect(found).toEqual([]);
    });
  }
});
