import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from '#lib/ingest/index';
import type { LoadOptions } from '#lib/ingest/index';
import { DOCUMENT_BUDGET_CHARS, fitTextBudget, offsetMap } from '#lib/ingest/text-budget';
import type { Clock, Logger } from '#lib/log';
import { MAX_SENTENCE_CHARS, splitSentences } from '#lib/summarize/sentences';
import { createEmbeddedSummarizer } from '#lib/summarize/embedded';
import { summarizeDocument } from '#lib/summarize/summarize-document';

const SENTENCES = [
  'The harbour board voted on Monday to rebuild the north pier before the winter storms arrive.',
  'Engineers said the old timber piles had rotted far faster than the last survey predicted.',
  'Fishing crews will moor at the south quay while the work goes on, the board said.',
  'The cost is expected to be shared between the town and the regional fisheries fund.',
];
const PROSE = SENTENCES.join(' ');
/** A run of `chars` characters without whitespace, of a character the sentences above do not have. */
const run = (chars: number, char = '~'): string => char.repeat(chars);

describe('fitTextBudget: runs the sentence splitter skips', () => {
  it('agrees with the splitter on which runs are unpickable', () => {
    const kept = splitSentences(`Before the run. ${run(MAX_SENTENCE_CHARS)} after it.`).join(' ');
    const skipped = splitSentences(`Before the run. ${run(MAX_SENTENCE_CHARS + 1)} after it.`).join(' ');
    expect(kept).toContain(run(MAX_SENTENCE_CHARS));
    expect(skipped).not.toContain('~');
    expect(skipped).toContain('Before the run.');
  });

  it('keeps the sentences after a 3 MB run without spaces, dropping the run', () => {
    const text = `${run(3_000_000)}\n\n${PROSE}`;
    const { text: kept, truncated } = fitTextBudget(text);
    expect(kept).toBe(PROSE);
    expect(truncated).toEqual({
      keptChars: PROSE.length,
      totalChars: text.length,
      droppedRuns: { count: 1, chars: 3_000_000, restCut: false },
    });
  });

  it('does not count dropped runs against the budget: the real text is cut only where the budget ends', () => {
    const paragraph = `${PROSE}\n\n`;
    const blob = run(5_000);
    // 60 % of the budget in real text, with a run between every two paragraphs, then real text to 150 %.
    const paragraphs = Math.ceil((DOCUMENT_BUDGET_CHARS * 1.5) / paragraph.length);
    const text = Array.from({ length: paragraphs }, (_, i) => (i % 2 ? `${blob}\n\n` : '') + paragraph)
      .join('')
      .trim();
    const { text: kept, truncated } = fitTextBudget(text);
    expect(kept).not.toContain('~');
    expect(kept.length).toBeLessThanOrEqual(DOCUMENT_BUDGET_CHARS);
    // Cut at a paragraph break within one paragraph of the budget, never earlier because of the runs.
    expect(kept.length).toBeGreaterThan(DOCUMENT_BUDGET_CHARS - paragraph.length);
    expect(kept.endsWith(SENTENCES[3] as string)).toBe(true);
    expect(truncated?.droppedRuns).toEqual({
      count: Math.floor(paragraphs / 2),
      chars: Math.floor(paragraphs / 2) * blob.length,
      restCut: true,
    });
  });

  it('joins the text around a dropped run as it was joined to the run', () => {
    const text = `${PROSE} ${run(DOCUMENT_BUDGET_CHARS)} ${PROSE}\n\n${run(700)}\n\nLast words here.`;
    expect(fitTextBudget(text).text).toBe(`${PROSE} ${PROSE}\n\nLast words here.`);
  });

  it('leaves words up to the longest sentence and text within the budget alone', () => {
    const longWord = `${run(MAX_SENTENCE_CHARS)} `;
    const text = `${longWord.repeat(Math.ceil(DOCUMENT_BUDGET_CHARS / longWord.length))}${PROSE}`;
    const { truncated } = fitTextBudget(text);
    expect(truncated?.droppedRuns).toBeUndefined();
    expect(truncated?.keptChars).toBeGreaterThan(DOCUMENT_BUDGET_CHARS / 2);
    const small = `${run(50_000)} ${PROSE}`;
    expect(fitTextBudget(small)).toEqual({ text: small });
  });

  it('maps offsets past dropped runs, ascending or not', () => {
    const toBudgeted = offsetMap([
      [10, 20],
      [30, 35],
    ]);
    expect([0, 9, 10, 19, 20, 29, 30, 35, 40].map(toBudgeted)).toEqual([
      0,
      9,
      undefined,
      undefined,
      10,
      19,
      undefined,
      20,
      25,
    ]);
    expect(toBudgeted(5)).toBe(5);
    expect(toBudgeted(22)).toBe(12);
    expect(offsetMap()(7)).toBe(7);
  });
});

describe('load and summarize past a giant run', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sumops-budget-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function setup(): { options: LoadOptions; warnings: string[] } {
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m) };
    const clock: Clock = { now: () => Date.now(), sleep: () => Promise.resolve() };
    return { options: { logger, clock, cwd: dir, maxBytes: 10 * 1024 * 1024 }, warnings };
  }

  it('summarizes the sentences after a 3 MB run and says what it dropped', async () => {
    writeFileSync(join(dir, 'blob-then-text.txt'), `${run(3_000_000)}\n\n${PROSE}\n`);
    const { options, warnings } = setup();
    const document = await load('blob-then-text.txt', options);
    expect(document.text).toBe(PROSE);
    expect(warnings).toEqual([
      `blob-then-text.txt: the text is ${3_000_002 + PROSE.length} characters; dropped 1 run of more than ${MAX_SENTENCE_CHARS} characters without a space (3000000 characters, not sentences); kept the other ${PROSE.length}`,
    ]);
    const summary = await summarizeDocument(document.text, createEmbeddedSummarizer(), { sentences: 2 });
    expect(summary.sentences).toHaveLength(2);
    for (const sentence of summary.sentences) expect(SENTENCES).toContain(sentence);
  });

  it('keeps caption timings on their words after a dropped run', async () => {
    const cue = (n: number, text: string): string => `00:0${n}.000 --> 00:0${n}.900\n${text}\n`;
    writeFileSync(
      join(dir, 'talk.vtt'),
      `WEBVTT\n\n${cue(1, SENTENCES[0] as string)}\n${cue(2, run(DOCUMENT_BUDGET_CHARS + 10))}\n${cue(3, SENTENCES[1] as string)}\n${cue(4, SENTENCES[2] as string)}`,
    );
    const document = await load('talk.vtt', setup().options);
    expect(document.text).not.toContain('~');
    const timed = (document.timing ?? []).map((t) => ({
      start: t.start,
      text: document.text.slice(t.offset, t.offset + t.length),
    }));
    expect(timed).toEqual([
      { start: 1, text: SENTENCES[0] },
      { start: 3, text: SENTENCES[1] },
      { start: 4, text: SENTENCES[2] },
    ]);
  });
});
