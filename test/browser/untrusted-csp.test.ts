import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showExtensionPage, until } from './extension-page';
import { BROWSERS, firstInstallPage, launchWithExtension, type ExtensionBrowser } from './harness';

/**
 * The extension pages' CSP (wxt.config.ts) as the browser applies it: each
 * directive is tried from the options page, and the browser must report and
 * block it, while the page's own form still works. The targets are on
 * loopback, where nothing listens: Chromium lets chrome-extension:// URLs
 * bypass a page's CSP, so only another origin shows the policy at work.
 * untrusted-manifest.test.ts checks the policy as written.
 */
const ELSEWHERE = 'http://127.0.0.1:1/';

describe.each(BROWSERS)('%s: the extension pages CSP', (name) => {
  let eb: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    eb = await launchWithExtension(name);
    page = await firstInstallPage(eb);
    await showExtensionPage(eb, page, '/options.html');
    await page.evaluate(`
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.effectiveDirective));
    `);
  });
  afterAll(async () => {
    await eb?.close();
  });

  const violated = (directive: string) => until<boolean>(page, `window.__violations.includes(${JSON.stringify(directive)})`);

  it('base-uri: a <base> element does not change where relative URLs point', async () => {
    const before = (await page.evaluate('document.baseURI')) as string;
    await page.evaluate(`{
      const base = document.createElement('base');
      base.href = 'https://example.invalid/';
      document.head.append(base);
    }`);
    await violated('base-uri');
    expect(await page.evaluate('document.baseURI')).toBe(before);
    // Had it applied, it must not redirect the relative URLs of the tests after this one.
    await page.evaluate(`document.querySelector('base')?.remove()`);
  });

  it('form-action: a form cannot submit anywhere', async () => {
    await page.evaluate(`{
      const sink = document.createElement('iframe');
      sink.name = 'csp-sink';
      document.body.append(sink);
      const form = document.createElement('form');
      form.action = '${ELSEWHERE}posted';
      form.target = 'csp-sink';
      document.body.append(form);
      // Firefox throws NS_ERROR_CSP_FORM_ACTION_VIOLATION as well as reporting it.
      try { form.submit(); } catch {}
    }`);
    await violated('form-action');
  });

  it('connect-src: no request leaves an extension page', async () => {
    await page.evaluate(`fetch('${ELSEWHERE}fetch').catch(() => {})`);
    await violated('connect-src');
  });

  // Firefox has no plugins: an <object> there reports no violation to observe.
  it.runIf(name === 'chromium')('object-src: no plugin content loads', async () => {
    await page.evaluate(`{
      const object = document.createElement('object');
      object.data = '${ELSEWHERE}plugin';
      document.body.append(object);
    }`);
    await violated('object-src');
  });

  it('frame-ancestors: an extension page cannot be framed, even by another extension page', async () => {
    const loaded = (await page.evaluate(`new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.src = location.origin + '/popup.html';
      frame.addEventListener('load', () => {
        let body = null;
        try { body = frame.contentDocument?.body?.childElementCount ?? null; } catch {}
        // Had it loaded, the popup would take the focus from the tests after this one.
        frame.remove();
        resolve(body);
      });
      document.body.append(frame);
    })`)) as number | null;
    // The popup mounts its app into the body; a blocked frame has no such document to read.
    expect(loaded ?? 0).toBe(0);
  });

  it("still runs the page's own form: adding a site to turn off", async () => {
    await page.evaluate(`{
      const input = document.querySelector('form.add-site input[name=host]');
      input.focus();
    }`);
    await page.keyboard.type('csp.example');
    await page.keyboard.press('Enter');
    await until(page, `[...document.querySelectorAll('[data-testid=sites] li')].some((li) => li.textContent.includes('csp.example'))`);
  });

  it('logs nothing but the violations it was asked to cause', () => {
    const unexpected = eb.errors.filter((e) => !/Content.Security.Policy|Content-Security-Policy|CSP|frame-ancestors|form-action|base-uri|object-src/i.test(e));
    expect(unexpected).toEqual([]);
  });
});
