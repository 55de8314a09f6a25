import { posix, win32 } from 'node:path';

/**
 * Where each browser Factlens can run in is usually installed, per OS, in the
 * order they are tried. Neither @puppeteer/browsers (Google Chrome only) nor
 * chrome-launcher (Chrome and Chromium, no Edge or Firefox) knows all of these,
 * and both probe the real disk, so the paths are stated here, once; Google
 * Chrome's are the ones @puppeteer/browsers' computeSystemExecutablePath tries.
 */
export type BrowserName = 'chromium' | 'firefox';

export interface Product {
  /** What a reader calls it, e.g. "Google Chrome Beta". */
  product: string;
  /** Absolute paths to try. */
  paths: string[];
  /** Command names to look for in each $PATH directory (Linux and macOS). */
  commands?: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

const LINUX: Record<BrowserName, Product[]> = {
  chromium: [
    { product: 'Chromium', paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'], commands: ['chromium', 'chromium-browser'] },
    { product: 'Google Chrome', paths: ['/opt/google/chrome/chrome'], commands: ['google-chrome-stable', 'google-chrome'] },
    { product: 'Google Chrome Beta', paths: ['/opt/google/chrome-beta/chrome'], commands: ['google-chrome-beta'] },
    { product: 'Google Chrome Dev', paths: ['/opt/google/chrome-unstable/chrome'], commands: ['google-chrome-unstable'] },
    { product: 'Google Chrome Canary', paths: ['/opt/google/chrome-canary/chrome'], commands: ['google-chrome-canary'] },
    { product: 'Microsoft Edge', paths: ['/opt/microsoft/msedge/msedge'], commands: ['microsoft-edge-stable', 'microsoft-edge'] },
  ],
  // ESR first: only ESR, Developer Edition and Nightly accept the unsigned
  // extension that launch-browser.ts installs into the profile.
  firefox: [
    { product: 'Firefox ESR', paths: ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr'], commands: ['firefox-esr'] },
    { product: 'Firefox', paths: ['/usr/bin/firefox', '/usr/lib/firefox/firefox', '/snap/bin/firefox', '/opt/firefox/firefox'], commands: ['firefox'] },
  ],
};

const MAC_APPS: Record<BrowserName, [product: string, app: string, binary: string][]> = {
  chromium: [
    ['Chromium', 'Chromium', 'Chromium'],
    ['Google Chrome', 'Google Chrome', 'Google Chrome'],
    ['Google Chrome Beta', 'Google Chrome Beta', 'Google Chrome Beta'],
    ['Google Chrome Dev', 'Google Chrome Dev', 'Google Chrome Dev'],
    ['Google Chrome Canary', 'Google Chrome Canary', 'Google Chrome Canary'],
    ['Microsoft Edge', 'Microsoft Edge', 'Microsoft Edge'],
  ],
  // Firefox ESR installs as Firefox.app, as release Firefox does.
  firefox: [
    ['Firefox Developer Edition', 'Firefox Developer Edition', 'firefox'],
    ['Firefox Nightly', 'Firefox Nightly', 'firefox'],
    ['Firefox or Firefox ESR', 'Firefox', 'firefox'],
  ],
};

const WINDOWS_DIRS: Record<BrowserName, [product: string, dir: string, exe: string][]> = {
  chromium: [
    ['Chromium', 'Chromium\\Application', 'chrome.exe'],
    ['Google Chrome', 'Google\\Chrome\\Application', 'chrome.exe'],
    ['Google Chrome Beta', 'Google\\Chrome Beta\\Application', 'chrome.exe'],
    ['Google Chrome Dev', 'Google\\Chrome Dev\\Application', 'chrome.exe'],
    ['Google Chrome Canary', 'Google\\Chrome SxS\\Application', 'chrome.exe'],
    ['Microsoft Edge', 'Microsoft\\Edge\\Application', 'msedge.exe'],
  ],
  firefox: [
    ['Firefox Developer Edition', 'Firefox Developer Edition', 'firefox.exe'],
    ['Firefox Nightly', 'Firefox Nightly', 'firefox.exe'],
    ['Firefox or Firefox ESR', 'Mozilla Firefox', 'firefox.exe'],
  ],
};

/** The places to look for `name` on `platform`, most wanted first. */
export function systemProducts(name: BrowserName, platform: NodeJS.Platform, env: Env, homedir: string): Product[] {
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)'], 'C:\\Program Files', 'C:\\Program Files (x86)'];
    const unique = [...new Set(roots.filter((r): r is string => !!r))];
    return WINDOWS_DIRS[name].map(([product, dir, exe]) => ({ product, paths: unique.map((root) => win32.join(root, dir, exe)) }));
  }
  if (platform === 'darwin') {
    return MAC_APPS[name].map(([product, app, binary]) => ({
      product,
      paths: ['/Applications', posix.join(homedir, 'Applications')].map((root) => posix.join(root, `${app}.app`, 'Contents/MacOS', binary)),
    }));
  }
  return LINUX[name];
}
