// Benchmark: `runEvaluation` against a Space (the loopback Gradio emulator, fixed latency per call) must overlap
// calls up to its concurrency bound. Target: 200 cases at 500 ms/call with concurrency 8 finish within 1.2× the
// ideal ceil(200/8) × 0.5 s = 12.5 s. A concurrency-1 run on 16 cases (ideal 8 s) is the same-run baseline.
// Cases are the shipped text fixtures repeated with distinct ids, generated in memory.
import { loadFixtures, runEvaluation } from '#lib/evaluate/index';
import type { EvalCase } from '#lib/evaluate/index';
import { silentLogger, systemClock } from '#lib/log';
import { startGradioEmulator } from '../../test/emulators/gradio';

const LATENCY_MS = 500;
const TARGET_RATIO = 1.2;
const runs = [
  { label: 'baseline: sequential', cases: 16, concurrency: 1 },
  { label: 'target', cases: 200, concurrency: 8 },
];

function syntheticCases(templates: EvalCase[], count: number): EvalCase[] {
  return Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length] as EvalCase;
    return { ...template, id: `${template.id}-${String(i).padStart(3, '0')}` };
  });
}

const { cases: fixtures } = await loadFixtures(['test/eval/*.{jsonl,yaml,yml}'], { cwd: process.cwd() });
const templates = fixtures.filter((c) => c.input.kind === 'text');
const emulator = await startGradioEmulator({ latencyMs: LATENCY_MS });
const rows: string[] = [];
let failed = false;
try {
  for (const run of runs) {
    const started = performance.now();
    const result = await runEvaluation(
      {
        cases: syntheticCases(templates, run.cases),
        provider: { kind: 'space', space: emulator.url },
        concurrency: run.concurrency,
      },
      { logger: silentLogger, clock: systemClock },
    );
    const measured = (performance.now() - started) / 1000;
    const errored = result.cases.filter((c) => c.error !== undefined).length;
    const ideal = Math.ceil(run.cases / run.concurrency) * (LATENCY_MS / 1000);
    const ratio = measured / ideal;
    const verdict =
      run.label === 'target'
        ? ratio <= TARGET_RATIO && errored === 0
          ? `✅ ≤ ${TARGET_RATIO}×`
          : `❌ > ${TARGET_RATIO}×`
        : '';
    if (run.label === 'target' && (ratio > TARGET_RATIO || errored > 0)) failed = true;
    rows.push(
      `| ${run.label} | ${run.cases} | ${run.concurrency} | ${LATENCY_MS} | ${ideal.toFixed(1)} | ${measured.toFixed(2)} | ${ratio.toFixed(3)} | ${errored} | ${emulator.maxInFlight} | ${verdict} |`,
    );
  }
} finally {
  await emulator.close();
}

process.stdout.write(
  [
    `runEvaluation against the Gradio emulator (${LATENCY_MS} ms per call); ideal = ceil(cases / concurrency) × latency`,
    '',
    '| run | cases | concurrency | latency ms | ideal s | measured s | ratio | errored | max in flight (cumulative) | target |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n'),
);
if (failed) process.exitCode = 1;
