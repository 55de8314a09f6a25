import { problem, type ProblemText } from '../dataset/problem';

/**
 * Splits text fed in arbitrary pieces into lines, numbered from 1. A line
 * ends at \n; a \r before it is dropped. Only the unfinished last line is
 * held between pieces.
 */
export function createLineSplitter(onLine: (line: string, lineNumber: number) => void) {
  let rest = '';
  let lineNumber = 0;
  return {
    push(text: string): void {
      const parts = (rest + text).split('\n');
      rest = parts.pop()!;
      for (const part of parts) onLine(part.endsWith('\r') ? part.slice(0, -1) : part, ++lineNumber);
    },
    end(): void {
      if (rest.length > 0) onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest, ++lineNumber);
      rest = '';
      lineNumber = 0;
    },
  };
}

/**
 * One JSON value per line (NDJSON), tolerating the shape of a JSON array
 * written one element per line, as Wikidata's dumps are: a lone "[" or "]"
 * and a comma at the end of each line. Blank lines are skipped.
 */
export function parseJsonLine(line: string): { value: unknown } | { error: ProblemText } | null {
  let text = line.trim();
  if (text === '' || text === '[' || text === ']') return null;
  if (text.endsWith(',')) text = text.slice(0, -1);
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: problem('problemNotJson', error instanceof Error ? error.message : String(error)) };
  }
}
