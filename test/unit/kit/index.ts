/**
 * The component test kit. A test file starts with
 *
 *   // @vitest-environment happy-dom
 *   vi.mock('wxt/browser', () => import('./kit/browser'));
 *   const kit = useKit();
 *
 * and then renders pages with kit.screen.show(...). Their requests go
 * through the real client (utils/messaging.ts), router and handlers to a
 * fake-indexeddb store seeded with the bundled dataset; tests arrange and
 * inspect that store through kit.background.handlers, inject failures with
 * kit.background.fail/override, and hold answers with kit.background.hold.
 */
import { afterEach, beforeEach } from 'vitest';
import type { Broadcast } from '../../../src/messages/protocol';
import { browser, connect } from './browser';
import { createScreen, settleWith, type Screen } from './dom';
import { startBackground, type FakeBackground } from './fake-background';

export { openTab } from './browser';
export * from './dom';
export { bundledDataset } from './fake-background';

export interface Kit {
  /** The real background behind the pages, over a fresh store seeded with the bundled dataset. */
  background: FakeBackground;
  screen: Screen;
  /** Everything asked of the background answered and rendered. */
  settle(): Promise<void>;
  /** Sends a message to the pages' listeners, as the background's broadcasts arrive. */
  broadcast(message: unknown): Promise<void>;
}

/**
 * One kit per test: a fresh background and store, no tabs, an empty screen.
 * Call at the top of a test file (after vi.mock('wxt/browser', …)); the
 * returned object's fields are replaced before each test.
 */
export function useKit(): Kit {
  const kit = {} as Kit;
  const deliver = (message: unknown) => void browser.runtime.onMessage.trigger(message, {});
  beforeEach(async () => {
    browser.reset();
    kit.background = await startBackground({
      onBroadcast: (message: Broadcast) => deliver(message),
      pageUrl: browser.runtime.getURL('/'),
    });
    connect(kit.background);
    kit.screen = createScreen();
    kit.settle = () => settleWith(kit.background.idle);
    kit.broadcast = async (message) => {
      deliver(message);
      await kit.settle();
    };
  });
  afterEach(async () => {
    kit.screen.unmount();
    connect(null);
    await kit.background.stop();
  });
  return kit;
}

