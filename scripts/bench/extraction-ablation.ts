// `bench-extract --ablate`: sumops' extractArticle over every page with all cleaning rules, then once with each rule
// left out, in this process (quality only; timing and memory are the main table's). For each rule: F1 without it,
// what it adds overall and on each half of the pages, and how many pages it helps and hurts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '#lib/ingest/extract-article';
import { EXTRACTION_RULES } from '#lib/ingest/html/cleaning';
import type { ExtractionRule } from '#lib/ingest/html/cleaning';
import { halfF1, pageF1 } from './extraction-halves';
import { scorePage } from './extraction-metric';
import type { PageScore } from './extraction-metric';

type Truth = Record<string, { articleBody?: string; url: string }>;

function scoreAll(dataDir: string, truth: Truth, ids: string[], skip: ReadonlySet<ExtractionRule>) {
  const scores = new Map<string, PageScore>();
  for (const id of ids) {
    const html = gunzipSync(readFileSync(join(dataDir, 'html', `${id}.html.gz`))).toString('utf8');
    let text: string;
    try {
      text = extractArticle(html, truth[id]?.url, { skipRules: skip }).text;
    } catch {
      text = '';
    }
    scores.set(id, scorePage(truth[id]?.articleBody ?? '', text));
  }
  return scores;
}

const signed = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(4)}`;

export function printAblation(dataDir: string, truth: Truth, ids: string[]): void {
  const full = scoreAll(dataDir, truth, ids, new Set());
  const fullHalves = halfF1(full);
  console.log('\nWhat each cleaning rule adds (sumops with all rules minus sumops without that one):\n');
  console.log(
    `All rules: F1 ${fullHalves.all.toFixed(4)} (even half ${fullHalves.even.toFixed(4)}, odd half ${fullHalves.odd.toFixed(4)})\n`,
  );
  console.log('| rule left out | F1 without | Δ F1 | Δ even half | Δ odd half | pages helped | pages hurt |');
  console.log('|---|---|---|---|---|---|---|');
  for (const rule of EXTRACTION_RULES) {
    const without = scoreAll(dataDir, truth, ids, new Set([rule]));
    const halves = halfF1(without);
    let helped = 0;
    let hurt = 0;
    for (const [id, score] of full) {
      const delta = pageF1(score) - pageF1(without.get(id) as PageScore);
      if (delta > 1e-9) helped++;
      else if (delta < -1e-9) hurt++;
    }
    console.log(
      `| ${rule} | ${halves.all.toFixed(4)} | ${signed(fullHalves.all - halves.all)} | ` +
        `${signed(fullHalves.even - halves.even)} | ${signed(fullHalves.odd - halves.odd)} | ${helped} | ${hurt} |`,
    );
  }
}
