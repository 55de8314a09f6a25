import { browser } from 'wxt/browser';
import { parseProblemText } from '../src/dataset/problem';
import type { RequestIn, RequestType, ResponseMap } from '../src/messages/protocol';
import { RequestError } from './request-error';

function isEnvelope(value: unknown): value is { ok: true; value: unknown } | { ok: false; error: string; problem?: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true ? 'value' in v : v.ok === false && typeof v.error === 'string';
}

/** Sends one typed request to the background and unwraps its answer, throwing a RequestError. */
export async function request<T extends RequestType>(message: RequestIn<T>): Promise<ResponseMap[T]> {
  const answer: unknown = await browser.runtime.sendMessage(message);
  if (!isEnvelope(answer)) throw new RequestError(message.type, `no valid answer to "${message.type}"`);
  if (!answer.ok) throw new RequestError(message.type, answer.error, parseProblemText(answer.problem));
  return answer.value as ResponseMap[T];
}
