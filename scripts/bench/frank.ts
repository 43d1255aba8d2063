// FRANK's validation split (human factuality of 671 summaries by 9 systems, Pagnoni et al., NAACL 2021,
// https://github.com/artidoro/frank) joined to its articles, and the by-article split used to estimate how a tuned
// metric does on articles it was not tuned on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { partialCorrelation } from './correlation';
import type { PartialCorrelation } from './correlation';

export interface FrankRow {
  id: string;
  articleId: string;
  model: string;
  summary: string;
  factuality: number;
  baselines: Record<string, number | null>;
  article: string;
}

interface ValidLine {
  id: string;
  article_id: string;
  model: string;
  summary: string;
  human: { Factuality: number };
  baselines: Record<string, number | null>;
}

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

/** The validation rows with their article text (`factualityDir`/valid.jsonl joined to `articlesDir`/*_test_250). */
export function loadFrankValid(factualityDir: string, articlesDir: string): FrankRow[] {
  const articles = new Map<string, string>();
  for (const file of ['cnndm_test_250.jsonl', 'xsum_test_250.jsonl'])
    for (const { id, article } of readJsonl<{ id: string; article: string }>(join(articlesDir, file)))
      articles.set(id, article);
  return readJsonl<ValidLine>(join(factualityDir, 'valid.jsonl')).map((line) => {
    const article = articles.get(line.article_id);
    if (article === undefined) throw new Error(`${line.id}: article ${line.article_id} not found`);
    return {
      id: line.id,
      articleId: line.article_id,
      model: line.model,
      summary: line.summary,
      factuality: line.human.Factuality,
      baselines: line.baselines,
      article,
    };
  });
}

/** Half 0 or 1 of each row: article ids in sorted order, alternately. Every summary of an article is in one half. */
export function articleHalves(rows: readonly FrankRow[]): number[] {
  const ids = [...new Set(rows.map((row) => row.articleId))].sort();
  const half = new Map(ids.map((id, i) => [id, i % 2]));
  return rows.map((row) => half.get(row.articleId)!);
}

/** FRANK's score of a metric on the rows selected by `keep` (all by default). */
export function frankCorrelation(
  rows: readonly FrankRow[],
  metric: readonly (number | null)[],
  keep: (index: number) => boolean = () => true,
): PartialCorrelation {
  const indices = rows.flatMap((_, i) => (keep(i) ? [i] : []));
  return partialCorrelation(
    indices.map((i) => metric[i]!),
    indices.map((i) => rows[i]!.factuality),
    indices.map((i) => rows[i]!.model),
  );
}

export const formatPair = ({ pearson, spearman }: PartialCorrelation): string =>
  `${pearson.toFixed(3)} / ${spearman.toFixed(3)}`;
