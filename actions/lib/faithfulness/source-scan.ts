import { TITLES } from '#lib/summarize/sentences';
import { stemWord } from '#lib/text/stem';
import type { Lexed } from './lexer';
import { lowerOf, numberAt } from './lexer';
import { valueKey } from './numbers';
import { newScannedToken, nextToken, RawKind } from './scan';
import { isContentWord } from './stopwords';
import { NONE } from './summary-words';
import type { SummaryWords } from './summary-words';

/**
 * Sentences longer than this many tokens (as the scanner finds them: "1.2 million" is two) are cut: alignment and
 * phrase matching work sentence by sentence, and a text without punctuation must not become one sentence the size of
 * the document.
 */
export const MAX_SOURCE_SENTENCE_TOKENS = 160;

/** A source as a summary's words see it; valid until the next scan (its arrays are reused). */
export interface ScannedSource {
  /** Each token's code: the summary word it is (see SummaryWords), or NONE. */
  readonly codes: Int32Array;
  /** The index of each sentence's first token, then the token count. */
  readonly sentenceStarts: Int32Array;
  /** For each content code, the sentences that have it (ascending, each once). */
  readonly postings: readonly (readonly number[])[];
}

const token = newScannedToken();
let codeBuffer = new Int32Array(4096);
let startBuffer = new Int32Array(256);

function grown(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= array.length) return array;
  const bigger = new Int32Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * One pass over a source for one summary: its sentences, each token's code, and the sentences holding each content
 * code. A token is tokenized further only when it may be a summary word: an ASCII word is first looked up as written
 * (by the hash the scanner computed), then lowercased and stemmed only if the prefix filter lets it through; numerals,
 * symbols and words beyond ASCII are always read whole. Tokens are the summary tokenizer's: a number is one token
 * ("twenty five", when the summary has numbers to compare), "per cent" is "percent".
 */
export function scanSource(lexed: Lexed, words: SummaryWords): ScannedSource {
  const { text, lowerText } = lexed;
  const { filter, contentCount } = words;
  const postings: number[][] = [];
  for (let k = 0; k < contentCount; k++) postings.push([]);
  let codes = codeBuffer;
  let starts = startBuffer;
  let sentences = 0;
  let count = 0;
  // Raw tokens (as the scanner finds them) counted for the cap, so that sentences do not depend on the summary.
  let raw = 0;
  let sentenceRaw = 0;
  let previousStart = 0;
  let previousEnd = -1;
  // The end of the last number read whole: the words it took in are part of it.
  let numberEnd = 0;
  const previousLower = () => lowerText.slice(previousStart, previousEnd);
  for (let position = 0; nextToken(text, position, token);) {
    const { start, end } = token;
    position = end;
    raw++;
    let code = NONE;
    if (end - start === 4 && count > 0 && isPerCent(lowerText, start, previousStart, previousEnd)) {
      // "per cent" is one word, as "percent" and "%" are: it replaces the "per".
      code = words.keys.get('percent') ?? NONE;
      codes[count - 1] = code;
    } else {
      if (
        count === 0 ||
        raw - sentenceRaw > MAX_SOURCE_SENTENCE_TOKENS ||
        (!(start === previousEnd + 1 && text.charCodeAt(previousEnd) === 32) &&
          endsSentence(text, previousEnd, start, previousLower))
      ) {
        if (sentences === starts.length) startBuffer = starts = grown(starts, sentences + 1);
        starts[sentences++] = count;
        sentenceRaw = raw - 1;
      }
      if (start >= numberEnd) {
        if (token.kind === RawKind.Word && token.ascii) {
          code = words.wordAt(lowerText, start, end, token.hash);
          if (code === NONE && filter.passes(lowerText, start, end)) {
            code = readCode(lexed, words);
            numberEnd = readEnd;
          }
        } else {
          code = readCode(lexed, words);
          numberEnd = readEnd;
        }
        if (count === codes.length) codeBuffer = codes = grown(codes, count + 1);
        codes[count++] = code;
      }
    }
    if (code >= 0 && code < contentCount) {
      const list = postings[code]!;
      if (list[list.length - 1] !== sentences - 1) list.push(sentences - 1);
    }
    previousStart = start;
    previousEnd = end;
  }
  startBuffer = starts = grown(starts, sentences + 1);
  starts[sentences] = count;
  return { codes: codes.subarray(0, count), sentenceStarts: starts.subarray(0, sentences + 1), postings };
}

/** Where the token last read by readCode ends: a number takes in the words that continue it. */
let readEnd = 0;

/** The code of the scanned token, read whole: lowercased (NFKC beyond ASCII), as a number, else stemmed. */
function readCode(lexed: Lexed, words: SummaryWords): number {
  const lower = lowerOf(lexed, token);
  const number = numberAt(lexed, token, lower);
  readEnd = number === undefined ? token.end : number.end;
  if (number !== undefined) return words.keys.get(valueKey(number.value)) ?? NONE;
  if (!isContentWord(lower)) return words.functionWord(lower);
  return words.keys.get(stemWord(lower)) ?? NONE;
}

/** Whether the four-letter token at `lower[start]` is the "cent" of "per cent". */
function isPerCent(lower: string, start: number, previousStart: number, previousEnd: number): boolean {
  return (
    previousEnd === start - 1 &&
    previousEnd - previousStart === 3 &&
    lower.startsWith('cent', start) &&
    lower.startsWith('per', previousStart)
  );
}

const SINGLE_LETTER = /^\p{L}$/u;
const LOWERCASE_LETTER = /^\p{Ll}/u;
const GLUED_NEXT = /^\p{Lu}\p{Ll}/u;
const TWO_LOWERCASE = /^\p{Ll}\p{Ll}$/u;

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
  // Most gaps (a comma, a quote) hold neither.
  if (!terminal && newlines === 0) return false;
  if (newlines >= 2) return true;
  if (LOWERCASE_LETTER.test(text.charAt(to))) return false;
  if (newlines > 0) return true;
  // Glued as the summary splitter reads it: two lowercase letters, the stop, a capitalized word.
  const glued = GLUED_NEXT.test(text.slice(to, to + 2)) && TWO_LOWERCASE.test(text.slice(from - 2, from));
  if (!terminalThenSpace && !glued) return false;
  if (text.charCodeAt(from) !== 46) return true;
  const previous = previousLower();
  return !(TITLES.has(previous) || SINGLE_LETTER.test(previous));
}
