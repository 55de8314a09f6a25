import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDataset, formatCompileError, type CompileInput } from '../../scripts/lib/compile';
import { readDataFolder } from '../../scripts/lib/data-folder';
import { validateDataset } from '../../src/dataset/validate';

const ROOT = join(import.meta.dirname, '..', '..');
const example = () => readDataFolder({ folder: join(ROOT, 'docs/example-dataset'), root: ROOT });

function compiled(input: CompileInput) {
  const result = compileDataset(input);
  if (!result.ok) throw new Error(result.errors.map(formatCompileError).join('\n'));
  return result.dataset;
}

describe('the worked example in docs/example-dataset', () => {
  it('compiles into a valid dataset whose quotes lie at their offsets in the article', () => {
    const dataset = compiled(example());
    expect(validateDataset(dataset).ok).toBe(true);
    const text = dataset.sources.find((s) => s.id === 'vale-elected')!.text!;
    const quoted = dataset.entities.flatMap((e) => e.roles.flatMap((r) => r.evidence)).filter((ev) => ev.source === 'vale-elected');
    expect(quoted.length).toBe(3);
    for (const ev of quoted) expect(text.slice(ev.start, ev.end)).toBe(ev.quote);
  });

  it('cites a reference without text by its link, with no quote', () => {
    const dataset = compiled(example());
    expect(dataset.sources.find((s) => s.id === 'zorblax-board')).toEqual({
      id: 'zorblax-board',
      title: 'Board of directors',
      publisher: 'Zorblax Industries',
      url: 'https://zorblax.example/about/board',
    });
    const vale = dataset.entities.find((e) => e.id === 'quentin-vale')!;
    expect(vale.roles.find((r) => r.title === 'Non-executive director')?.evidence).toEqual([{ source: 'zorblax-board' }]);
    expect(vale.sameAs).toEqual(['wikidata:Q900001']);
  });

  it('refuses a quote that is not in the article, naming the file and entity', () => {
    const input = example();
    const people = input.entities.find((f) => f.file.endsWith('people.yaml'))!;
    const content = structuredClone(people.content) as { roles: { evidence: { quote?: string }[] }[] }[];
    content[0]!.roles[0]!.evidence[0]!.quote = 'elected Quentin Vale as president';
    const result = compileDataset({ ...input, entities: input.entities.map((f) => (f === people ? { ...f, content } : f)) });
    expect(result.ok ? [] : result.errors.map(formatCompileError)).toEqual([
      'docs/example-dataset/entities/people.yaml › "quentin-vale" › roles[0].evidence[0].quote: not found verbatim in source "vale-elected": "elected Quentin Vale as president"',
    ]);
  });

  it('asks for a quote when the cited source has text, and for a text or url on each source', () => {
    const input = example();
    const people = input.entities.find((f) => f.file.endsWith('people.yaml'))!;
    const content = structuredClone(people.content) as { roles: { evidence: { quote?: string }[] }[] }[];
    delete content[0]!.roles[0]!.evidence[0]!.quote;
    const sources = { ...input.sources, content: [...(input.sources.content as object[]), { id: 'nowhere', title: 'Nowhere' }] };
    const result = compileDataset({ ...input, sources, entities: input.entities.map((f) => (f === people ? { ...f, content } : f)) });
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
      'no text file docs/example-dataset/sources/nowhere.txt and no url',
      'source "vale-elected" has a text, so quote the words that back the role',
    ]);
  });
});
