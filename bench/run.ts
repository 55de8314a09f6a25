/**
 * `npm run bench`: runs each section in its own Node process (with --expose-gc),
 * then merges bench/out/<section>.{json,md} into bench/results.json and
 * bench/RESULTS.md. A section whose script does not exist yet is skipped.
 *
 * `npm run bench -- --runs 5` takes each page figure as the median of 5 loads.
 * `npm run bench -- --only matcher` runs just that section and merges it with
 * the other sections' latest results, saying so in RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { machine, machineLine } from './machine';

const SECTIONS = ['matcher', 'page', 'page-floor', 'page-firefox', 'private-paint', 'scale', 'import-memory'];
const here = import.meta.dirname;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const runsAt = process.argv.indexOf('--runs');
/** `--runs N`: loads per page in the page sections, each figure their median (default 3). */
const runs = runsAt >= 0 ? ['--runs', process.argv[runsAt + 1] ?? '3'] : [];

const m = machine();
const sections: Record<string, unknown> = {};
const markdown: string[] = [`# Factlens benchmarks`, '', machineLine(m), ''];
let failed = false;

for (const section of SECTIONS) {
  const script = resolve(here, `${section}.ts`);
  if (!existsSync(script)) {
    console.log(`bench: ${section}: bench/${section}.ts does not exist yet, skipped`);
    markdown.push(`## ${section}`, '', `Not run: bench/${section}.ts does not exist yet.`, '');
    continue;
  }
  const json = resolve(here, 'out', `${section}.json`);
  const md = resolve(here, 'out', `${section}.md`);
  if (only !== undefined && section !== only && existsSync(json) && existsSync(md)) {
    console.log(`bench: ${section}: reusing the latest results (--only ${only})`);
    sections[section] = JSON.parse(readFileSync(json, 'utf8'));
    markdown.push(readFileSync(md, 'utf8').trimEnd(), '', `_(${section}: from the previous full run.)_`, '');
    continue;
  }
  rmSync(json, { force: true });
  rmSync(md, { force: true });
  console.log(`bench: ${section}`);
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...runs], { stdio: 'inherit', cwd: resolve(here, '..') });
  if (child.status !== 0 || !existsSync(json) || !existsSync(md)) {
    failed = true;
    console.error(`bench: ${section} failed (exit ${child.status ?? child.signal})`);
    markdown.push(`## ${section}`, '', `Failed (exit ${child.status ?? child.signal}).`, '');
    continue;
  }
  sections[section] = JSON.parse(readFileSync(json, 'utf8'));
  markdown.push(readFileSync(md, 'utf8').trimEnd(), '');
}

writeFileSync(resolve(here, 'results.json'), `${JSON.stringify({ machine: m, sections }, null, 1)}\n`);
const text = markdown.join('\n');
writeFileSync(resolve(here, 'RESULTS.md'), text);
console.log(`\n${text}`);
process.exitCode = failed ? 1 : 0;
