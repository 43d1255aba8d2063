import { numberWord } from './numbers';
import { isContentWord } from './stopwords';
import { wordKey } from './tokens';

/**
 * Ids for comparison keys (one id per key), with whether each id is content. Plain ASCII words of the text are
 * looked up by their span in the lowercased text through an open-addressing hash table, without cutting a string for
 * each occurrence: most words of a document repeat, and this lookup runs once per source token.
 */
export class Interner {
  readonly ids = new Map<string, number>();
  content = new Uint8Array(256);
  private readonly byLower = new Map<string, number>();
  private slots = new Int32Array(1024);
  // One entry per distinct word: where it first occurred, its hash, its id.
  private readonly entryStart: number[] = [];
  private readonly entryEnd: number[] = [];
  private readonly entryHash: number[] = [];
  private readonly entryId: number[] = [];

  constructor(private readonly lowerText: string) {}

  /** The id of a key, added when new; `content` marks it as content. */
  keyId(key: string, content: boolean): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
      if (id >= this.content.length) {
        const grown = new Uint8Array(this.content.length * 2);
        grown.set(this.content);
        this.content = grown;
      }
    }
    if (content) this.content[id] = 1;
    return id;
  }

  /** The id of a lowercased word (not a number). */
  wordId(lower: string): number {
    let id = this.byLower.get(lower);
    if (id === undefined) {
      id = this.keyId(wordKey(lower), isContentWord(lower));
      this.byLower.set(lower, id);
    }
    return id;
  }

  /**
   * The entry of the ASCII word at `lowerText[start, end)`; its id is -1 for words that join their neighbours.
   */
  spanEntry(start: number, end: number): number {
    const text = this.lowerText;
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) return this.addEntry(slot, start, end, hash);
      const from = this.entryStart[entry]!;
      if (this.entryHash[entry] !== hash || this.entryEnd[entry]! - from !== length) continue;
      let same = true;
      for (let i = 0; i < length && same; i++)
        same = text.charCodeAt(from + i) === text.charCodeAt(start + i);
      if (same) return entry;
    }
  }

  entryIdOf(entry: number): number {
    return this.entryId[entry]!;
  }

  private addEntry(slot: number, start: number, end: number, hash: number): number {
    const lower = this.lowerText.slice(start, end);
    const value = numberWord(lower) ?? Number.NaN;
    const entry = this.entryStart.length;
    this.entryStart.push(start);
    this.entryEnd.push(end);
    this.entryHash.push(hash);
    // Number words and "cent" (of "per cent") join their neighbours: the caller reads them the slow way.
    this.entryId.push(Number.isNaN(value) && lower !== 'cent' ? this.wordId(lower) : -1);
    this.slots[slot] = entry + 1;
    if (2 * (entry + 1) > this.slots.length) this.grow();
    return entry;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.entryHash.length; entry++) {
      let slot = this.entryHash[entry]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}
