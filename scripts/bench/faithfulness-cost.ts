// What the faithfulness metric costs: the embedded evaluation with it against the same evaluation without it, in
// CPU time, runs alternating in the same processes; and scoring speed against ROUGE on the same pairs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SummaryMode, TimedRun } from './faithfulness-eval-child';

const CHILD = join(import.meta.dirname, 'faithfulness-eval-child.ts');

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, n: sorted.length };
}

/** The V8 flags of bin/sumops.js's `#!/usr/bin/env -S node …` line: evaluations run as `sumops eval` runs them. */
function cliNodeFlags(): string[] {
  const shebang =
    readFileSync(resolve(import.meta.dirname, '..', '..', 'bin', 'sumops.js'), 'utf8').split('\n')[0] ?? '';
  return shebang
    .replace(/^#!\/usr\/bin\/env -S node\s*/, '')
    .split(/\s+/)
    .filter(Boolean);
}

function runChild(articles: string, count: number, sequence: string, mode: SummaryMode): TimedRun[] {
  const result = spawnSync(
    process.execPath,
    [...cliNodeFlags(), '--import', 'tsx', CHILD, articles, String(count), sequence, mode],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (result.status !== 0) throw new Error(`${CHILD} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as TimedRun[];
}

export interface Overhead {
  /** (CPU with − CPU without) / CPU without, per pair of adjacent runs. */
  cpu: Spread;
  wall: Spread;
  withCpuMs: Spread;
  withoutCpuMs: Spread;
}

/** Pairs of runs as [with, without], in the order they ran. */
function overheadOf(pairs: [TimedRun, TimedRun][]): Overhead {
  const ratio = (key: 'cpuMs' | 'wallMs') => pairs.map(([w, wo]) => (w[key] - wo[key]) / wo[key]);
  return {
    cpu: spread(ratio('cpuMs')),
    wall: spread(ratio('wallMs')),
    withCpuMs: spread(pairs.map(([w]) => w.cpuMs)),
    withoutCpuMs: spread(pairs.map(([, wo]) => wo.cpuMs)),
  };
}

/** Alternating orders (FR, RF, FR, …): drift in the machine's load falls on both sides alike. */
const alternating = (pairs: number) =>
  Array.from({ length: pairs }, (_, i) => (i % 2 === 0 ? 'FR' : 'RF')).join('');

function pairUp(runs: TimedRun[]): [TimedRun, TimedRun][] {
  const pairs: [TimedRun, TimedRun][] = [];
  for (let i = 0; i + 1 < runs.length; i += 2) {
    const [a, b] = [runs[i]!, runs[i + 1]!];
    pairs.push(a.faithfulness ? [a, b] : [b, a]);
  }
  return pairs;
}

/**
 * In one warm process (as a long-lived caller of runEvaluation sees it): `warmup` pairs, then `pairs` measured
 * pairs, alternating.
 */
export function warmOverhead(
  articles: string,
  count: number,
  pairs: number,
  warmup: number,
  mode: SummaryMode,
): Overhead {
  const runs = runChild(articles, count, alternating(warmup + pairs), mode);
  return overheadOf(pairUp(runs.slice(2 * warmup)));
}

/**
 * Each run in a fresh process (as `sumops eval` runs once per process: code not yet optimized), processes
 * alternating between with and without.
 */
export function coldOverhead(articles: string, count: number, pairs: number, mode: SummaryMode): Overhead {
  const runs = [...alternating(pairs)].map((letter) => runChild(articles, count, letter, mode)[0]!);
  return overheadOf(pairUp(runs));
}

/** Alternating passes of each scorer over the same work; each one's milliseconds per pass. */
export function alternatingPasses(
  passes: number,
  scorers: Record<string, () => void>,
): Record<string, Spread> {
  const ms: Record<string, number[]> = Object.fromEntries(Object.keys(scorers).map((name) => [name, []]));
  for (let pass = 0; pass < passes; pass++)
    for (const [name, work] of Object.entries(scorers)) {
      const start = performance.now();
      work();
      ms[name]!.push(performance.now() - start);
    }
  return Object.fromEntries(Object.entries(ms).map(([name, values]) => [name, spread(values)]));
}

const percent = (ratio: number) => `${(100 * ratio).toFixed(1)} %`;
export const percentSpread = (s: Spread) =>
  `${percent(s.median)} (${(100 * s.min).toFixed(1)} – ${(100 * s.max).toFixed(1)})`;
