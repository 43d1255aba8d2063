import { numberWord } from './numbers';
import { FNV_OFFSET, FNV_PRIME, HASH_MASK } from './scan';
import { isContentWord } from './stopwords';
import { stemWord } from '#lib/text/stem';

/**
 * Every plain ASCII word seen in any source, with its comparison key and whether it is content, in one table shared
 * by all sources: news vocabulary repeats across documents, so stemming and classifying a word happens once per
 * process, and a source token costs a hash over its characters and a probe, without cutting a string. Keys get ids
 * per source: a word's or key's `stamp` says which source its local id belongs to.
 *
 * The table is laid out for the cache: an evaluation scores each source between runs of the summarizer, which leave
 * little of it in the CPU's caches, so a probe should touch one record, not one entry in each of six arrays and a
 * string. A record holds the word's hash, length and first eight characters (a longer word's rest is compared with
 * its string), its key, whether it is content, and its id in the source that last had it.
 */

// Past this many words and keys the tables start afresh (checked between sources and summaries): bounded memory in a
// long-lived process (keys count too: a stream of documents full of distinct numbers adds keys and no words).
const MAX_ENTRIES = 200_000;
const INITIAL_SLOTS = 1 << 14;

// Record fields (Int32): hash + 1 (0: free slot), key index (-1: a word that joins its neighbours, such as number
// words and the "cent" of "per cent"), content flag, stamp and id in that source, length, 8 characters (4 a field).
const HASH = 0;
const KEY = 1;
const CONTENT = 2;
const STAMP = 3;
const LOCAL_ID = 4;
const LENGTH = 5;
const CHARS = 6;
const RECORD = 8;
const INLINE_CHARS = 8;

let capacity = INITIAL_SLOTS;
let records = new Int32Array(capacity * RECORD);
/** The words longer than INLINE_CHARS, by slot. */
let longWords: (string | undefined)[] = [];
let wordCount = 0;

let keyIndexByKey = new Map<string, number>();
let keys: string[] = [];
/** Per key: the stamp of the source that last had it and its id there. */
let keyIds = new Int32Array(2 * INITIAL_SLOTS);
let stampCounter = 0;
/** Whether each id of the source being interned is content (one buffer for all sources: only preparation reads it). */
let content = new Uint8Array(256);

function resetIfFull(): void {
  if (wordCount + keys.length <= MAX_ENTRIES) return;
  // No source is the latest any more: its ids are no longer in the tables.
  stampCounter++;
  capacity = INITIAL_SLOTS;
  records = new Int32Array(capacity * RECORD);
  longWords = [];
  wordCount = 0;
  keyIndexByKey = new Map();
  keys = [];
  keyIds.fill(0);
}

function keyIndexOf(key: string): number {
  let index = keyIndexByKey.get(key);
  if (index === undefined) {
    index = keys.length;
    keys.push(key);
    keyIndexByKey.set(key, index);
    if (2 * index + 2 > keyIds.length) {
      const grown = new Int32Array(keyIds.length * 2);
      grown.set(keyIds);
      keyIds = grown;
    }
  }
  return index;
}

/** Whether the record at `at` holds the word `text[start, start + length)`, whose hash and length it matches. */
function sameWord(text: string, start: number, length: number, at: number, slot: number): boolean {
  const inline = length < INLINE_CHARS ? length : INLINE_CHARS;
  for (let i = 0; i < inline; i++)
    if (((records[at + CHARS + (i >> 2)]! >>> ((i & 3) << 3)) & 0xff) !== text.charCodeAt(start + i))
      return false;
  if (length <= INLINE_CHARS) return true;
  const word = longWords[slot]!;
  for (let i = INLINE_CHARS; i < length; i++)
    if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/**
 * The slot of the ASCII word `text[start, end)` (already lowercase) whose hash the scanner computed, added when new.
 * Adding may move every record (the table doubles): read `records` after the call.
 */
function slotOf(text: string, start: number, end: number, hash: number): number {
  const length = end - start;
  const mask = capacity - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const at = slot * RECORD;
    const stored = records[at + HASH]!;
    if (stored === 0) return addWord(slot, text.slice(start, end), hash);
    if (stored === hash + 1 && records[at + LENGTH] === length && sameWord(text, start, length, at, slot))
      return slot;
  }
}

function addWord(slot: number, word: string, hash: number): number {
  const at = slot * RECORD;
  records[at + HASH] = hash + 1;
  const joins = numberWord(word) !== undefined || word === 'cent';
  records[at + KEY] = joins ? -1 : keyIndexOf(stemWord(word));
  records[at + CONTENT] = isContentWord(word) ? 1 : 0;
  records[at + STAMP] = 0;
  records[at + LENGTH] = word.length;
  for (let i = 0; i < word.length && i < INLINE_CHARS; i++)
    records[at + CHARS + (i >> 2)]! |= word.charCodeAt(i) << ((i & 3) << 3);
  if (word.length > INLINE_CHARS) longWords[slot] = word;
  if (2 * ++wordCount <= capacity) return slot;
  grow();
  return slotOf(word, 0, word.length, hash);
}

/** Doubles the table, every record moving whole to its slot in the larger one. */
function grow(): void {
  const old = records;
  const oldLong = longWords;
  const oldCapacity = capacity;
  capacity *= 2;
  records = new Int32Array(capacity * RECORD);
  longWords = [];
  const mask = capacity - 1;
  for (let from = 0; from < oldCapacity; from++) {
    const stored = old[from * RECORD + HASH]!;
    if (stored === 0) continue;
    let slot = (stored - 1) & mask;
    while (records[slot * RECORD + HASH] !== 0) slot = (slot + 1) & mask;
    records.set(old.subarray(from * RECORD, (from + 1) * RECORD), slot * RECORD);
    if (oldLong[from] !== undefined) longWords[slot] = oldLong[from];
  }
}

/** The FNV-1a hash the scanner computes for an ASCII word, for a word given as a string. */
function hashOf(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash & HASH_MASK;
}

/**
 * Ids for one source's keys (one id per key, in order of first occurrence), with whether each id is content. While
 * no other source has been interned since, the shared tables answer which id a key has here ({@link latestId}).
 */
export class Interner {
  /** Id → key. */
  readonly keys: string[] = [];
  readonly stamp: number;

  constructor(private readonly lowerText: string) {
    resetIfFull();
    this.stamp = ++stampCounter;
  }

  /** Whether each id is content; valid until the next source is interned. */
  get content(): Uint8Array {
    return content;
  }

  /** The id of a key, added when new; `content` marks it as content. */
  keyId(key: string, isContent: boolean): number {
    return this.localId(keyIndexOf(key), isContent);
  }

  /** The id of a lowercased word that is not a number. */
  wordId(lower: string): number {
    return this.keyId(stemWord(lower), isContentWord(lower));
  }

  /** The id of the plain ASCII word at `lowerText[start, end)`; -1 for a word that joins its neighbours. */
  spanId(start: number, end: number, hash: number): number {
    const at = slotOf(this.lowerText, start, end, hash) * RECORD;
    if (records[at + STAMP] === this.stamp) return records[at + LOCAL_ID]!;
    const keyIndex = records[at + KEY]!;
    if (keyIndex < 0) return -1;
    const id = this.localId(keyIndex, records[at + CONTENT] === 1);
    records[at + STAMP] = this.stamp;
    records[at + LOCAL_ID] = id;
    return id;
  }

  private localId(keyIndex: number, isContent: boolean): number {
    let id: number;
    if (keyIds[2 * keyIndex] === this.stamp) id = keyIds[2 * keyIndex + 1]!;
    else {
      id = this.keys.length;
      this.keys.push(keys[keyIndex]!);
      keyIds[2 * keyIndex] = this.stamp;
      keyIds[2 * keyIndex + 1] = id;
      if (id >= content.length) {
        const grown = new Uint8Array(content.length * 2);
        grown.set(content);
        content = grown;
      }
      content[id] = 0;
    }
    if (isContent) content[id] = 1;
    return id;
  }
}

/**
 * The id that the source interned with `stamp` gave the key at `keyIndex` (-1: it has no such key; a key index below
 * 0 is a key no source has), when that source is still the last one interned and the tables have not started afresh
 * since; undefined when the shared tables no longer know.
 */
export function latestId(stamp: number, keyIndex: number): number | undefined {
  if (stamp !== stampCounter) return undefined;
  return keyIndex >= 0 && keyIds[2 * keyIndex] === stamp ? keyIds[2 * keyIndex + 1]! : -1;
}

/** A summary token's comparison key and its index in the shared key table (-1 when no source has the key). */
export interface IndexedKey {
  key: string;
  keyIndex: number;
}

/** The key of a plain lowercase ASCII word (not a number), through the shared table (the word is added if new). */
export function asciiWordKey(word: string): IndexedKey {
  resetIfFull();
  const keyIndex = records[slotOf(word, 0, word.length, hashOf(word)) * RECORD + KEY]!;
  return keyIndex < 0 ? knownKey(stemWord(word)) : { key: keys[keyIndex]!, keyIndex };
}

/** A key with its index in the shared key table, which is not added to. */
export function knownKey(key: string): IndexedKey {
  return { key, keyIndex: keyIndexByKey.get(key) ?? -1 };
}
