/**
 * npm run data: compiles data/ (YAML and source texts) into
 * assets/dataset.json, the bundled dataset in the public format.
 *
 * npm run data -- --in <folder> --out <file>: the same for any folder in the
 * authoring format (docs/authoring.md), so a newsroom can build a dataset
 * whose every quote is checked against its articles.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileDataset, formatCompileError } from './lib/compile';
import { readDataFolder } from './lib/data-folder';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { in: { type: 'string' }, out: { type: 'string' } } });
if ((values.in === undefined) !== (values.out === undefined)) {
  console.error('usage: npm run data [-- --in <folder> --out <file.json>]');
  process.exit(1);
}
// Paths given on the command line are the user's, relative to where they ran it.
const dataDir = values.in === undefined ? join(root, 'data') : resolve(values.in);
const out = values.out === undefined ? join(root, 'assets', 'dataset.json') : resolve(values.out);
const shown = relative(process.cwd(), dataDir) || '.';

let input;
try {
  input = readDataFolder({ folder: dataDir, root: process.cwd() });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const result = compileDataset(input);

if (!result.ok) {
  console.error(`${shown} has ${result.errors.length} error(s):`);
  for (const e of result.errors) console.error(`  ${formatCompileError(e)}`);
  process.exit(1);
}
// Written all the same: an import would accept the dataset and list these.
if (result.warnings.length > 0) {
  console.warn(`${shown} has ${result.warnings.length} warning(s):`);
  for (const w of result.warnings) console.warn(`  ${formatCompileError(w)}`);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result.dataset, null, 1)}\n`);
const d = result.dataset;
const count = (t: string) => d.entities.filter((e) => e.type === t).length;
console.log(
  `${relative(process.cwd(), out)}: ${d.name} ${d.version}: ${d.sources.length} sources, ` +
    `${count('person')} people, ${count('organization')} organizations, ${count('place')} places, ` +
    `${d.entities.reduce((n, e) => n + e.roles.length, 0)} roles, ` +
    `${d.entities.reduce((n, e) => n + e.mentions.length, 0)} mentions`,
);
