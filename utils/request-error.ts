import type { RequestType } from '../src/messages/protocol';

/**
 * The one error a request to the background rejects with. Its message is the
 * background's own words, fit to show a reader as they are.
 */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly requestType: RequestType,
    message: string,
  ) {
    super(message);
  }
}

/** What to show a reader for any failure: a RequestError's words, or the message of anything else thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
