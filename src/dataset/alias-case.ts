import type { Alias } from './schema';

/**
 * An all-capital acronym ("AFP", "NYSE", "AT&T"): at least two capitals and
 * no lower-case letter. Written in lower case it is usually a word or another
 * name, so it is matched with its own case unless the alias says otherwise.
 */
export function isAcronym(text: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(text) && /^[\p{Lu}\p{N}&.-]+$/u.test(text);
}

/** Whether an alias matches only with its own case: as it says, else by default for acronyms. */
export function isCaseSensitive(alias: Pick<Alias, 'text' | 'caseSensitive'>): boolean {
  return alias.caseSensitive ?? isAcronym(alias.text);
}
