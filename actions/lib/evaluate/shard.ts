import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { InvalidValueError } from '#lib/errors';
import type { EvalCase } from './types';

/** Shard K of N, 1-based as people count them (`--shard 2/5`). */
export interface ShardSpec {
  index: number;
  count: number;
}

/** GitHub Actions caps a matrix at 256 jobs; more shards than that could never run at once. */
export const MAX_SHARDS = 256;

export function parseShardSpec(text: string): ShardSpec {
  const match = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new InvalidValueError('shard', text, `expected K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS}, e.g. 2/5`);
  }
  return { index, count };
}

/**
 * The shard (1-based) a case belongs to: the first 32 bits of SHA-256 of its id, modulo N. It depends on the id
 * alone, so adding or removing other cases never moves a case to another shard.
 */
export function shardOfCase(id: string, count: number): number {
  return (createHash('sha256').update(id, 'utf8').digest().readUInt32BE(0) % count) + 1;
}

export function casesOfShard<T extends { id: string }>(cases: readonly T[], shard: ShardSpec): T[] {
  return cases.filter((c) => shardOfCase(c.id, shard.count) === shard.index);
}

/**
 * A digest of the whole fixture set in load order (ids, inputs, references, tags): two runs with the same digest
 * scored the same measurement. File inputs are named relative to `cwd` so the digest doesn't depend on the
 * checkout's location; a file's contents are not read (its path and the references stand for it).
 */
export function fixtureSetHash(cases: readonly EvalCase[], cwd: string): string {
  const hash = createHash('sha256');
  for (const c of cases) {
    const input =
      c.input.kind === 'file'
        ? { kind: 'file', path: relative(cwd, c.input.path).split('\\').join('/') }
        : c.input;
    hash.update(`${JSON.stringify([c.id, input, c.references, c.tags])}\n`);
  }
  return `sha256:${hash.digest('hex')}`;
}
