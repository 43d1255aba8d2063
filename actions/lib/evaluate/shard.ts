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
  const shardOf = shardOfPositions(ids, count);
  const shards = new Map<string, number>();
  ids.forEach((id, position) => shards.set(id, shardOf[position] as number));
  return shards;
}

/**
 * assignShards as an array: element i is the shard of ids[i]. Ids are ranked by their digests' first 48 bits,
 * compared as numbers (a native numeric sort, then a binary search per id); only when two ids share those bits
 * (about one pair in 2^48 / n) does a comparison sort fall back to the whole hex digests and then the ids. Either
 * way the order is that of the hex digests, without a 64-character key per id.
 */
export function shardOfPositions(ids: readonly string[], count: number): Uint16Array {
  const total = ids.length;
  const keys = new Float64Array(total);
  // A hex digest is cheaper to get than a Buffer one (no object per id); 12 hex digits are 48 bits, exact in a double.
  for (let i = 0; i < total; i++)
    keys[i] = Number.parseInt(hashOnce('sha256', ids[i] as string, 'hex').slice(0, 12), 16);
  const rankOf = ranksByKey(keys) ?? ranksByWholeDigest(ids, keys);
  const byRank = new Uint32Array(total);
  for (let position = 0; position < total; position++) byRank[rankOf[position] as number] = position;
  const shardOf = new Uint16Array(total);
  let shard = 1;
  for (let rank = 0; rank < total; rank++) {
    // Shard k holds ranks [floor((k−1)·M/N), floor(k·M/N)).
    while (shard < count && rank >= Math.floor((shard * total) / count)) shard++;
    shardOf[byRank[rank] as number] = shard;
  }
  return shardOf;
}

/** Each key's rank, or undefined when two keys are equal. */
function ranksByKey(keys: Float64Array): Uint32Array | undefined {
  const sorted = Float64Array.from(keys).sort();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return undefined;
  const ranks = new Uint32Array(keys.length);
  for (let position = 0; position < keys.length; position++) {
    const key = keys[position] as number;
    let low = 0;
    let high = sorted.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as number) < key) low = middle + 1;
      else high = middle;
    }
    ranks[position] = low;
  }
  return ranks;
}

function ranksByWholeDigest(ids: readonly string[], keys: Float64Array): Uint32Array {
  const order = Array.from({ length: ids.length }, (_, i) => i);
  order.sort(
    (a, b) =>
      (keys[a] as number) - (keys[b] as number) || compareWholeDigests(ids[a] as string, ids[b] as string),
  );
  const ranks = new Uint32Array(ids.length);
  order.forEach((position, rank) => (ranks[position] = rank));
  return ranks;
}

function compareWholeDigests(a: string, b: string): number {
  const x = hashOnce('sha256', a, 'hex');
  const y = hashOnce('sha256', b, 'hex');
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

export function casesOfShard<T extends { id: string }>(cases: readonly T[], shard: ShardSpec): T[] {
  const shardOf = shardOfPositions(
    cases.map((c) => c.id),
    shard.count,
  );
  return cases.filter((_, position) => shardOf[position] === shard.index);
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
