/**
 * `npm run test:browser`: builds both extensions, then runs the browser tests
 * in every kind of browser find-browser.ts finds (test/browser/harness.ts
 * reads the same list). With none found it prints what to install and exits
 * NO_BROWSER_EXIT_CODE, unless FACTLENS_SKIP_BROWSERS=1 says to skip them.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { BROWSER_NAMES, findBrowser, NO_BROWSER_EXIT_CODE, noBrowserMessage, OVERRIDE, SKIP_NOTE, skipBrowsers } from './lib/find-browser';
import { tallyFile } from './lib/tally-reporter';

const ROOT = resolve(import.meta.dirname, '..');

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// A tally from an earlier run would be summed into this run's summary line.
rmSync(resolve(ROOT, tallyFile('browser')), { force: true });

if (skipBrowsers()) {
  console.log(`\n› ${SKIP_NOTE}: only lint, knip, typecheck and the unit tests ran.`);
  process.exit(0);
}

const lookups = BROWSER_NAMES.map((name) => findBrowser(name));
const found = lookups.flatMap((l) => l.found ?? []);
// A CHROME_PATH or FIREFOX_PATH that leads nowhere is a mistake to report, not a browser to leave out.
if (found.length === 0 || lookups.some((l) => l.badOverride)) {
  const missing = BROWSER_NAMES.filter((_, i) => !lookups[i]!.found);
  console.error(`\nnpm test: no browser to run the browser tests in.\n${noBrowserMessage(found.length === 0 ? BROWSER_NAMES : missing)}`);
  process.exit(NO_BROWSER_EXIT_CODE);
}
for (const b of found) console.log(`› Browser tests run in ${b.product}: ${b.path}`);
for (const name of BROWSER_NAMES.filter((n) => !found.some((b) => b.name === n))) {
  console.log(`› No ${name} found: its browser tests do not run (set ${OVERRIDE[name]} to point at one).`);
}

run('npm', ['run', 'build']);
run('npm', ['run', 'build:firefox']);
run(resolve(ROOT, 'node_modules/.bin/vitest'), ['run', '--project', 'browser', '--reporter=default', '--reporter=./scripts/lib/tally-reporter.ts', ...process.argv.slice(2)]);
