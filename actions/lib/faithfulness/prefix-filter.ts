import { numberWordList } from './numbers';

/**
 * Which source words may have one of a summary's keys, from their first letters alone: a source is scanned once per
 * summary, and only the words that pass are lowercased, stemmed and looked up.
 *
 * A key is entered as its first stemPrefixLength letters, at most PREFIX; a word passes when one of its first PREFIX
 * prefixes was entered. Bits are set by hash: a collision only lets a word through to the exact comparison. One
 * filter is in use at a time (scoring is synchronous): its bits are shared scratch space, cleared by the constructor.
 */
export class PrefixFilter {
  /** Whether a number was asked for: number words then pass (numerals always do). */
  numbers = false;

  constructor() {
    bits.fill(0);
  }

  /** Enters a key (a stem, a number's value, a word that is not English). */
  add(key: string, isNumber: boolean): void {
    if (isNumber && !this.numbers) {
      this.numbers = true;
      for (const bit of numberWordBits) set(bit);
    }
    if (isPlainAscii(key)) set(bitOf(key, Math.min(PREFIX, stemPrefixLength(key))));
  }

  /** Whether the ASCII word at `lower[start, end)` (lowercase) passes. */
  passes(lower: string, start: number, end: number): boolean {
    const last = Math.min(end, start + PREFIX);
    let hash = SEED;
    for (let i = start; i < last; i++) {
      hash = Math.imul(hash ^ lower.charCodeAt(i), PRIME);
      const bit = hash >>> SHIFT;
      if ((bits[bit >> 5]! & (1 << (bit & 31))) !== 0) return true;
    }
    return false;
  }
}

/** Whether a word is only lowercase ASCII letters and digits (what the scanner hashes). */
export function isPlainAscii(word: string): boolean {
  if (word === '') return false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57))) return false;
  }
  return true;
}

/**
 * How many first letters of a stem every word with that stem shares. The stemmer only ever cuts a word short, except
 * that it may end the stem in a letter the word lacks: "i" for "y" ("happy" → "happi"), an "e" it adds ("hoping" →
 * "hope", "relational" → "relate"), an "l" for the "i" of "-bility" ("possibility" → "possibl"), "le" for its "il"
 * should it keep the "e". Any other stem is a prefix of its words.
 */
export function stemPrefixLength(stem: string): number {
  if (stem.endsWith('ble')) return Math.max(1, stem.length - 2);
  const last = stem.charCodeAt(stem.length - 1);
  // e, i, l
  return last === 101 || last === 105 || last === 108 ? Math.max(1, stem.length - 1) : stem.length;
}

const PREFIX = 6;
const SEED = 0x811c9dc5 | 0;
const PRIME = 0x01000193;
/** 2^15 bits. */
const SHIFT = 17;
const bits = new Int32Array(1 << 10);

function bitOf(word: string, length: number): number {
  let hash = SEED;
  for (let i = 0; i < length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), PRIME);
  return hash >>> SHIFT;
}

function set(bit: number): void {
  bits[bit >> 5]! |= 1 << (bit & 31);
}

/** Every number word, entered whole (up to PREFIX letters): "four" is 4. */
const numberWordBits = numberWordList.map((word) => bitOf(word, Math.min(PREFIX, word.length)));
