import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { ALLOWED_WARNING, webExtLint } from './web-ext-lint';

/**
 * `npm run zip` makes what the stores take: a zip per browser, and for
 * Mozilla's review the sources that rebuild the Firefox zip exactly.
 * JSZip is the library WXT itself zips with.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, '.output');
const run = promisify(execFile);
const zipPath = (what: string) => resolve(OUT, `${pkg.name}-${pkg.version}-${what}.zip`);
/**
 * The environment of a shell, not of Vitest: Vitest sets NODE_ENV=test, and
 * a build under it minifies differently from the one a store receives.
 */
const SHELL_ENV = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST')));
const npmRun = (script: string, cwd: string) => run('npm', ['run', script], { cwd, env: SHELL_ENV, maxBuffer: 64 * 1024 * 1024 });

async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  }
  return files;
}

function extract(files: Map<string, Buffer>, dir: string): void {
  for (const [name, data] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
}

/** The files git tracks under a folder: everything the build may read from it. */
async function tracked(folder: string): Promise<string[]> {
  const { stdout } = await run('git', ['ls-files', folder], { cwd: ROOT });
  return stdout.split('\n').filter(Boolean);
}

describe('store readiness: npm run zip', () => {
  let chrome: Map<string, Buffer>;
  let firefox: Map<string, Buffer>;
  let sources: Map<string, Buffer>;
  const temp = mkdtempSync(join(tmpdir(), 'factlens-zips-'));

  beforeAll(async () => {
    await npmRun('zip', ROOT);
    [chrome, firefox, sources] = await Promise.all([readZip(zipPath('chrome')), readZip(zipPath('firefox')), readZip(zipPath('sources'))]);
  }, 240_000);
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it.each([
    ['chrome', 3],
    ['firefox', 2],
  ])('the %s zip has its manifest at the root and no source maps', (which, version) => {
    const files = which === 'chrome' ? chrome : firefox;
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { manifest_version: number; version: string };
    expect(manifest.manifest_version).toBe(version);
    expect(manifest.version).toBe(pkg.version);
    expect([...files.keys()].filter((f) => f.endsWith('.map'))).toEqual([]);
    expect([...files.keys()]).toContain('background.js');
    expect([...files.keys()]).toContain('content-scripts/content.js');
  });

  it('the sources zip holds what a reviewer needs to rebuild, and nothing of the tests, benchmarks or outputs', async () => {
    const names = [...sources.keys()];
    for (const file of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md', 'BUILDING.md']) {
      expect(names).toContain(file);
    }
    for (const folder of ['entrypoints', 'components', 'src', 'utils', 'assets', 'data', 'scripts']) {
      const wanted = await tracked(folder);
      expect(wanted.length).toBeGreaterThan(0);
      expect(wanted.filter((f) => !sources.has(f))).toEqual([]);
    }
    expect(names.filter((f) => /^(node_modules|\.output|\.wxt|test|test-results|bench)\//.test(f))).toEqual([]);
    expect(sources.get('BUILDING.md')!.toString('utf8')).toContain('npm ci && npm run build:firefox');
  });

  it('the sources rebuild the Firefox zip file for file', async () => {
    const dir = join(temp, 'sources');
    extract(sources, dir);
    // `npm ci` would install exactly package-lock.json; the already installed tree is that.
    symlinkSync(resolve(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await npmRun('build:firefox', dir);
    const rebuilt = new Map<string, Buffer>();
    for (const name of firefox.keys()) rebuilt.set(name, readFileSync(join(dir, '.output/firefox-mv2', name)));
    const differing = [...firefox].filter(([name, data]) => !data.equals(rebuilt.get(name)!)).map(([name]) => name);
    expect(differing).toEqual([]);
  }, 240_000);

  it('the Firefox zip passes web-ext lint', async () => {
    const dir = join(temp, 'firefox');
    extract(firefox, dir);
    const report = await webExtLint(dir);
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
    for (const w of report.warnings) expect(`${w.code} in ${w.file}`).toMatch(ALLOWED_WARNING);
  });
});
