import type { request as requestFn } from '../utils/messaging';

/**
 * The overlay's requests, bound to its signal: after abort none is sent, and
 * the answer (or error) of one already on its way never arrives, so nothing a
 * request started goes on in a torn-down overlay. Never settling rather than
 * rejecting, so no caller logs an error for an expected end.
 */
export function abortableRequest({ request, signal }: { request: typeof requestFn; signal: AbortSignal }): typeof requestFn {
  const never = new Promise<never>(() => {});
  const guarded = async (message: Parameters<typeof requestFn>[0]) => {
    if (signal.aborted) return never;
    try {
      const answer = await request(message);
      return signal.aborted ? never : answer;
    } catch (error) {
      if (signal.aborted) return never;
      throw error;
    }
  };
  return guarded as typeof requestFn;
}
