import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvalDeps } from '#lib/evaluate/index';
import {
  DEFAULT_METRICS,
  renderReport,
  ROUGE_METRICS,
  runEvaluation,
  SCORES_FORMAT,
  writeEvalOutputs,
} from '#lib/evaluate/index';
import { parseFixtureFile } from '#lib/evaluate/fixtures';
import { scoreFaithfulness } from '#lib/faithfulness/index';
import { load } from '#lib/ingest/index';
import { silentLogger, systemClock } from '#lib/log';
import { scoreRouge } from '#lib/rouge/index';
import { createSummarizer } from '#lib/summarize/providers';

const small = ['test/fixtures/evaluate/valid-small.jsonl'];
const deps: EvalDeps = { logger: silentLogger, clock: systemClock };

describe('runEvaluation', () => {
  it('scores every case with the embedded provider and aggregates mean F with a CI', async () => {
    const progress: number[] = [];
    const result = await runEvaluation(
      { fixtures: small, provider: { kind: 'embedded' }, sentences: 2 },
      { ...deps, onProgress: (done, total) => progress.push(done * 100 + total) },
    );
    expect(result.format).toBe(SCORES_FORMAT);
    expect(result.passed).toBe(true);
    expect(result.provider).toEqual({ name: 'embedded', model: expect.any(String) as string });
    expect(result.settings).toMatchObject({
      stemmer: true,
      seed: 1,
      confidence: 0.95,
      bootstrapSamples: 1000,
      sentences: 2,
    });
    expect(result.fixtures).toEqual(small);
    expect(result.cases.map((c) => c.id)).toEqual(['kettle', 'garden']);
    expect(progress).toEqual([102, 202]);
    const sources = new Map(
      (await parseFixtureFile(small[0] ?? '')).map((c) => [
        c.id,
        c.input.kind === 'text' ? c.input.text : '',
      ]),
    );
    for (const c of result.cases) {
      const lines = c.summary?.split('\n') ?? [];
      expect(lines).toHaveLength(2);
      const { faithfulness, ...rouge } = c.scores ?? {};
      // The stored scores are ROUGE of the stored summary against the references, stemmed, …
      expect(rouge).toEqual(
        scoreRouge(c.summary ?? '', c.references, { types: ROUGE_METRICS, stemmer: true }),
      );
      // … and faithfulness of the summary against the case's source text.
      const expected = scoreFaithfulness(sources.get(c.id) ?? '', c.summary ?? '');
      expect(faithfulness).toEqual({ value: expected.faithfulness, sentences: expected.sentences });
      expect(c.latencyMs).toBeGreaterThanOrEqual(0);
    }
    expect(result.latency?.cases).toBe(2);
    for (const metric of DEFAULT_METRICS) {
      const values = result.cases.map((c) => {
        const stored = c.scores?.[metric];
        return stored === undefined ? NaN : 'fmeasure' in stored ? stored.fmeasure : stored.value;
      });
      const { mean, low, high } = result.aggregate[metric] ?? { mean: NaN, low: NaN, high: NaN };
      expect(mean).toBeCloseTo((values[0]! + values[1]!) / 2, 12);
      expect(low).toBeLessThanOrEqual(mean);
      expect(high).toBeGreaterThanOrEqual(mean);
      expect(low).toBeCloseTo(Math.min(...values), 12);
      expect(high).toBeCloseTo(Math.max(...values), 12);
    }
    expect(result.gates).toEqual([expect.objectContaining({ kind: 'errors', passed: true })]);
  });

  it('records a failing case without sinking the others, and fails the run with a reason', async () => {
    const result = await runEvaluation(
      { fixtures: small, provider: { kind: 'embedded' }, thresholds: { rouge1: 0.01 } },
      {
        ...deps,
        createSummarizer: async (spec, providerDeps) => {
          const inner = await createSummarizer(spec, providerDeps);
          return {
            provider: inner.provider,
            model: inner.model,
            inputBudgetWords: inner.inputBudgetWords,
            summarize: (request) =>
              request.text.includes('canal')
                ? Promise.reject(new Error('model crashed on canal'))
                : inner.summarize(request),
          };
        },
      },
    );
    expect(result.passed).toBe(false);
    const garden = result.cases.find((c) => c.id === 'garden');
    expect(garden).toMatchObject({ error: 'model crashed on canal' });
    expect(garden?.scores).toBeUndefined();
    expect(result.cases.find((c) => c.id === 'kettle')?.scores?.rouge1?.fmeasure).toBeGreaterThan(0);
    // The aggregate covers only the case that scored.
    expect(result.aggregate.rouge1?.mean).toBe(result.cases[0]?.scores?.rouge1?.fmeasure);
    const failing = result.gates.filter((g) => !g.passed);
    expect(failing).toEqual([
      expect.objectContaining({ kind: 'errors', message: expect.stringContaining('garden') as string }),
    ]);
  });

  it('compares side by side with a second provider: identical providers give zero deltas', async () => {
    const result = await runEvaluation(
      {
        fixtures: small,
        provider: { kind: 'embedded' },
        baseline: { kind: 'provider', provider: { kind: 'embedded' } },
      },
      deps,
    );
    const baseline = result.baseline;
    expect(baseline?.paired).toBe(2);
    expect(baseline?.source).toEqual({ kind: 'provider' });
    for (const metric of DEFAULT_METRICS) {
      expect(baseline?.deltas[metric]).toEqual({ mean: 0, low: 0, high: 0 });
      expect(baseline?.aggregate[metric]?.mean).toBeCloseTo(result.aggregate[metric]?.mean ?? NaN, 12);
    }
    expect(baseline?.missingMetrics).toEqual([]);
    expect(result.gates.filter((g) => g.kind === 'regression')).toHaveLength(DEFAULT_METRICS.length);
    expect(result.passed).toBe(true);
  });

  it('writes scores.json and report.md that round-trip as a baseline file', async () => {
    const out = await mkdtemp(join(tmpdir(), 'sumops-eval-'));
    const first = await runEvaluation(
      { fixtures: small, provider: { kind: 'embedded' }, stemmer: false },
      deps,
    );
    const { scoresPath, reportPath } = await writeEvalOutputs(first, out);
    expect(JSON.parse(await readFile(scoresPath, 'utf8'))).toEqual(JSON.parse(JSON.stringify(first)));
    expect(await readFile(reportPath, 'utf8')).toBe(renderReport(first, { maxChars: Infinity }));

    const second = await runEvaluation(
      { fixtures: small, provider: { kind: 'embedded' }, baseline: { kind: 'file', path: scoresPath } },
      deps,
    );
    expect(second.baseline?.source).toEqual({ kind: 'file', path: scoresPath });
    expect(second.baseline?.paired).toBe(2);
    // The first run was unstemmed: the comparison says so.
    expect(second.baseline?.notes.join(' ')).toContain('without stemming');
  });

  it('evaluates the shipped fixtures, file inputs included, with ingest as the loader', async () => {
    const result = await runEvaluation(
      { provider: { kind: 'embedded' }, concurrency: 4 },
      { ...deps, loadDocument: (source) => load(source, { logger: silentLogger, clock: systemClock }) },
    );
    expect(result.cases.length).toBeGreaterThanOrEqual(18);
    expect(result.cases.filter((c) => c.error !== undefined)).toEqual([]);
    const solar = result.cases.find((c) => c.id === 'file-solar-cooperative');
    expect(solar?.summary).toMatch(/solar|cooperative/i);
    expect(solar?.summary).not.toContain('Most read');
    // A sane extractive summarizer on news-style text lands well above zero and below perfect.
    expect(result.aggregate.rouge1?.mean).toBeGreaterThan(0.2);
    expect(result.aggregate.rouge1?.mean).toBeLessThan(0.95);
    // An extractive summary takes its sentences from the source: faithful by construction.
    expect(result.aggregate.faithfulness?.mean).toBeGreaterThanOrEqual(0.95);
  });

  it('without a loader, file cases error with a clear message instead of throwing', async () => {
    const result = await runEvaluation(
      { fixtures: ['test/eval/howto.yaml'], provider: { kind: 'embedded' } },
      deps,
    );
    const file = result.cases.find((c) => c.id === 'file-museum-reopening');
    expect(file?.error).toMatch(/reads .*museum-reopening\.txt, but runEvaluation was given no loadDocument/);
    expect(result.passed).toBe(false);
  });
});
