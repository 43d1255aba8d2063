import { splitSentences } from '#lib/summarize/sentences';
import { STOPWORDS } from './stopwords';
import { tokenize } from './tokens';
import type { Token } from './tokens';

/**
 * Faithfulness of a summary to its source, offline and model-free: how much of each summary sentence the source
 * supports, and the spans it does not.
 */

export type UnsupportedKind = 'name' | 'number' | 'date' | 'word' | 'phrase';

/** A piece of a summary sentence the source does not support. Offsets are UTF-16 indices into the sentence's text. */
export interface UnsupportedSpan {
  text: string;
  start: number;
  end: number;
  kind: UnsupportedKind;
}

export interface SentenceSupport {
  text: string;
  /** Share of the sentence's content the source supports, in [0, 1]. */
  support: number;
  unsupported: UnsupportedSpan[];
}

export interface FaithfulnessResult {
  /** In [0, 1]; 1 when the source supports every sentence. */
  faithfulness: number;
  sentences: SentenceSupport[];
}

/** A source prepared once, to score several summaries of it. */
export interface FaithfulnessSource {
  readonly keys: ReadonlySet<string>;
}

export function prepareSource(source: string): FaithfulnessSource {
  return { keys: new Set(tokenize(source).map((token) => token.key)) };
}

/** Sentences of a summary: one or more per line (sumops writes one per line; prose has several). */
function summarySentences(summary: string): string[] {
  return summary.split('\n').flatMap((line) => (line.trim() === '' ? [] : splitSentences(line)));
}

function isContent(token: Token): boolean {
  return token.isNumber || !STOPWORDS.has(token.lower);
}

function kindOf(token: Token, index: number): UnsupportedKind {
  if (token.isNumber) return 'number';
  return token.capitalized && index > 0 ? 'name' : 'word';
}

function scoreSentence(source: FaithfulnessSource, text: string): SentenceSupport {
  const content = tokenize(text).filter(isContent);
  const unsupported: UnsupportedSpan[] = [];
  content.forEach((token, index) => {
    if (!source.keys.has(token.key))
      unsupported.push({
        text: text.slice(token.start, token.end),
        start: token.start,
        end: token.end,
        kind: kindOf(token, index),
      });
  });
  const support = content.length === 0 ? 1 : 1 - unsupported.length / content.length;
  return { text, support, unsupported };
}

export function scoreFaithfulness(source: string | FaithfulnessSource, summary: string): FaithfulnessResult {
  const prepared = typeof source === 'string' ? prepareSource(source) : source;
  const sentences = summarySentences(summary).map((text) => scoreSentence(prepared, text));
  const faithfulness =
    sentences.length === 0 ? 1 : sentences.reduce((sum, s) => sum + s.support, 0) / sentences.length;
  return { faithfulness, sentences };
}
