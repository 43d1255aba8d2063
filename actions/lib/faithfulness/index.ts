import { MAX_SENTENCE_CHARS, splitSentences } from '#lib/summarize/sentences';
import { alignSentence, sharedRuns } from './align';
import { prepareSourceText } from './source';
import type { PreparedSource } from './source';
import { unsupportedSpans } from './spans';
import type { UnsupportedSpan } from './spans';
import { tokenize } from './tokens';
import type { Token } from './tokens';

export type { UnsupportedSpan } from './spans';
/** What a span is: a name, number, date, word or phrase the source lacks. @public (part of the module's interface) */
export type { UnsupportedKind } from './spans';

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

/** The constants of the score (see above). Other values are for calibration studies, such as the FRANK benchmark's. */
export interface FaithfulnessOptions {
  /** Unsupport of a word the source has only outside the aligned sentence (OUT_OF_CONTEXT). */
  outOfContext: number;
  /** Length of a shared run that fully supports its words (PHRASE_TOKENS). */
  phraseTokens: number;
  /** The exponent turning mean unsupport into sentence support (FACTS_PER_SENTENCE). */
  factsPerSentence: number;
}

export const FAITHFULNESS_DEFAULTS: Readonly<FaithfulnessOptions> = {
  outOfContext: 0.5,
  phraseTokens: 4,
  factsPerSentence: 3,
};

export function prepareSource(source: string): FaithfulnessSource {
  return { prepared: prepareSourceText(source) };
}

// Terminal punctuation with more text after it: only such a line may hold more than one sentence.
const INNER_BOUNDARY = /[.!?…][\s"'”’)\]]*[\s"'“‘(]\S|[。！？]./u;
const LINE_END = /[.!?…。！？:;"'”’)\]]$/u;
const LOWERCASE_START = /^\p{Ll}/u;

/**
 * Sentences of a summary: sumops writes one per line, prose has several per line. A line that ends without
 * punctuation and is followed by one starting in lowercase continues on it (hard-wrapped text), as the summary
 * splitter reads lines; lines that can only hold one sentence skip the splitter.
 */
function summarySentences(summary: string): string[] {
  const lines: string[] = [];
  for (const raw of summary.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const last = lines.length - 1;
    if (last >= 0 && !LINE_END.test(lines[last]!) && LOWERCASE_START.test(line)) lines[last] += ` ${line}`;
    else lines.push(line);
  }
  return lines.flatMap((line) =>
    line.length > MAX_SENTENCE_CHARS || INNER_BOUNDARY.test(line) ? splitSentences(line) : [line],
  );
}

function scoreSentence(source: PreparedSource, text: string, options: FaithfulnessOptions): SentenceSupport {
  const tokens = tokenize(text);
  const ids: number[] = [];
  const contentIds: number[] = [];
  for (const token of tokens) {
    const id = source.idOf(token.key, token.keyIndex);
    ids.push(id);
    if (token.content) contentIds.push(id);
  }
  if (contentIds.length === 0) return { text, support: 1, unsupported: [] };
  const runs = sharedRuns(ids, source, alignSentence(source, ids, contentIds));
  // A sentence shorter than a phrase, found whole ("Home win."), is fully supported.
  const phrase = Math.min(options.phraseTokens, ids.length);
  let unsupport = 0;
  const missing: Token[] = [];
  tokens.forEach((token, i) => {
    if (!token.content) return;
    if (ids[i]! < 0) {
      unsupport += 1;
      missing.push(token);
    } else unsupport += options.outOfContext * (1 - Math.min(1, runs[i]! / phrase));
  });
  const support = (1 - unsupport / contentIds.length) ** options.factsPerSentence;
  return { text, support, unsupported: unsupportedSpans(text, missing) };
}

export function scoreFaithfulness(
  source: string | FaithfulnessSource,
  summary: string,
  options: Readonly<FaithfulnessOptions> = FAITHFULNESS_DEFAULTS,
): FaithfulnessResult {
  const prepared = typeof source === 'string' ? prepareSourceText(source) : source.prepared;
  const sentences = summarySentences(summary).map((text) => scoreSentence(prepared, text, options));
  const faithfulness =
    sentences.length === 0 ? 1 : sentences.reduce((sum, s) => sum + s.support, 0) / sentences.length;
  return { faithfulness, sentences };
}
