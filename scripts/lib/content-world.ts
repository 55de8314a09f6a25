import type { CDPSession } from 'puppeteer-core';

interface Context {
  id: number;
  name: string;
  auxData?: { type?: string };
}

/**
 * The Factlens content script's isolated world in the page that `cdp` is
 * attached to (Chromium), waiting up to `timeoutMs` for it to start: tests
 * and benches evaluate there to act as the content script does.
 */
export async function contentScriptWorld(cdp: CDPSession, timeoutMs = 5_000): Promise<number> {
  const contexts: Context[] = [];
  const created = (e: { context: Context }) => contexts.push(e.context);
  cdp.on('Runtime.executionContextCreated', created);
  // Enabling reports every existing context.
  await cdp.send('Runtime.enable');
  const find = () => contexts.find((c) => c.name === 'Factlens' && c.auxData?.type === 'isolated');
  for (const deadline = Date.now() + timeoutMs; !find() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
  cdp.off('Runtime.executionContextCreated', created);
  const world = find();
  if (!world) throw new Error(`no content-script world among ${JSON.stringify(contexts.map((c) => c.name))}`);
  return world.id;
}

/** Evaluates `expression` in the context `contextId`, awaiting a promise, and returns its value; throws what it throws. */
export async function evaluateIn<T>(cdp: CDPSession, contextId: number, expression: string): Promise<T> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) throw new Error(`${exceptionDetails.text} ${exceptionDetails.exception?.description ?? ''}`);
  return result.value as T;
}
