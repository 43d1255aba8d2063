// Writes test/fixtures/faithfulness/golden.json: the faithfulness results of the pairs in test/harness/faithfulness-
// golden.ts, as the implementation computes them now. The golden test then holds any change to the scores to them
// bit for bit; rewrite the file only for a change meant to move the scores (and say so in the commit).
// Run: npx tsx scripts/dev/faithfulness-golden.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreFaithfulness } from '#lib/faithfulness/index';
import { goldenForm, goldenSources } from '../../test/harness/faithfulness-golden';

const sources = await goldenSources();
const golden = sources.map((source) => ({
  name: source.name,
  results: source.summaries.map((summary) => goldenForm(scoreFaithfulness(source.text, summary))),
}));
const path = join(import.meta.dirname, '../../test/fixtures/faithfulness/golden.json');
// One line per source: a change shows as the sources it touched.
writeFileSync(path, `[\n${golden.map((g) => JSON.stringify(g)).join(',\n')}\n]\n`);
const pairs = golden.reduce((n, g) => n + g.results.length, 0);
console.log(`${path}: ${golden.length} sources, ${pairs} pairs`);
