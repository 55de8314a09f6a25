import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPathEscapes, type SourceFile } from './support/path-escapes';

const ROOT = resolve(import.meta.dirname, '../..').replaceAll('\\', '/');
const SCANNED = ['test', 'bench', 'scripts'];
const CODE = /\.(?:[cm]?[jt]s|tsx)$/;

function sources(dir: string): SourceFile[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && CODE.test(e.name))
    .map((e) => {
      const path = posix.join(e.parentPath.replaceAll('\\', '/'), e.name);
      return { path, text: readFileSync(path, 'utf8') };
    });
}

/** Made-up files under a made-up root, as the scan sees the real ones. */
const fake = (files: Record<string, string>): SourceFile[] => Object.entries(files).map(([path, text]) => ({ path: `/repo/${path}`, text }));
const found = (files: Record<string, string>) => [...new Set(findPathEscapes(fake(files), '/repo').map((e) => `${e.file.slice('/repo/'.length)}:${e.line}`))];

describe('tests, benchmarks and scripts read only the repository', () => {
  // Reads and parses every file of test/, bench/ and scripts/: seconds, more on a loaded machine.
  it('have no path that leads outside it', { timeout: 60_000 }, () => {
    const files = SCANNED.flatMap(sources);
    expect(files.map((f) => f.path)).toContain(`${ROOT}/test/browser/real-pages.test.ts`);
    expect(findPathEscapes(files, ROOT)).toEqual([]);
  });

  it('finds a path that climbs out through import.meta.dirname, a const, or a const imported from another file', () => {
    expect(
      found({
        'test/browser/a.test.ts': [
          "import { resolve } from 'node:path';",
          "const PAGES = resolve(import.meta.dirname, '../../../shared-pages');",
        ].join('\n'),
        'test/unit/b.test.ts': [
          "import { join } from 'node:path';",
          "const ROOT = join(import.meta.dirname, '../..');",
          "const SOURCES = join(ROOT, '../sources');",
        ].join('\n'),
        'bench/fixtures.ts': "import { resolve } from 'node:path';\nexport const ROOT = resolve(import.meta.dirname, '..');",
        'bench/page.ts': "import { resolve } from 'node:path';\nimport { ROOT } from './fixtures';\nconst DIR = resolve(ROOT, '..', 'pages');",
        'scripts/c.ts': [
          "import { dirname, join } from 'node:path';",
          "import { fileURLToPath } from 'node:url';",
          "const up = join(dirname(fileURLToPath(import.meta.url)), '../..');",
        ].join('\n'),
      }),
    ).toEqual(['test/browser/a.test.ts:2', 'test/unit/b.test.ts:3', 'bench/page.ts:3', 'scripts/c.ts:3']);
  });

  it('finds machine paths, imports from outside, and relative reads that climb out of the working directory', () => {
    expect(
      found({
        'test/unit/a.test.ts': [
          "import { readFileSync } from 'node:fs';",
          "readFileSync('/work/sources/a.txt');",
          "const home = '/home/someone/pages';",
          "const beside = 'shared/real-pages';",
          "import data from '../../../elsewhere/data.json';",
          "vi.mock('../../../elsewhere/module', () => ({}));",
          "readFileSync('../outside.txt');",
          "const url = new URL('../../../x.json', import.meta.url);",
        ].join('\n'),
      }),
    ).toEqual(['test/unit/a.test.ts:2', 'test/unit/a.test.ts:3', 'test/unit/a.test.ts:4', 'test/unit/a.test.ts:5', 'test/unit/a.test.ts:6', 'test/unit/a.test.ts:7', 'test/unit/a.test.ts:8']);
  });

  it('leaves paths inside the repository, temporary folders, URLs, prose and other joins alone', () => {
    expect(
      found({
        'test/browser/a.test.ts': [
          "import { readFileSync } from 'node:fs';",
          "import { tmpdir } from 'node:os';",
          "import { join, resolve } from 'node:path';",
          "import { harness } from '../../scripts/lib/harness';",
          "const OUT = resolve(import.meta.dirname, '../../.output/chrome-mv3');",
          "const TEMP = join(tmpdir(), 'factlens-');",
          "const dir = (name: string) => resolve(import.meta.dirname, '../fixtures', name);",
          "readFileSync('assets/dataset.json');",
          "const page = '/viewer.html?source=a';",
          "const words = ['a', 'b'].join('/');",
          "await Promise.resolve('..');",
          "const note = 'pages from shared/ folders are not read';",
        ].join('\n'),
      }),
    ).toEqual([]);
  });
});
