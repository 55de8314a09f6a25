import { accessSync, constants, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, posix, win32 } from 'node:path';
import { Cache } from '@puppeteer/browsers';
import { systemProducts, type BrowserName } from './browser-locations';

/**
 * Finds a browser of each kind for `npm start`, the browser tests and the
 * benchmarks: $CHROME_PATH / $FIREFOX_PATH, then the usual install locations
 * (browser-locations.ts), then what @puppeteer/browsers has installed in
 * puppeteer's cache. Everything it reads comes through LookupDeps, so tests
 * can give it any OS's layout.
 */
export type { BrowserName };
export const BROWSER_NAMES: readonly BrowserName[] = ['chromium', 'firefox'];

export const OVERRIDE: Record<BrowserName, string> = { chromium: 'CHROME_PATH', firefox: 'FIREFOX_PATH' };
const SKIP_BROWSERS = 'FACTLENS_SKIP_BROWSERS';

/** Whether FACTLENS_SKIP_BROWSERS asks `npm test` to run only what needs no browser. */
export function skipBrowsers(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const value = env[SKIP_BROWSERS];
  return !!value && value !== '0';
}

export const SKIP_NOTE = `browser tests skipped (${SKIP_BROWSERS}=1)`;
/** The exit code of `npm start` and `npm test` when a browser is missing. */
export const NO_BROWSER_EXIT_CODE = 3;

export interface LookupDeps {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  /** Whether path is a file this user may execute. */
  isExecutable(path: string): boolean;
  /** The executables @puppeteer/browsers has installed under cacheDir. */
  cached(cacheDir: string): { browser: string; path: string }[];
  /** /etc/os-release, or '' where there is none: picks the install command. */
  osRelease(): string;
}

export interface FoundBrowser {
  name: BrowserName;
  product: string;
  path: string;
}

export type Lookup =
  | { found: FoundBrowser; badOverride?: undefined }
  /** An override names a file that is not there: nothing else is tried. */
  | { found?: undefined; badOverride: { variable: string; path: string } }
  | { found?: undefined; badOverride?: undefined };

const CACHED: Record<string, BrowserName> = { chrome: 'chromium', chromium: 'chromium', firefox: 'firefox' };

export function realDeps(): LookupDeps {
  return {
    platform: process.platform,
    env: process.env,
    homedir: homedir(),
    isExecutable: (path) => {
      try {
        accessSync(path, constants.X_OK);
        return statSync(path).isFile();
      } catch {
        return false;
      }
    },
    cached: (cacheDir) => {
      try {
        return new Cache(cacheDir).getInstalledBrowsers().map((b) => ({ browser: b.browser, path: b.executablePath }));
      } catch {
        return [];
      }
    },
    osRelease: () => {
      try {
        return readFileSync('/etc/os-release', 'utf8');
      } catch {
        return '';
      }
    },
  };
}

/** Puppeteer's cache: $PUPPETEER_CACHE_DIR, else ~/.cache/puppeteer, as puppeteer itself decides. */
function puppeteerCacheDir(deps: Pick<LookupDeps, 'env' | 'homedir' | 'platform'>): string {
  return deps.env.PUPPETEER_CACHE_DIR || (deps.platform === 'win32' ? win32 : posix).join(deps.homedir, '.cache', 'puppeteer');
}

function pathDirs(deps: LookupDeps): string[] {
  if (deps.platform === 'win32') return [];
  return (deps.env.PATH ?? '').split(delimiter).filter((d) => d.startsWith('/'));
}

export function findBrowser(name: BrowserName, deps: LookupDeps = realDeps()): Lookup {
  const variable = OVERRIDE[name];
  const override = deps.env[variable];
  if (override) {
    return deps.isExecutable(override)
      ? { found: { name, product: `$${variable}`, path: override } }
      : { badOverride: { variable, path: override } };
  }
  const dirs = pathDirs(deps);
  for (const { product, paths, commands = [] } of systemProducts(name, deps.platform, deps.env, deps.homedir)) {
    const candidates = [...paths, ...dirs.flatMap((dir) => commands.map((command) => posix.join(dir, command)))];
    const path = candidates.find((p) => deps.isExecutable(p));
    if (path) return { found: { name, product, path } };
  }
  const cached = deps.cached(puppeteerCacheDir(deps)).find((b) => CACHED[b.browser] === name && deps.isExecutable(b.path));
  if (cached) return { found: { name, product: `${cached.browser} from puppeteer's cache`, path: cached.path } };
  return {};
}

/** Every kind of browser that is installed, each at the first place it was found. */
export function findBrowsers(deps: LookupDeps = realDeps()): FoundBrowser[] {
  return BROWSER_NAMES.flatMap((name) => findBrowser(name, deps).found ?? []);
}

/** The one command that installs Chromium here. */
export function installCommand(deps: Pick<LookupDeps, 'platform' | 'osRelease'>): string {
  if (deps.platform === 'darwin') return 'brew install --cask chromium';
  if (deps.platform === 'win32') return 'winget install --id Google.Chrome';
  const release = deps.osRelease();
  const ids = /^ID(?:_LIKE)?=(.*)$/gm;
  const like = [...release.matchAll(ids)].flatMap((m) => m[1]!.replace(/"/g, '').split(/\s+/));
  if (like.includes('ubuntu')) return 'sudo snap install chromium';
  if (like.includes('debian')) return 'sudo apt-get install chromium';
  if (like.includes('fedora')) return 'sudo dnf install chromium';
  if (like.includes('arch')) return 'sudo pacman -S chromium';
  return "your distribution's chromium package, e.g. sudo apt-get install chromium";
}

/**
 * The commands `npm start` may offer to run, as .ci/run does: on Debian (not
 * Ubuntu, whose chromium is a snap), as root. The package lists come first:
 * a fresh image has none.
 */
export function offerableInstall(deps: Pick<LookupDeps, 'platform' | 'osRelease'>, isRoot: boolean): string[][] | null {
  if (deps.platform !== 'linux' || !isRoot) return null;
  return installCommand(deps) === 'sudo apt-get install chromium'
    ? [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'chromium'],
      ]
    : null;
}

function where(name: BrowserName, deps: LookupDeps): string[] {
  const dirs = pathDirs(deps);
  const lines = systemProducts(name, deps.platform, deps.env, deps.homedir).map(({ product, paths, commands }) => {
    const onPath = commands && dirs.length > 0 ? `; ${commands.join(', ')} on $PATH` : '';
    return `    ${product}: ${paths.join(', ')}${onPath}`;
  });
  lines.push(`    what @puppeteer/browsers installed in ${puppeteerCacheDir(deps)}`);
  return lines;
}

/**
 * The message printed, with NO_BROWSER_EXIT_CODE, when no browser of any of
 * `names` is found: what was looked for and where, how to install one, and how
 * to point at one already installed.
 */
export function noBrowserMessage(names: readonly BrowserName[], deps: LookupDeps = realDeps()): string {
  const lines: string[] = [];
  for (const name of names) {
    const lookup = findBrowser(name, deps);
    if (lookup.found) continue;
    if (lookup.badOverride) {
      lines.push(`${lookup.badOverride.variable}=${lookup.badOverride.path}, but there is no executable file there.`);
      continue;
    }
    lines.push(`No ${name === 'chromium' ? 'Chromium-based browser' : 'Firefox'} found. Looked for:`, ...where(name, deps));
  }
  const example = deps.platform === 'win32' ? 'set CHROME_PATH=C:\\path\\to\\chrome.exe' : 'CHROME_PATH=/path/to/chrome npm start';
  lines.push(
    '',
    `Install a browser:  ${installCommand(deps)}`,
    `Or use a browser already installed elsewhere:  ${example}`,
    '(FIREFOX_PATH likewise for Firefox; FACTLENS_SKIP_BROWSERS=1 npm test runs only the tests that need no browser.)',
  );
  return lines.join('\n');
}

/** Thrown when a browser `npm start` or the tests need is missing: its message is noBrowserMessage's. */
export class NoBrowserError extends Error {
  readonly exitCode = NO_BROWSER_EXIT_CODE;
}

/** Where `name` is; throws NoBrowserError when it is nowhere. */
export function requireBrowser(name: BrowserName, deps: LookupDeps = realDeps()): FoundBrowser {
  const { found } = findBrowser(name, deps);
  if (!found) throw new NoBrowserError(noBrowserMessage([name], deps));
  return found;
}

/**
 * Whether this Firefox has a language pack for `locale` (Debian's
 * firefox-esr-l10n-<locale>, installed beside the executable): without one,
 * Firefox ignores intl.locale.requested and stays in its own language.
 */
export function firefoxHasLanguagePack(executablePath: string, locale: string): boolean {
  try {
    const extensions = join(dirname(realpathSync(executablePath)), 'browser', 'extensions');
    return readdirSync(extensions).some((file) => file.startsWith(`langpack-${locale}@`));
  } catch {
    return false;
  }
}
