import { describe, expect, it } from 'vitest';
import { createEmbeddedSummarizer, extractSummary } from '#lib/summarize/embedded';
import { MAX_SENTENCE_CHARS, isSentenceFragment, splitSentences } from '#lib/summarize/sentences';
import { EmptySummaryError, summarizeDocument } from '#lib/summarize/summarize-document';

const SENTENCE = 'The committee met on Tuesday to discuss the budget, and members agreed on a plan.';

describe('sentence length cap', () => {
  it('cuts a sentence longer than the cap at clause or word breaks, losing no words', () => {
    const long = `${Array.from({ length: 150 }, (_, i) => `item${i}`).join(' ')}, and then the end.`;
    const pieces = splitSentences(long);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(pieces.join(' ')).toBe(long);
  });

  it('skips a run of characters with no break at all, keeping the prose around it', () => {
    const text = `${SENTENCE} ${'x'.repeat(1_000_000)} The vote passed on Friday.`;
    expect(splitSentences(text)).toEqual([SENTENCE, 'The vote passed on Friday.']);
  });

  it('merges a long run of false boundaries into capped sentences (no quadratic re-scan)', () => {
    // 50,000 "sentences" that each start lowercase: every boundary is false, all merge into one.
    const text = Array.from({ length: 50_000 }, () => 'see p. twelve').join(' ');
    const sentences = splitSentences(text);
    for (const sentence of sentences) expect(sentence.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(sentences.join(' ').split(' ')).toHaveLength(150_000);
  });
});

describe('fragments', () => {
  it.each(['1.2.', 'Results', 'Chapter 3', '— 42 —', 'Photo: AP'])('%j is a fragment', (text) => {
    expect(isSentenceFragment(text)).toBe(true);
  });
  it.each([SENTENCE, 'Prices rose sharply.'])('%j is a sentence', (text) => {
    expect(isSentenceFragment(text)).toBe(false);
  });

  it('headings and numbers are not picked while real sentences exist', () => {
    const text = `1.2.\n\nBackground\n\n${SENTENCE}\n\n3.4.\n\nThe vote passed on Friday after a long debate.`;
    expect(extractSummary(text, { sentences: 3 })).toEqual([
      SENTENCE,
      'The vote passed on Friday after a long debate.',
    ]);
  });
});

describe('bounded summaries', () => {
  it('--max-words holds and no line passes the cap when the text has a huge token', () => {
    const summary = extractSummary(`${'y'.repeat(3_000_000)} ${SENTENCE}`, { maxWords: 40 });
    expect(summary).toEqual([SENTENCE]);
  });

  it('140,000 sentences are summarized (Math.max(...scores) overflowed the stack from about 130,000)', () => {
    const text = Array.from({ length: 140_000 }, (_, i) => `Point ${i} holds.`).join(' ');
    expect(extractSummary(text, { sentences: 2 })).toHaveLength(2);
  });

  it('text with nothing pickable is an EmptySummaryError, not an empty success', async () => {
    const error = await summarizeDocument('z'.repeat(5_000), createEmbeddedSummarizer()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmptySummaryError);
    expect(error).toMatchObject({ provider: 'embedded', inputWords: 1 });
  });
});
