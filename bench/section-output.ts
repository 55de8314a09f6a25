import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Writes a bench section's figures to bench/out/<name>.json and its table to <name>.md, where bench/run.ts gathers them, and prints the table. */
export function writeSectionOutput(name: string, figures: unknown, markdown: string): void {
  const out = resolve(import.meta.dirname, 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, `${name}.json`), `${JSON.stringify(figures, null, 1)}\n`);
  writeFileSync(resolve(out, `${name}.md`), markdown);
  console.log(`\n${markdown}`);
}
