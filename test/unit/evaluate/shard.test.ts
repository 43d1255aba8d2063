import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseTableResult, EvalOptions, EvalResult } from '#lib/evaluate/index';
import {
  casesOfShard,
  DEFAULT_METRICS,
  MissingShardsError,
  mergeShards,
  parseShardSpec,
  readBaselineFile,
  runEvaluation,
  ShardFileError,
  ShardSetError,
  assignShards,
  formatScoresJson,
  materializeCases,
  writeEvalOutputs,
} from '#lib/evaluate/index';
import { silentLogger } from '#lib/log';
import { fakeClock } from '../../harness/fakes';

const WORDS = 'kettle garden river stone lamp window paper clock bridge candle forest market harbor'.split(
  ' ',
);

/** 37 text cases of four sentences each; ids are not in sorted order so the canonical order is the file's. */
function fixtureLines(): string {
  const lines: string[] = [];
  for (let i = 0; i < 37; i++) {
    const w = (k: number) => WORDS[(i * 7 + k * 3) % WORDS.length] ?? 'x';
    const sentences = [0, 1, 2, 3].map(
      (k) => `The ${w(k)} near the ${w(k + 1)} was ${w(k + 2)} on day ${i + k}.`,
    );
    lines.push(
      JSON.stringify({
        id: `case-${(i * 17) % 37}-${w(0)}`,
        text: sentences.join(' '),
        reference: `The ${w(0)} near the ${w(2)} was ${w(1)}.`,
        tags: [i % 2 === 0 ? 'even' : 'odd'],
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

let dir: string;
let baselinePath: string;
const deps = () => ({ logger: silentLogger, clock: fakeClock() });
const readText = (path: string) => readFile(path, 'utf8');
const fileDeps = { readFile: (path: string) => readFile(path) };

function options(extra: Partial<EvalOptions> = {}): EvalOptions {
  return {
    fixtures: ['cases.jsonl'],
    cwd: dir,
    provider: { kind: 'embedded' },
    sentences: 2,
    gitSha: 'abc123',
    thresholds: { rouge1: 0.2 },
    tolerance: 0.01,
    ...extra,
  };
}

/** As `eval --shard K/N --out` writes it (one case per line); `compact`: one line, as other writers might. */
async function writeShard(result: EvalResult, name: string, compact = false): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, compact ? JSON.stringify(result) : formatScoresJson(result));
  return path;
}

/** The lines of scores.json text that hold one case each. */
function caseLines(text: string): string[] {
  const start = text.indexOf('\n  "cases": [\n');
  return text.slice(start, text.indexOf('\n  ]', start)).split('\n').slice(2);
}

/** The merged result with its cases as objects, to compare with an unsharded result field by field. */
function asResult(merged: CaseTableResult): EvalResult {
  return { ...merged, cases: materializeCases(merged.cases) };
}

let runs = 0;
async function runShards(count: number, extra: Partial<EvalOptions> = {}): Promise<string[]> {
  const run = ++runs;
  const files: string[] = [];
  for (let index = 1; index <= count; index++) {
    const result = await runEvaluation(options({ ...extra, shard: { index, count } }), deps());
    files.push(await writeShard(result, `run${run}-shard-${index}-of-${count}.json`));
  }
  return files;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sumops-shard-'));
  await writeFile(join(dir, 'cases.jsonl'), fixtureLines());
  // A baseline that differs from the candidate (one sentence instead of two), so deltas are not zero.
  const base = await runEvaluation(options({ sentences: 1, gitSha: 'main000' }), deps());
  baselinePath = (await writeEvalOutputs(base, join(dir, 'baseline'))).scoresPath;
});

describe('shard assignment', () => {
  it('puts every case in exactly one shard', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `id-${i}`);
    for (const count of [1, 2, 5, 8]) {
      const seen = new Map<string, number>();
      for (let index = 1; index <= count; index++) {
        for (const c of casesOfShard(
          ids.map((id) => ({ id })),
          { index, count },
        ))
          seen.set(c.id, (seen.get(c.id) ?? 0) + 1);
      }
      expect([...seen.keys()].sort()).toEqual([...ids].sort());
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
    }
  });

  it('balances shards to within one case, whatever the file order', () => {
    const ids = Array.from({ length: 203 }, (_, i) => `id-${i}`);
    for (const count of [2, 5, 8]) {
      const assigned = assignShards(ids, count);
      const sizes = Array.from(
        { length: count },
        (_, k) => [...assigned.values()].filter((s) => s === k + 1).length,
      );
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      const reversed = assignShards([...ids].reverse(), count);
      expect(ids.every((id) => reversed.get(id) === assigned.get(id))).toBe(true);
    }
  });

  it('moves at most one case per shard boundary when a case is added or removed', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `id-${i}`);
    const before = assignShards(ids, 8);
    for (const changed of [[...ids, 'a-new-case'], ids.slice(1)]) {
      const after = assignShards(changed, 8);
      const moved = changed.filter((id) => before.has(id) && before.get(id) !== after.get(id));
      expect(moved.length).toBeLessThanOrEqual(7);
      expect(ids.filter((id) => after.has(id)).length).toBeGreaterThan(190);
    }
  });

  it('parses K/N and rejects out-of-range shards', () => {
    expect(parseShardSpec('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/5', '6/5', '1/0', '5', 'a/b', '1/257'])
      expect(() => parseShardSpec(bad)).toThrow(/K\/N/);
  });
});

describe('mergeShards equals the unsharded run', () => {
  it.each([1, 2, 5])('%i shard(s), with a baseline file and gates, field by field', async (count) => {
    const baseline = {
      source: { kind: 'file' as const, path: baselinePath },
      scores: await readBaselineFile(baselinePath),
    };
    const whole = await runEvaluation(options({ baseline: { kind: 'file', path: baselinePath } }), deps());
    const files = await runShards(count);
    const merged = await mergeShards(
      [...files].reverse(),
      { baseline, thresholds: { rouge1: 0.2 }, tolerance: 0.01 },
      fileDeps,
    );
    // The comparison is not vacuous: many cases, a real baseline delta, gates of every kind.
    expect(whole.cases).toHaveLength(37);
    expect(whole.baseline?.paired).toBe(37);
    expect(whole.gates.map((g) => g.kind)).toEqual([
      'errors',
      'threshold',
      ...DEFAULT_METRICS.map(() => 'regression'),
    ]);
    // Faithfulness (with its detail per case), the per-tag view and the latency are in what is compared.
    expect(whole.cases.every((c) => c.scores?.faithfulness !== undefined) && whole.latency?.cases).toBe(37);
    expect([whole.baseline?.deltas.faithfulness, whole.byTag?.tags.length]).toEqual([expect.anything(), 2]);
    expect(Object.keys(merged).sort()).toEqual(Object.keys(whole).sort());
    const mergedResult = asResult(merged);
    for (const key of Object.keys(whole) as (keyof EvalResult)[])
      expect(mergedResult[key], key).toEqual(whole[key]);
    // And each case's scores.json line byte for byte: it is copied from its shard file as the shard wrote it.
    const lines = caseLines(formatScoresJson(merged));
    expect(lines).toHaveLength(37);
    expect(lines).toEqual(caseLines(formatScoresJson(whole)));
    expect(merged.shard).toBeUndefined();
    expect(merged.fixtureSet).toEqual({
      hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) as string,
      cases: 37,
    });
  });

  it('merges shard files in any JSON layout to the same result (the line-per-case one is only faster)', async () => {
    const lines = await runShards(3);
    const compact = await Promise.all(
      lines.map(async (file, k) =>
        writeShard(JSON.parse(await readText(file)) as EvalResult, `compact-${k}.json`, true),
      ),
    );
    const fromLines = await mergeShards(lines, { tolerance: 0.01 }, fileDeps);
    const fromCompact = await mergeShards(compact, { tolerance: 0.01 }, fileDeps);
    expect(asResult(fromCompact)).toEqual(asResult(fromLines));
    expect(caseLines(formatScoresJson(fromCompact))).toEqual(caseLines(formatScoresJson(fromLines)));
  });

  it('each shard scores only its own cases, and a lone shard aggregates only those', async () => {
    const [file] = await runShards(5);
    const shard = JSON.parse(await readText(file ?? '')) as EvalResult;
    expect(shard.shard?.index).toBe(1);
    expect(shard.shard?.ids).toHaveLength(37);
    expect(shard.cases.length).toBeLessThan(37);
    const assigned = assignShards(shard.shard?.ids ?? [], 5);
    expect(shard.cases.every((c) => assigned.get(c.id) === 1)).toBe(true);
  });
});

describe('mergeShards refuses sets that are not one run', () => {
  const merge = (paths: string[]) => mergeShards(paths, { tolerance: 0.01 }, fileDeps);

  it('names the missing shards', async () => {
    const files = await runShards(5);
    const error = await merge([files[0] ?? '', files[2] ?? '', files[4] ?? '']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingShardsError);
    expect((error as MissingShardsError).missing).toEqual([2, 4]);
    expect((error as Error).message).toContain('missing shards 2/5, 4/5');
  });

  it('with the expected shard count, names every missing shard even when none arrived', async () => {
    const none = await mergeShards([], { tolerance: 0.01, expectedCount: 3 }, fileDeps).catch(
      (e: unknown) => e,
    );
    expect((none as Error).message).toMatch(/^missing shards 1\/3, 2\/3, 3\/3:/);
    const two = await runShards(2);
    const wrong = await mergeShards(two, { tolerance: 0.01, expectedCount: 3 }, fileDeps).catch(
      (e: unknown) => e,
    );
    expect((wrong as ShardSetError).reason).toBe('foreign');
    expect((wrong as Error).message).toMatch(/is shard \d\/2, but the run had 3 shards/);
  });

  it('refuses the same shard twice', async () => {
    const files = await runShards(2);
    const copy = join(dir, 'copy.json');
    await writeFile(copy, await readText(files[1] ?? ''));
    const error = await merge([...files, copy]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShardSetError);
    expect((error as ShardSetError).reason).toBe('duplicate');
    expect((error as Error).message).toMatch(/shard 2\/2 is given twice/);
  });

  it('refuses a shard from another commit, fixture set or shard count', async () => {
    const files = await runShards(2);
    expect((await merge(files)).cases.size).toBe(37);
    const foreignCommit = (await runShards(2, { gitSha: 'def456' }))[1] ?? '';
    const error = await merge([files[0] ?? '', foreignCommit]).catch((e: unknown) => e);
    expect((error as ShardSetError).reason).toBe('foreign');
    expect((error as Error).message).toMatch(/commit "def456" ≠ "abc123"/);

    const moved = JSON.parse(await readText(files[1] ?? '')) as EvalResult;
    if (moved.fixtureSet) moved.fixtureSet.hash = 'sha256:other';
    const set = await merge([files[0] ?? '', await writeShard(moved, 'moved.json')]).catch((e: unknown) => e);
    expect((set as Error).message).toMatch(/fixture set "sha256:other"/);

    const three = await runShards(3);
    const count = await merge([files[0] ?? '', three[1] ?? '']).catch((e: unknown) => e);
    expect((count as Error).message).toMatch(/shard count 3 ≠ 2/);
  });

  it('refuses a case with a key scores.json does not have, naming the file and the key path', async () => {
    const files = await runShards(2);
    const extra = JSON.parse(await readText(files[1] ?? '')) as EvalResult;
    (extra.cases[0] as unknown as Record<string, unknown>).note = 'not in the schema';
    const error = await merge([files[0] ?? '', await writeShard(extra, 'extra.json')]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ShardFileError);
    expect((error as Error).message).toMatch(
      /extra\.json: is not a valid shard file \(cases\.0: Unrecognized key: "note"\)/,
    );
  });

  it('refuses a shard that lacks some of its cases, or a file that is no shard', async () => {
    const files = await runShards(2);
    const cut = JSON.parse(await readText(files[1] ?? '')) as EvalResult;
    const dropped = cut.cases.pop();
    const error = await merge([files[0] ?? '', await writeShard(cut, 'cut.json')]).catch((e: unknown) => e);
    expect((error as ShardSetError).reason).toBe('incomplete');
    expect((error as Error).message).toContain(dropped?.id ?? '?');
    expect((error as Error).message).toContain('shard 2/2 did not finish');

    const whole = await runEvaluation(options(), deps());
    const plain = await merge([await writeShard(whole, 'plain.json')]).catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(ShardFileError);
    expect((plain as Error).message).toMatch(/plain\.json: has no "shard" field/);

    await writeFile(join(dir, 'broken.json'), '{"format":');
    const broken = await merge([join(dir, 'broken.json')]).catch((e: unknown) => e);
    expect((broken as Error).message).toMatch(/broken\.json: is not valid JSON/);
  });
});
