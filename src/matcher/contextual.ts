import type { Dictionary } from './dictionary';
import type { Match } from './scan';

/**
 * Keeps a contextual alias ("Ma") only where the same text (a page, an
 * article) also names its entity in full ("Jack Ma"), so a lone surname
 * on an unrelated page is never highlighted.
 */
export function resolveContextual({ dictionary: d, matches }: { dictionary: Dictionary; matches: readonly Match[] }): Match[] {
  const named = new Set<number>();
  for (const m of matches) for (const p of m.patterns) if (d.contextual[p] === 0) named.add(d.entity[p]!);
  const kept: Match[] = [];
  for (const m of matches) {
    const patterns = m.patterns.filter((p) => d.contextual[p] === 0 || named.has(d.entity[p]!));
    if (patterns.length === m.patterns.length) kept.push(m);
    else if (patterns.length > 0) kept.push({ ...m, patterns });
  }
  return kept;
}
