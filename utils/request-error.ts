import { ProblemError, type ProblemText } from '../src/dataset/problem';
import type { RequestType } from '../src/messages/protocol';
import { problemText } from './i18n';

/**
 * The one error a request to the background rejects with. Its message is the
 * background's own words; a refusal the background could say as a problem
 * carries it too, to be said in the reader's language.
 */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly requestType: RequestType,
    message: string,
    readonly problem?: ProblemText,
  ) {
    super(message);
  }
}

/** What to show a reader for any failure: a problem in their language, else the words of what was thrown. */
export function errorMessage(error: unknown): string {
  const problem = error instanceof RequestError || error instanceof ProblemError ? error.problem : undefined;
  // A code this version has no message for reads as '': the background's English words then.
  const said = problem ? problemText(problem) : '';
  if (said) return said;
  return error instanceof Error ? error.message : String(error);
}
