import { isPlainAscii, PrefixFilter } from './prefix-filter';
import { FNV_OFFSET, FNV_PRIME, HASH_MASK } from './scan';
import type { Token } from './tokens';

/** The code of a source token that is none of the summary's words. */
export const NONE = -1;

/** The FNV-1a hash the scanner computes for an ASCII word, for a word given as a string. */
function hashOf(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash & HASH_MASK;
}

/**
 * The words of a summary that a scan of its source looks for, each with a small integer code: content words by their
 * key (codes 0 to contentCount − 1: a stem, a number's value), function words by their lowercase form (the codes
 * after). A source word gets the code of a summary word it equals as written (a probe of a small table, by the hash
 * the scanner computed) or, for a content word, whose key it has (then the prefix filter says whether stemming it can
 * tell).
 */
export class SummaryWords {
  /** Content key → code. */
  readonly keys = new Map<string, number>();
  readonly filter = new PrefixFilter();
  private readonly functionWords = new Map<string, number>();
  private readonly mask: number;
  // The open-addressing table of the summary's ASCII words, by hash: each slot's hash + 1 (0: free), code and word.
  private readonly slotHash: Int32Array;
  private readonly slotCode: Int32Array;
  private readonly slotWord: string[];

  constructor(tokens: readonly Token[]) {
    for (const { key, isNumber, content } of tokens)
      if (content && !this.keys.has(key)) {
        this.keys.set(key, this.keys.size);
        this.filter.add(key, isNumber);
      }
    for (const { lower, content } of tokens)
      if (!content && !this.functionWords.has(lower))
        this.functionWords.set(lower, this.keys.size + this.functionWords.size);
    let slots = 16;
    while (slots < 2 * (this.keys.size + this.functionWords.size)) slots *= 2;
    this.mask = slots - 1;
    this.slotHash = new Int32Array(slots);
    this.slotCode = new Int32Array(slots);
    this.slotWord = new Array<string>(slots).fill('');
    for (const token of tokens)
      if (!token.isNumber && isPlainAscii(token.lower)) this.enter(token.lower, this.codeOf(token));
  }

  get contentCount(): number {
    return this.keys.size;
  }

  get codeCount(): number {
    return this.keys.size + this.functionWords.size;
  }

  /** A summary token's code. */
  codeOf(token: Token): number {
    return (token.content ? this.keys.get(token.key) : this.functionWords.get(token.lower)) ?? NONE;
  }

  /** The code of a function word of the summary (lowercase), else NONE. */
  functionWord(lower: string): number {
    return this.functionWords.get(lower) ?? NONE;
  }

  private enter(word: string, code: number): void {
    const hash = hashOf(word);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      if (this.slotHash[slot] === 0) {
        this.slotHash[slot] = hash + 1;
        this.slotCode[slot] = code;
        this.slotWord[slot] = word;
        return;
      }
      if (this.slotWord[slot] === word) return;
    }
  }

  /** The code of the summary word written as `lower[start, end)` (an ASCII word the scanner hashed), else NONE. */
  wordAt(lower: string, start: number, end: number, hash: number): number {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.slotHash[slot]!;
      if (stored === 0) return NONE;
      if (stored === hash + 1 && equalAt(this.slotWord[slot]!, lower, start, end))
        return this.slotCode[slot]!;
    }
  }
}

function equalAt(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
