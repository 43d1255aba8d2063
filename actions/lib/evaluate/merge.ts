import { errorMessage, messageAfter } from '#lib/errors';
import type { AssembleInput, GateSettings } from './assemble';
import { assembleResult } from './assemble';
import type { CaseTableResult } from './case-access';
import { CaseTableBuilder } from './case-table';
import { MissingShardsError, ShardFileError, ShardSetError } from './errors';
import { MAX_EVAL_CASES, MAX_SCORES_FILE_BYTES } from './scores-schema';
import { CaseSchemaIssue, validatedCases } from './scores-read';
import type { ScoresDocument } from './scores-text';
import { parseScoresBytes, ScoresSyntaxError } from './scores-text';
import { shardOfPositions } from './shard';
import type { ShardHeader } from './shard-file';
import { invalidShard, sameIds, validateShardHeader } from './shard-file';
import type { JudgeUsage } from './types';
export interface MergeOptions extends Omit<GateSettings, 'thresholds'> {
  baseline?: AssembleInput['baseline'];
  thresholds?: GateSettings['thresholds'];
  /** How many shards the run had (the matrix size): names every missing shard even when none arrived. */
  expectedCount?: number;
}

export interface MergeDeps {
  /** Reads a file's bytes, refusing more than `maxBytes` (the CLI and the action pass readFileBytes). */
  readFile: (path: string, maxBytes: number) => Promise<Buffer>;
}

interface ReadShard {
  file: string;
  header: ShardHeader;
}

/** What the shards read so far established: the set's ids and order, and where each case belongs. */
interface MergeState {
  first: ReadShard;
  positions: Map<string, number>;
  shardOf: Uint16Array;
  table: CaseTableBuilder;
  byIndex: Map<number, ReadShard>;
  total: number;
}

/**
 * Combines the shard files of one `eval --shard K/N` run into the result the unsharded run would have produced:
 * cases back in the fixture set's order, then aggregates, bootstrap CIs, the baseline comparison and gates computed
 * over the whole list exactly as runEvaluation does. Refuses a missing, duplicate, foreign or incomplete shard
 * rather than reporting on part of the set.
 *
 * Files are taken one at a time and each case is validated as it is read; the result's cases stay in the files'
 * bytes (a case table), so memory is about the size of the files rather than of 80,000 case objects.
 */
export async function mergeShards(
  files: string[],
  options: MergeOptions,
  deps: MergeDeps,
): Promise<CaseTableResult> {
  let state: MergeState | undefined;
  for (const file of files) {
    const { bytes, document } = await openShard(file, deps);
    const header = validateShardHeader(file, document, state?.first.header.shard.ids);
    const shard: ReadShard = { file, header };
    if (!state) {
      state = startMerge(shard, options.expectedCount);
    } else {
      checkSameRun(state, shard);
    }
    const previous = state.byIndex.get(header.shard.index);
    if (previous) {
      throw new ShardSetError(
        'duplicate',
        [previous.file, file],
        `shard ${header.shard.index}/${header.shard.count} is given twice`,
      );
    }
    state.byIndex.set(header.shard.index, shard);
    placeCases(state, shard, document, state.table.addSource(bytes));
  }
  const expected = options.expectedCount;
  if (!state) {
    if (expected !== undefined) throw new MissingShardsError(range(expected), expected);
    throw new ShardSetError('incomplete', [], 'no shard files given');
  }
  const count = state.first.header.shard.count;
  const missing = range(count).filter((k) => !state.byIndex.has(k));
  if (missing.length > 0) throw new MissingShardsError(missing, count);
  checkComplete(state);

  const reference = state.first.header;
  let createdAt = reference.createdAt;
  for (const { header } of state.byIndex.values())
    if (header.createdAt < createdAt) createdAt = header.createdAt;
  const judge = judgeUsageOf([...state.byIndex.values()].map((s) => s.header.judge));
  return assembleResult({
    createdAt,
    ...(reference.gitSha !== undefined ? { gitSha: reference.gitSha } : {}),
    provider: reference.provider,
    settings: reference.settings,
    fixtures: reference.fixtures,
    fixtureSet: reference.fixtureSet,
    ...(judge ? { judge } : {}),
    cases: state.table.build(),
    ...(options.baseline ? { baseline: options.baseline } : {}),
    thresholds: options.thresholds ?? {},
    tolerance: options.tolerance,
    ...(options.gate ? { gate: options.gate } : {}),
    ...(options.maxP95Ms !== undefined ? { maxP95Ms: options.maxP95Ms } : {}),
  });
}

async function openShard(
  file: string,
  deps: MergeDeps,
): Promise<{ bytes: Buffer; document: ScoresDocument }> {
  let bytes: Buffer;
  try {
    bytes = await deps.readFile(file, MAX_SCORES_FILE_BYTES);
  } catch (error) {
    throw new ShardFileError(file, `cannot be read: ${messageAfter(file, error)}`);
  }
  try {
    return { bytes, document: parseScoresBytes(bytes) };
  } catch (error) {
    throw new ShardFileError(file, `is not valid JSON (${errorMessage(error)})`);
  }
}

function startMerge(first: ReadShard, expectedCount: number | undefined): MergeState {
  const { shard } = first.header;
  if (expectedCount !== undefined && shard.count !== expectedCount) {
    throw new ShardSetError(
      'foreign',
      [first.file],
      `is shard ${shard.index}/${shard.count}, but the run had ${expectedCount} shards`,
    );
  }
  // Each case's place in the set's order, and the shard that place belongs to: one map and a few arrays serve
  // every check (known id, right shard, not repeated, none missing).
  const positions = new Map<string, number>();
  shard.ids.forEach((id, position) => positions.set(id, position));
  return {
    first,
    positions,
    shardOf: shardOfPositions(shard.ids, shard.count),
    table: new CaseTableBuilder(shard.ids, first.header.settings.metrics),
    byIndex: new Map(),
    total: 0,
  };
}

/** Every shard must come from the same commit, fixture set, provider and settings as the first one. */
function checkSameRun(state: MergeState, s: ReadShard): void {
  const { first } = state;
  const ref = first.header;
  const d = s.header;
  const label = (x: ReadShard) => `shard ${x.header.shard.index}/${x.header.shard.count}`;
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
  if (!sameIds(d.shard.ids, ref.shard.ids))
    differs('case order of the fixture set', ref.shard.ids.length, d.shard.ids.length);
  if (JSON.stringify(d.provider) !== JSON.stringify(ref.provider))
    differs('provider', ref.provider, d.provider);
  if (JSON.stringify(d.settings) !== JSON.stringify(ref.settings))
    differs('settings', ref.settings, d.settings);
  if (JSON.stringify(d.fixtures) !== JSON.stringify(ref.fixtures))
    differs('fixture files', ref.fixtures, d.fixtures);
}

/** Validates the shard's cases one by one and puts each at its place in the set. */
function placeCases(state: MergeState, shard: ReadShard, document: ScoresDocument, source: number): void {
  const { file, header } = shard;
  const label = `shard ${header.shard.index}/${header.shard.count}`;
  try {
    for (const { result, span } of validatedCases(document, header.settings.metrics)) {
      if (state.total >= MAX_EVAL_CASES)
        throw new ShardFileError(file, `brings the merge past ${MAX_EVAL_CASES} cases`);
      const position = state.positions.get(result.id);
      if (position === undefined)
        throw new ShardSetError(
          'foreign',
          [file],
          `${label} has case "${result.id}", which is not in the fixture set`,
        );
      if (state.shardOf[position] !== header.shard.index)
        throw new ShardSetError(
          'foreign',
          [file],
          `${label} has case "${result.id}", which belongs to another shard`,
        );
      if (state.table.has(position))
        throw new ShardSetError('duplicate', [file], `${label} repeats case "${result.id}"`);
      state.table.place(position, result, source, span);
      state.total++;
    }
  } catch (error) {
    if (error instanceof ScoresSyntaxError)
      throw new ShardFileError(file, `is not valid JSON (${error.message})`);
    if (error instanceof CaseSchemaIssue) throw invalidShard(file, header, error.path, error.issue);
    throw error;
  }
}

/** Every case of the set has a result, or the shards that owe one are named. */
function checkComplete(state: MergeState): void {
  const { ids, count } = state.first.header.shard;
  const absent: string[] = [];
  const owners = new Set<number>();
  for (let position = 0; position < ids.length; position++) {
    if (state.table.has(position)) continue;
    absent.push(ids[position] as string);
    owners.add(state.shardOf[position] as number);
  }
  if (absent.length === 0) return;
  const ownerFiles = [...owners].flatMap((k) => {
    const shard = state.byIndex.get(k);
    return shard ? [shard.file] : [];
  });
  throw new ShardSetError(
    'incomplete',
    ownerFiles,
    `${absent.length} case(s) of the set have no result (${listIds(absent)}); shard ${[...owners].map((k) => `${k}/${count}`).join(', ')} did not finish`,
  );
}

/**
 * What judging the shards cost, added up: the merged result reports the calls and tokens of the evaluation, and a
 * merge makes no call of its own. Shards were judged alike or not at all (their settings are compared).
 */
function judgeUsageOf(usages: readonly (JudgeUsage | undefined)[]): JudgeUsage | undefined {
  const judged = usages.filter((usage) => usage !== undefined);
  if (judged.length === 0) return undefined;
  const total: JudgeUsage = { calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, condensed: 0 };
  for (const usage of judged)
    for (const key of Object.keys(total) as (keyof JudgeUsage)[]) total[key] += usage[key];
  return total;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

function listIds(ids: string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `${shown}, … ${ids.length - 5} more` : shown;
}
