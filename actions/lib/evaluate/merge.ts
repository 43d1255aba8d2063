import { errorMessage } from '#lib/errors';
import { isRecord } from '#lib/is-record';
import type { AssembleInput } from './assemble';
import { assembleResult } from './assemble';
import { MissingShardsError, ShardFileError, ShardSetError } from './errors';
import { assignShards } from './shard';
import type { ShardFile } from './shard-file';
import { MAX_EVAL_CASES, MAX_SCORES_FILE_BYTES } from './scores-schema';
import { shardFileSchema } from './shard-file';
import type { CaseResult, EvalResult, Metric } from './types';

export interface MergeOptions {
  baseline?: AssembleInput['baseline'];
  thresholds?: Partial<Record<Metric, number>>;
  tolerance: number;
  /** How many shards the run had (the matrix size): names every missing shard even when none arrived. */
  expectedCount?: number;
}

export interface MergeDeps {
  /** Reads a file as UTF-8, refusing more than `maxBytes` (the CLI and the action pass readTextFile). */
  readText: (path: string, maxBytes: number) => Promise<string>;
}

interface LoadedShard {
  file: string;
  data: ShardFile;
}

/**
 * Combines the shard files of one `eval --shard K/N` run into the result the unsharded run would have produced:
 * cases back in the fixture set's order, then aggregates, bootstrap CIs, the baseline comparison and gates computed
 * over the whole list exactly as runEvaluation does. Refuses a missing, duplicate, foreign or incomplete shard
 * rather than reporting on part of the set.
 */
export async function mergeShards(
  files: string[],
  options: MergeOptions,
  deps: MergeDeps,
): Promise<EvalResult> {
  const shards: LoadedShard[] = [];
  let total = 0;
  for (const file of files) {
    const shard = await readShard(file, deps, shards[0]?.data.shard.ids);
    total += shard.data.cases.length;
    if (total > MAX_EVAL_CASES) {
      throw new ShardFileError(file, `brings the merge past ${MAX_EVAL_CASES} cases`);
    }
    shards.push(shard);
  }
  const [first] = shards;
  const expected = options.expectedCount;
  if (!first) {
    if (expected !== undefined) throw new MissingShardsError(range(expected), expected);
    throw new ShardSetError('incomplete', [], 'no shard files given');
  }
  if (expected !== undefined && first.data.shard.count !== expected) {
    throw new ShardSetError(
      'foreign',
      [first.file],
      `is shard ${first.data.shard.index}/${first.data.shard.count}, but the run had ${expected} shards`,
    );
  }
  shards.sort((a, b) => a.data.shard.index - b.data.shard.index);
  checkSameRun(shards);
  const count = first.data.shard.count;
  const present = new Set(shards.map((s) => s.data.shard.index));
  const missing: number[] = [];
  for (let k = 1; k <= count; k++) if (!present.has(k)) missing.push(k);
  if (missing.length > 0) throw new MissingShardsError(missing, count);

  const ids = shards[0]?.data.shard.ids ?? [];
  const known = new Set(ids);
  const assigned = assignShards(ids, count);
  const shardOfCase = (id: string): number => assigned.get(id) ?? 0;
  const byId = new Map<string, CaseResult>();
  for (const { file, data } of shards) {
    for (const result of data.cases) {
      const label = `shard ${data.shard.index}/${count}`;
      if (!known.has(result.id))
        throw new ShardSetError(
          'foreign',
          [file],
          `${label} has case "${result.id}", which is not in the fixture set`,
        );
      if (shardOfCase(result.id) !== data.shard.index)
        throw new ShardSetError(
          'foreign',
          [file],
          `${label} has case "${result.id}", which belongs to another shard`,
        );
      if (byId.has(result.id))
        throw new ShardSetError('duplicate', [file], `${label} repeats case "${result.id}"`);
      byId.set(result.id, result);
    }
  }
  const absent = ids.filter((id) => !byId.has(id));
  if (absent.length > 0) {
    const owners = [...new Set(absent.map((id) => shardOfCase(id)))];
    const ownerFiles = shards.filter((s) => owners.includes(s.data.shard.index)).map((s) => s.file);
    throw new ShardSetError(
      'incomplete',
      ownerFiles,
      `${absent.length} case(s) of the set have no result (${listIds(absent)}); shard ${owners.map((k) => `${k}/${count}`).join(', ')} did not finish`,
    );
  }

  const reference = first.data;
  let createdAt = reference.createdAt;
  for (const s of shards) if (s.data.createdAt < createdAt) createdAt = s.data.createdAt;
  return assembleResult({
    createdAt,
    ...(reference.gitSha !== undefined ? { gitSha: reference.gitSha } : {}),
    provider: reference.provider,
    settings: reference.settings,
    fixtures: reference.fixtures,
    fixtureSet: reference.fixtureSet,
    cases: ids.map((id) => byId.get(id) as CaseResult),
    ...(options.baseline ? { baseline: options.baseline } : {}),
    thresholds: options.thresholds ?? {},
    tolerance: options.tolerance,
  });
}

/**
 * `knownIds`: the first shard's validated id list. Every shard lists the whole set's ids, so a later shard's equal
 * list is neither validated again nor kept (8 shards of 10,000 cases carry 640,000 ids, 80,000 of them distinct).
 */
async function readShard(file: string, deps: MergeDeps, knownIds?: string[]): Promise<LoadedShard> {
  let text: string;
  try {
    text = await deps.readText(file, MAX_SCORES_FILE_BYTES);
  } catch (error) {
    throw new ShardFileError(file, `cannot be read (${errorMessage(error)})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ShardFileError(file, `is not valid JSON (${errorMessage(error)})`);
  }
  const reused = reuseKnownIds(raw, knownIds);
  const parsed = shardFileSchema.safeParse(raw);
  if (parsed.success && reused) parsed.data.shard.ids = reused;
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? issue.path.join('.') : 'the file';
    const detail = `${at}: ${issue?.message ?? 'invalid'}`;
    const isShard = typeof raw === 'object' && raw !== null && 'shard' in raw;
    throw new ShardFileError(
      file,
      isShard
        ? `is not a valid shard file (${detail})`
        : `has no "shard" field, so it is not one shard's scores.json (${detail})`,
    );
  }
  const { shard } = parsed.data;
  if (
    shard.index > shard.count ||
    shard.ids.length !== parsed.data.fixtureSet.cases ||
    new Set(shard.ids).size !== shard.ids.length
  ) {
    throw new ShardFileError(
      file,
      `has an inconsistent shard ${shard.index}/${shard.count} of ${shard.ids.length} ids`,
    );
  }
  return { file, data: parsed.data };
}

/** The known id list when `raw` carries an equal one, which is then taken out of `raw` before validation. */
function reuseKnownIds(raw: unknown, knownIds: string[] | undefined): string[] | undefined {
  if (!knownIds || !isRecord(raw) || !isRecord(raw.shard) || !Array.isArray(raw.shard.ids)) return undefined;
  if (!sameIds(raw.shard.ids, knownIds)) return undefined;
  raw.shard.ids = [];
  return knownIds;
}

/** Every shard must come from the same commit, fixture set, provider and settings as the first one. */
function checkSameRun(shards: LoadedShard[]): void {
  const [first, ...rest] = shards;
  if (!first) return;
  const ref = first.data;
  const ids = ref.shard.ids;
  const label = (s: LoadedShard) => `shard ${s.data.shard.index}/${s.data.shard.count}`;
  let previous: LoadedShard | undefined = first;
  for (const s of rest) {
    const d = s.data;
    if (previous && d.shard.index === previous.data.shard.index && d.shard.count === ref.shard.count) {
      throw new ShardSetError('duplicate', [previous.file, s.file], `${label(s)} is given twice`);
    }
    previous = s;
    const differs = (what: string, a: unknown, b: unknown): void => {
      throw new ShardSetError(
        'foreign',
        [first.file, s.file],
        `${label(s)} is from another run than ${label(first)}: ${what} ${JSON.stringify(b)} ≠ ${JSON.stringify(a)}`,
      );
    };
    if (d.shard.count !== ref.shard.count) differs('shard count', ref.shard.count, d.shard.count);
    if (d.gitSha !== ref.gitSha) differs('commit', ref.gitSha ?? null, d.gitSha ?? null);
    if (d.fixtureSet.hash !== ref.fixtureSet.hash)
      differs('fixture set', ref.fixtureSet.hash, d.fixtureSet.hash);
    if (!sameIds(d.shard.ids, ids)) differs('case order of the fixture set', ids.length, d.shard.ids.length);
    if (JSON.stringify(d.provider) !== JSON.stringify(ref.provider))
      differs('provider', ref.provider, d.provider);
    if (JSON.stringify(d.settings) !== JSON.stringify(ref.settings))
      differs('settings', ref.settings, d.settings);
    if (JSON.stringify(d.fixtures) !== JSON.stringify(ref.fixtures))
      differs('fixture files', ref.fixtures, d.fixtures);
  }
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

function sameIds(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function listIds(ids: string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `${shown}, … ${ids.length - 5} more` : shown;
}
