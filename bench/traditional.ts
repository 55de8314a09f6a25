/**
 * Part of section "matcher": what Traditional Chinese folding and the Han
 * name boundary rule cost the Chinese scan, measured as ratios within one run.
 *
 * Folding Traditional to Simplified lives in the same per-unit table the scan
 * already reads (src/text/fold.ts), so the same text in Traditional should
 * scan as fast as in Simplified; the boundary rule runs once per match in
 * scanCandidates, the path pages and the compiler take, after scan.
 */
import { Converter } from 'opencc-js';
import { buildDictionary, scan, scanCandidates } from '../src/matcher';
import { textsFor, type DictionaryInput } from './texts';

const RUNS = 15;
const WARMUP_RUNS = 2;

export interface TraditionalResult {
  label: string;
  bytes: number;
  /** scan() of the Chinese text in Simplified, as the main table measures it. */
  simplifiedMbps: number;
  /** scan() of the same text converted to Traditional (OpenCC, cn → tw). */
  traditionalMbps: number;
  /** scanCandidates() of the Simplified text: scan plus the Han name boundaries. */
  candidatesMbps: number;
  matches: { simplified: number; traditional: number; candidates: number };
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
  const [simplifiedMbps, traditionalMbps, candidatesMbps] = interleaved(chinese.bytes, [
    () => scan({ dictionary, text: chinese.text }),
    () => scan({ dictionary, text: traditional }),
    () => scanCandidates({ dictionary, text: chinese.text }),
  ]);
  return {
    label: dict.label,
    bytes: chinese.bytes,
    simplifiedMbps: simplifiedMbps!,
    traditionalMbps: traditionalMbps!,
    candidatesMbps: candidatesMbps!,
    matches: {
      simplified: scan({ dictionary, text: chinese.text }).length,
      traditional: scan({ dictionary, text: traditional }).length,
      candidates: scanCandidates({ dictionary, text: chinese.text }).length,
    },
  };
}

export function traditionalTable(r: TraditionalResult): string {
  const f = (n: number) => n.toFixed(1);
  return [
    `### Traditional Chinese and Han name boundaries (${r.label}, Node)`,
    '',
    `The Chinese text (${(r.bytes / 1e6).toFixed(2)} MB) as generated, the same text converted to Traditional with OpenCC (cn → tw), and the page path (scanCandidates, which adds the Han name boundaries). ` +
      `MB/s of the Simplified text's bytes; median of ${RUNS} runs each, the three run in turn in every round, so their ratios hold under load.`,
    '',
    '| Scan | MB/s | vs scan of Simplified | Matches |',
    '| --- | ---: | ---: | ---: |',
    `| scan, Simplified | ${f(r.simplifiedMbps)} | 1.00 | ${r.matches.simplified.toLocaleString('en')} |`,
    `| scan, Traditional (folded to Simplified) | ${f(r.traditionalMbps)} | ${(r.traditionalMbps / r.simplifiedMbps).toFixed(2)} | ${r.matches.traditional.toLocaleString('en')} |`,
    `| scanCandidates, Simplified (with Han name boundaries) | ${f(r.candidatesMbps)} | ${(r.candidatesMbps / r.simplifiedMbps).toFixed(2)} | ${r.matches.candidates.toLocaleString('en')} |`,
    '',
    'The generated text puts names between random Han characters, so the boundary rule drops most of its people’s names; real text, measured on test/unit/fixtures/cjk-names.txt, is in README.',
  ].join('\n');
}
