import { z } from 'zod';
import type { EvalRun } from '#lib/evaluate/case-access';
import { casesOf } from '#lib/evaluate/case-access';
import { METRICS } from '#lib/evaluate/metrics/registry';

const interval = z.object({ mean: z.number(), low: z.number(), high: z.number() });

/**
 * One line of the score history (history.jsonl on the history branch): an evaluation on main, or a deploy. Only
 * records with the same `fixtureSet` measure the same thing; the others are kept but never compared with them.
 */
export const historyRecordSchema = z.object({
  /** 2 adds faithfulness (any metric of the registry) and the latency; version-1 records are read as they are. */
  version: z.union([z.literal(1), z.literal(2)]),
  kind: z.enum(['evaluation', 'deploy']),
  /** ISO 8601. */
  date: z.string().max(40),
  gitSha: z.string().max(64),
  /** The Space repository's commit the deploy created (deploys only). */
  spaceCommit: z.string().max(64).optional(),
  model: z.string().max(500),
  provider: z.string().max(200),
  space: z.string().max(2000).optional(),
  fixtureSet: z.string().max(200),
  cases: z.number().int().min(0),
  /** Mean per metric with its bootstrap CI, fractions as in scores.json. */
  aggregate: z.partialRecord(z.enum(METRICS), interval),
  /** The provider's summarize latency over the cases, ms. */
  latency: z.object({ p50Ms: z.number().min(0), p95Ms: z.number().min(0) }).optional(),
});

export type HistoryRecord = z.infer<typeof historyRecordSchema>;

/**
 * The record of one evaluation (kind `evaluation`) or of the evaluation a deploy shipped (kind `deploy`, with the
 * Space commit). Undefined when the result predates fixture-set hashes: without one it could be compared with
 * anything, which is what the history must never do.
 */
export function historyRecordFromResult(
  result: EvalRun,
  options: { kind: HistoryRecord['kind']; gitSha?: string; spaceCommit?: string; date?: string },
): HistoryRecord | undefined {
  const gitSha = options.gitSha ?? result.gitSha;
  if (!result.fixtureSet || !gitSha) return undefined;
  return {
    version: 2,
    kind: options.kind,
    date: options.date ?? result.createdAt,
    gitSha,
    ...(options.spaceCommit ? { spaceCommit: options.spaceCommit } : {}),
    model: result.provider.model,
    provider: result.provider.name,
    ...(result.provider.space ? { space: result.provider.space } : {}),
    fixtureSet: result.fixtureSet.hash,
    cases: casesOf(result).scoredCount,
    aggregate: result.aggregate,
    ...(result.latency ? { latency: { p50Ms: result.latency.p50Ms, p95Ms: result.latency.p95Ms } } : {}),
  };
}
