import { describe, expect, it } from 'vitest';
import type { EvalResult } from '#lib/evaluate/index';
import type { HistoryRecord } from '#lib/history/index';
import {
  appendHistoryRecord,
  fixtureSets,
  formatHistoryLine,
  historyRecordFromResult,
  historySeries,
  parseHistory,
  readHistory,
  trendMedian,
} from '#lib/history/index';

const interval = (mean: number) => ({ mean, low: mean - 0.02, high: mean + 0.02 });
const record = (over: Partial<HistoryRecord> & { mean?: number } = {}): HistoryRecord => {
  const { mean = 0.3, ...rest } = over;
  return {
    version: 1,
    kind: 'evaluation',
    date: '2026-12-01T09:00:00.000Z',
    gitSha: 'a'.repeat(40),
    model: 'sshleifer/distilbart-cnn-12-6',
    provider: 'space',
    fixtureSet: 'sha256:one',
    cases: 12,
    aggregate: { rouge1: interval(mean) },
    ...rest,
  };
};

function memoryIO(initial?: string) {
  let text = initial;
  return {
    get text() {
      return text;
    },
    readText: () => Promise.resolve(text),
    appendText: (_path: string, more: string) => {
      text = (text ?? '') + more;
      return Promise.resolve();
    },
  };
}

describe('history records', () => {
  it('builds a record from an evaluation, and none without a fixture-set hash', () => {
    const result = {
      createdAt: '2026-12-01T09:00:00.000Z',
      gitSha: 'b'.repeat(40),
      provider: { name: 'space', model: 'm', space: 'http://127.0.0.1:7860' },
      fixtureSet: { hash: 'sha256:one', cases: 3 },
      aggregate: {
        rouge1: interval(0.4),
        rouge2: interval(0.2),
        rougeL: interval(0.3),
        rougeLsum: interval(0.3),
      },
      cases: [{ scores: {} }, { scores: {} }, { error: 'x' }],
    } as unknown as EvalResult;
    const deploy = historyRecordFromResult(result, { kind: 'deploy', spaceCommit: 'c0ffee' });
    expect(deploy).toMatchObject({
      kind: 'deploy',
      spaceCommit: 'c0ffee',
      cases: 2,
      fixtureSet: 'sha256:one',
    });
    expect(deploy?.aggregate.rouge1).toEqual(interval(0.4));
    expect(
      historyRecordFromResult({ ...result, fixtureSet: undefined }, { kind: 'evaluation' }),
    ).toBeUndefined();
  });

  it('writes version 2 with faithfulness and the latency, and still reads version-1 lines', () => {
    const result = {
      createdAt: '2026-12-02T09:00:00.000Z',
      gitSha: 'c'.repeat(40),
      provider: { name: 'space', model: 'm' },
      fixtureSet: { hash: 'sha256:one', cases: 1 },
      aggregate: { rouge1: interval(0.4), faithfulness: interval(0.97) },
      latency: { cases: 1, p50Ms: 410, p95Ms: 950 },
      cases: [{ scores: {} }],
    } as unknown as EvalResult;
    const line = formatHistoryLine(historyRecordFromResult(result, { kind: 'evaluation' }) as HistoryRecord);
    const old = JSON.stringify(record({ gitSha: 'old' }));
    const file = parseHistory(`${old}\n${line}`);
    expect(file.skipped).toEqual([]);
    expect(file.records.map((r) => r.version)).toEqual([1, 2]);
    expect(file.records[1]).toMatchObject({
      aggregate: { faithfulness: interval(0.97) },
      latency: { p50Ms: 410, p95Ms: 950 },
    });
    expect(historySeries(file.records, { metric: 'faithfulness', fixtureSet: 'sha256:one' })).toHaveLength(1);
  });

  it('appends lines that read back, repairs a missing final newline, and skips bad lines without losing others', async () => {
    const io = memoryIO('{"broken"');
    await appendHistoryRecord('h.jsonl', record({ gitSha: 'one' }), io);
    await appendHistoryRecord('h.jsonl', record({ gitSha: 'two', kind: 'deploy' }), io);
    const file = await readHistory('h.jsonl', io);
    expect(file.records.map((r) => r.gitSha)).toEqual(['one', 'two']);
    expect(file.skipped).toEqual([{ line: 1, reason: 'not JSON' }]);
    expect(parseHistory('{"version":3}\n').skipped[0]?.reason).toMatch(/^version: /);
    expect(() => formatHistoryLine({ ...record(), cases: -1 })).toThrow(/invalid history record: cases/);
    expect((await readHistory('none', memoryIO())).records).toEqual([]);
  });

  it('never mixes fixture sets in a series, and the trend is the median of the last 5 main evaluations', () => {
    const records = [
      record({ mean: 0.1 }),
      record({ mean: 0.9, fixtureSet: 'sha256:two' }),
      record({ mean: 0.3 }),
      record({ mean: 0.5, kind: 'deploy' }),
      record({ mean: 0.31 }),
      record({ mean: 0.29 }),
      record({ mean: 0.6 }),
      record({ mean: 0.32 }),
    ];
    const series = historySeries(records, { metric: 'rouge1', fixtureSet: 'sha256:one' });
    expect(series.map((p) => p.mean)).toEqual([0.1, 0.3, 0.5, 0.31, 0.29, 0.6, 0.32]);
    expect(
      historySeries(records, { metric: 'rouge1', fixtureSet: 'sha256:one', last: 2 }).map((p) => p.mean),
    ).toEqual([0.6, 0.32]);
    // Last five evaluations (the deploy is not one): 0.3, 0.31, 0.29, 0.6, 0.32 → median 0.31; one lucky 0.6 run
    // does not move it.
    expect(trendMedian(records, { metric: 'rouge1', fixtureSet: 'sha256:one' })).toEqual({
      median: 0.31,
      runs: 5,
    });
    expect(trendMedian(records, { metric: 'rouge1', fixtureSet: 'sha256:two' })).toEqual({
      median: 0.9,
      runs: 1,
    });
    expect(trendMedian(records, { metric: 'rouge2', fixtureSet: 'sha256:one' })).toBeUndefined();
    expect(fixtureSets(records)).toEqual([
      { fixtureSet: 'sha256:one', records: 7 },
      { fixtureSet: 'sha256:two', records: 1 },
    ]);
  });
});
