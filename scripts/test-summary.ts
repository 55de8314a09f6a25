/**
 * Prints one closing line, "N passed, N failed, N skipped", summed over the
 * JSON reports that the unit and browser test runs write to test-results/,
 * and says so when FACTLENS_SKIP_BROWSERS left the browser tests out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SKIP_NOTE, skipBrowsers } from './lib/find-browser';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped${skipBrowsers() ? `; ${SKIP_NOTE}` : ''}`);
