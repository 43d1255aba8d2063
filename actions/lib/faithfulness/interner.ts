import { numberWord } from './numbers';
import { FNV_OFFSET, FNV_PRIME, HASH_MASK } from './scan';
import { isContentWord } from './stopwords';
import { wordKey } from './keys';

/**
 * Every plain ASCII word seen in any source, with its comparison key and whether it is content, in one table shared
 * by all sources: news vocabulary repeats across documents, so stemming and classifying a word happens once per
 * process, and a source token costs a hash over its characters and a probe, without cutting a string. Keys get ids
 * per source: a key's `stamp` says which source its `localId` belongs to.
 */

// Past this many words the table starts afresh (checked between sources): bounded memory in a long-lived process.
const MAX_WORDS = 200_000;
const INITIAL = 1 << 14;

let slots = new Int32Array(INITIAL);
let words: string[] = [];
let wordHash = new Int32Array(INITIAL);
/** Index into the key arrays; -1 for words that join their neighbours (number words, "cent" of "per cent"). */
let wordKeyIndex = new Int32Array(INITIAL);
let wordContent = new Uint8Array(INITIAL);
// The source a word was last seen in (its stamp) and its id there: a repeated word costs two reads.
let wordStamp = new Int32Array(INITIAL);
let wordLocalId = new Int32Array(INITIAL);
let keyIndexByKey = new Map<string, number>();
let keys: string[] = [];
let keyStamp = new Int32Array(INITIAL);
let keyLocalId = new Int32Array(INITIAL);
let stampCounter = 0;

function reset(): void {
  slots = new Int32Array(INITIAL);
  words = [];
  keyIndexByKey = new Map();
  keys = [];
  for (const array of [wordHash, wordKeyIndex, wordStamp, wordLocalId, keyStamp, keyLocalId]) array.fill(0);
}

function grow<T extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(array: T, size: number): T {
  if (size <= array.length) return array;
  const grown = new (array.constructor as new (length: number) => T)(Math.max(size, array.length * 2));
  grown.set(array);
  return grown;
}

function keyIndexOf(key: string): number {
  let index = keyIndexByKey.get(key);
  if (index === undefined) {
    index = keys.length;
    keys.push(key);
    keyIndexByKey.set(key, index);
    keyStamp = grow(keyStamp, index + 1);
    keyLocalId = grow(keyLocalId, index + 1);
  }
  return index;
}

function addWord(slot: number, word: string, hash: number): number {
  const entry = words.length;
  words.push(word);
  wordHash = grow(wordHash, entry + 1);
  wordKeyIndex = grow(wordKeyIndex, entry + 1);
  wordContent = grow(wordContent, entry + 1);
  wordStamp = grow(wordStamp, entry + 1);
  wordLocalId = grow(wordLocalId, entry + 1);
  wordHash[entry] = hash;
  const joins = numberWord(word) !== undefined || word === 'cent';
  wordKeyIndex[entry] = joins ? -1 : keyIndexOf(wordKey(word));
  wordContent[entry] = isContentWord(word) ? 1 : 0;
  wordStamp[entry] = 0;
  slots[slot] = entry + 1;
  if (2 * (entry + 1) > slots.length) {
    slots = new Int32Array(slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e <= entry; e++) {
      let s = wordHash[e]! & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = e + 1;
    }
  }
  return entry;
}

/** The FNV-1a hash the scanner computes for an ASCII word, for a word given as a string. */
function hashOf(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash & HASH_MASK;
}

/**
 * The table entry of the ASCII word `text[start, end)` (already lowercase) whose hash the scanner computed, added
 * when new.
 */
function wordEntry(text: string, start: number, end: number, hash: number): number {
  const length = end - start;
  for (let mask = slots.length - 1, slot = hash & mask; ; slot = (slot + 1) & mask) {
    const entry = slots[slot]! - 1;
    if (entry < 0) return addWord(slot, text.slice(start, end), hash);
    if (wordHash[entry] !== hash) continue;
    const word = words[entry]!;
    if (word.length !== length) continue;
    let same = true;
    for (let i = 0; i < length && same; i++) same = word.charCodeAt(i) === text.charCodeAt(start + i);
    if (same) return entry;
  }
}

/** Ids for one source's keys (one id per key), with whether each id is content. */
export class Interner {
  readonly ids = new Map<string, number>();
  content = new Uint8Array(256);
  private readonly stamp: number;

  constructor(private readonly lowerText: string) {
    if (words.length > MAX_WORDS) reset();
    this.stamp = ++stampCounter;
  }

  /** The id of a key, added when new; `content` marks it as content. */
  keyId(key: string, content: boolean): number {
    return this.localId(keyIndexOf(key), content);
  }

  /** The id of a lowercased word that is not a number. */
  wordId(lower: string): number {
    return this.keyId(wordKey(lower), isContentWord(lower));
  }

  /** The id of the plain ASCII word at `lowerText[start, end)`; -1 for a word that joins its neighbours. */
  spanId(start: number, end: number, hash: number): number {
    const entry = wordEntry(this.lowerText, start, end, hash);
    if (wordStamp[entry] === this.stamp) return wordLocalId[entry]!;
    const keyIndex = wordKeyIndex[entry]!;
    if (keyIndex < 0) return -1;
    const id = this.localId(keyIndex, wordContent[entry] === 1);
    wordStamp[entry] = this.stamp;
    wordLocalId[entry] = id;
    return id;
  }

  private localId(keyIndex: number, content: boolean): number {
    let id: number;
    if (keyStamp[keyIndex] === this.stamp) id = keyLocalId[keyIndex]!;
    else {
      id = this.ids.size;
      this.ids.set(keys[keyIndex]!, id);
      keyStamp[keyIndex] = this.stamp;
      keyLocalId[keyIndex] = id;
      if (id >= this.content.length) {
        const grown = new Uint8Array(this.content.length * 2);
        grown.set(this.content);
        this.content = grown;
      }
    }
    if (content) this.content[id] = 1;
    return id;
  }
}

/** The comparison key of a plain lowercase ASCII word (not a number word), through the shared table. */
export function asciiWordKey(word: string): string {
  if (words.length > MAX_WORDS) reset();
  const keyIndex = wordKeyIndex[wordEntry(word, 0, word.length, hashOf(word))]!;
  return keyIndex < 0 ? wordKey(word) : keys[keyIndex]!;
}
