// One-sentence summaries for bench-coverage: ROUGE of `--sentences 1` on XSum (BBC articles whose reference is a
// single sentence) beside, in the same run, Lead-1 (FRANK's first article sentence), LexRank-1 (Erkan & Radev
// 2004, ./lexrank.ts) over the same sentences sumops chooses from and over FRANK's split, and the news scorer's
// lead-weighted choice that `--sentences 1` made before issue 20. Articles 1–125 are the tuning split for the
// one-sentence scorer; 126–250 are held out (bench-coverage --xsum heldout).
import { DEFAULT_WEIGHTS } from '#lib/summarize/embedded/score';
import { extractSummary } from '#lib/summarize/embedded';
import { splitSentences } from '#lib/summarize/sentences';
import { scoreRouge } from '#lib/rouge/index';
import { lexRank } from './lexrank';

export interface XsumArticle {
  article: string;
  article_sentences: string[];
  reference: string;
}

export interface OneSentenceRow {
  system: string;
  rouge1: number;
  rouge2: number;
  rougeLsum: number;
}

const ROUGE_TYPES = ['rouge1', 'rouge2', 'rougeLsum'] as const;

const SYSTEMS: readonly [string, (a: XsumArticle) => string][] = [
  ['Lead-1 (FRANK split)', (a) => a.article_sentences[0] ?? ''],
  ['LexRank-1 (same sentences as sumops)', (a) => lexRank(splitSentences(a.article), 1).join('\n')],
  ['LexRank-1 (FRANK split)', (a) => lexRank(a.article_sentences, 1).join('\n')],
  [
    'news scorer, lead-weighted (sumops before)',
    (a) => extractSummary(a.article, { sentences: 1, centralWeights: DEFAULT_WEIGHTS }).join('\n'),
  ],
  ['embedded --sentences 1', (a) => extractSummary(a.article, { sentences: 1 }).join('\n')],
];

export function oneSentenceRows(articles: readonly XsumArticle[]): OneSentenceRow[] {
  return SYSTEMS.map(([system, predict]) => {
    const sums = { rouge1: 0, rouge2: 0, rougeLsum: 0 };
    for (const article of articles) {
      const scores = scoreRouge(predict(article), article.reference, { types: ROUGE_TYPES, stemmer: true });
      for (const type of ROUGE_TYPES) sums[type] += scores[type]?.fmeasure ?? 0;
    }
    const mean = (sum: number): number => (100 * sum) / articles.length;
    return { system, rouge1: mean(sums.rouge1), rouge2: mean(sums.rouge2), rougeLsum: mean(sums.rougeLsum) };
  });
}

export function printOneSentence(rows: readonly OneSentenceRow[], split: string, n: number): void {
  console.log(
    `\nOne sentence: XSum ${split} (${n} articles), mean F1 × 100, stemmed; target: embedded ≥ 18.5 ROUGE-1 and above LexRank-1\n`,
  );
  console.log('| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum |');
  console.log('|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.system} | ${r.rouge1.toFixed(2)} | ${r.rouge2.toFixed(2)} | ${r.rougeLsum.toFixed(2)} |`,
    );
  const ours = rows.find((r) => r.system.startsWith('embedded'));
  const lexRankRow = rows.find((r) => r.system.startsWith('LexRank-1 (same'));
  const met =
    ours !== undefined && lexRankRow !== undefined && ours.rouge1 >= 18.5 && ours.rouge1 > lexRankRow.rouge1;
  console.log(
    `\nTargets: ROUGE-1 ≥ 18.5 and above LexRank-1: ${met ? 'met' : 'NOT met'} (${ours?.rouge1.toFixed(2) ?? '?'} vs ${lexRankRow?.rouge1.toFixed(2) ?? '?'})`,
  );
}
