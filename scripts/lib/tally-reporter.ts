/**
 * A Vitest reporter that writes test-results/<project>.tally.json: how many
 * tests passed, failed and were skipped. A test that never ran because a
 * hook of its suite failed counts as failed here; Vitest's JSON report calls
 * it skipped, which made CI's closing line say "0 failed" on a failed run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestCase, TestModule, TestSuite } from 'vitest/node';

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

export const TALLY_DIR = 'test-results';

/** Where a project's tally goes, relative to where Vitest runs. */
export const tallyFile = (project: string) => `${TALLY_DIR}/${project}.tally.json`;

/** Whether a suite around the test, or its file, failed outside any test (a hook, or collection). */
function suiteFailed(test: TestCase): boolean {
  for (let at: TestSuite | TestModule = test.parent; ; at = at.parent) {
    if (at.errors().length > 0) return true;
    if (at.type === 'module') return false;
  }
}

export default class TallyReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    const tallies = new Map<string, Tally>();
    for (const module of modules) {
      const name = module.project.name || 'tests';
      const tally = tallies.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      tallies.set(name, tally);
      // A file that failed to load has no tests to count, and is still a failure.
      if (module.errors().length > 0 && module.children.size === 0) tally.failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') tally.passed++;
        else if (state === 'failed' || suiteFailed(test)) tally.failed++;
        else tally.skipped++;
      }
    }
    mkdirSync(TALLY_DIR, { recursive: true });
    for (const [name, tally] of tallies) writeFileSync(tallyFile(name), JSON.stringify(tally));
  }
}
