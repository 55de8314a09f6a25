/**
 * npm run schema: writes docs/dataset.schema.json, the JSON Schema of the
 * public dataset format, from src/dataset/schema.ts. A unit test fails when
 * the file and the zod schema disagree.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetJsonSchema } from './lib/dataset-json-schema';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'dataset.schema.json');

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
console.log(`wrote ${relative(root, out)}`);
