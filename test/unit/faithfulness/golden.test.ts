import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareSource, scoreFaithfulness } from '#lib/faithfulness/index';
import { goldenForm, goldenSources } from '../../harness/faithfulness-golden';
import type { GoldenResult } from '../../harness/faithfulness-golden';

// Results written by scripts/dev/faithfulness-golden.ts: scores, sentence texts and spans must stay exactly as they
// were, for a source given as text and for one prepared and reused.
const golden = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../fixtures/faithfulness/golden.json'), 'utf8'),
) as {
  name: string;
  results: GoldenResult[];
}[];
const sources = await goldenSources();

describe('faithfulness golden results', () => {
  it('covers the same pairs as the golden file', () => {
    expect(sources.map((s) => [s.name, s.summaries.length])).toEqual(
      golden.map((g) => [g.name, g.results.length]),
    );
  });

  it.each(sources.map((source, i) => [source.name, source, golden[i]!.results] as const))(
    '%s: every summary scored from the source text gives the golden result',
    (_, source, results) => {
      expect(source.summaries.map((summary) => goldenForm(scoreFaithfulness(source.text, summary)))).toEqual(
        results,
      );
    },
  );

  it('gives the golden results from sources prepared first and scored afterwards, in another order', () => {
    const prepared = sources.map((source) => prepareSource(source.text));
    for (let i = sources.length - 1; i >= 0; i--)
      expect(
        sources[i]!.summaries.map((summary) => goldenForm(scoreFaithfulness(prepared[i]!, summary))),
        sources[i]!.name,
      ).toEqual(golden[i]!.results);
  });
});
