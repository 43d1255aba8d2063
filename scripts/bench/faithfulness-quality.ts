// What the faithfulness metric must keep doing besides correlating with people: score an extractive summarizer's
// copies as supported, and report what a summarizer invents as spans of the right kind.
import { scoreFaithfulness } from '#lib/faithfulness/index';
import type { FaithfulnessResult } from '#lib/faithfulness/index';
import { extractSummary } from '#lib/summarize/embedded';

export interface ExtractFigures {
  summaries: number;
  exactlyOne: number;
  atLeast95: number;
  lowest: number;
}

/** The embedded summarizer's extracts of each article, scored against it. */
export function extractFigures(articles: readonly string[]): ExtractFigures {
  const scores = articles.map(
    (article) => scoreFaithfulness(article, extractSummary(article).join('\n')).faithfulness,
  );
  return {
    summaries: scores.length,
    exactlyOne: scores.filter((score) => score === 1).length,
    atLeast95: scores.filter((score) => score >= 0.95).length,
    lowest: Math.min(...scores),
  };
}

/** Names no article here contains, standing in for the names the extract had (as test/harness's hallucinator). */
const INVENTED_NAMES = ['Okoro', 'Vantreska', 'Belmiro', 'Quillondra', 'Ashgrove'];
const INVENTED_NAME = new RegExp(`\\b(?:${INVENTED_NAMES.join('|')})\\b`, 'gu');

/**
 * The end-to-end test's hallucinating Space: every number and every mid-sentence capitalized word of the extract
 * replaced by an invented one.
 */
function hallucinate(sentence: string): string {
  let names = 0;
  return sentence
    .replace(/\d+(?:[.,]\d+)*/g, (number) => String((Number(number.replace(/\D/g, '')) * 7 + 13) % 9973))
    .replace(/(?<=\S\s+)\p{Lu}[\p{L}'’-]+/gu, () => INVENTED_NAMES[names++ % INVENTED_NAMES.length]!);
}

export interface Invented {
  total: number;
  /** Covered by an unsupported span (of one of the kinds asked for). */
  reported: number;
  /** Covered by an unsupported span of the first kind asked for. */
  ofFirstKind: number;
}

function countReported(
  result: FaithfulnessResult,
  pattern: RegExp,
  kinds: readonly string[],
  invented: (text: string) => boolean,
  into: Invented,
): void {
  for (const sentence of result.sentences)
    for (const match of sentence.text.matchAll(pattern)) {
      if (!invented(match[0])) continue;
      const start = match.index;
      const end = start + match[0].length;
      const span = sentence.unsupported.find(
        (s) => kinds.includes(s.kind) && s.start <= start && s.end >= end,
      );
      into.total++;
      if (span !== undefined) into.reported++;
      if (span?.kind === kinds[0]) into.ofFirstKind++;
    }
}

// A number the hallucinator wrote as a token of its own (not glued to letters, as in "K27" or "Okoro20").
const STANDALONE_NUMBER = /(?<![\p{L}\d])\d+(?![\p{L}\d])/gu;

/**
 * Extracts of each article with names and numbers invented: how many of the invented ones (those the article does
 * not have by chance) come out as unsupported spans: names of any kind (a name that starts a sentence is a "word",
 * as a capital there marks no name), numbers as numbers or dates.
 */
export function inventedSpans(articles: readonly string[]): { names: Invented; numbers: Invented } {
  const names = { total: 0, reported: 0, ofFirstKind: 0 };
  const numbers = { total: 0, reported: 0, ofFirstKind: 0 };
  for (const article of articles) {
    const summary = extractSummary(article).map(hallucinate).join('\n');
    const result = scoreFaithfulness(article, summary);
    const absent = (text: string) => !article.includes(text);
    countReported(result, INVENTED_NAME, ['name', 'word', 'phrase'], absent, names);
    countReported(result, STANDALONE_NUMBER, ['number', 'date'], absent, numbers);
  }
  return { names, numbers };
}
