/**
 * Figures that hold on a noisy shared machine: the median of runs with their
 * range, and ratios taken within one round, where both scans met the same load.
 */
import type { Competitor } from './competitors';

const gc = (globalThis as { gc?: () => void }).gc;

/** The median of some figures and the range they spanned. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The middle figure (the upper one of an even count), as every bench figure here takes it. */
export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function spread(xs: readonly number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return { median: median(s), min: s[0]!, max: s[s.length - 1]!, runs: s.length };
}

/** "4.8× (3.9–5.6)": the median, then the range. */
export function formatSpread(s: Spread | undefined, digits = 1, unit = ''): string {
  if (!s) return '–';
  return `${s.median.toFixed(digits)}${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}

function timed(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

export interface HeadToHead {
  rival: string;
  /** Our MB/s over the rival's, one ratio per round. */
  steady: Spread;
  /** The same with each scan straight after a forced full GC (caches cold). */
  cold: Spread;
}

/**
 * Ours against one rival on the same text: in each round one scan of each, in
 * turn (who goes first alternates), so a burst of load hits both alike and
 * the round's ratio stays meaningful when the absolute figures swing.
 */
export function headToHead<O, R>({
  ours,
  oursBuilt,
  rival,
  rivalBuilt,
  text,
  folded,
  rounds,
}: {
  ours: Competitor<O>;
  oursBuilt: O;
  rival: Competitor<R>;
  rivalBuilt: R;
  text: string;
  folded: string;
  rounds: number;
}): HeadToHead {
  const rivalText = rival.folded ? folded : text;
  const scanOurs = () => ours.scan(oursBuilt, text);
  const scanRival = () => rival.scan(rivalBuilt, rivalText);
  for (let r = 0; r < 2; r++) {
    scanOurs();
    scanRival();
  }
  const steady: number[] = [];
  const cold: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const oursFirst = r % 2 === 0;
    const a = oursFirst ? timed(scanOurs) : 0;
    const b = timed(scanRival);
    const o = oursFirst ? a : timed(scanOurs);
    steady.push(b / o);
  }
  for (let r = 0; r < rounds; r++) {
    gc?.();
    const o = timed(scanOurs);
    gc?.();
    const b = timed(scanRival);
    cold.push(b / o);
  }
  return { rival: rival.name, steady: spread(steady), cold: spread(cold) };
}
