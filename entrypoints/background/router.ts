import { ProblemError } from '../../src/dataset/problem';
import { englishText } from '../../src/dataset/problem-english';
import { CONTENT_SCRIPT_REQUESTS, requests, requestSchema, type Request, type RequestType, type Response } from '../../src/messages/protocol';
import type { Handlers, RequestContext } from './handlers';

/** Who sent a message, as far as the browser vouches for it. */
export interface SenderInfo {
  /** The sending extension's id; anything but ours is refused. */
  id?: string | undefined;
  /** The sending document's URL: an extension page, or the page a content script runs in. */
  url?: string | undefined;
}

export type SenderKind = 'extension-page' | 'content-script' | 'foreign';

export function senderKind({ sender, extensionId, extensionOrigin }: { sender: SenderInfo; extensionId: string; extensionOrigin: string }): SenderKind {
  if (sender.id !== extensionId) return 'foreign';
  return sender.url?.startsWith(extensionOrigin) ? 'extension-page' : 'content-script';
}

/** Why this sender may not make this request, or null; who may send what is declared in requests.ts. */
function refusal(request: Request, kind: SenderKind): string | null {
  if (kind === 'foreign') return 'messages from other extensions are not accepted';
  if (kind === 'extension-page') return null;
  return requests[request.type].from === 'content-script' ? null : `"${request.type}" is not allowed from a content script`;
}

/**
 * Whether the message names a request that a content script may send, which
 * reads and never writes the store (requests.ts), so it need not wait for
 * the store's startup cleanup. It only picks what to wait for: routeMessage
 * still validates and authorises the message.
 */
export function writesNothing(message: unknown): boolean {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && CONTENT_SCRIPT_REQUESTS.has(type as RequestType);
}

/**
 * Validates, authorises and dispatches one message. Never throws: every
 * failure becomes { ok: false, error } so the sender gets an answer.
 */
export async function routeMessage({
  message,
  kind,
  handlers,
  context = {},
}: {
  message: unknown;
  kind: SenderKind;
  handlers: Handlers;
  context?: RequestContext;
}): Promise<Response<RequestType>> {
  const parsed = requestSchema.safeParse(message);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `malformed message: ${issue ? `${issue.path.join('.') || '(message)'}: ${issue.message}` : 'invalid'}` };
  }
  const request = parsed.data;
  const refused = refusal(request, kind);
  if (refused) return { ok: false, error: refused };
  try {
    const handler = handlers[request.type] as (r: Request, c: RequestContext) => Promise<unknown>;
    return { ok: true, value: await handler(request, context) } as Response<RequestType>;
  } catch (error) {
    // A problem goes with its English words, for logs; the page that asked says it in the reader's language.
    if (error instanceof ProblemError) return { ok: false, error: englishText(error.problem), problem: error.problem };
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
