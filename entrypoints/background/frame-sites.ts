import { hostPattern } from '../../src/messages/protocol';
import { siteHost, siteOfUrl } from '../../src/site-host';

/** Where a request came from, as the browser tells it. */
export interface FrameOfSender {
  tabId?: number | undefined;
  frameId?: number | undefined;
  /** The sending frame's own address. */
  url?: string | undefined;
}

/**
 * Frames told that their tab's site is unknown, kept so that they can be
 * woken once the top frame speaks. Bounded because a tab whose top frame
 * never runs Factlens (a browser page holding web frames) never wakes them.
 */
const MAX_WAITING_TABS = 100;
const MAX_WAITING_FRAMES = 100;

/**
 * The site whose settings a frame follows: the top-level site of its tab.
 *
 * Neither browser lets Factlens read a tab's address from a content script's
 * message with the permissions it has: Chromium fills `sender.tab.url`, but
 * Firefox leaves it out without the "tabs" permission or host permissions.
 * So the top frame's site comes from its own address (`sender.url`, which the
 * browser vouches for), and any other frame's from asking the top frame's
 * content script (`askTopFrame`), which needs no permission. Nothing is
 * cached: a tab's top frame can navigate at any moment.
 *
 * A frame that asks before the top frame's content script has started gets
 * null and stays quiet; `wake` tells it to ask again once the top frame has
 * asked for its own settings.
 */
export function createFrameSites({
  askTopFrame,
  wake,
}: {
  /** The top frame's host as its content script reads it; rejects when there is none. */
  askTopFrame(tabId: number): Promise<unknown>;
  wake(tabId: number, frameId: number): void;
}) {
  const waiting = new Map<number, Set<number>>();

  function wait(tabId: number, frameId: number): void {
    const frames = waiting.get(tabId) ?? new Set<number>();
    if (frames.size >= MAX_WAITING_FRAMES) return;
    frames.add(frameId);
    waiting.delete(tabId);
    waiting.set(tabId, frames);
    if (waiting.size > MAX_WAITING_TABS) waiting.delete(waiting.keys().next().value!);
  }

  return {
    async siteOf({ tabId, frameId, url }: FrameOfSender): Promise<string | null> {
      if (tabId === undefined || frameId === undefined) return null;
      if (frameId === 0) {
        const site = siteOfUrl(url);
        const frames = waiting.get(tabId);
        waiting.delete(tabId);
        if (site !== null) for (const frame of frames ?? []) wake(tabId, frame);
        return site;
      }
      const answer = await askTopFrame(tabId).catch(() => null);
      const site = typeof answer === 'string' ? siteHost(answer) : null;
      if (site !== null && !site.startsWith('*') && hostPattern.safeParse(site).success) return site;
      wait(tabId, frameId);
      return null;
    },
  };
}
