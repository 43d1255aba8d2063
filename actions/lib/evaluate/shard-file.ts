import { z } from 'zod';
import { METRICS, SCORES_FORMAT } from './types';
import type { CaseResult, EvalSettings, ProviderInfo } from './types';

/** A shard set never exceeds what one merge may hold in memory. */
export const MAX_MERGED_CASES = 200_000;
/** One shard's scores.json; 10,000 cases with summaries are ~15 MB. */
export const MAX_SHARD_FILE_BYTES = 64 * 1024 * 1024;

const fraction = z.number().min(0).max(1);
const score = z.object({ precision: fraction, recall: fraction, fmeasure: fraction });
const scores = z.object({ rouge1: score, rouge2: score, rougeL: score, rougeLsum: score });

const caseResultSchema = z.object({
  id: z.string().min(1).max(500),
  tags: z.array(z.string().max(200)).max(100),
  origin: z.string().max(2000),
  references: z.array(z.string().max(1_000_000)).max(100),
  summary: z.string().max(1_000_000).optional(),
  scores: scores.optional(),
  error: z.string().max(10_000).optional(),
  durationMs: z.number().min(0),
});

const settingsSchema = z.object({
  stemmer: z.boolean(),
  seed: z.number().int(),
  confidence: z.number().gt(0).lt(1),
  bootstrapSamples: z.number().int().positive().max(1_000_000),
  sentences: z.number().int().positive().optional(),
  maxWords: z.number().int().positive().optional(),
  concurrency: z.number().int().positive(),
  metrics: z.array(z.enum(METRICS)).max(METRICS.length),
});

const providerSchema = z.object({
  name: z.string().max(200),
  model: z.string().max(500),
  space: z.string().max(2000).optional(),
});

/**
 * The fields of a shard's scores.json a merge reads: everything per case, plus which shard of which fixture set
 * at which commit. Aggregates, baseline and gates in the file are ignored; the merge recomputes them.
 */
export const shardFileSchema = z.object({
  format: z.literal(SCORES_FORMAT),
  version: z.literal(1),
  createdAt: z.string().max(100),
  gitSha: z.string().max(100).optional(),
  provider: providerSchema,
  settings: settingsSchema,
  fixtures: z.array(z.string().max(4096)).max(10_000),
  fixtureSet: z.object({ hash: z.string().max(200), cases: z.number().int().min(0) }),
  shard: z.object({
    index: z.number().int().positive(),
    count: z.number().int().positive(),
    ids: z.array(z.string().min(1).max(500)).max(MAX_MERGED_CASES),
  }),
  cases: z.array(caseResultSchema).max(MAX_MERGED_CASES),
});

export type ShardFile = z.infer<typeof shardFileSchema>;

// The schema describes the same shapes as the hand-written types the rest of the library uses.
const typesAgree: [ShardFile['cases'][number], ShardFile['settings'], ShardFile['provider']] extends [
  CaseResult,
  EvalSettings,
  ProviderInfo,
]
  ? true
  : never = true;
void typesAgree;
