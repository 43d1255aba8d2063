import pLimit from 'p-limit';
import { errorMessage } from '#lib/errors';
import type { Clock, Logger } from '#lib/log';
import { JudgeSettingError } from '#lib/judge/errors';
import { openJudgeSession } from '#lib/judge/session';
import type { JudgeSession } from '#lib/judge/session';
import type { JudgeSettings } from '#lib/judge/settings';
import { JUDGE_METRICS } from '#lib/judge/types';
import type { AssembleInput, GateSettings } from './assemble';
import { assembleResult } from './assemble';
import type { SourceOf } from './fixture-sources';
import { JudgeCaseError, condensedCount, judgeInfoOf, judgeValuesOf } from './judge-scorer';
import type { Metric } from './metrics/registry';
import type { CaseResult, EvalResult } from './types';

export interface JudgeResultsOptions extends GateSettings {
  judge: JudgeSettings;
  /** The baseline the evaluation compared with, read again: its judge values (if any) give the judge deltas. */
  baseline?: AssembleInput['baseline'];
}

export interface JudgeResultsDeps {
  clock: Clock;
  logger: Logger;
  fetch?: typeof fetch;
  /** Each case's source; a case whose source fails to load gets judge metric errors, the others still count. */
  sourceOf: SourceOf;
  onProgress?: (done: number, total: number) => void;
}

const isJudgeMetric = (metric: string): boolean => (JUDGE_METRICS as readonly string[]).includes(metric);

/**
 * Grades an evaluation's stored summaries with the judge and returns the result as if it had been judged while it
 * ran: judge values (or metric errors) per summarized case, who judged and what it cost, then aggregates, CIs,
 * the baseline comparison and gates computed again over every metric. Numbers of the other metrics come out as
 * they were (each metric's bootstrap is its own); gates follow `options`, so the caller passes the settings the
 * evaluation was gated with. No summarizer runs. Throws the judge's JudgeSettingError when the key, model or
 * endpoint is wrong. At most the judge's concurrency of sources is held at a time.
 */
export async function judgeEvalResult(
  result: EvalResult,
  options: JudgeResultsOptions,
  deps: JudgeResultsDeps,
): Promise<EvalResult> {
  const session = openJudgeSession(options.judge, deps);
  const limit = pLimit(options.judge.concurrency ?? 4);
  const summarized = result.cases.filter((c) => c.scores !== undefined && c.summary !== undefined).length;
  let done = 0;
  const cases = await Promise.all(
    result.cases.map((c) =>
      c.scores === undefined || c.summary === undefined
        ? Promise.resolve(c)
        : limit(async () => {
            const judged = await judgeCase(c, c.summary ?? '', session, deps);
            deps.onProgress?.(++done, summarized);
            return judged;
          }),
    ),
  );
  if (session.stopped) throw session.stopped;
  const metrics = [...result.settings.metrics.filter((m) => !isJudgeMetric(m)), ...JUDGE_METRICS] as Metric[];
  return assembleResult({
    createdAt: result.createdAt,
    ...(result.gitSha !== undefined ? { gitSha: result.gitSha } : {}),
    provider: result.provider,
    settings: { ...result.settings, metrics, judge: judgeInfoOf(session.summary()) },
    fixtures: result.fixtures,
    ...(result.fixtureSet ? { fixtureSet: result.fixtureSet } : {}),
    ...(result.shard ? { shard: result.shard } : {}),
    judge: { ...session.summary().usage, condensed: condensedCount(cases) },
    cases,
    ...(options.baseline ? { baseline: options.baseline } : {}),
    thresholds: options.thresholds,
    tolerance: options.tolerance,
    ...(options.gate ? { gate: options.gate } : {}),
    ...(options.maxP95Ms !== undefined ? { maxP95Ms: options.maxP95Ms } : {}),
  });
}

/** One case with its judge values, or with judge metric errors saying why it has none. */
async function judgeCase(
  c: CaseResult,
  summary: string,
  session: JudgeSession,
  deps: JudgeResultsDeps,
): Promise<CaseResult> {
  // A result judged before: its old judge values and errors give way to this judge's.
  const scores = Object.fromEntries(Object.entries(c.scores ?? {}).filter(([m]) => !isJudgeMetric(m)));
  const kept = Object.entries(c.metricErrors ?? {}).filter(([m]) => !isJudgeMetric(m));
  const withErrors = (reason: string): CaseResult => ({
    ...c,
    scores,
    metricErrors: Object.fromEntries([...kept, ...JUDGE_METRICS.map((m): [string, string] => [m, reason])]),
  });
  let source: string;
  try {
    source = await deps.sourceOf(c.id);
  } catch (error) {
    deps.logger.warn(`judge: ${c.id}: its source cannot be read: ${errorMessage(error)}`);
    return withErrors(`the source could not be read for the judge: ${errorMessage(error)}`);
  }
  if (session.stopped) return c;
  try {
    const judged = await session.judge({ id: c.id, source, summary });
    if (judged.status === 'error') return withErrors(new JudgeCaseError(judged.kind, judged.reason).message);
    const { metricErrors: _dropped, ...rest } = c;
    return {
      ...rest,
      scores: { ...scores, ...judgeValuesOf(judged) },
      ...(kept.length > 0 ? { metricErrors: Object.fromEntries(kept) } : {}),
    };
  } catch (error) {
    // The session remembers a setting error and the run throws it once every case in flight is done.
    if (error instanceof JudgeSettingError) return c;
    throw error;
  }
}
