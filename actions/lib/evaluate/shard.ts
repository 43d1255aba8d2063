import { createHash, hash as hashOnce } from 'node:crypto';
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
 * Which shard (1-based) each case of the whole set belongs to. Cases are ordered by SHA-256 of their id and cut
 * into N contiguous runs whose sizes differ by at most one, so shards take equally long. It depends on the set of
 * ids only (not on file order), and adding or removing a case moves at most one case across each of the N − 1
 * boundaries: every other case keeps its shard.
 */
export function assignShards(ids: readonly string[], count: number): Map<string, number> {
  // crypto.hash is the one-shot form: no Hash object per id (a merge hashes every id of the set).
  const keyed = ids.map((id) => ({ id, key: hashOnce('sha256', id, 'hex') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shards = new Map<string, number>();
  const total = keyed.length;
  let shard = 1;
  keyed.forEach(({ id }, rank) => {
    // Shard k holds ranks [floor((k−1)·M/N), floor(k·M/N)).
    while (shard < count && rank >= Math.floor((shard * total) / count)) shard++;
    shards.set(id, shard);
  });
  return shards;
}

export function casesOfShard<T extends { id: string }>(cases: readonly T[], shard: ShardSpec): T[] {
  const assigned = assignShards(
    cases.map((c) => c.id),
    shard.count,
  );
  return cases.filter((c) => assigned.get(c.id) === shard.index);
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
