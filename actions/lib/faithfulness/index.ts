import { splitSentences } from '#lib/summarize/sentences';
import { alignSentence, sharedRuns } from './align';
import { prepareSourceText } from './source';
import type { PreparedSource } from './source';
import { unsupportedSpans } from './spans';
import type { UnsupportedSpan } from './spans';
import { tokenize } from './tokens';

export type { UnsupportedKind, UnsupportedSpan } from './spans';

/**
 * Faithfulness of a summary to its source, offline and model-free: how much of each summary sentence the source
 * supports, and the words it does not.
 *
 * Each summary sentence is aligned with the source sentence sharing most of its content words. Each content word
 * (numbers included; function words excluded) then gets an "unsupport" in [0, 1]:
 * - 1 when the source lacks it altogether (after stemming and number normalization): invented, reported as a span;
 * - OUT_OF_CONTEXT (0.5) when the source has it, but not in the aligned sentence: combined from elsewhere;
 * - OUT_OF_CONTEXT × (1 − run / PHRASE_TOKENS) inside the aligned sentence, where `run` is the longest run of
 *   consecutive tokens around it that the aligned sentence has verbatim: a word in a shared phrase of PHRASE_TOKENS
 *   (4) tokens or more is fully supported.
 * With u the sentence's mean unsupport, its support is (1 − u)^FACTS_PER_SENTENCE: a news sentence states about
 * three facts, and it is right only when each is. The summary's faithfulness is the mean over its sentences (the share
 * of sentences without error is how FRANK's annotators scored summaries).
 */

export interface SentenceSupport {
  text: string;
  /** How well the source supports the sentence, in [0, 1]. */
  support: number;
  unsupported: UnsupportedSpan[];
}

export interface FaithfulnessResult {
  /** In [0, 1]; 1 when the source supports every sentence; the mean of the sentences' support. */
  faithfulness: number;
  sentences: SentenceSupport[];
}

/** A source prepared once (tokens, sentences, index), to score several summaries of it. Opaque. */
export interface FaithfulnessSource {
  readonly prepared: PreparedSource;
}

const OUT_OF_CONTEXT = 0.5;
const PHRASE_TOKENS = 4;
const FACTS_PER_SENTENCE = 3;

export function prepareSource(source: string): FaithfulnessSource {
  return { prepared: prepareSourceText(source) };
}

/** Sentences of a summary: one or more per line (sumops writes one per line; prose has several). */
function summarySentences(summary: string): string[] {
  return summary.split('\n').flatMap((line) => (line.trim() === '' ? [] : splitSentences(line)));
}

function scoreSentence(source: PreparedSource, text: string): SentenceSupport {
  const tokens = tokenize(text);
  const ids = tokens.map((token) => source.ids.get(token.key) ?? -1);
  const content = tokens.flatMap((token, i) => (token.content ? [i] : []));
  if (content.length === 0) return { text, support: 1, unsupported: [] };
  const aligned = alignSentence(
    source,
    content.flatMap((i) => (ids[i]! >= 0 ? [ids[i]!] : [])),
  );
  const runs = sharedRuns(ids, source, aligned);
  let unsupport = 0;
  for (const i of content) {
    unsupport += ids[i]! < 0 ? 1 : OUT_OF_CONTEXT * (1 - Math.min(1, runs[i]! / PHRASE_TOKENS));
  }
  const support = (1 - unsupport / content.length) ** FACTS_PER_SENTENCE;
  const missing = content.flatMap((i) => (ids[i]! < 0 ? [tokens[i]!] : []));
  return { text, support, unsupported: unsupportedSpans(text, missing) };
}

export function scoreFaithfulness(source: string | FaithfulnessSource, summary: string): FaithfulnessResult {
  const prepared = typeof source === 'string' ? prepareSourceText(source) : source.prepared;
  const sentences = summarySentences(summary).map((text) => scoreSentence(prepared, text));
  const faithfulness =
    sentences.length === 0 ? 1 : sentences.reduce((sum, s) => sum + s.support, 0) / sentences.length;
  return { faithfulness, sentences };
}
