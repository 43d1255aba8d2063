import { MAX_SENTENCE_CHARS, splitSentences } from '#lib/summarize/sentences';
import { alignSentence, sharedRuns } from './align';
import { PreparedSource } from './source';
import { scanSource } from './source-scan';
import type { ScannedSource } from './source-scan';
import { SummaryWords } from './summary-words';
import { unsupportedSpans } from './spans';
import type { UnsupportedSpan } from './spans';
import { tokenize } from './tokens';
import type { Token } from './tokens';
import { occursVerbatim } from './verbatim';

export type { UnsupportedSpan } from './spans';
/** What a span is: a name, number, date, word or phrase the source lacks. @public (part of the module's interface) */
export type { UnsupportedKind } from './spans';

/**
 * Faithfulness of a summary to its source, offline and model-free: how much of each summary sentence the source
 * supports, and the words it does not.
 *
 * A summary sentence found in the source verbatim (as whole words) is supported: 1, nothing to report. Each other
 * summary sentence is aligned with the source sentence sharing most of its content words. Each content word
 * (numbers included; function words excluded) then gets an "unsupport" in [0, 1]:
 * - 1 when no content word of the source has its key (after stemming and number normalization): invented, reported
 *   as a span;
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

/** A source prepared once, to score several summaries of it (lowercased once, when a summary first needs it). Opaque. */
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
  return { prepared: new PreparedSource(source) };
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

function scoreSentence(
  text: string,
  tokens: readonly Token[],
  words: SummaryWords,
  source: ScannedSource,
  options: FaithfulnessOptions,
): SentenceSupport {
  const codes = tokens.map((token) => words.codeOf(token));
  const contentCodes = [...new Set(codes.filter((_, i) => tokens[i]!.content))];
  if (contentCodes.length === 0) return { text, support: 1, unsupported: [] };
  const runs = sharedRuns(codes, words.codeCount, source, alignSentence(source, codes, contentCodes));
  // A sentence shorter than a phrase, found whole ("Home win."), is fully supported.
  const phrase = Math.min(options.phraseTokens, tokens.length);
  let unsupport = 0;
  let contentCount = 0;
  const missing: Token[] = [];
  tokens.forEach((token, i) => {
    if (!token.content) return;
    contentCount++;
    if (source.postings[codes[i]!]!.length === 0) {
      unsupport += 1;
      missing.push(token);
    } else unsupport += options.outOfContext * (1 - Math.min(1, runs[i]! / phrase));
  });
  const support = (1 - unsupport / contentCount) ** options.factsPerSentence;
  return { text, support, unsupported: unsupportedSpans(text, missing) };
}

/**
 * Summary sentences searched for verbatim, at most: each search may read the whole source, so a summary of thousands
 * of sentences would cost sources × sentences. Any further sentence is compared word by word, as a rephrased one is,
 * in the one linear scan of the source.
 */
const MAX_VERBATIM_SEARCHES = 32;

/**
 * The work is driven by the summary, which is short. A sentence found verbatim in the source (native substring search)
 * is supported as it stands: each of its words sits in a shared phrase as long as the sentence. The source is scanned
 * once for the words of all the others, which stems only the source words that may be theirs (see source-scan.ts).
 */
export function scoreFaithfulness(
  source: string | FaithfulnessSource,
  summary: string,
  options: Readonly<FaithfulnessOptions> = FAITHFULNESS_DEFAULTS,
): FaithfulnessResult {
  const prepared = typeof source === 'string' ? new PreparedSource(source) : source.prepared;
  const texts = summarySentences(summary);
  const tokens = texts.map((text, i) =>
    i < MAX_VERBATIM_SEARCHES && occursVerbatim(prepared.text, text) ? undefined : tokenize(text),
  );
  const compared = tokens.flatMap((list) => list ?? []);
  // Sentences of function words alone need no source: they are supported.
  const words = compared.some((token) => token.content) ? new SummaryWords(compared) : undefined;
  const scanned = words === undefined ? undefined : scanSource(prepared.lexed, words);
  const sentences = texts.map((text, i): SentenceSupport => {
    const list = tokens[i];
    return list === undefined || words === undefined || scanned === undefined
      ? { text, support: 1, unsupported: [] }
      : scoreSentence(text, list, words, scanned, options);
  });
  const faithfulness =
    sentences.length === 0 ? 1 : sentences.reduce((sum, s) => sum + s.support, 0) / sentences.length;
  return { faithfulness, sentences };
}
