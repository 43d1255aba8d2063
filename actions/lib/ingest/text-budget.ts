import { MAX_SENTENCE_CHARS } from '#lib/summarize/sentences';

/**
 * The most characters of text a Document keeps: about 170,000 English words, far more than any article, book
 * chapter or transcript sumops is meant for, and small enough that sentence splitting, scoring and summarizing it
 * stay well inside the per-source deadline. Longer text keeps its beginning, cut at a paragraph (else word) break.
 */
export const DOCUMENT_BUDGET_CHARS = 1_000_000;

/**
 * A run of more than MAX_SENTENCE_CHARS characters with no whitespace is not prose (a hash, base64, a minified blob,
 * a data URL): the sentence splitter skips it whole, so nothing in it can be picked. Over the budget, such runs
 * (with the whitespace after them, so the text around them stays joined as before) are dropped before any text is
 * cut, so a 3 MB blob in front of an article cannot use up the budget the article needed. The lookbehind makes
 * each match attempt start only where a run starts, so every character is read a bounded number of times (without
 * it, \S{601,} would rescan each long word from every one of its characters).
 */
const UNPICKABLE_RUN = new RegExp(`(?<!\\S)\\S{${MAX_SENTENCE_CHARS + 1},}`, 'g');
const SPACES = /\s*/y;

export interface Truncation {
  keptChars: number;
  totalChars: number;
  /**
   * Present when runs without whitespace (which the sentence splitter skips) were dropped before the budget was
   * applied; `restCut` says whether the text left after that still had to be cut. Absent: the text was cut.
   */
  droppedRuns?: { count: number; chars: number; restCut: boolean };
}

/** A stretch of the original text, [start, end). */
export type Span = readonly [start: number, end: number];

export interface BudgetedText {
  text: string;
  truncated?: Truncation;
  /**
   * The dropped runs (with the whitespace after them), ascending, in the original text's coordinates, so that
   * offsets into the original text (caption timings) can follow: see budgetedOffset. Absent when none were
   * dropped: a plain cut keeps offsets below the kept length as they are.
   */
  removed?: Span[];
}

/**
 * Fits text (already trimmed) into the document budget. Text within it is returned as is. Over it, runs the
 * sentence splitter skips are dropped first and do not count against the budget; only if the rest is still over
 * it is the rest cut, at a paragraph (else word) break, keeping its beginning. Linear in the text.
 */
export function fitTextBudget(text: string, budget = DOCUMENT_BUDGET_CHARS): BudgetedText {
  if (text.length <= budget) return { text };
  const removed: Span[] = [];
  const pieces: string[] = [];
  let runChars = 0;
  let at = 0;
  for (const match of text.matchAll(UNPICKABLE_RUN)) {
    pieces.push(text.slice(at, match.index));
    SPACES.lastIndex = match.index + match[0].length;
    SPACES.test(text);
    at = SPACES.lastIndex;
    removed.push([match.index, at]);
    runChars += match[0].length;
  }
  if (removed.length === 0) {
    const kept = cutAtBudget(text, budget);
    return { text: kept, truncated: { keptChars: kept.length, totalChars: text.length } };
  }
  pieces.push(text.slice(at));
  const rest = pieces.join('').trimEnd();
  const kept = cutAtBudget(rest, budget);
  return {
    text: kept,
    truncated: {
      keptChars: kept.length,
      totalChars: text.length,
      droppedRuns: { count: removed.length, chars: runChars, restCut: kept.length < rest.length },
    },
    removed,
  };
}

/** The beginning of `text` that fits `budget`, ending at a paragraph break, else a word break, else anywhere. */
function cutAtBudget(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const head = text.slice(0, budget);
  const paragraph = head.lastIndexOf('\n\n');
  const space = head.search(/\s\S*$/);
  const cut = paragraph > budget / 2 ? paragraph : space > budget / 2 ? space : budget;
  return text.slice(0, cut).trimEnd();
}

/**
 * Maps offsets in the original text to the budgeted text: undefined when the offset was removed. `spans` is
 * BudgetedText.removed (absent: nothing was removed). Calls with ascending offsets (caption timings are) cost
 * O(1) each on average: the map keeps its place in the spans and starts over only when an offset goes back.
 */
export function offsetMap(spans: readonly Span[] = []): (offset: number) => number | undefined {
  let index = 0;
  let shift = 0;
  return (offset) => {
    if (index > 0 && offset < (spans[index - 1]?.[1] ?? 0)) {
      index = 0;
      shift = 0;
    }
    for (let span = spans[index]; span !== undefined && offset >= span[0]; span = spans[++index]) {
      if (offset < span[1]) return undefined;
      shift += span[1] - span[0];
    }
    return offset - shift;
  };
}
