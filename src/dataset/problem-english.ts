import en from '../../public/_locales/en/messages.json';
import { fillMessage } from '../format/fill-message';
import type { Problem, ProblemText } from './problem';

/**
 * A problem in English, from the English messages the extension ships: the
 * command-line tools (`npm run convert`, `npm run data`) and tests say what
 * the options page says in an English browser, with no second copy of a
 * sentence.
 */
export function englishText({ code, params }: ProblemText): string {
  return fillMessage(
    en[code].message,
    params.map((p) => (typeof p === 'object' ? englishText(p) : String(p))),
  );
}

/** "$.entities[0].name: must not be empty", one a line, then how many more there are. */
export function formatProblems(problems: readonly Problem[], limit = 10): string {
  const shown = problems.slice(0, limit).map((p) => `${p.path}: ${englishText(p)}`);
  if (problems.length > limit) shown.push(`… and ${problems.length - limit} more`);
  return shown.join('\n');
}
