/**
 * Section "scale" (`npm run bench -- --only scale`): the automaton at 100,000
 * and 1,000,000 generated entities, in Node. Build time, exact bytes and where
 * they go, the structured-clone round trip that IndexedDB does when the worker
 * stores and reads the automaton back (v8.serialize / deserialize: the same
 * serializer), a cold worker's wait before its first scan (read the stored
 * automaton back, unpack it, scan one page), the popup's search over the
 * same entities, and English scan speed steady and cold. Then the same cold
 * start in Chromium for real (scale-browser.ts) at 100,000 entities: the
 * options page refuses a file over MAX_IMPORT_BYTES (40 MB), and 1,000,000
 * generated entities are a 194 MB file.
 * Writes bench/out/scale.json and bench/out/scale.md.
 */
import { loadavg } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { syntheticEntities } from '../scripts/lib/synthetic-dataset';
import { patternsFromEntities } from '../src/dataset/patterns';
import { buildDictionary, scan, type Dictionary } from '../src/matcher';
import { nodeCount } from '../src/matcher/dictionary';
import { packDictionary, unpackDictionary, type PackedDictionary } from '../src/matcher/packed';
import { packEntityKeys } from '../src/packing/entity-keys';
import { buildSearchIndex, packSearchIndex, searchIndex, unpackSearchIndex, type PackedSearchIndex } from '../src/search';
import { median, spread } from './head-to-head';
import { coldStartInChromium, type ColdStartRuns } from './scale-browser';
import { writeSectionOutput } from './section-output';
import { textsFor } from './texts';

const SIZES = [100_000, 1_000_000];
const RUNS = 7;
/** Cold starts (read back, unpack, first scan) per size, and builds. */
const COLD_RUNS = 5;
const BUILD_RUNS = 3;
const gc = (globalThis as { gc?: () => void }).gc;
const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
};

function bytesByPart(d: Dictionary): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const [key, value] of Object.entries(d)) if (ArrayBuffer.isView(value)) parts[key] = value.byteLength;
  parts.casedText = d.casedText.reduce((sum, s) => sum + 2 * s.length + 8, 0);
  return parts;
}

interface SizeResult {
  entities: number;
  patterns: number;
  nodes: number;
  buildMs: number[];
  /** CPU time of each build (user + system, this process): the machine is shared, so wall time also counts other work. */
  buildCpuMs: number[];
  bytes: number;
  bytesPerName: number;
  parts: Record<string, number>;
  serializeMs: number;
  deserializeMs: number;
  serializedBytes: number;
  englishMBps: number;
  englishColdMBps: number;
  matches: number;
  /** The stored value as matcher-6 kept it (Dictionary with casedText and keys as arrays of strings): deserialise, ms. */
  oldReadMs: number;
  oldStoredBytes: number;
  /** As stored now (packed.ts): deserialise, unpack, then the first scan of one news page; ms, one entry per run. */
  coldReadMs: number[];
  coldUnpackMs: number[];
  coldFirstScanMs: number[];
  coldTotalMs: number[];
  storedBytes: number;
  /** Popup search: buildSearchIndex once, then each query's searchIndex, ms. */
  searchBuildMs: number;
  searchMs: number[];
  /** The search index as stored (src/search/packed.ts): deserialise and unpack, then the first query; ms, one entry per run. */
  searchStoredBytes: number;
  searchReadMs: number[];
  searchUnpackMs: number[];
  searchFirstMs: number[];
}

function measure(count: number): SizeResult {
  const entities = syntheticEntities({ count });
  console.log(`bench scale: ${count.toLocaleString('en')} entities generated`);
  const patterns = patternsFromEntities(entities);
  const english = textsFor({ label: '', patterns: patterns.filter((p) => !p.contextual) })[0]!;
  const buildMs: number[] = [];
  const buildCpuMs: number[] = [];
  let d: Dictionary | null = null;
  for (let r = 0; r < BUILD_RUNS; r++) {
    d = null;
    gc?.();
    const cpu = process.cpuUsage();
    const [built, ms] = time(() => buildDictionary({ patterns }));
    const used = process.cpuUsage(cpu);
    d = built;
    buildMs.push(ms);
    buildCpuMs.push((used.user + used.system) / 1000);
  }
  const dict = d!;
  const parts = bytesByPart(dict);
  const bytes = Object.values(parts).reduce((a, b) => a + b, 0);
  const [blob, serializeMs] = time(() => serialize(dict));
  const [, deserializeMs] = time(() => deserialize(blob) as Dictionary);
  // A cold worker: the stored row comes back through a structured clone, then the first page's text is scanned.
  const keys = entities.map((e) => `bench/${e.id}`);
  const [oldBlob] = time(() => serialize({ dictionary: dict, keys }));
  const [, oldReadMs] = time(() => deserialize(oldBlob));
  const [stored] = time(() => serialize({ dictionary: packDictionary(dict), keys: packEntityKeys(keys) }));
  const page = english.text.slice(0, 20_000);
  const coldReadMs: number[] = [];
  const coldUnpackMs: number[] = [];
  const coldFirstScanMs: number[] = [];
  for (let r = 0; r < COLD_RUNS; r++) {
    gc?.();
    const [read, readMs] = time(() => deserialize(stored) as { dictionary: PackedDictionary });
    const [unpacked, unpackMs] = time(() => unpackDictionary(read.dictionary));
    coldReadMs.push(readMs);
    coldUnpackMs.push(unpackMs);
    coldFirstScanMs.push(time(() => scan({ dictionary: unpacked, text: page }))[1]);
  }

  const [search, searchBuildMs] = time(() =>
    buildSearchIndex({ entries: entities.map((e) => ({ key: e.id, name: e.name, aliases: e.aliases.map((a) => a.text), type: e.type })) }),
  );
  const at = (i: number) => entities[Math.floor((i / 100_000) * count)]!.name;
  const queries = [
    ...[7, 1234, 50_000, 77_777, 99_998].map(at),
    ...[42, 4242, 60_000].map((i) => at(i).toLowerCase()),
    ...[11, 31_000, 88_000].map((i) => at(i).slice(0, 6)),
    'zhang', 'wang wei', 'hangzhou', 'steel group', 'jack ma', 'alibba', '阿里', '张伟', 'ma yun',
  ];
  // What a keystroke asks: every prefix of the query as typed, from the second character.
  const searchMs: number[] = [];
  for (const q of queries) for (let n = 2; n <= q.length; n++) searchMs.push(time(() => searchIndex({ index: search, query: q.slice(0, n) }))[1]);
  // A cold worker's first search: the stored index comes back through a structured clone instead of a rebuild.
  const [searchStored] = time(() => serialize(packSearchIndex(search)));
  const searchReadMs: number[] = [];
  const searchUnpackMs: number[] = [];
  const searchFirstMs: number[] = [];
  for (let r = 0; r < COLD_RUNS; r++) {
    gc?.();
    const [read, readMs] = time(() => deserialize(searchStored) as PackedSearchIndex);
    const [index, unpackMs] = time(() => unpackSearchIndex(read));
    searchReadMs.push(readMs);
    searchUnpackMs.push(unpackMs);
    searchFirstMs.push(time(() => searchIndex({ index, query: queries[0]!.slice(0, 2) }))[1]);
  }

  const text = english.text;
  for (let r = 0; r < 2; r++) scan({ dictionary: dict, text });
  const times: number[] = [];
  let matches = 0;
  for (let r = 0; r < RUNS; r++) {
    const [m, ms] = time(() => scan({ dictionary: dict, text }));
    matches = m.length;
    times.push(ms);
  }
  const cold: number[] = [];
  for (let r = 0; r < 3; r++) {
    gc?.();
    cold.push(time(() => scan({ dictionary: dict, text }))[1]);
  }
  return {
    entities: count,
    patterns: patterns.length,
    nodes: nodeCount(dict),
    buildMs,
    buildCpuMs,
    bytes,
    bytesPerName: bytes / patterns.length,
    parts,
    serializeMs,
    deserializeMs,
    serializedBytes: blob.byteLength,
    englishMBps: english.bytes / 1e6 / (median(times) / 1000),
    englishColdMBps: english.bytes / 1e6 / (median(cold) / 1000),
    matches,
    oldReadMs,
    oldStoredBytes: oldBlob.byteLength,
    coldReadMs,
    coldUnpackMs,
    coldFirstScanMs,
    coldTotalMs: coldReadMs.map((ms, i) => ms + coldUnpackMs[i]! + coldFirstScanMs[i]!),
    storedBytes: stored.byteLength,
    searchBuildMs,
    searchMs,
    searchStoredBytes: searchStored.byteLength,
    searchReadMs,
    searchUnpackMs,
    searchFirstMs,
  };
}

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
/** Median and (min–max) of runs, in ms or, with `unit` 's', seconds. */
const ofRuns = (xs: readonly number[], unit: 'ms' | 's' = 'ms') => {
  const f = (ms: number) => (unit === 's' ? (ms / 1000).toFixed(2) : ms.toFixed(0));
  const s = spread(xs);
  return `**${f(s.median)}** (${f(s.min)}–${f(s.max)}) ${unit}`;
};
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
const loadAtStart = load();
const results: SizeResult[] = [];
for (const count of SIZES) {
  console.log(`bench scale: ${count.toLocaleString('en')} entities`);
  results.push(measure(count));
  gc?.();
}
const loadAfterNode = load();
const browser: ColdStartRuns[] = [];
for (const count of SIZES) browser.push(await coldStartInChromium({ count, runs: COLD_RUNS, log: (line) => console.log(`bench scale (Chromium, ${count.toLocaleString('en')}): ${line}`) }));
const loadAtEnd = load();

const md = [
  '## Scale: the automaton at 100,000 and 1,000,000 entities (Node)',
  '',
  `Generated entities (scripts/lib/synthetic-dataset.ts), every alias. Figures in bold are medians, with (min–max) of the runs: ${BUILD_RUNS} builds, ${COLD_RUNS} cold starts. Build: buildDictionary alone, as the worker runs it. ` +
    'Serialise / deserialise: v8.serialize, the structured clone IndexedDB applies when the worker stores the automaton and reads it back after a stop. ' +
    'Scan: the 1 MB English text of bench/texts.ts with names of that dictionary, median of 7 runs; cold: straight after a full GC.',
  '',
  '| Entities | Names | Trie nodes | Build wall (target ≤ 5 s at 1M) | Build CPU | Memory (target ≤ 100 MB at 1M) | Bytes per name | Serialise / deserialise | English scan steady / cold |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map(
    (r) =>
      `| ${r.entities.toLocaleString('en')} | ${r.patterns.toLocaleString('en')} | ${r.nodes.toLocaleString('en')} | ${ofRuns(r.buildMs, 's')} | ${ofRuns(r.buildCpuMs, 's')} | **${mb(r.bytes)}** | ${r.bytesPerName.toFixed(0)} | ${r.serializeMs.toFixed(0)} / ${r.deserializeMs.toFixed(0)} ms (${mb(r.serializedBytes)}) | ${r.englishMBps.toFixed(0)} / ${r.englishColdMBps.toFixed(0)} MB/s |`,
  ),
  '',
  '### Cold worker and search',
  '',
  'A stopped worker reads its stored automaton back (IndexedDB: a structured clone, timed here as v8.deserialize of the stored value; the disk read is not included), unpacks it, and scans the first page (20 KB of the English text). ' +
    'Search: the popup\'s searchIndex over every entity, each query typed a character at a time (every prefix from 2 characters), as the worker answers a keystroke (the entity rows it then reads for the 20 results are not included). ' +
    'A stopped worker\'s first search reads the stored index back (v8.deserialize, as above), unpacks it (src/search/packed.ts) and answers one query, where before it rebuilt the index (the build column).',
  '',
  '| Entities | Read back as matcher-6 stored it | Read back now | Unpack | First scan | Cold total (target ≤ 300 ms at 100k, ≤ 1 s at 1M) | Search index build | Search index read back / unpack / first query | Search keystroke median / p90 / max (target ≤ 16 ms at 1M) |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map((r) => {
    const sorted = [...r.searchMs].sort((a, b) => a - b);
    const p90 = sorted[Math.floor(sorted.length * 0.9)]!;
    return `| ${r.entities.toLocaleString('en')} | ${r.oldReadMs.toFixed(0)} ms (${mb(r.oldStoredBytes)}) | ${ofRuns(r.coldReadMs)} (${mb(r.storedBytes)}) | ${ofRuns(r.coldUnpackMs)} | ${ofRuns(r.coldFirstScanMs)} | ${ofRuns(r.coldTotalMs)} | ${(r.searchBuildMs / 1000).toFixed(1)} s | ${ofRuns(r.searchReadMs)} (${mb(r.searchStoredBytes)}) / ${ofRuns(r.searchUnpackMs)} / ${ofRuns(r.searchFirstMs)} | **${median(r.searchMs).toFixed(1)}** / ${p90.toFixed(1)} / ${sorted.at(-1)!.toFixed(1)} ms (${r.searchMs.length} keystrokes) |`;
  }),
  '',
  'Where the bytes go:',
  '',
  `| Part | ${results.map((r) => r.entities.toLocaleString('en')).join(' | ')} |`,
  `| --- | ${results.map(() => '---:').join(' | ')} |`,
  ...Object.keys(results[0]!.parts).map((part) => `| ${part} | ${results.map((r) => mb(r.parts[part] ?? 0)).join(' | ')} |`),
  '',
];
md.push(
  '### Cold worker in Chromium',
  '',
  'scale-browser.ts: a generated dataset imported through the options page (made public, so the probe sees CSS.highlights), then per run: the service worker stopped (CDP ServiceWorker.stopAllWorkers) and a 100 KB news page loaded, load → first highlighted frame; then the same page with the worker running. ' +
    'Read: the stored automaton\'s IndexedDB row read back in the options page (same origin and database), as the restarted worker reads it.',
  '',
  '| Entities | Import (options page) | First page after import | Stored row | IndexedDB read | Cold: load → first highlight (target ≤ 300 ms at 100k, ≤ 1 s at 1M) | Warm: load → first highlight | Run took |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...browser.map(
    (b) =>
      `| ${b.entities.toLocaleString('en')} | ${(b.importMs / 1000).toFixed(1)} s (${mb(b.fileBytes)}${b.files > 1 ? ` in ${b.files} files` : ''}) | ${b.firstPageMs?.toFixed(0) ?? '–'} ms | ${mb(b.storedBytes)} | ${ofRuns(b.readMs)} | ${ofRuns(b.coldMs)} | ${ofRuns(b.warmMs)} | ${b.wallS.toFixed(0)} s |`,
  ),
  '',
  'Where a cold worker\'s time goes, from the options page after another stop, one of each per run: listDatasets, which reads only the datasets table but, as an extension page\'s request, waits for the startup cleanup, while the worker reads its stored automaton as it wakes (worker start, evaluating background.js, seeding, the settings migration, the cleanup, the read); then a one-sentence scan, and the same scan again (warm); and after a further stop, the first popup search (the stored search and people indexes read back and unpacked, and the result rows read) and the next keystroke.',
  '',
  '| Entities | Wake: first request answered | First scan | Warm scan | First search | Next keystroke |',
  '| ---: | ---: | ---: | ---: | ---: | ---: |',
  ...browser.map(
    (b) =>
      `| ${b.entities.toLocaleString('en')} | ${ofRuns(b.wakeMs)} | ${ofRuns(b.firstScanMs)} | ${ofRuns(b.warmScanMs)} | ${ofRuns(b.firstSearchMs)} | ${ofRuns(b.nextSearchMs)} |`,
  ),
  '',
  'Content-script memory: the same news page\'s JS heap after a forced GC (CDP Runtime.getHeapUsage, the page and the content script\'s isolated world together), first with the generated dataset, then with a dataset of only the entities the page names (the large one disabled), which gives the page the same names from a dictionary a fraction of the size. The page holds no dictionary: the worker scans.',
  '',
  '| Entities | Tab heap, large dataset (target: independent of the dataset size) | Tab heap, the page\'s entities only | Difference |',
  '| ---: | ---: | ---: | ---: |',
  ...browser.map(
    (b) =>
      `| ${b.entities.toLocaleString('en')} against ${b.tabHeap.smallEntities.toLocaleString('en')} | ${mb(b.tabHeap.large)} (${b.tabHeap.largeHighlights} highlights) | ${mb(b.tabHeap.small)} (${b.tabHeap.smallHighlights} highlights) | ${((b.tabHeap.large - b.tabHeap.small) / 1e6).toFixed(2)} MB |`,
  ),
  '',
  `_Load average (1 / 5 / 15 min) on this machine: ${loadAtStart} at the start, ${loadAfterNode} after the Node part, ${loadAtEnd} at the end._`,
  '',
);
writeSectionOutput('scale', { sizes: results, browser, loadavg: { start: loadAtStart, afterNode: loadAfterNode, end: loadAtEnd } }, md.join('\n'));
