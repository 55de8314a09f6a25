import type { Dictionary } from './dictionary';
import { scan, type Match } from './scan';

/** Entities named on the page by a full (non-contextual) alias. */
export function namedEntities({ dictionary: d, matches }: { dictionary: Dictionary; matches: Iterable<Match> }): Set<number> {
  const named = new Set<number>();
  for (const m of matches) for (const p of m.patterns) if (d.contextual[p] === 0) named.add(d.entity[p]!);
  return named;
}

/** Whether every contextual pattern in `matches` belongs to an entity in `named`. */
export function contextualConfirmed({ dictionary: d, matches, named }: { dictionary: Dictionary; matches: Iterable<Match>; named: ReadonlySet<number> }): boolean {
  for (const m of matches) for (const p of m.patterns) if (d.contextual[p] === 1 && !named.has(d.entity[p]!)) return false;
  return true;
}

/**
 * Scans one page's text (or one article) and keeps a contextual alias ("Ma")
 * only where the same text also names its entity in full ("Jack Ma").
 *
 * Usually one scan. When a contextual match must go, the text is scanned
 * again with those aliases disabled, so a longer contextual name that is
 * dropped cannot hide a shorter full name beneath it.
 */
export function scanPage({ dictionary, text }: { dictionary: Dictionary; text: string }): Match[] {
  const first = scan({ dictionary, text });
  const named = namedEntities({ dictionary, matches: first });
  if (contextualConfirmed({ dictionary, matches: first, named })) return first;
  return scan({ dictionary, text, allowContextual: (entity) => named.has(entity) });
}
