import { scoreLcs, scoreSummaryLcs } from './lcs';
import { scoreNgrams } from './ngrams';
import { ZERO_SCORE } from './score-value';
import { summaryLines, tokenize } from './tokenize';
import type { RougeScores, RougeType, Score } from './types';
import { DEFAULT_ROUGE_TYPES, InvalidRougeTypeError, isRougeType, ngramOrder } from './types';

export interface ScoreRougeOptions {
  /** Default: rouge1, rouge2, rougeL, rougeLsum. */
  types?: readonly RougeType[];
  /** Porter-stem (NLTK_EXTENSIONS) tokens longer than 3 characters. Default true, as papers do. */
  stemmer?: boolean;
}

/** Token ids for one text: per "\n" line (what rougeLsum sees) and concatenated (what the other types see). */
interface TokenizedText {
  lines: Int32Array[];
  all: Int32Array;
}

// Interning tokens to small integers lets every comparison and count run on typed arrays.
class Vocabulary {
  private readonly ids = new Map<string, number>();
  get size(): number {
    return this.ids.size;
  }
  encode(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      let id = this.ids.get(token);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(token, id);
      }
      out[i] = id;
    }
    return out;
  }
}

function tokenizeText(text: string, stemmer: boolean, vocabulary: Vocabulary): TokenizedText {
  // Newlines are plain separators for the tokenizer, so per-line tokens concatenate to the whole-text tokens.
  const lines = summaryLines(text).map((line) => vocabulary.encode(tokenize(line, stemmer)));
  let length = 0;
  for (const line of lines) length += line.length;
  const all = new Int32Array(length);
  let offset = 0;
  for (const line of lines) {
    all.set(line, offset);
    offset += line.length;
  }
  return { lines, all };
}

function scoreType(
  type: RougeType,
  prediction: TokenizedText,
  reference: TokenizedText,
  vocabularySize: number,
): Score {
  if (type === 'rougeL') return scoreLcs(prediction.all, reference.all);
  if (type === 'rougeLsum') return scoreSummaryLcs(prediction.lines, reference.lines, vocabularySize);
  return scoreNgrams(prediction.all, reference.all, ngramOrder(type), vocabularySize);
}

/**
 * ROUGE with Google rouge-score 0.1.2 semantics (the metric behind HF `evaluate`). Note the order: prediction
 * first, then the reference(s) — rouge-score's own `score(target, prediction)` is the reverse.
 *
 * With several references each type independently takes the Score of the reference with the highest F, first
 * reference winning ties (rouge-score's `score_multi`). Empty text, or text without [a-z0-9], scores 0; an empty
 * reference list scores 0 too. Nothing here throws on input text.
 */
export function scoreRouge(
  prediction: string,
  reference: string | readonly string[],
  options: ScoreRougeOptions = {},
): RougeScores {
  const types = options.types ?? DEFAULT_ROUGE_TYPES;
  for (const type of types) if (!isRougeType(type)) throw new InvalidRougeTypeError(String(type));
  const stemmer = options.stemmer ?? true;
  const references = typeof reference === 'string' ? [reference] : reference;

  const vocabulary = new Vocabulary();
  const predictionTokens = tokenizeText(prediction, stemmer, vocabulary);
  const referenceTokens = references.map((text) => tokenizeText(text, stemmer, vocabulary));

  const result: RougeScores = {};
  for (const type of types) {
    let best: Score | undefined;
    for (const tokens of referenceTokens) {
      const score = scoreType(type, predictionTokens, tokens, vocabulary.size);
      // Strictly greater: like numpy's argmax, the first reference wins ties.
      if (best === undefined || score.fmeasure > best.fmeasure) best = score;
    }
    result[type] = best ?? { ...ZERO_SCORE };
  }
  return result;
}
