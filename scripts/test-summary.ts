/**
 * Prints one closing line, "N passed, N failed, N skipped", summed over the
 * tallies the unit and browser test runs write to test-results/ (see
 * lib/tally-reporter.ts), and says so when FACTLENS_SKIP_BROWSERS left the
 * browser tests out.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SKIP_NOTE, skipBrowsers } from './lib/find-browser';
import { TALLY_DIR, type Tally } from './lib/tally-reporter';

const dir = resolve(import.meta.dirname, '..', TALLY_DIR);
const sum: Tally = { passed: 0, failed: 0, skipped: 0 };
for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tally.json')) : []) {
  const tally = JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as Tally;
  sum.passed += tally.passed;
  sum.failed += tally.failed;
  sum.skipped += tally.skipped;
}
console.log(`${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped${skipBrowsers() ? `; ${SKIP_NOTE}` : ''}`);
