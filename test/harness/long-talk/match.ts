// Where a summary line was said in the long test talk, found independently of the summarizer: the line's words
// must appear in the talk verbatim and in order, allowing only the words sumops removes from speech in between
// (fillers such as "um", parenthetical "you know" / "I mean", the repeat of a doubled word). Letter case and
// punctuation are ignored, so a cut line's added capital and full stop do not count as changes.
import type { Talk } from './render';

const FILLERS = new Set(['um', 'uh', 'erm', 'hmm', 'mhm']);
const PARENTHETICALS: readonly (readonly [string, string])[] = [
  ['you', 'know'],
  ['i', 'mean'],
];

export function normalizeToken(token: string): string {
  return token
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, '');
}

function lineTokens(line: string): string[] {
  return line
    .split(/\s+/u)
    .map(normalizeToken)
    .filter((token) => token !== '');
}

/** Talk tokens a summary may have left out at `k`: how many (0 when the token there must be matched). */
function removable(tokens: readonly string[], k: number): number {
  const token = tokens[k] ?? '';
  if (FILLERS.has(token)) return 1;
  if (PARENTHETICALS.some(([a, b]) => token === a && tokens[k + 1] === b)) return 2;
  if (k > 0 && token === tokens[k - 1]) return 1;
  return 0;
}

/** Index of the talk word where `line` starts, or −1 when its words are not found verbatim in order. */
export function findLine(talkTokens: readonly string[], line: string, from = 0): number {
  const wanted = lineTokens(line);
  if (wanted.length === 0) return -1;
  for (let i = from; i < talkTokens.length; i++) {
    if (talkTokens[i] !== wanted[0]) continue;
    let j = 1;
    let k = i + 1;
    while (j < wanted.length && k < talkTokens.length) {
      if (talkTokens[k] === wanted[j]) {
        j++;
        k++;
        continue;
      }
      const skip = removable(talkTokens, k);
      if (skip === 0) break;
      k += skip;
    }
    if (j === wanted.length) return i;
  }
  return -1;
}

/** Every talk word index where `line` starts (a point said twice is found twice). */
export function findAll(talkTokens: readonly string[], line: string): number[] {
  const found: number[] = [];
  for (let at = findLine(talkTokens, line); at >= 0; at = findLine(talkTokens, line, at + 1)) found.push(at);
  return found;
}

/**
 * Where each line of a summary starts, the lines being in the talk's order: each is looked for after the one
 * before it, so a point the speaker made twice is placed where the summary's order says. −1 where not found.
 */
export function findInOrder(talkTokens: readonly string[], lines: readonly string[]): number[] {
  let from = 0;
  return lines.map((line) => {
    const at = findLine(talkTokens, line, from);
    if (at >= 0) from = at + 1;
    return at;
  });
}

export function talkTokens(talk: Talk): string[] {
  return talk.words.map((word) => normalizeToken(word.text));
}

/** Which tenth (0–9) of the talk a time falls in. */
export function tenthByTime(talk: Talk, seconds: number): number {
  return Math.min(9, Math.max(0, Math.floor((10 * seconds) / talk.duration)));
}

/** Which tenth (0–9) of the talk's words a word index falls in. */
export function tenthByPosition(talk: Talk, wordIndex: number): number {
  return Math.min(9, Math.max(0, Math.floor((10 * wordIndex) / talk.words.length)));
}

/** Tenths of the talk (by time) in which something is said at all. */
export function tenthsWithSpeech(talk: Talk): Set<number> {
  return new Set(talk.words.map((word) => tenthByTime(talk, word.start)));
}
