import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findBrowser,
  findBrowsers,
  firefoxHasLanguagePack,
  installCommand,
  NO_BROWSER_EXIT_CODE,
  NoBrowserError,
  noBrowserMessage,
  offerableInstall,
  requireBrowser,
  type LookupDeps,
} from '../../scripts/lib/find-browser';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';

/** A machine whose only executables are `files`, with puppeteer's cache holding `cached`. */
function fake(
  platform: NodeJS.Platform,
  files: string[],
  { env = {}, cached = [], osRelease = '' }: { env?: Record<string, string>; cached?: { browser: string; path: string }[]; osRelease?: string } = {},
): LookupDeps {
  // Made-up homes: the lookup sees a home only through its deps.
  const home = platform === 'win32' ? 'C:\\Users\\Ann Lee' : platform === 'darwin' ? '/Volumes/Home/ann' : '/srv/ann';
  const executables = new Set([...files, ...cached.map((c) => c.path)]);
  return {
    platform,
    env: { PATH: platform === 'win32' ? undefined : '/usr/local/bin:/usr/bin:/bin', ...env },
    homedir: home,
    isExecutable: (path) => executables.has(path),
    cached: (dir) => (dir.startsWith(home) ? cached : []),
    osRelease: () => osRelease,
  };
}

const WINDOWS_ENV = { LOCALAPPDATA: 'C:\\Users\\Ann Lee\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };

describe('finding a browser', () => {
  it('Linux: Debian’s chromium and firefox-esr', () => {
    const found = findBrowsers(fake('linux', ['/usr/bin/chromium', '/usr/bin/firefox-esr']));
    expect(found.map((b) => [b.name, b.product, b.path])).toEqual([
      ['chromium', 'Chromium', '/usr/bin/chromium'],
      ['firefox', 'Firefox ESR', '/usr/bin/firefox-esr'],
    ]);
  });

  it('Linux: Google Chrome Beta in /opt, Firefox as a command on $PATH', () => {
    const deps = fake('linux', ['/opt/google/chrome-beta/chrome', '/usr/local/bin/firefox']);
    expect(findBrowser('chromium', deps).found).toMatchObject({ product: 'Google Chrome Beta', path: '/opt/google/chrome-beta/chrome' });
    expect(findBrowser('firefox', deps).found).toMatchObject({ product: 'Firefox', path: '/usr/local/bin/firefox' });
  });

  it('Linux: Chromium before Google Chrome before Edge when several are installed', () => {
    const edge = '/opt/microsoft/msedge/msedge';
    expect(findBrowser('chromium', fake('linux', [edge, '/opt/google/chrome/chrome'])).found?.product).toBe('Google Chrome');
    expect(findBrowser('chromium', fake('linux', [edge])).found?.product).toBe('Microsoft Edge');
  });

  it('macOS: Google Chrome Canary and Firefox in /Applications, Chromium in ~/Applications', () => {
    const canary = '/Applications/Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary';
    const firefox = '/Applications/Firefox.app/Contents/MacOS/firefox';
    expect(findBrowsers(fake('darwin', [canary, firefox])).map((b) => b.path)).toEqual([canary, firefox]);
    const chromium = '/Volumes/Home/ann/Applications/Chromium.app/Contents/MacOS/Chromium';
    expect(findBrowser('chromium', fake('darwin', [canary, chromium])).found?.path).toBe(chromium);
  });

  it('Windows: Chrome per user under LOCALAPPDATA, Edge and Firefox under Program Files', () => {
    const chrome = 'C:\\Users\\Ann Lee\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const firefox = 'C:\\Program Files\\Mozilla Firefox\\firefox.exe';
    expect(findBrowsers(fake('win32', [chrome, firefox], { env: WINDOWS_ENV })).map((b) => b.path)).toEqual([chrome, firefox]);
    expect(findBrowser('chromium', fake('win32', [edge], { env: WINDOWS_ENV })).found?.product).toBe('Microsoft Edge');
  });

  it('takes CHROME_PATH and FIREFOX_PATH before any install location', () => {
    const deps = fake('linux', ['/usr/bin/chromium', '/usr/bin/firefox-esr', '/srv/chrome', '/srv/ff'], {
      env: { CHROME_PATH: '/srv/chrome', FIREFOX_PATH: '/srv/ff' },
    });
    expect(findBrowsers(deps).map((b) => b.path)).toEqual(['/srv/chrome', '/srv/ff']);
  });

  it('stops at an override that names no executable, rather than opening another browser', () => {
    const lookup = findBrowser('chromium', fake('linux', ['/usr/bin/chromium'], { env: { CHROME_PATH: '/srv/missing' } }));
    expect(lookup.found).toBeUndefined();
    expect(lookup.badOverride).toEqual({ variable: 'CHROME_PATH', path: '/srv/missing' });
  });

  it('falls back to what @puppeteer/browsers installed in its cache (not chrome-headless-shell)', () => {
    const cached = [
      { browser: 'chrome-headless-shell', path: '/srv/ann/.cache/puppeteer/chrome-headless-shell/linux-1/chrome-headless-shell' },
      { browser: 'chrome', path: '/srv/ann/.cache/puppeteer/chrome/linux-1/chrome-linux64/chrome' },
    ];
    const found = findBrowsers(fake('linux', [], { cached }));
    expect(found.map((b) => [b.name, b.path])).toEqual([['chromium', cached[1]!.path]]);
  });
});

describe('when no browser is found', () => {
  it('Linux: names what it looked for and where, the install command and CHROME_PATH, and exits with its own code', () => {
    const deps = fake('linux', [], { osRelease: DEBIAN });
    expect(findBrowsers(deps)).toEqual([]);
    const error = (() => {
      try {
        requireBrowser('chromium', deps);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(NoBrowserError);
    expect((error as NoBrowserError).exitCode).toBe(NO_BROWSER_EXIT_CODE);
    expect(NO_BROWSER_EXIT_CODE).not.toBe(0);
    const message = (error as NoBrowserError).message;
    for (const looked of ['Chromium', '/usr/bin/chromium', 'Google Chrome Canary', '/opt/google/chrome-canary/chrome', 'Microsoft Edge', '/srv/ann/.cache/puppeteer']) {
      expect(message).toContain(looked);
    }
    expect(message).toContain('sudo apt-get install chromium');
    expect(message).toContain('CHROME_PATH=/path/to/chrome npm start');
  });

  it('names both kinds when asked for both', () => {
    const message = noBrowserMessage(['chromium', 'firefox'], fake('linux', []));
    expect(message).toMatch(/No Chromium-based browser found/);
    expect(message).toMatch(/No Firefox found/);
    expect(message).toContain('/usr/bin/firefox-esr');
  });

  it('gives each OS its own install command and CHROME_PATH example', () => {
    const mac = noBrowserMessage(['chromium'], fake('darwin', []));
    expect(mac).toContain('brew install --cask chromium');
    expect(mac).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    const windows = noBrowserMessage(['chromium'], fake('win32', [], { env: WINDOWS_ENV }));
    expect(windows).toMatch(/winget install/);
    expect(windows).toContain('set CHROME_PATH=');
    expect(windows).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(installCommand(fake('linux', [], { osRelease: UBUNTU }))).toBe('sudo snap install chromium');
  });

  it('offers to install Chromium only on Debian, and only to root', () => {
    expect(offerableInstall(fake('linux', [], { osRelease: DEBIAN }), true)?.at(-1)).toEqual(['apt-get', 'install', '-y', 'chromium']);
    expect(offerableInstall(fake('linux', [], { osRelease: DEBIAN }), false)).toBeNull();
    expect(offerableInstall(fake('linux', [], { osRelease: UBUNTU }), true)).toBeNull();
    expect(offerableInstall(fake('darwin', []), true)).toBeNull();
  });
});

describe('a Firefox language pack', () => {
  it('is found beside the executable a symlink leads to, for the locale asked, and nowhere else', () => {
    const root = mkdtempSync(join(tmpdir(), 'factlens-langpack-'));
    try {
      const lib = join(root, 'lib', 'firefox-esr');
      mkdirSync(join(lib, 'browser', 'extensions'), { recursive: true });
      writeFileSync(join(lib, 'firefox-esr'), '');
      mkdirSync(join(root, 'bin'));
      symlinkSync(join(lib, 'firefox-esr'), join(root, 'bin', 'firefox-esr'));
      const exe = join(root, 'bin', 'firefox-esr');
      expect(firefoxHasLanguagePack(exe, 'zh-CN')).toBe(false);
      writeFileSync(join(lib, 'browser', 'extensions', 'langpack-zh-CN@firefox-esr.mozilla.org.xpi'), '');
      expect(firefoxHasLanguagePack(exe, 'zh-CN')).toBe(true);
      expect(firefoxHasLanguagePack(exe, 'ja')).toBe(false);
      expect(firefoxHasLanguagePack(join(root, 'missing'), 'zh-CN')).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
