import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { startStaticServer, type StaticServer, type StaticServerOptions } from '../../scripts/lib/static-server';
import { datasetsListed } from './extension-page';
import { firstInstallPage, launchWithExtension, type BrowserName, type ExtensionBrowser } from './harness';

/** What a suite's tests share: the browser with Factlens, its first-install options tab, and the suite's own pages. */
export interface ExtensionSession {
  eb: ExtensionBrowser;
  /** The options page, with the datasets listed. */
  options: Page;
  server: StaticServer;
}

/**
 * The set-up most browser suites share, as their own beforeAll and afterAll:
 * serve `serve`, launch `name` with Factlens, take the first-install tab and
 * wait until it lists the datasets; close both after the suite. The fields
 * are filled in once the suite's first hook has run.
 */
export function extensionSession(name: BrowserName, serve: StaticServerOptions): ExtensionSession {
  const session = {} as ExtensionSession;
  beforeAll(async () => {
    session.server = await startStaticServer(serve);
    session.eb = await launchWithExtension(name);
    session.options = await firstInstallPage(session.eb);
    await datasetsListed(session.options);
  });
  afterAll(async () => {
    await session.eb?.close();
    await session.server?.close();
  });
  return session;
}
