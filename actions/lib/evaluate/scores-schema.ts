import { z } from 'zod';
import type { Score } from '#lib/rouge/types';
import type { ScoresDocument } from './scores-text';
import { parseScoresBytes, ScoresSyntaxError } from './scores-text';
import type { Metric } from './types';
import { METRICS, SCORES_FORMAT } from './types';

/**
 * The one description of scores.json: what `sumops eval --out` and the evaluate action write, what a later run
 * reads back as its baseline, and what the privileged comment workflow accepts from an untrusted artifact. The
 * types in ./types are inferred from it, so writer and readers cannot drift apart. Objects drop unknown keys, so
 * nothing the renderer does not expect survives parsing; a case and its scores refuse them instead (as a record of
 * the metrics always did), because a merge copies each validated case's JSON line as it is (see case-table.ts).
 */

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

const metricSchema = z.enum(METRICS);
const fraction = z.number().min(0).max(1);

/**
 * One value per metric, every metric and no other: what `z.record(metricSchema, value)` accepts, as an object
 * schema, which zod validates with generated code (about a third faster on a merge's 80,000 cases × 4 scores).
 */
function perMetric<T extends z.ZodType>(value: T) {
  return z.strictObject(Object.fromEntries(METRICS.map((metric) => [metric, value])) as Record<Metric, T>);
}

const SCORE_PARTS = ['precision', 'recall', 'fmeasure'] as const;

/**
 * Three fractions. One check for the object instead of a min and a max per number (24 checks per case): the same
 * issues and messages as `fraction`, about a quarter less time on a merge's 80,000 cases.
 */
const scoreSchema = z
  .strictObject({ precision: z.number(), recall: z.number(), fmeasure: z.number() })
  .check((ctx) => {
    for (const key of SCORE_PARTS) {
      const value = ctx.value[key];
      if (value > 1)
        ctx.issues.push({
          code: 'too_big',
          origin: 'number',
          maximum: 1,
          inclusive: true,
          input: value,
          path: [key],
        });
      else if (value < 0)
        ctx.issues.push({
          code: 'too_small',
          origin: 'number',
          minimum: 0,
          inclusive: true,
          input: value,
          path: [key],
        });
    }
  }) satisfies z.ZodType<Score>;

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
    scores: perMetric(scoreSchema).optional(),
    /** Why this case produced no score (load or summarizer failure). */
    error: z.string().optional(),
    durationMs: z.number(),
  })
  .refine((c) => c.scores !== undefined || c.error !== undefined, {
    message: 'has neither "scores" nor "error"',
  });

const evalSettingsSchema = z.object({
  stemmer: z.boolean(),
  seed: z.number(),
  confidence: z.number(),
  bootstrapSamples: z.number(),
  sentences: z.number().optional(),
  maxWords: z.number().optional(),
  concurrency: z.number(),
  metrics: z.array(metricSchema),
});

const gateOutcomeSchema = z.object({
  kind: z.enum(['threshold', 'regression', 'errors']),
  metric: metricSchema.optional(),
  passed: z.boolean(),
  /** One human sentence, e.g. "rouge1 mean 28.10 is below the threshold 30.00". */
  message: z.string(),
  /** The measured value (mean, delta CI high, or number of errored cases). */
  value: z.number(),
  /** The bar it was compared with (threshold, −tolerance, or 0 errors). */
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
  /** Baseline means over the cases both sides scored. */
  aggregate: metricIntervalsSchema,
  /** Candidate − baseline, paired bootstrap over the cases both sides scored. */
  deltas: metricIntervalsSchema,
  /** Number of cases both sides scored. */
  paired: z.number(),
  onlyCandidate: z.array(z.string()),
  onlyBaseline: z.array(z.string()),
  /** Per-case baseline F and summary (for previews and worst-delta sorting). */
  cases: z.array(z.object({ id: z.string(), fmeasure: perMetric(fraction), summary: z.string().optional() })),
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

/** What one evaluation run produced; written as scores.json and accepted back as a `--baseline`. */
export const evalResultSchema = z.object({
  format: z.literal(SCORES_FORMAT),
  version: z.literal(1),
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
  /** Mean F-measure per metric with its bootstrap CI, over the cases that scored. */
  aggregate: metricIntervalsSchema,
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
const scoresHeaderSchema = evalResultSchema.omit({ cases: true });
type ScoresHeader = z.infer<typeof scoresHeaderSchema>;
type CaseResult = z.infer<typeof caseResultSchema>;

/** A case of a scores.json that caseResultSchema refuses: the key path from the file's top and zod's message. */
export class CaseSchemaIssue extends Error {
  constructor(
    readonly path: readonly PropertyKey[],
    readonly issue: string,
  ) {
    super(issue);
  }
}

/**
 * The document's cases validated one by one with caseResultSchema, with their position and line span. Throws
 * CaseSchemaIssue at the first case the schema refuses, and ScoresSyntaxError when a case is not JSON; every
 * reader of scores.json cases (a baseline, the comment's artifact, a merge's shards) goes through here.
 */
export function* validatedCases(
  document: ScoresDocument,
): Generator<{ result: CaseResult; index: number; span: { start: number; end: number } | undefined }> {
  let index = 0;
  for (const { value, span } of document.cases()) {
    const parsed = caseResultSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CaseSchemaIssue(['cases', index, ...(issue?.path ?? [])], issue?.message ?? 'invalid');
    }
    yield { result: parsed.data, index, span };
    index++;
  }
}

/**
 * Validates scores.json bytes against the schema a case at a time (parseScoresBytes: the one-case-per-line layout
 * is read line by line, any other JSON whole), handing each validated case to `onCase` with its line's byte range
 * when it has one. So a reader keeps what it needs of each case (a baseline: id, F-measures, summary) instead of
 * the whole file's objects. On failure returns one line naming the first wrong key path and what was expected
 * (e.g. `cases[0].scores.rougeL.fmeasure: Too big: expected number to be <=1`); the caller adds the file.
 */
export function readScoresBytes(
  bytes: Buffer,
  onCase: (result: CaseResult, span: { start: number; end: number } | undefined) => void,
): { ok: true; header: ScoresHeader } | { ok: false; detail: string } {
  const invalidJson = (error: unknown) => ({
    ok: false as const,
    detail: `is not valid JSON (${oneLine((error as Error).message)})`,
  });
  let document: ScoresDocument;
  try {
    document = parseScoresBytes(bytes);
  } catch (error) {
    return invalidJson(error);
  }
  const header = scoresHeaderSchema.safeParse(document.header);
  if (!header.success) return failure(header.error.issues[0]);
  if (!document.hasCaseArray)
    return {
      ok: false,
      detail: `cases: Invalid input: expected array, received ${document.casesType ?? 'undefined'}`,
    };
  const seen = new Set<string>();
  try {
    for (const { result, index, span } of validatedCases(document)) {
      if (index >= MAX_EVAL_CASES)
        return { ok: false, detail: `cases: Too big: expected array to have <=${MAX_EVAL_CASES} items` };
      if (seen.has(result.id))
        return { ok: false, detail: `cases[${index}].id: "${oneLine(result.id)}" appears twice` };
      seen.add(result.id);
      onCase(result, span);
    }
  } catch (error) {
    if (error instanceof ScoresSyntaxError) return invalidJson(error);
    if (error instanceof CaseSchemaIssue) return failure({ path: error.path, message: error.issue });
    throw error;
  }
  return { ok: true, header: header.data };
}

/** readScoresBytes of text, keeping every case: the whole result (the comment workflow renders its report). */
export function parseScoresJson(
  text: string,
): { ok: true; result: z.infer<typeof evalResultSchema> } | { ok: false; detail: string } {
  const cases: CaseResult[] = [];
  const read = readScoresBytes(Buffer.from(text), (result) => cases.push(result));
  if (!read.ok) return read;
  // The schema's key order, as a whole-file parse gave it.
  const { aggregate, baseline, gates, ...before } = read.header;
  return { ok: true, result: { ...before, aggregate, cases, ...(baseline ? { baseline } : {}), gates } };
}

function failure(issue: { path: readonly PropertyKey[]; message: string } | undefined): {
  ok: false;
  detail: string;
} {
  if (!issue) return { ok: false, detail: 'is not a sumops scores file' };
  return { ok: false, detail: `${keyPath(issue.path)}: ${oneLine(issue.message)}` };
}

function keyPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the file';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 200);
}
