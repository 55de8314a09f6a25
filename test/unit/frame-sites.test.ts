import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../entrypoints/background/db';
import type { RequestContext } from '../../entrypoints/background/handlers';
import { routeMessage } from '../../entrypoints/background/router';
import { testHandlers } from './support/handlers';

const db = openDb({ name: 'factlens-frame-sites-test' });
const { handlers, told, topFrames } = testHandlers({ db });

/** Whether the overlay may run in a frame, asked as that frame's content script would. */
async function enabledIn(context: RequestContext): Promise<unknown> {
  const answer = await routeMessage({ message: { type: 'getPageSettings' }, kind: 'content-script', handlers, context });
  if (!answer.ok) throw new Error(answer.error);
  return (answer.value as { enabled: boolean }).enabled;
}

beforeAll(async () => {
  await handlers.setSiteSettings({ type: 'setSiteSettings', host: 'off.test', enabled: false });
});

describe('which site a frame follows', () => {
  it("a top frame follows its own address, however the host is spelled", async () => {
    expect(await enabledIn({ tabId: 1, frameId: 0, url: 'https://on.test/a' })).toBe(true);
    for (const url of ['https://off.test/a', 'https://OFF.test.:8443/b']) {
      expect(await enabledIn({ tabId: 1, frameId: 0, url }), url).toBe(false);
    }
  });

  it("a frame follows its tab's top-level site, not its own", async () => {
    topFrames.set(2, 'off.test:8080');
    expect(await enabledIn({ tabId: 2, frameId: 5, url: 'https://ads.on.test/frame' })).toBe(false);
    topFrames.set(3, 'on.test');
    expect(await enabledIn({ tabId: 3, frameId: 5, url: 'https://off.test/frame' })).toBe(true);
  });

  it('a frame whose top-level site is unknown stays quiet, and is woken when the top frame starts', async () => {
    const before = told.length;
    expect(await enabledIn({ tabId: 4, frameId: 7, url: 'https://ads.test/frame' })).toBe(false);
    expect(await enabledIn({ tabId: 4, frameId: 8, url: 'https://ads.test/frame' })).toBe(false);
    expect(told.slice(before)).toEqual([]);
    expect(await enabledIn({ tabId: 4, frameId: 0, url: 'https://on.test/' })).toBe(true);
    expect(told.slice(before)).toEqual([
      { tabId: 4, frameId: 7, message: { type: 'settingsChanged' } },
      { tabId: 4, frameId: 8, message: { type: 'settingsChanged' } },
    ]);
    // Woken once: the top frame asking again wakes no one.
    await enabledIn({ tabId: 4, frameId: 0, url: 'https://on.test/' });
    expect(told.length).toBe(before + 2);
  });

  it('an answer from the top frame that is not a host, or a sender without a tab, leaves the frame quiet', async () => {
    for (const [i, answer] of [{ host: 'on.test' }, 'on test', '*.on.test', '', 42, null].entries()) {
      topFrames.set(10 + i, answer);
      expect(await enabledIn({ tabId: 10 + i, frameId: 3, url: 'https://on.test/' }), JSON.stringify(answer)).toBe(false);
    }
    expect(await enabledIn({ frameId: 0, url: 'https://on.test/' })).toBe(false);
    expect(await enabledIn({ tabId: 1, url: 'https://on.test/' })).toBe(false);
  });

  it('a top frame without a host (about:blank, data:) stays quiet', async () => {
    expect(await enabledIn({ tabId: 20, frameId: 0, url: 'about:blank' })).toBe(false);
  });
});
