/** The machine a benchmark ran on, for the top of RESULTS.md. */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { findBrowser } from '../scripts/lib/find-browser';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  node: string;
  chromium: string | null;
  date: string;
}

function chromiumVersion(): string | null {
  const path = findBrowser('chromium').found?.path;
  if (!path) return null;
  try {
    const out = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 });
    return out.trim().split(' built on')[0] ?? null;
  } catch {
    return null;
  }
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium: chromiumVersion(),
    date: new Date().toISOString(),
  };
}

export function machineLine(m: Machine): string {
  return `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, ${m.chromium ?? 'Chromium unknown'}, ${m.date}`;
}
