import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { CompileInput, DataFile } from './compile';

/**
 * Reads an authoring folder (docs/authoring.md): dataset.yaml, sources.yaml,
 * sources/<id>.txt and entities/*.yaml. Paths in messages are relative to
 * `root`. Throws with the file name when a YAML file does not parse.
 */
export function readDataFolder({ folder, root }: { folder: string; root: string }): CompileInput {
  const readYaml = (path: string): DataFile => {
    const file = relative(root, path);
    try {
      return { file, content: parse(readFileSync(path, 'utf8'), { prettyErrors: true }) };
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
    }
  };
  const textDir = join(folder, 'sources');
  const texts = new Map<string, string>();
  if (existsSync(textDir)) {
    for (const name of readdirSync(textDir)) {
      if (name.endsWith('.txt')) texts.set(name.slice(0, -4), readFileSync(join(textDir, name), 'utf8'));
    }
  }
  const entityDir = join(folder, 'entities');
  return {
    meta: readYaml(join(folder, 'dataset.yaml')),
    sources: readYaml(join(folder, 'sources.yaml')),
    texts,
    folder: relative(root, folder) || '.',
    entities: readdirSync(entityDir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort()
      .map((n) => readYaml(join(entityDir, n))),
  };
}
