/**
 * npm run data: compiles data/ (YAML and source texts) into
 * assets/dataset.json, the bundled dataset in the public format.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compileDataset, formatCompileError, type DataFile } from './lib/compile';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'data');
const out = join(root, 'assets', 'dataset.json');

function readYaml(path: string): DataFile {
  const file = relative(root, path);
  try {
    return { file, content: parse(readFileSync(path, 'utf8'), { prettyErrors: true }) };
  } catch (error) {
    console.error(`${file}: ${(error as Error).message}`);
    process.exit(1);
  }
}

const texts = new Map<string, string>();
for (const name of readdirSync(join(dataDir, 'sources'))) {
  if (name.endsWith('.txt')) texts.set(name.slice(0, -4), readFileSync(join(dataDir, 'sources', name), 'utf8'));
}
const entityDir = join(dataDir, 'entities');
const result = compileDataset({
  meta: readYaml(join(dataDir, 'dataset.yaml')),
  sources: readYaml(join(dataDir, 'sources.yaml')),
  texts,
  entities: readdirSync(entityDir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => readYaml(join(entityDir, n))),
});

if (!result.ok) {
  console.error(`data/ has ${result.errors.length} error(s):`);
  for (const e of result.errors) console.error(`  ${formatCompileError(e)}`);
  process.exit(1);
}
// Written all the same: an import would accept the dataset and list these.
if (result.warnings.length > 0) {
  console.warn(`data/ has ${result.warnings.length} warning(s):`);
  for (const w of result.warnings) console.warn(`  ${formatCompileError(w)}`);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result.dataset, null, 1)}\n`);
const d = result.dataset;
const count = (t: string) => d.entities.filter((e) => e.type === t).length;
console.log(
  `${relative(root, out)}: ${d.name} ${d.version}: ${d.sources.length} sources, ` +
    `${count('person')} people, ${count('organization')} organizations, ${count('place')} places, ${count('event')} events, ` +
    `${d.entities.reduce((n, e) => n + e.roles.length, 0)} roles, ` +
    `${d.entities.reduce((n, e) => n + e.mentions.length, 0)} mentions`,
);
