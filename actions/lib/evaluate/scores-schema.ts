import { z } from 'zod';
import type { Metric } from './metrics/registry';
import { JUDGE_METRICS } from '#lib/judge/types';
import { METRIC_DESCRIPTIONS, METRICS } from './metrics/registry';

/**
 * The one description of scores.json: what `sumops eval --out` and the evaluate action write, what a later run
 * reads back as its baseline, and what the privileged comment workflow accepts from an untrusted artifact. The
 * types in ./types are inferred from it, so writer and readers cannot drift apart. Objects drop unknown keys, so
 * nothing the renderer does not expect survives parsing; a case and its scores refuse them instead, because a
 * merge copies each validated case's JSON line as it is (see case-table.ts). Version 1 files (ROUGE only) are
 * upgraded on reading (./scores-v1.ts).
 */

export const SCORES_FORMAT = 'sumops-eval-scores';
export const SCORES_VERSION = 2;

/**
 * The most cases one evaluation holds, sharded or not: a fixture set, a scores.json (a shard's, a merge's, a
 * baseline) and a merge are all bounded by it, so whatever one step writes the next step reads.
 */
export const MAX_EVAL_CASES = 200_000;

/**
 * Any scores.json read back (a shard, a baseline, the comment workflow's artifact): MAX_EVAL_CASES cases with
 * their summaries fit, and it stays below V8's longest string (~512 MiB).
 */
export const MAX_SCORES_FILE_BYTES = 256 * 1024 * 1024;

/** The per-tag view covers at most this many tags (the most frequent); each costs a bootstrap of its cases. */
export const MAX_TAG_VIEWS = 12;

const metricSchema = z.enum(METRICS);

/**
 * Some metrics, each with a value, and no other key: an object schema (zod compiles it to generated code, about a
 * third faster than a record on a merge's 80,000 cases). Which metrics a file must have is its settings.metrics.
 */
function perMetric<T extends z.ZodType>(value: T) {
  return z.strictObject(
    Object.fromEntries(METRICS.map((metric) => [metric, value.optional()])) as Record<
      Metric,
      z.ZodOptional<T>
    >,
  );
}

type ScoresShape = {
  [D in (typeof METRIC_DESCRIPTIONS)[number] as D['name']]: z.ZodOptional<D['schema']>;
};

/** One case's values, each metric's in its own shape (ROUGE: precision/recall/F; faithfulness: score and detail). */
const scoresSchema = z.strictObject(
  Object.fromEntries(METRIC_DESCRIPTIONS.map((d) => [d.name, d.schema.optional()])) as ScoresShape,
);

const intervalSchema = z.object({ mean: z.number(), low: z.number(), high: z.number() });
const metricIntervalsSchema = perMetric(intervalSchema);

const providerInfoSchema = z.object({
  /** `embedded`, `space`, … as reported by the summarizer. */
  name: z.string(),
  model: z.string(),
  /** The Space id or URL when the provider is a Space. */
  space: z.string().optional(),
});

export const caseResultSchema = z
  .strictObject({
    id: z.string().min(1),
    tags: z.array(z.string()),
    origin: z.string(),
    references: z.array(z.string()),
    /** The summary, one sentence per line; absent when the case errored. */
    summary: z.string().optional(),
    /** A value per metric of settings.metrics, except those in metricErrors. */
    scores: scoresSchema.optional(),
    /** Metrics whose value could not be computed for this case (e.g. a judge call that failed), and why. */
    metricErrors: perMetric(z.string()).optional(),
    /** Why this case produced no score (load or summarizer failure). */
    error: z.string().optional(),
    /** How long the provider took to summarize the case (the latency the report shows), in ms. */
    latencyMs: z.number().min(0).optional(),
    /** The case's whole time: loading, summarizing and scoring, in ms. */
    durationMs: z.number(),
  })
  .refine((c) => c.scores !== undefined || c.error !== undefined, {
    message: 'has neither "scores" nor "error"',
  });

/** Who judged (`eval --judge`): results of another prompt or model are not compared with these. */
const judgeSettingsSchema = z.object({
  /** sha256 of the judge's prompt and answer schema (JUDGE_PROMPT_VERSION of #lib/judge). */
  promptVersion: z.string().max(200),
  model: z.string().max(500),
  /** The OpenAI-compatible endpoint, without credentials, query or fragment. */
  baseUrl: z.string().max(2000),
});

const evalSettingsSchema = z
  .object({
    stemmer: z.boolean(),
    seed: z.number(),
    confidence: z.number(),
    bootstrapSamples: z.number(),
    sentences: z.number().optional(),
    maxWords: z.number().optional(),
    concurrency: z.number(),
    /** The metrics this run computed: every scored case has a value (or a metric error) for each, the aggregate too. */
    metrics: z.array(metricSchema).min(1),
    /** Present when the metrics include the judge's. */
    judge: judgeSettingsSchema.optional(),
  })
  .refine(
    (s) => s.judge !== undefined || !s.metrics.some((m) => (JUDGE_METRICS as readonly string[]).includes(m)),
    { path: ['judge'], message: 'is required when settings.metrics lists a judge metric' },
  );

/**
 * What judging cost (the calls and tokens of every shard, for a merge; a merge itself makes none) and how many
 * cases were judged on a condensation of their source.
 */
const judgeUsageSchema = z.object({
  calls: z.int().min(0),
  cacheHits: z.int().min(0),
  promptTokens: z.int().min(0),
  completionTokens: z.int().min(0),
  condensed: z.int().min(0),
});

const gateOutcomeSchema = z.object({
  kind: z.enum(['threshold', 'regression', 'errors', 'latency']),
  metric: metricSchema.optional(),
  passed: z.boolean(),
  /** One human sentence, e.g. "rouge1 mean 28.10 is below the threshold 30.00". */
  message: z.string(),
  /** The measured value (mean, delta CI end, number of errored cases, p95 latency in ms). */
  value: z.number(),
  /** The bar it was compared with (threshold, −tolerance, 0 errors, the p95 limit). */
  limit: z.number(),
});

const baselineComparisonSchema = z.object({
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('file'), path: z.string() }),
    z.object({ kind: z.literal('provider') }),
  ]),
  provider: providerInfoSchema,
  gitSha: z.string().optional(),
  createdAt: z.string().optional(),
  /** Baseline means over the cases both sides scored, per metric both sides have. */
  aggregate: metricIntervalsSchema,
  /** Candidate − baseline, paired bootstrap over the cases both sides scored, per metric both sides have. */
  deltas: metricIntervalsSchema,
  /**
   * Metrics of this run the baseline has no values for (e.g. a version-1 file has no faithfulness), or none it may
   * be compared on (judge metrics given by another judge model or prompt).
   */
  missingMetrics: z.array(metricSchema),
  /** Number of cases both sides scored. */
  paired: z.number(),
  onlyCandidate: z.array(z.string()),
  onlyBaseline: z.array(z.string()),
  /** Per-case baseline values and summary (for previews and worst-delta sorting). */
  cases: z.array(
    z.object({
      id: z.string(),
      values: perMetric(z.number().min(0).max(1)),
      summary: z.string().optional(),
    }),
  ),
  /** Things a reader should know, e.g. the baseline used a different stemmer setting. */
  notes: z.array(z.string()),
});

export const fixtureSetSchema = z.object({ hash: z.string().max(200), cases: z.number().int().min(0) });

export const shardInfoSchema = z.object({
  /** 1-based. */
  index: z.number().int().positive(),
  count: z.number().int().positive(),
  /** Every case id of the whole set in load order: the canonical order a merge restores. */
  ids: z.array(z.string().min(1).max(500)).max(MAX_EVAL_CASES),
});

/** The provider's summarize time per case, over the cases it summarized. */
const latencySchema = z.object({ cases: z.number().int().min(1), p50Ms: z.number(), p95Ms: z.number() });

/** Each metric per fixture tag: the cases that carry the tag, their means and CIs. */
const tagViewSchema = z.object({
  tags: z
    .array(z.object({ tag: z.string(), cases: z.number().int().min(0), aggregate: metricIntervalsSchema }))
    .max(MAX_TAG_VIEWS),
  /** Tags left out of the view (the least frequent beyond MAX_TAG_VIEWS). */
  omitted: z.number().int().min(0),
});

/** What one evaluation run produced; written as scores.json and accepted back as a `--baseline`. */
export const evalResultSchema = z.object({
  format: z.literal(SCORES_FORMAT),
  version: z.literal(SCORES_VERSION),
  /** False when a gate failed or any case errored (see `gates`). */
  passed: z.boolean(),
  createdAt: z.string(),
  gitSha: z.string().optional(),
  provider: providerInfoSchema,
  settings: evalSettingsSchema,
  fixtures: z.array(z.string()),
  /** The whole fixture set the cases came from; equal hashes mean the same measurement. */
  fixtureSet: fixtureSetSchema.optional(),
  /** Only in one shard's file (`eval --shard K/N`); a merged or unsharded result has none. */
  shard: shardInfoSchema.optional(),
  /** Present when the run was judged (`eval --judge`). */
  judge: judgeUsageSchema.optional(),
  /** Mean value per metric with its bootstrap CI, over the cases that have one. */
  aggregate: metricIntervalsSchema,
  /** Absent when no case was summarized, and in version-1 files. */
  latency: latencySchema.optional(),
  /** Absent when no case has a tag. */
  byTag: tagViewSchema.optional(),
  cases: z
    .array(caseResultSchema)
    .max(MAX_EVAL_CASES)
    .superRefine((cases, ctx) => {
      const seen = new Set<string>();
      cases.forEach((c, index) => {
        if (seen.has(c.id))
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${c.id}" appears twice` });
        seen.add(c.id);
      });
    }),
  baseline: baselineComparisonSchema.optional(),
  gates: z.array(gateOutcomeSchema),
});

/** Everything of scores.json but its cases. */
export const scoresHeaderSchema = evalResultSchema.omit({ cases: true });
