import { z } from 'zod';
import {
  MAX_EVAL_CASES,
  caseResultSchema,
  evalResultSchema,
  fixtureSetSchema,
  shardInfoSchema,
} from './scores-schema';

/**
 * A shard's scores.json is a scores.json (the one schema) whose shard and fixture-set fields are required. A merge
 * reads everything per case plus which shard of which fixture set at which commit; the file's aggregates, baseline
 * and gates are ignored (the merge recomputes them), so they are not required either.
 */
export const shardFileSchema = evalResultSchema
  .omit({ passed: true, aggregate: true, baseline: true, gates: true, cases: true })
  .extend({
    fixtureSet: fixtureSetSchema,
    shard: shardInfoSchema,
    cases: z.array(caseResultSchema).max(MAX_EVAL_CASES),
  });

export type ShardFile = z.infer<typeof shardFileSchema>;

/** Everything of a shard file but its cases, which a merge validates one at a time with caseResultSchema. */
export const shardHeaderSchema = shardFileSchema.omit({ cases: true });
