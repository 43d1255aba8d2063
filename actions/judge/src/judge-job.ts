import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { readBaselineFile } from '#lib/evaluate/baseline-file';
import { DEFAULT_TOLERANCE, gatedMetrics } from '#lib/evaluate/gates';
import { openFixtureSources } from '#lib/evaluate/fixture-sources';
import { judgeEvalResult } from '#lib/evaluate/judge-results';
import { writeEvalOutputs } from '#lib/evaluate/outputs';
import { renderReport } from '#lib/evaluate/report';
import { MAX_SCORES_FILE_BYTES } from '#lib/evaluate/scores-schema';
import type { EvalResult, GateOutcome } from '#lib/evaluate/types';
import { parseEvalResult, readBoundedFile } from '#lib/github/eval-artifact';
import { EVALUATE_COMMENT_MARKER } from '#lib/github/sticky-comment';
import {
  formatHistoryLine,
  historyRecordFromResult,
  renderTrendSection,
  withTrendGates,
} from '#lib/history/index';
import { resolveJudgeKey } from '#lib/judge/key';
import { JUDGE_METRICS } from '#lib/judge/types';
import { systemClock } from '#lib/log';
import type { ActionLog, ActionOutcome, RunContext } from '#action-support/job';
import { loadHistoryRecords } from '#action-support/history-file';
import { loadDocument } from '#action-support/load-document';
import type { JudgeInputs } from './inputs';

/** Whether the inputs ask the judge to gate (judge-gate, or a judge-… threshold). */
export function judgeGates(inputs: JudgeInputs): boolean {
  return inputs.judgeGate || JUDGE_METRICS.some((m) => inputs.thresholds[m] !== undefined);
}

/**
 * Reads the evaluation's scores.json as the comment workflow does (bounded, schema-validated), matches the copied
 * fixtures to it, judges every summary, gates and reports as the evaluation did with the judge's metrics added, and
 * writes scores.json, report.md and history-record.jsonl. Nothing evaluated is run: only files are read. The step
 * fails (`failure`) when a gate that passed in the evaluation fails once judged.
 */
export async function judgeJob(
  inputs: JudgeInputs,
  run: RunContext,
  logger: ActionLog,
): Promise<ActionOutcome> {
  const path = (p: string) => (isAbsolute(p) ? p : resolve(run.workspace, p));
  const key = resolveJudgeKey(inputs.baseUrl, { judgeApiKey: inputs.apiKey });
  if (!key) {
    logger.notice(
      run.pullRequest?.isFork
        ? 'Skipped the LLM judge: fork PRs get no secrets, so api-key is empty here. The comment shows the other metrics; a maintainer can judge a branch of this repository.'
        : 'Skipped the LLM judge: api-key is empty. Add the repository secret SUMOPS_JUDGE_API_KEY (see docs/judge.md), or unset the SUMOPS_JUDGE variable.',
    );
    return { outputs: { judged: 'false' } };
  }
  const evaluated = parseEvalResult(
    await readBoundedFile(path(inputs.scoresPath), MAX_SCORES_FILE_BYTES),
    inputs.scoresPath,
  );
  const fixturesDir = path(inputs.fixturesDir);
  const sourceOf = await openFixtureSources(evaluated, {
    dir: fixturesDir,
    patterns: inputs.fixtures,
    loadDocument: (source) =>
      loadDocument(source, {
        logger,
        clock: systemClock,
        cwd: fixturesDir,
        timeoutMs: inputs.fetchTimeoutMs,
        connectTimeoutMs: Math.min(10_000, inputs.fetchTimeoutMs),
        maxBytes: inputs.maxBytes,
      }),
  });
  const baselinePath = inputs.baselinePath ? path(inputs.baselinePath) : undefined;
  const tolerance = inputs.tolerance ?? DEFAULT_TOLERANCE;
  const gate = inputs.judgeGate ? [...JUDGE_METRICS] : undefined;
  let result = await judgeEvalResult(
    evaluated,
    {
      judge: {
        baseUrl: inputs.baseUrl,
        model: inputs.model,
        apiKey: key.apiKey,
        keySource: key.source,
        concurrency: inputs.concurrency,
        contextTokens: inputs.contextTokens,
        ...(inputs.cacheDir ? { cacheDir: path(inputs.cacheDir) } : {}),
      },
      ...(baselinePath && existsSync(baselinePath)
        ? {
            baseline: {
              source: { kind: 'file', path: baselinePath },
              scores: await readBaselineFile(baselinePath),
            },
          }
        : {}),
      thresholds: inputs.thresholds,
      tolerance,
      ...(gate ? { gate } : {}),
    },
    { clock: systemClock, logger, sourceOf },
  );
  let trend = '';
  const records = inputs.historyPath ? await loadHistoryRecords(path(inputs.historyPath), logger) : undefined;
  if (records) {
    const others = records.filter((r) => r.gitSha !== result.gitSha);
    const metrics = gatedMetrics(result.settings.metrics, gate);
    if (inputs.trendGate) result = withTrendGates(result, others, { tolerance, metrics });
    trend = renderTrendSection(result, others, { label: run.pullRequest ? 'this PR' : 'this run' });
  }
  const outDir = path(inputs.outDir);
  const options = { runUrl: run.runUrl, marker: EVALUATE_COMMENT_MARKER, ...(trend ? { trend } : {}) };
  const { scoresPath, reportPath } = await writeEvalOutputs(result, outDir, options);
  const historyRecordPath = await writeHistoryRecord(result, outDir);
  const judged = result.judge;
  logger.info(
    `judged with ${result.settings.judge?.model ?? '?'}: ${judged?.calls ?? 0} calls, ` +
      `${judged?.cacheHits ?? 0} cases from the cache`,
  );
  const failed = newFailures(evaluated, result);
  return {
    outputs: {
      judged: 'true',
      passed: String(result.passed),
      'scores-path': scoresPath,
      'report-path': reportPath,
      'history-record-path': historyRecordPath,
      calls: String(judged?.calls ?? 0),
      'cache-hits': String(judged?.cacheHits ?? 0),
    },
    summary: renderReport(result, options),
    ...(failed.length > 0
      ? { failure: `The judge's gates failed: ${failed.map((g) => g.message).join('; ')}.` }
      : {}),
  };
}

/** The record the history job appends, or '' when the result makes none. */
async function writeHistoryRecord(result: EvalResult, outDir: string): Promise<string> {
  const record = historyRecordFromResult(result, { kind: 'evaluation' });
  if (!record) return '';
  const historyRecordPath = join(outDir, 'history-record.jsonl');
  await writeFile(historyRecordPath, formatHistoryLine(record));
  return historyRecordPath;
}

/** The gates that fail now and did not before judging (matched by kind and metric). */
function newFailures(before: EvalResult, after: EvalResult): GateOutcome[] {
  const failedBefore = new Set(
    before.gates.filter((g) => !g.passed).map((g) => `${g.kind}:${g.metric ?? ''}`),
  );
  return after.gates.filter((g) => !g.passed && !failedBefore.has(`${g.kind}:${g.metric ?? ''}`));
}
