/**
 * A deterministic stand-in for a judge model, for the OpenAI emulator: it reads the source and the summary out of
 * sumops's fenced judge prompt and grades lexically, so tests can work out the expected scores by hand.
 * - claims: the summary's sentences (at most MAX_CLAIMS). A claim with a number the source lacks is "contradicted";
 *   one whose words of 4+ letters all occur in the source is "supported"; otherwise "not_in_source".
 * - coverage: 1 + round(4 × the share of the source's sentences with at least half of their 4+-letter words in the
 *   summary).
 * - coherence: 5, minus 2 if a sentence repeats, minus 2 if a sentence lacks final punctuation (at least 1).
 */
import { MAX_CLAIMS } from '#lib/judge/types';
import { SOURCE_TAG, SUMMARY_TAG } from '#lib/judge/prompt';
import type { JudgeAnswer } from '#lib/judge/schema';

function fenced(text: string, tag: string): string | undefined {
  const open = `<${tag}>\n`;
  const start = text.indexOf(open);
  const end = text.indexOf(`\n</${tag}>`, start);
  return start < 0 || end < 0 ? undefined : text.slice(start + open.length, end);
}

const sentencesOf = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

const wordsOf = (text: string): string[] => text.toLowerCase().match(/\p{L}{4,}/gu) ?? [];
const numbersOf = (text: string): string[] => text.match(/\d+(?:\.\d+)?/g) ?? [];

/** The judge's answer for a prompt, or undefined when the prompt has no fenced source and summary. */
export function lexicalJudgeAnswer(prompt: string): JudgeAnswer | undefined {
  const source = fenced(prompt, SOURCE_TAG);
  const summary = fenced(prompt, SUMMARY_TAG);
  if (source === undefined || summary === undefined) return undefined;
  const sourceWords = new Set(wordsOf(source));
  const sourceNumbers = new Set(numbersOf(source));
  const summarySentences = sentencesOf(summary);
  const claims = summarySentences.slice(0, MAX_CLAIMS).map((claim) => ({
    claim,
    verdict: numbersOf(claim).some((n) => !sourceNumbers.has(n))
      ? ('contradicted' as const)
      : wordsOf(claim).every((w) => sourceWords.has(w))
        ? ('supported' as const)
        : ('not_in_source' as const),
  }));
  const flagged = claims.find((c) => c.verdict !== 'supported');
  const summaryWords = new Set(wordsOf(summary));
  const sourceSentences = sentencesOf(source);
  const covered = sourceSentences.filter((s) => {
    const words = wordsOf(s);
    return words.length > 0 && words.filter((w) => summaryWords.has(w)).length * 2 >= words.length;
  }).length;
  const coverage = 1 + Math.round((4 * covered) / Math.max(1, sourceSentences.length));
  const repeats = new Set(summarySentences).size < summarySentences.length;
  const fragment = summarySentences.some((s) => !/[.!?]$/.test(s));
  const coherence = Math.max(1, 5 - (repeats ? 2 : 0) - (fragment ? 2 : 0));
  return {
    claims,
    faithfulness_reason: flagged ? `"${flagged.claim}" is ${flagged.verdict}.` : 'Every claim is supported.',
    coverage: {
      reason: `${covered} of ${sourceSentences.length} source sentences are covered.`,
      score: coverage,
    },
    coherence: {
      reason: repeats
        ? 'A sentence repeats.'
        : fragment
          ? 'A sentence is a fragment.'
          : 'The summary reads well.',
      score: coherence,
    },
  };
}
