import type { EvalRun } from '#lib/evaluate/case-access';
import { casesOf } from '#lib/evaluate/case-access';
import { describeMetric } from '#lib/evaluate/metrics/registry';
import { scoresJsonChunks } from '#lib/evaluate/scores-writer';
import type { CliIO } from './io';

// What `sumops eval` and `sumops eval merge` print. Kept apart from the eval command, whose imports (ingest,
// summarizers) a merge never needs: `eval merge` loads this, the library's merge and nothing of the rest.

export async function write(io: CliIO, text: string | Uint8Array): Promise<void> {
  if (!io.stdout.write(text)) await io.stdout.drained();
}

/** `--json`: the result exactly as scores.json holds it, written in pieces (a merged run is tens of MB). */
export async function writeJson(io: CliIO, run: EvalRun): Promise<void> {
  for (const chunk of scoresJsonChunks(run)) await write(io, chunk);
}

/** A terminal summary: the table a person reads first, then each gate. The Markdown report is for GitHub. */
export function renderText(result: EvalRun): string {
  const cases = casesOf(result);
  const scored = cases.scoredCount;
  const p = result.provider;
  const lines = [
    `${result.passed ? 'PASSED' : 'FAILED'}: ${scored}/${cases.size} cases scored with ${p.name}/${p.model}${p.space ? ` (${p.space})` : ''}, stemming ${result.settings.stemmer ? 'on' : 'off'}`,
    ...(result.shard
      ? [
          `shard ${result.shard.index}/${result.shard.count}: ${cases.size} of ${result.shard.ids.length} cases; gates and CIs cover this shard only until \`sumops eval merge\``,
        ]
      : []),
    '',
  ];
  const b = result.baseline;
  const header = ['metric', 'mean ×100', '95% CI', ...(b ? ['baseline', 'Δ', 'Δ 95% CI'] : [])];
  const rows = result.settings.metrics.map((m) => {
    const { label, format, formatDelta } = describeMetric(m).render;
    const a = result.aggregate[m];
    const row = [label, a ? format(a.mean) : '—', a ? `[${format(a.low)}, ${format(a.high)}]` : ''];
    if (b) {
      const d = b.deltas[m];
      const base = b.aggregate[m];
      row.push(
        base ? format(base.mean) : '—',
        d ? formatDelta(d.mean) : 'no baseline',
        d ? `[${formatDelta(d.low)}, ${formatDelta(d.high)}]` : '',
      );
    }
    return row;
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const row of [header, ...rows])
    lines.push(
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  if (result.latency)
    lines.push(
      '',
      `summarize latency over ${result.latency.cases} cases: p50 ${Math.round(result.latency.p50Ms)} ms, p95 ${Math.round(result.latency.p95Ms)} ms`,
    );
  const judge = result.settings.judge;
  if (judge) {
    const u = result.judge;
    const cost = u
      ? `: ${u.calls} calls, ${u.cacheHits} cases from the cache, ${u.promptTokens} prompt + ${u.completionTokens} completion tokens${u.condensed > 0 ? `, ${u.condensed} sources judged on a condensation` : ''}`
      : '';
    lines.push('', `judge: ${judge.model} at ${judge.baseUrl}${cost} (advisory: see docs/judge.md)`);
  }
  if (b) {
    lines.push('', `baseline: ${b.provider.name}/${b.provider.model}, ${b.paired} paired cases`);
    for (const note of b.notes) lines.push(`note: ${note}`);
  }
  lines.push('');
  for (const gate of result.gates) lines.push(`${gate.passed ? 'ok  ' : 'FAIL'} ${gate.message}`);
  return `${lines.join('\n')}\n`;
}
