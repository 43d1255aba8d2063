import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitIntoChunks } from '#lib/summarize/chunk';
import { countWords, splitAtWords } from '#lib/text/words';
import { splitParagraphs, splitSentences } from '#lib/summarize/sentences';

const article = readFileSync(new URL('../../fixtures/summarize/harbor-bridge.txt', import.meta.url), 'utf8');
const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('countWords', () => {
  it('counts whitespace-separated words and each Han/Kana character', () => {
    expect(countWords('  one two\nthree  ')).toBe(3);
    expect(countWords('')).toBe(0);
    expect(countWords('我们去公园')).toBe(5);
    expect(countWords('Tokyo 東京 trip')).toBe(4);
  });
});

describe('splitAtWords', () => {
  it('cuts into pieces of at most the budget, losing no words', () => {
    const pieces = splitAtWords('a b c d e f g', 3);
    expect(pieces).toEqual(['a b c', 'd e f', 'g']);
  });
});

describe('splitIntoChunks', () => {
  it('returns the text as one chunk when it fits', () => {
    expect(splitIntoChunks('Short text.\n\nTwo paragraphs.', 50)).toEqual(['Short text.\n\nTwo paragraphs.']);
  });

  it('keeps every chunk within the budget and loses no text', () => {
    const chunks = splitIntoChunks(article, 50);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(countWords(chunk)).toBeLessThanOrEqual(50);
    expect(normalize(chunks.join(' '))).toBe(normalize(article));
  });

  it('cuts only between sentences', () => {
    const sentences = splitSentences(article);
    const chunks = splitIntoChunks(article, 50);
    // Each chunk is a run of whole sentences of the original, in order.
    expect(chunks.flatMap((chunk) => splitSentences(chunk))).toEqual(sentences);
  });

  it('keeps whole paragraphs together when they fit, separated by blank lines', () => {
    const paragraphs = splitParagraphs(article);
    const chunks = splitIntoChunks(article, 60);
    for (const chunk of chunks) {
      for (const part of chunk.split('\n\n')) {
        // A part is either a whole paragraph or a run of sentences from a paragraph longer than the budget.
        const whole = paragraphs.includes(part);
        const fromLongParagraph = paragraphs.some((p) => countWords(p) > 60 && p.includes(part));
        expect(whole || fromLongParagraph, part).toBe(true);
      }
    }
  });

  it('cuts a sentence longer than the budget at word boundaries', () => {
    const longSentence = `${Array.from({ length: 25 }, (_, i) => `word${i}`).join(' ')}.`;
    const chunks = splitIntoChunks(`Intro here.\n\n${longSentence}`, 10);
    expect(chunks).toEqual([
      'Intro here.',
      'word0 word1 word2 word3 word4 word5 word6 word7 word8 word9',
      'word10 word11 word12 word13 word14 word15 word16 word17 word18 word19',
      'word20 word21 word22 word23 word24.',
    ]);
  });

  it('returns no chunks for empty text and rejects a budget below one word', () => {
    expect(splitIntoChunks('  \n\n ', 10)).toEqual([]);
    expect(() => splitIntoChunks('text', 0)).toThrow(RangeError);
    expect(() => splitIntoChunks('text', 2.5)).toThrow(RangeError);
  });
});
