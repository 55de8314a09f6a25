/**
 * Profiles the 100k import in Chromium: CPU profiles of the options page and
 * the service worker while the options page imports the synthetic dataset.
 * Prints the top self-time functions of each. Needs `npm run build`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CDPSession } from 'puppeteer-core';
import { firstInstallPage, launchWithExtension } from '../scripts/lib/launch-browser';
import { syntheticDataset } from '../scripts/lib/synthetic-dataset';
import { importDataset } from './page-interaction';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

function top(profile: Profile, n = 25): string {
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [`total ${total.toFixed(0)} ms`, ...[...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`)].join('\n');
}

async function start(cdp: CDPSession) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}

const count = Number(process.argv[2] ?? 100_000);
const eb = await launchWithExtension({ name: 'chromium', headless: true });
try {
  const options = await firstInstallPage(eb);
  const json = JSON.stringify(syntheticDataset({ count }));
  const swTarget = await eb.browser.waitForTarget((t) => t.type() === 'service_worker');
  const sw = await swTarget.createCDPSession();
  const page = await options.createCDPSession();
  await start(sw);
  await start(page);
  const result = await importDataset(options, json);
  console.log(`import of ${count}: page ${result.pageMs.toFixed(0)} ms, wall ${result.wallMs} ms: ${result.done}`);
  for (const [name, cdp] of [['options page', page], ['service worker', sw]] as const) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    writeFileSync(resolve(import.meta.dirname, `out/import-${name.replace(' ', '-')}.cpuprofile`), JSON.stringify(profile));
    console.log(`\n## ${name}\n${top(profile)}`);
  }
} finally {
  await eb.close();
}
