import type { request as requestFn } from '../utils/messaging';

/**
 * `request`, gone quiet once `gone()` holds: nothing more is sent, and the
 * answer (or error) of a request already on its way never arrives. Never
 * settling rather than rejecting, so no caller logs an error for an
 * expected end. The overlay uses it for its abort signal, the content script
 * for an extension that was reloaded or removed.
 */
export function quietOnceGone({ request, gone }: { request: typeof requestFn; gone: () => boolean }): typeof requestFn {
  const never = new Promise<never>(() => {});
  const guarded = async (message: Parameters<typeof requestFn>[0]) => {
    if (gone()) return never;
    try {
      const answer = await request(message);
      return gone() ? never : answer;
    } catch (error) {
      if (gone()) return never;
      throw error;
    }
  };
  return guarded as typeof requestFn;
}

/** The overlay's requests, bound to its signal, so nothing a request started goes on in a torn-down overlay. */
export function abortableRequest({ request, signal }: { request: typeof requestFn; signal: AbortSignal }): typeof requestFn {
  return quietOnceGone({ request, gone: () => signal.aborted });
}
