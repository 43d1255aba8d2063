import { z } from 'zod';
import { isRecord } from '#lib/is-record';
import { ShardFileError } from './errors';
import {
  MAX_EVAL_CASES,
  caseResultSchema,
  evalResultSchema,
  fixtureSetSchema,
  shardInfoSchema,
} from './scores-schema';
import type { ScoresDocument } from './scores-text';
import { upgradeScoresHeader } from './scores-v1';

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
const shardHeaderSchema = shardFileSchema.omit({ cases: true });

/** A shard file without its cases (they go into a merge's case table as they are read). */
export type ShardHeader = Omit<ShardFile, 'cases'>;

export function invalidShard(
  file: string,
  header: Record<string, unknown>,
  path: readonly PropertyKey[],
  message: string,
): ShardFileError {
  const at = path.length ? path.join('.') : 'the file';
  return new ShardFileError(
    file,
    'shard' in header
      ? `is not a valid shard file (${at}: ${message})`
      : `has no "shard" field, so it is not one shard's scores.json (${at}: ${message})`,
  );
}

/**
 * `knownIds`: the first shard's validated id list. Every shard lists the whole set's ids, so a later shard's equal
 * list is neither validated again nor kept (8 shards of 10,000 cases carry 640,000 ids, 80,000 of them distinct).
 */
export function validateShardHeader(
  file: string,
  document: ScoresDocument,
  knownIds: string[] | undefined,
): ShardHeader {
  const { header } = document;
  upgradeScoresHeader(header);
  const reused = reuseKnownIds(header, knownIds);
  const parsed = shardHeaderSchema.safeParse(header);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidShard(file, header, issue?.path ?? [], issue?.message ?? 'invalid');
  }
  if (!document.hasCaseArray)
    throw invalidShard(
      file,
      header,
      ['cases'],
      `Invalid input: expected array, received ${document.casesType ?? 'undefined'}`,
    );
  const data = parsed.data;
  if (reused) data.shard.ids = reused;
  const { shard } = data;
  if (
    shard.index > shard.count ||
    shard.ids.length !== data.fixtureSet.cases ||
    // A reused list is the first shard's, already found free of duplicates.
    (!reused && new Set(shard.ids).size !== shard.ids.length)
  ) {
    throw new ShardFileError(
      file,
      `has an inconsistent shard ${shard.index}/${shard.count} of ${shard.ids.length} ids`,
    );
  }
  return data;
}

/** The known id list when `raw` carries an equal one, which is then taken out of `raw` before validation. */
function reuseKnownIds(raw: Record<string, unknown>, knownIds: string[] | undefined): string[] | undefined {
  if (!knownIds || !isRecord(raw.shard) || !Array.isArray(raw.shard.ids)) return undefined;
  if (!sameIds(raw.shard.ids, knownIds)) return undefined;
  raw.shard.ids = [];
  return knownIds;
}

export function sameIds(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
