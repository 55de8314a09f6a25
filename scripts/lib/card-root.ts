import type { Page } from 'puppeteer-core';

/**
 * Reads inside the card's closed shadow root the way devtools do: through
 * CDP in Chromium and WebDriver BiDi in Firefox, both of which can hand a
 * closed root to a script. No page script has that reach, which is the point
 * of the closed root; the tests and `npm start` need it to see what the
 * reader sees.
 *
 * `fn` is the source of a function of the root; it runs in the page and its
 * result comes back through JSON. Resolves to null while no host with a
 * closed root sits under <html>.
 */
export async function inCardRoot<T>(page: Page, fn: string): Promise<T | null> {
  const json = 'browsingContext' in page.mainFrame() ? await viaBidi(page, fn) : await viaCdp(page, fn);
  return json === null ? null : (JSON.parse(json) as T);
}

const CALL = (fn: string) => `async function (root) { const v = await (${fn})(root); return JSON.stringify(v === undefined ? null : v); }`;

interface CdpNode {
  nodeName: string;
  backendNodeId: number;
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
}

async function viaCdp(page: Page, fn: string): Promise<string | null> {
  const client = await page.createCDPSession();
  try {
    const { root } = (await client.send('DOM.getDocument', { depth: 2, pierce: true })) as { root: CdpNode };
    const html = root.children?.find((n) => n.nodeName === 'HTML');
    const shadow = html?.children?.flatMap((n) => n.shadowRoots ?? []).find((s) => s.shadowRootType === 'closed');
    if (!shadow) return null;
    const { object } = await client.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const result = await client.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: `function () { return (${CALL(fn)})(this); }`,
      returnByValue: true,
      awaitPromise: true,
    });
    if (result.exceptionDetails) throw new Error(`in the card root: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
    return result.result.value as string;
  } finally {
    await client.detach().catch(() => {});
  }
}

interface BidiValue {
  type: string;
  value?: unknown;
  sharedId?: string;
}
interface BidiSession {
  send(method: string, params: object): Promise<{ result: { type: string; result?: BidiValue; exceptionDetails?: { text: string } } }>;
}

async function viaBidi(page: Page, fn: string): Promise<string | null> {
  // puppeteer-core's BiDi frame keeps its browsing context and session; neither is in its typings.
  const context = (page.mainFrame() as unknown as { browsingContext: { id: string; userContext: { browser: { session: BidiSession } } } }).browsingContext;
  const session = context.userContext.browser.session;
  const target = { context: context.id };
  const found = await session.send('script.evaluate', {
    expression: '[...document.documentElement.children]',
    target,
    awaitPromise: false,
    serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
  });
  const children = (found.result.result?.value ?? []) as BidiValue[];
  const shadow = children
    .map((c) => (c.value as { shadowRoot?: BidiValue & { value?: { mode?: string } } } | undefined)?.shadowRoot)
    .find((s) => s?.value?.mode === 'closed');
  if (!shadow?.sharedId) return null;
  const called = await session.send('script.callFunction', {
    functionDeclaration: CALL(fn),
    arguments: [{ sharedId: shadow.sharedId }],
    target,
    awaitPromise: true,
  });
  if (called.result.type !== 'success') throw new Error(`in the card root: ${called.result.exceptionDetails?.text}`);
  return called.result.result?.value as string;
}

/** The open card's text, or null while no card is shown. */
export function cardText(page: Page): Promise<string | null> {
  return inCardRoot<string>(page, `(root) => root.querySelector('[role=dialog]')?.innerText ?? null`);
}

export async function waitForCard(page: Page, predicate: (text: string | null) => boolean, timeoutMs = 10_000): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  let text: string | null = null;
  while (Date.now() < deadline) {
    text = await cardText(page);
    if (predicate(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  return text;
}
