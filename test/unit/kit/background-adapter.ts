import type { RequestContext } from '../../../entrypoints/background/handlers';
import { routeMessage, type SenderKind } from '../../../entrypoints/background/router';
import type { testHandlers } from '../support/handlers';

/**
 * The kit's one call into the background's router. Whatever shape the
 * router's signature takes, only this file follows it.
 */
export type Handlers = ReturnType<typeof testHandlers>['handlers'];

export interface Sender {
  kind: SenderKind;
  url?: string | undefined;
  context?: RequestContext;
}

/** Validates, authorises and dispatches one message exactly as the worker does; resolves its { ok, … } envelope. */
export function route({ message, handlers, sender }: { message: unknown; handlers: Handlers; sender: Sender }): Promise<unknown> {
  return routeMessage({ message, kind: sender.kind, handlers, context: { url: sender.url, ...sender.context } });
}
