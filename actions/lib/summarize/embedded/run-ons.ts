// Spoken run-ons: "I copy this code here, and I say create it, we can just paste that inside, and I'll go ahead and
// commit this" is one transcribed sentence of four clauses. A key point should be a short line, so a run-on longer
// than MAX_LINE_WORDS is cut into its clauses and each clause becomes a candidate of its own; the scorer then keeps
// the clause that carries the point. Cutting only ever drops the joint between two clauses (", and", ", so", "and
// then") and adds a full stop and a capital: no word is invented or reordered, so a piece is still found verbatim,
// in order, in the transcript. English-only, like the rest of the spoken-text rules.
import { countWords } from '#lib/text/words';
import { cleanSpoken } from './spoken';

/** The longest line a spoken summary gives: longer run-ons are cut into clauses, longer clauses are never picked. */
export const MAX_LINE_WORDS = 40;
/** A clause shorter than this is kept with its neighbour, so "rock, and roll" style lists are never cut. */
const MIN_PIECE_WORDS = 8;

// A subject that can open a main clause after a bare comma ("..., we can just paste that"): personal pronouns and
// their contractions, and "there is" / "that's". Anything else after a bare comma is a list or an apposition.
const SUBJECT = String.raw`(?!you know\b|i mean\b)(?:i|we|you|they|he|she|it|there|i['’](?:m|ll|ve|d)|we['’](?:re|ll|ve|d)|you['’](?:re|ll|ve|d)|they['’](?:re|ll|ve|d)|he['’]s|she['’]s|it['’]s|that['’]s|there['’]s)\b`;
// Fillers and parentheticals at a joint belong to neither clause: "..., and, um, the", "..., you know, we".
const FILLER = String.raw`(?:(?:u+m+|u+h+|e+r+m+|you know|i mean)\s*,?\s+)?`;
// Where one clause ends and the next begins: a comma or semicolon with a coordinating joint (", and", ", so",
// ", but", ", and then", ", and so"), a joint without a comma before a subject ("and I", "so we"), "and then",
// or a bare comma or semicolon before a subject (a comma splice).
const JOINT = new RegExp(
  String.raw`[,;]\s+(?:and\s+so|and\s+then|and|so|but|then)\s*,?\s+${FILLER}(?=\p{L})` +
    String.raw`|\s+(?:and|so|but)\s+${FILLER}(?=${SUBJECT})` +
    String.raw`|\s+and\s+then\s+${FILLER}(?=\p{L})` +
    String.raw`|[,;]\s+${FILLER}(?=${SUBJECT})`,
  'giu',
);
/** A clause opened by one of these is subordinate: the comma after it leads into its main clause, not a new one. */
const SUBORDINATE =
  /^(?:(?:so|and|but|well|okay|um|uh)[,\s]+)*(?:if|when|whenever|because|although|though|while|once|as|since|unless|before|after|until|whether|even if|even though)\b/iu;

const COORDINATED = /\b(?:and|so|but|then)\b/iu;

const FILLER_WORD = /^(?:u+m+|u+h+|e+r+m+|hmm+|mhm)\W*$/iu;

/**
 * Words of `sentence` between two indices, fillers not counted (what cleaning leaves, near enough for a minimum
 * piece length). Prefix counts over the word starts: each joint is checked in O(log n), not by recounting.
 */
function wordCounter(sentence: string): (from: number, to: number) => number {
  const starts: number[] = [];
  const before: number[] = [0];
  for (const match of sentence.matchAll(/\S+/gu)) {
    starts.push(match.index);
    before.push((before[before.length - 1] ?? 0) + (FILLER_WORD.test(match[0]) ? 0 : 1));
  }
  // Words that start before `index`.
  const upTo = (index: number): number => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] ?? 0) < index) lo = mid + 1;
      else hi = mid;
    }
    return before[lo] ?? 0;
  };
  return (from, to) => upTo(to) - upTo(from);
}

function capitalize(text: string): string {
  const first = text.charAt(0);
  return first === '' ? text : first.toUpperCase() + text.slice(1);
}

/**
 * Cuts a spoken sentence whose cleaned form is longer than MAX_LINE_WORDS at its clause joints. Returns the pieces
 * with their start index in `sentence` (so a piece can still be traced to its time); the input alone when it is
 * short enough or has no usable joint. Every piece but the last ends in a full stop; every piece but the first
 * starts with a capital.
 */
export function splitRunOn(sentence: string): { text: string; at: number }[] {
  if (countWords(cleanSpoken(sentence)) <= MAX_LINE_WORDS) return [{ text: sentence, at: 0 }];
  const words = wordCounter(sentence);
  const pieces: { text: string; at: number }[] = [];
  let start = 0;
  for (const match of sentence.matchAll(JOINT)) {
    const next = match.index + match[0].length;
    if (words(start, match.index) < MIN_PIECE_WORDS || words(next, sentence.length) < MIN_PIECE_WORDS)
      continue;
    const before = sentence.slice(start, match.index);
    // "If you unplug it, you can see..." : the bare comma closes the if-clause; the main clause follows.
    if (!COORDINATED.test(match[0]) && SUBORDINATE.test(before.trim())) continue;
    pieces.push({ text: `${before.trim().replace(/[,;:]$/u, '')}.`, at: start });
    start = next;
  }
  if (pieces.length === 0) return [{ text: sentence, at: 0 }];
  pieces.push({ text: sentence.slice(start).trim(), at: start });
  return pieces.map((piece, index) => (index === 0 ? piece : { ...piece, text: capitalize(piece.text) }));
}
