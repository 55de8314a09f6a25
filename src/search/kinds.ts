/**
 * How one query token matches one name token, best first. Numbers so that
 * "the weakest token of a match" is a plain minimum.
 */
export const NONE = 0;
/** A prefix of the name token is one typo from the query token. */
export const TYPO_PREFIX = 1;
/** The whole name token is one typo from the query token. */
export const TYPO = 2;
/** A CJK query token found inside a CJK name token, not at its start. */
export const INFIX = 3;
export const PREFIX = 4;
export const EXACT = 5;
