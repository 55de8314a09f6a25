/**
 * Part of section "matcher": what Traditional Chinese folding and the Han
 * name boundary rule cost the Chinese scan, measured as ratios within one run.
 *
 * Folding Traditional to Simplified lives in the same per-unit table the scan
 * already reads (src/text/fold.ts), so the same text in Traditional should
 * scan as fast as in Simplified; the boundary rule runs once per person's
 * match after the scan (scanCandidates, the path pages and the compiler take).
 */
import { Converter } from 'opencc-js';
import { buildDictionary, scan } from '../src/matcher';
import { boundHanNames } from '../src/matcher/cjk-names';
import { textsFor, type DictionaryInput } from './texts';

const RUNS = 15;
const WARMUP_RUNS = 5;

export interface TraditionalResult {
  label: string;
  bytes: number;
  /** scan() of the Chinese text in Simplified, as the main table measures it. */
  simplifiedMbps: number;
  /** scan() of the same text converted to Traditional (OpenCC, cn → tw). */
  traditionalMbps: number;
  /** scan() of the Simplified text, then the Han name boundaries (boundHanNames), as scanCandidates does. */
  boundedMbps: number;
  matches: { simplified: number; traditional: number; bounded: number };
}

/**
 * Median MB/s of each scan, the scans run in turn round after round: on a
 * shared machine a ratio of two medians taken minutes apart says more about
 * the load than about the code.
 */
function interleaved(bytes: number, runs: (() => unknown)[]): number[] {
  for (let i = 0; i < WARMUP_RUNS; i++) for (const run of runs) run();
  const times = runs.map((): number[] => []);
  for (let i = 0; i < RUNS; i++) {
    runs.forEach((run, k) => {
      const t0 = performance.now();
      run();
      times[k]!.push(performance.now() - t0);
    });
  }
  return times.map((t) => bytes / 1e6 / ([...t].sort((a, b) => a - b)[Math.floor(RUNS / 2)]! / 1000));
}

export function measureTraditional(dict: DictionaryInput): TraditionalResult {
  const chinese = textsFor(dict).find((t) => t.label === 'Chinese')!;
  const traditional = Converter({ from: 'cn', to: 'tw' })(chinese.text);
  const dictionary = buildDictionary({ patterns: dict.patterns });
  const bounded = () => boundHanNames(dictionary, chinese.text, scan({ dictionary, text: chinese.text }));
  const [simplifiedMbps, traditionalMbps, boundedMbps] = interleaved(chinese.bytes, [
    () => scan({ dictionary, text: chinese.text }),
    () => scan({ dictionary, text: traditional }),
    bounded,
  ]);
  return {
    label: dict.label,
    bytes: chinese.bytes,
    simplifiedMbps: simplifiedMbps!,
    traditionalMbps: traditionalMbps!,
    boundedMbps: boundedMbps!,
    matches: {
      simplified: scan({ dictionary, text: chinese.text }).length,
      traditional: scan({ dictionary, text: traditional }).length,
      bounded: bounded().length,
    },
  };
}

export function traditionalTable(r: TraditionalResult): string {
  const f = (n: number) => n.toFixed(1);
  return [
    `### Traditional Chinese and Han name boundaries (${r.label}, Node)`,
    '',
    `The Chinese text (${(r.bytes / 1e6).toFixed(2)} MB) as generated, the same text converted to Traditional with OpenCC (cn → tw), and the scan followed by the Han name boundaries (boundHanNames, as scanCandidates runs it on every page and article). ` +
      `MB/s of the Simplified text's bytes; median of ${RUNS} runs each, the three run in turn in every round, so their ratios hold under load.`,
    '',
    '| Scan | MB/s | vs scan of Simplified | Matches |',
    '| --- | ---: | ---: | ---: |',
    `| scan, Simplified | ${f(r.simplifiedMbps)} | 1.00 | ${r.matches.simplified.toLocaleString('en')} |`,
    `| scan, Traditional (folded to Simplified) | ${f(r.traditionalMbps)} | ${(r.traditionalMbps / r.simplifiedMbps).toFixed(2)} | ${r.matches.traditional.toLocaleString('en')} |`,
    `| scan + Han name boundaries, Simplified | ${f(r.boundedMbps)} | ${(r.boundedMbps / r.simplifiedMbps).toFixed(2)} | ${r.matches.bounded.toLocaleString('en')} |`,
    '',
    'The generated text puts names between random Han characters, so the boundary rule drops most of its people’s names; real text, measured on test/unit/fixtures/cjk-names.txt, is in README.',
  ].join('\n');
}
