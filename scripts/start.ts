/**
 * `npm start [-- --browser firefox] [-- --no-build]`: builds the extension,
 * serves the demo news site (scripts/lib/demo-site.ts) on 127.0.0.1 and opens
 * it with Factlens installed in the first browser find-browser.ts finds
 * (Chromium-based before Firefox), or the kind --browser names. With none, it
 * says what to install and exits NO_BROWSER_EXIT_CODE; on Debian as root at a
 * terminal it first offers to install Chromium.
 *
 * - With a display ($DISPLAY set): a real window. Prints the URL and runs
 *   until Ctrl-C or until the browser is closed.
 * - Without one: headless. Waits for the overlay's highlights, prints which
 *   names it found, hovers the first, waits for its card, saves a screenshot
 *   of it to .output/demo-card.png and exits 0; exits 1 if no highlight
 *   appears within 15 s or no card opens within 10 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { Page } from 'puppeteer-core';
import { inCardRoot, waitForCard } from './lib/card-root';
import { articlePath, demoSite, LATE_NAME, LATE_PARAGRAPH_DELAY_MS, type DemoDataset } from './lib/demo-site';
import {
  BROWSER_NAMES,
  findBrowser,
  NoBrowserError,
  noBrowserMessage,
  offerableInstall,
  realDeps,
  type BrowserName,
  type FoundBrowser,
} from './lib/find-browser';
import { launchWithExtension, type LaunchedBrowser } from './lib/launch-browser';
import { startStaticServer, type StaticServer } from './lib/static-server';

const ROOT = resolve(import.meta.dirname, '..');
/** The name of the Highlight the overlay registers in CSS.highlights. */
const HIGHLIGHT = 'factlens-mention';
const HIGHLIGHT_TIMEOUT_MS = 15_000;
/** How long a card may take to open once the pointer rests on a name: the card asks the worker, which may still be seeding the bundled dataset. */
const CARD_TIMEOUT_MS = 10_000;
const SCREENSHOT = resolve(ROOT, '.output/demo-card.png');

class StartError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function options(): { browser: BrowserName | undefined; build: boolean; headless: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        browser: { type: 'string' },
        'no-build': { type: 'boolean', default: false },
        headless: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new StartError(`${(error as Error).message}\nUsage: npm start [-- --browser chromium|firefox] [--no-build] [--headless]`);
  }
  const browser = values.browser === 'chrome' || values.browser === 'edge' ? 'chromium' : values.browser;
  if (browser !== undefined && browser !== 'chromium' && browser !== 'firefox') {
    throw new StartError(`--browser must be chromium or firefox, not "${values.browser}"`);
  }
  return { browser, build: !values['no-build'], headless: values.headless || !process.env.DISPLAY };
}

/**
 * The browser to open: the one asked for, else the first kind installed. A
 * CHROME_PATH or FIREFOX_PATH that leads nowhere stops the search: it says
 * which browser the reader wants.
 */
function pick(asked: BrowserName | undefined): FoundBrowser | null {
  for (const name of asked ? [asked] : BROWSER_NAMES) {
    const lookup = findBrowser(name);
    if (lookup.found) return lookup.found;
    if (lookup.badOverride) throw new NoBrowserError(noBrowserMessage([name]));
  }
  return null;
}

/**
 * Never installs silently: only when someone at a terminal says yes, and only
 * where offerableInstall says how (Debian, as root).
 */
async function offerInstall(): Promise<boolean> {
  const commands = offerableInstall(realDeps(), process.getuid?.() === 0);
  if (!commands || !process.stdin.isTTY) return false;
  console.log('No Chromium-based browser or Firefox was found.');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`Install Chromium now with \`${commands.map((c) => c.join(' ')).join(' && ')}\`? [y/N] `);
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) return false;
  return commands.every(
    ([command, ...args]) => spawnSync(command!, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0,
  );
}

async function browserToUse(asked: BrowserName | undefined): Promise<FoundBrowser> {
  const found = pick(asked);
  if (found) return found;
  const message = noBrowserMessage(asked ? [asked] : BROWSER_NAMES);
  if ((asked ?? 'chromium') === 'chromium' && (await offerInstall())) {
    const installed = pick('chromium');
    if (installed) return installed;
  }
  throw new NoBrowserError(message);
}

function build(browser: BrowserName): void {
  const script = browser === 'firefox' ? 'build:firefox' : 'build';
  console.log(`› npm run ${script}`);
  const result = spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new StartError(`npm run ${script} failed (exit code ${result.status ?? result.signal})`);
}

/** The texts of the overlay's highlighted ranges, in document order of registration; null before it registers any. */
function highlightedTexts(page: Page): Promise<string[] | null> {
  return page.evaluate((name) => {
    const highlight = (globalThis.CSS as typeof CSS | undefined)?.highlights?.get(name);
    if (!highlight) return null;
    const texts: string[] = [];
    for (const r of highlight) {
      // The overlay may register StaticRanges, which have no toString().
      const range = new Range();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      texts.push(range.toString());
    }
    return texts;
  }, HIGHLIGHT);
}

async function waitForHighlights(page: Page, loadedAt: number): Promise<string[]> {
  const deadline = loadedAt + HIGHLIGHT_TIMEOUT_MS;
  for (;;) {
    const texts = await highlightedTexts(page);
    if (texts && texts.length > 0) return texts;
    if (Date.now() > deadline) {
      throw new StartError(
        texts === null
          ? `No highlights after ${HIGHLIGHT_TIMEOUT_MS / 1000} s: the page has no CSS.highlights entry "${HIGHLIGHT}". Is the content-script overlay built and running?`
          : `No highlights after ${HIGHLIGHT_TIMEOUT_MS / 1000} s: the "${HIGHLIGHT}" highlight is registered but has no ranges.`,
      );
    }
    await sleep(250);
  }
}

function printCounts(texts: string[]): void {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const width = Math.max(...rows.map(([text]) => text.length), 'Highlighted text'.length);
  console.log(`\nThe overlay highlighted ${texts.length} mention${texts.length === 1 ? '' : 's'} of ${rows.length} distinct name${rows.length === 1 ? '' : 's'}:\n`);
  console.log(`  ${'Highlighted text'.padEnd(width)}  Count`);
  console.log(`  ${'-'.repeat(width)}  -----`);
  for (const [text, count] of rows) console.log(`  ${text.padEnd(width)}  ${String(count).padStart(5)}`);
  console.log('');
}

/** Waits for the card to open, read inside its closed root (card-root.ts); returns its heading, the entity's name. */
async function cardOpened(page: Page, name: string): Promise<string> {
  if ((await waitForCard(page, (text) => text !== null, CARD_TIMEOUT_MS)) === null) {
    throw new StartError(`No card opened within ${CARD_TIMEOUT_MS / 1000} s of resting the pointer on "${name}".`);
  }
  const heading = await inCardRoot<string>(page, `(root) => {
    const dialog = root.querySelector('[role=dialog]');
    return root.getElementById(dialog?.getAttribute('aria-labelledby'))?.textContent.trim() ?? null;
  }`);
  if (!heading) throw new StartError(`The card of "${name}" opened without a heading.`);
  return heading;
}

/** Scrolls the first highlighted mention into view and puts the pointer on it, coming from beside it as a reader's pointer does. */
async function hoverFirstMention(page: Page): Promise<string> {
  const target = await page.evaluate((name) => {
    const first = CSS.highlights.get(name)?.values().next().value;
    if (!first) return null;
    const range = new Range();
    range.setStart(first.startContainer, first.startOffset);
    range.setEnd(first.endContainer, first.endOffset);
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    // One line box of the range: a name broken across lines has several.
    const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, text: range.toString() };
  }, HIGHLIGHT);
  if (!target) throw new StartError('The first highlighted mention disappeared before it could be hovered.');
  // The first-install options tab may have opened since and taken the focus: a tab in the background gets no hover.
  await page.bringToFront();
  await page.mouse.move(target.x - 40, target.y - 40);
  await page.mouse.move(target.x, target.y, { steps: 4 });
  return target.text;
}

/**
 * Resolves on Ctrl-C (SIGINT) or SIGTERM. Ctrl-C reaches this process twice
 * (from the terminal and relayed by tsx), so the handlers stay installed: a
 * repeat within a second is ignored, a later one forces an exit should
 * closing hang. (Puppeteer's own handlers, which would exit at once, are off
 * in headed mode: see handleSignals below.)
 */
function signalled(): Promise<void> {
  return new Promise<void>((done) => {
    let stoppedAt = 0;
    const stop = () => {
      if (stoppedAt === 0) {
        stoppedAt = Date.now();
        done();
      } else if (Date.now() - stoppedAt > 1000) {
        process.exit(130);
      }
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function main(): Promise<void> {
  const opts = options();
  const found = await browserToUse(opts.browser);
  if (opts.build) build(found.name);

  const dataset = JSON.parse(readFileSync(resolve(ROOT, 'assets/dataset.json'), 'utf8')) as DemoDataset;
  const first = dataset.sources[0];
  if (!first) throw new StartError('assets/dataset.json has no sources to build the demo site from');

  let server: StaticServer | undefined;
  let launched: LaunchedBrowser | undefined;
  const shutDown = async () => {
    await launched?.close().catch(() => {});
    await server?.close().catch(() => {});
  };

  try {
    server = await startStaticServer({ files: demoSite({ dataset }) });
    const indexUrl = server.url;
    const articleUrl = new URL(articlePath(first.id), server.url).href;
    console.log(`› Demo site: ${indexUrl}`);
    console.log(`› Launching ${found.product} (${found.path})${opts.headless ? ' headless' : ''} with Factlens…`);
    // Headed, the browser is closed on Ctrl-C by this script, the server with it.
    const stopped = opts.headless ? null : signalled();
    launched = await launchWithExtension({
      name: found.name,
      headless: opts.headless,
      handleSignals: opts.headless,
      // Headed: the window's own size; headless: a desktop-sized page for the screenshot.
      viewport: opts.headless ? { width: 1280, height: 900 } : null,
    });

    const page = await launched.browser.newPage();
    await page.goto(indexUrl, { waitUntil: 'load' });
    await page.goto(articleUrl, { waitUntil: 'load' });
    const loadedAt = Date.now();

    if (!opts.headless) {
      console.log(`\nFactlens is running on the demo article:\n  ${articleUrl}\nFront page: ${indexUrl}\nPress Ctrl-C to stop.\n`);
      const closed = new Promise<void>((done) => launched!.browser.once('disconnected', () => done()));
      await Promise.race([stopped, closed]);
      console.log('\n› Closing the browser and the server.');
      return;
    }

    console.log(`› Opened ${articleUrl}; waiting up to ${HIGHLIGHT_TIMEOUT_MS / 1000} s for highlights…`);
    let texts = await waitForHighlights(page, loadedAt);
    // The article adds a paragraph naming LATE_NAME after load: give the overlay time to find it too.
    const settled = loadedAt + LATE_PARAGRAPH_DELAY_MS + 1500;
    if (Date.now() < settled) await sleep(settled - Date.now());
    texts = (await highlightedTexts(page)) ?? texts;
    printCounts(texts);
    console.log(
      texts.includes(LATE_NAME)
        ? `› The paragraph added after load was scanned too: "${LATE_NAME}" is highlighted.`
        : `› Note: "${LATE_NAME}", in the paragraph added ${LATE_PARAGRAPH_DELAY_MS / 1000} s after load, is not highlighted.`,
    );
    const hovered = await hoverFirstMention(page);
    console.log(`› Hovered "${hovered}"`);
    console.log(`› Card open: ${await cardOpened(page, hovered)}`);
    // The frame that paints the card's contents.
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    mkdirSync(resolve(ROOT, '.output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT as `${string}.png` });
    console.log(`› Screenshot of the card: ${SCREENSHOT}`);
  } finally {
    await shutDown();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof NoBrowserError) {
      console.error(`\nnpm start: no browser to open Factlens in.\n${error.message}`);
      process.exit(error.exitCode);
    }
    console.error(`\nnpm start failed: ${error instanceof StartError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
