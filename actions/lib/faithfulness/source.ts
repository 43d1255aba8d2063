import { TITLES } from '#lib/summarize/sentences';
import { Interner } from './interner';
import { lex, lowerOf, numberAt } from './lexer';
import { valueKey } from './numbers';
import { newScannedToken, nextToken, RawKind } from './scan';

/**
 * A source text prepared once for scoring summaries against it: its tokens as ids (one id per comparison key), where
 * its sentences start, and for each content id the sentences holding it (compressed rows: `postings[postingStart[id]
 * .. postingStart[id + 1]]`).
 */
export interface PreparedSource {
  /** Comparison key → id. */
  readonly ids: ReadonlyMap<string, number>;
  readonly tokens: Int32Array;
  /** Token index where each sentence starts, plus the token count at the end. */
  readonly sentenceStarts: Int32Array;
  readonly postingStart: Int32Array;
  readonly postings: Int32Array;
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

export function prepareSourceText(text: string): PreparedSource {
  const lexed = lex(text);
  const interner = new Interner(lexed.lowerText);
  let tokens = new Int32Array(Math.max(16, text.length >> 3));
  const starts: number[] = [];
  const token = newScannedToken();
  let count = 0;
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
        tokens[count - 1] = interner.wordId('percent');
        previousEnd = position = end;
        continue;
      } else id = interner.wordId(lower);
    }
    position = end;
    if (
      count === 0 ||
      count - starts[starts.length - 1]! >= MAX_SOURCE_SENTENCE_TOKENS ||
      (!(start === previousEnd + 1 && text.charCodeAt(previousEnd) === 32) &&
        endsSentence(text, previousEnd, start, previousLower))
    )
      starts.push(count);
    if (count === tokens.length) {
      const grown = new Int32Array(tokens.length * 2);
      grown.set(tokens);
      tokens = grown;
    }
    tokens[count++] = id;
    previousStart = start;
    previousEnd = end;
  }
  starts.push(count);
  const sentenceStarts = Int32Array.from(starts);
  const kept = tokens.subarray(0, count);
  const { postingStart, postings } = buildPostings(kept, sentenceStarts, interner.ids.size, interner.content);
  return { ids: interner.ids, tokens: kept, sentenceStarts, postingStart, postings };
}

/** For each content id, the sentences that hold it, each once, in order. Two passes: count, then fill. */
function buildPostings(
  tokens: Int32Array,
  sentenceStarts: Int32Array,
  idCount: number,
  content: Uint8Array,
): { postingStart: Int32Array; postings: Int32Array } {
  const postingStart = new Int32Array(idCount + 1);
  const last = new Int32Array(idCount).fill(-1);
  const sentences = sentenceStarts.length - 1;
  for (let s = 0; s < sentences; s++) {
    for (let i = sentenceStarts[s]!; i < sentenceStarts[s + 1]!; i++) {
      const id = tokens[i]!;
      if (content[id] === 1 && last[id] !== s) {
        last[id] = s;
        postingStart[id + 1]!++;
      }
    }
  }
  for (let id = 0; id < idCount; id++) postingStart[id + 1]! += postingStart[id]!;
  const fill = postingStart.slice(0, idCount);
  const postings = new Int32Array(postingStart[idCount]!);
  last.fill(-1);
  for (let s = 0; s < sentences; s++) {
    for (let i = sentenceStarts[s]!; i < sentenceStarts[s + 1]!; i++) {
      const id = tokens[i]!;
      if (content[id] === 1 && last[id] !== s) {
        last[id] = s;
        postings[fill[id]!++] = s;
      }
    }
  }
  return { postingStart, postings };
}
