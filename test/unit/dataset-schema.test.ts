import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetJsonSchema } from '../../scripts/lib/dataset-json-schema';
import { formatProblems } from '../../src/dataset/problem-english';
import { validateDataset } from '../../src/dataset/validate';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Problems as readable text, so a failure says what is wrong. */
function problemsOf(input: unknown): string {
  const result = validateDataset(input);
  return result.ok ? '' : formatProblems(result.problems, 50);
}

describe('docs/dataset.schema.json', () => {
  it('is what `npm run schema` generates from the zod schema', () => {
    expect(read('docs/dataset.schema.json')).toBe(`${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
  });

  it('does not require fields that have defaults', () => {
    const schema = datasetJsonSchema() as { required: string[]; properties: Record<string, { items: { required: string[] } }> };
    expect(schema.required).not.toContain('sources');
    expect(schema.properties.entities!.items.required).not.toContain('roles');
    expect(schema.properties.entities!.items.required).not.toContain('mentions');
  });
});

describe('docs/dataset-format.md', () => {
  it('has an example dataset that validates', () => {
    const block = /^```json\n([\s\S]*?)^```$/m.exec(read('docs/dataset-format.md'));
    expect(block, 'no ```json block').not.toBeNull();
    expect(problemsOf(JSON.parse(block![1]!))).toBe('');
  });
});

describe('assets/dataset.json', () => {
  it('validates', () => {
    expect(problemsOf(JSON.parse(read('assets/dataset.json')))).toBe('');
  });
});
