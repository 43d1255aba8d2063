import { TITLES } from '#lib/summarize/sentences';
import { Interner, latestId } from './interner';
import { lex, lowerOf, numberAt } from './lexer';
import { valueKey } from './numbers';
import { newScannedToken, nextToken, RawKind } from './scan';

/**
 * A source text prepared once for scoring summaries against it: its tokens as ids (one id per comparison key), where
 * its sentences start, and for each content id the sentences holding it (compressed rows: `postings[postingStart[id]
 * .. postingStart[id + 1]]`).
 */
export interface PreparedSource {
  /** Comparison key → id (built on first use: scoring asks {@link PreparedSource.idOf}). */
  readonly ids: ReadonlyMap<string, number>;
  /** How many ids (distinct keys) the source has. */
  readonly idCount: number;
  /** The id of a comparison key (whose index in the interner's shared table is `keyIndex`); -1 when it has none. */
  idOf(key: string, keyIndex: number): number;
  readonly tokens: Int32Array;
  /** Token index where each sentence starts, plus the token count at the end. */
  readonly sentenceStarts: Int32Array;
  readonly postingStart: Int32Array;
  readonly postings: Int32Array;
}

/**
 * A summary is usually scored right after its source is prepared (an evaluation case does both in one step): the
 * interner's tables still hold this source's ids then, and a key costs one lookup there. Otherwise (a source shared by
 * two sides of a comparison, or several summaries of one article) its own key map is built once, when first needed.
 */
class Prepared implements PreparedSource {
  private map: Map<string, number> | undefined;

  constructor(
    private readonly stamp: number,
    private readonly keys: readonly string[],
    readonly tokens: Int32Array,
    readonly sentenceStarts: Int32Array,
    readonly postingStart: Int32Array,
    readonly postings: Int32Array,
  ) {}

  get idCount(): number {
    return this.keys.length;
  }

  get ids(): ReadonlyMap<string, number> {
    this.map ??= new Map(this.keys.map((key, id) => [key, id]));
    return this.map;
  }

  idOf(key: string, keyIndex: number): number {
    if (this.map === undefined) {
      const id = latestId(this.stamp, keyIndex);
      if (id !== undefined) return id;
    }
    return this.ids.get(key) ?? -1;
  }
}

/**
 * Sentences longer than this many tokens are cut: alignment and phrase matching work sentence by sentence, and a
 * text without punctuation must not become one sentence the size of the document.
 */
export const MAX_SOURCE_SENTENCE_TOKENS = 160;

const SINGLE_LETTER = /^\p{L}$/u;
const LOWERCASE_LETTER = /^\p{Ll}/u;

function isTerminal(code: number): boolean {
  // . ! ? 。 ！ ？ ．   (not "…": the summary splitter's ICU rules don't end a sentence there)
  return (
    code === 46 ||
    code === 33 ||
    code === 63 ||
    code === 0x3002 ||
    code === 0xff01 ||
    code === 0xff1f ||
    code === 0xff0e
  );
}

const GLUED_NEXT = /^\p{Lu}\p{Ll}/u;
const TWO_LOWERCASE = /^\p{Ll}\p{Ll}$/u;

const isSpace = (code: number): boolean =>
  code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0;
// Chinese and Japanese full stops need no space after them.
const isUnspacedTerminal = (code: number): boolean => code === 0x3002 || code === 0xff01 || code === 0xff1f;

/**
 * Whether a sentence ends in the gap `text[from, to)` between two tokens: a cheaper rule than the summary splitter's
 * (this runs on whole documents) that agrees with it on prose, so a sentence a summary copies is one sentence here
 * too. A sentence ends at terminal punctuation followed by a space, unless the next word starts in lowercase or the
 * previous word is a title or an initial ("Dr. Smith", "J. K."); at a line break before a word not in lowercase; at a
 * blank line; and where scraped text glued two sentences ("season.Scotland"). A period between a word and a digit
 * (".22 calibre") or a bracket ("lunches.(%") ends nothing.
 */
function endsSentence(text: string, from: number, to: number, previousLower: () => string): boolean {
  let terminal = false;
  let terminalThenSpace = false;
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) newlines++;
    if (isUnspacedTerminal(code)) terminal = terminalThenSpace = true;
    else if (isTerminal(code)) terminal = true;
    else if (terminal && isSpace(code)) terminalThenSpace = true;
  }
  if (newlines >= 2) return true;
  if (LOWERCASE_LETTER.test(text.charAt(to))) return false;
  if (newlines > 0) return true;
  if (!terminal) return false;
  // Glued as the summary splitter reads it: two lowercase letters, the stop, a capitalized word.
  const glued = GLUED_NEXT.test(text.slice(to, to + 2)) && TWO_LOWERCASE.test(text.slice(from - 2, from));
  if (!terminalThenSpace && !glued) return false;
  if (text.charCodeAt(from) !== 46) return true;
  const previous = previousLower();
  return !(TITLES.has(previous) || SINGLE_LETTER.test(previous));
}

// Working buffers reused by every preparation (it is synchronous); a prepared source keeps one exact-size array.
let tokenBuffer = new Int32Array(4096);
let startBuffer = new Int32Array(256);
let lastBuffer = new Int32Array(1024);
let rowBuffer = new Int32Array(1024);

function grown(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= array.length) return array;
  const bigger = new Int32Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

export function prepareSourceText(text: string): PreparedSource {
  const lexed = lex(text);
  const interner = new Interner(lexed.lowerText);
  const token = newScannedToken();
  let count = 0;
  let sentences = 0;
  let previousStart = 0;
  let previousEnd = -1;
  const previousLower = () => lexed.lowerText.slice(previousStart, previousEnd);
  for (let position = 0; nextToken(text, position, token);) {
    const { start } = token;
    let end = token.end;
    let id = token.kind === RawKind.Word && token.ascii ? interner.spanId(start, end, token.hash) : -1;
    if (id < 0) {
      const lower = lowerOf(lexed, token);
      const number = numberAt(lexed, token, lower);
      if (number !== undefined) {
        end = number.end;
        id = interner.keyId(valueKey(number.value), true);
      } else if (lower === 'cent' && count > 0 && previousEnd === start - 1 && previousLower() === 'per') {
        // "per cent" is one word, as "percent" and "%" are.
        tokenBuffer[count - 1] = interner.wordId('percent');
        previousEnd = position = end;
        continue;
      } else id = interner.wordId(lower);
    }
    position = end;
    if (
      count === 0 ||
      count - startBuffer[sentences - 1]! >= MAX_SOURCE_SENTENCE_TOKENS ||
      (!(start === previousEnd + 1 && text.charCodeAt(previousEnd) === 32) &&
        endsSentence(text, previousEnd, start, previousLower))
    ) {
      if (sentences === startBuffer.length) startBuffer = grown(startBuffer, sentences + 1);
      startBuffer[sentences++] = count;
    }
    if (count === tokenBuffer.length) tokenBuffer = grown(tokenBuffer, count + 1);
    tokenBuffer[count++] = id;
    previousStart = start;
    previousEnd = end;
  }
  startBuffer = grown(startBuffer, sentences + 1);
  startBuffer[sentences] = count;
  return withPostings(interner, count, sentences);
}

/**
 * The prepared source, with, for each content id, the sentences that hold it, each once, in order (two passes:
 * count, then fill). Tokens, sentence starts and postings share one exact-size array.
 */
function withPostings(interner: Interner, count: number, sentences: number): PreparedSource {
  const idCount = interner.keys.length;
  const { content } = interner;
  const tokens = tokenBuffer;
  const starts = startBuffer;
  rowBuffer = grown(rowBuffer, idCount + 1);
  lastBuffer = grown(lastBuffer, idCount);
  const rows = rowBuffer.fill(0, 0, idCount + 1);
  const last = lastBuffer.fill(-1, 0, idCount);
  for (let s = 0; s < sentences; s++) {
    for (let i = starts[s]!; i < starts[s + 1]!; i++) {
      const id = tokens[i]!;
      if (content[id] === 1 && last[id] !== s) {
        last[id] = s;
        rows[id + 1]!++;
      }
    }
  }
  for (let id = 0; id < idCount; id++) rows[id + 1]! += rows[id]!;
  const all = new Int32Array(count + sentences + 1 + idCount + 1 + rows[idCount]!);
  let at = 0;
  const copied = (from: Int32Array, length: number) => {
    const view = all.subarray(at, at + length);
    view.set(from.subarray(0, length));
    at += length;
    return view;
  };
  const kept = copied(tokens, count);
  const sentenceStarts = copied(starts, sentences + 1);
  const postingStart = copied(rows, idCount + 1);
  const postings = all.subarray(at);
  // `rows` now serves as each row's next free position.
  last.fill(-1, 0, idCount);
  for (let s = 0; s < sentences; s++) {
    for (let i = starts[s]!; i < starts[s + 1]!; i++) {
      const id = tokens[i]!;
      if (content[id] === 1 && last[id] !== s) {
        last[id] = s;
        postings[rows[id]!++] = s;
      }
    }
  }
  return new Prepared(interner.stamp, interner.keys, kept, sentenceStarts, postingStart, postings);
}
