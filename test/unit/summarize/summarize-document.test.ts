import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countWords, splitAtWords } from '#lib/text/words';
import { createEmbeddedSummarizer } from '#lib/summarize/embedded';
import { InvalidSummaryLengthError } from '#lib/summarize/embedded/length';
import { splitSentences } from '#lib/summarize/sentences';
import { SummaryDidNotShrinkError, summarizeDocument } from '#lib/summarize/summarize-document';
import type { SummarizeRequest, Summarizer, Summary } from '#lib/summarize/types';

const article = readFileSync(new URL('../../fixtures/summarize/harbor-bridge.txt', import.meta.url), 'utf8');

/**
 * A model-like test double with a small input budget: it refuses over-budget input, as a real model API would,
 * records what it was given, and "summarizes" by keeping the first sentence of its input.
 */
class FakeModel implements Summarizer {
  readonly provider = 'fake';
  readonly model = 'first-sentence';
  readonly requests: SummarizeRequest[] = [];
  constructor(
    readonly inputBudgetWords: number,
    private readonly respond: (text: string) => string = (text) => splitSentences(text)[0] ?? '',
  ) {}

  summarize(request: SummarizeRequest): Promise<Summary> {
    this.requests.push(request);
    if (countWords(request.text) > this.inputBudgetWords) {
      return Promise.reject(new Error(`input over budget: ${countWords(request.text)} words`));
    }
    const text = this.respond(request.text);
    return Promise.resolve({ text, sentences: [text], provider: this.provider, model: this.model });
  }
}

/** The first six words of the first sentence: short enough that one reduce call suffices. */
const headline = (text: string): string => splitAtWords(splitSentences(text)[0] ?? '', 6)[0] ?? '';

describe('summarizeDocument', () => {
  it('sends text within budget in a single call with the requested length', async () => {
    const model = new FakeModel(1000);
    const progress: [number, number][] = [];
    const summary = await summarizeDocument(article, model, {
      sentences: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]).toMatchObject({ text: article, sentences: 2 });
    expect(summary.text).toBe(splitSentences(article)[0]);
    expect(progress).toEqual([[1, 1]]);
  });

  it('maps over-budget text in chunks within budget, cut at sentence boundaries, then reduces the partials', async () => {
    const model = new FakeModel(50, headline);
    const progress: [number, number][] = [];
    const summary = await summarizeDocument(article, model, {
      maxWords: 40,
      onProgress: (done, total) => progress.push([done, total]),
    });

    const mapRequests = model.requests.slice(0, -1);
    const reduceRequest = model.requests.at(-1);
    expect(mapRequests.length).toBeGreaterThan(1);
    for (const request of model.requests) {
      expect(countWords(request.text)).toBeLessThanOrEqual(50);
      expect(request.maxWords).toBe(40);
    }
    // The map inputs are the document's own sentences, whole and in order.
    expect(mapRequests.flatMap((request) => splitSentences(request.text))).toEqual(splitSentences(article));
    // The reduce step sees every partial summary, as paragraphs.
    const partials = mapRequests.map((request) => headline(request.text));
    expect(reduceRequest?.text).toBe(partials.join('\n\n'));
    expect(summary.text).toBe(partials[0]);
    expect(progress.map(([done]) => done)).toEqual(model.requests.map((_, i) => i + 1));
    expect(progress.at(-1)).toEqual([model.requests.length, model.requests.length]);
  });

  it('reduces in further rounds while the combined partials are still over budget', async () => {
    const paragraph = (i: number): string =>
      `Paragraph ${i} opens with a sentence of exactly twelve words in it here. Then it adds more detail.`;
    const text = Array.from({ length: 20 }, (_, i) => paragraph(i)).join('\n\n');
    const model = new FakeModel(30);
    await summarizeDocument(text, model, {});
    const inputs = model.requests.map((request) => request.text);
    for (const input of inputs) expect(countWords(input)).toBeLessThanOrEqual(30);
    // More calls than one map round plus one reduce: the partials needed a second round.
    const firstRoundChunks = inputs.filter((input) => input.includes('Then it adds')).length;
    expect(inputs.length).toBeGreaterThan(firstRoundChunks + 1);
  });

  it('returns an empty summary for whitespace-only text without calling the provider', async () => {
    const model = new FakeModel(50);
    const summary = await summarizeDocument(' \n\n\t', model, {});
    expect(summary).toEqual({ text: '', sentences: [], provider: 'fake', model: 'first-sentence' });
    expect(model.requests).toHaveLength(0);
  });

  it('fails with SummaryDidNotShrinkError when partial summaries are no shorter than the input', async () => {
    const model = new FakeModel(50, (text) => text);
    await expect(summarizeDocument(article, model, {})).rejects.toThrow(SummaryDidNotShrinkError);
  });

  it('rejects invalid lengths before calling the provider', async () => {
    const model = new FakeModel(50);
    await expect(summarizeDocument(article, model, { sentences: 0 })).rejects.toThrow(
      InvalidSummaryLengthError,
    );
    await expect(summarizeDocument(article, model, { maxWords: 1.5 })).rejects.toThrow(/maxWords/);
    expect(model.requests).toHaveLength(0);
  });

  it('stops between calls when aborted and passes the signal to the provider', async () => {
    const controller = new AbortController();
    const model = new FakeModel(50);
    const run = summarizeDocument(article, model, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 2) controller.abort(new Error('user cancelled'));
      },
    });
    await expect(run).rejects.toThrow('user cancelled');
    expect(model.requests).toHaveLength(2);
    expect(model.requests[0]?.signal).toBe(controller.signal);
  });
});

describe('summarizeDocument with the embedded summarizer', () => {
  it('gives the same summary as calling the provider directly, in one call', async () => {
    const embedded = createEmbeddedSummarizer();
    const progress: [number, number][] = [];
    const viaLibrary = await summarizeDocument(article, embedded, {
      sentences: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(viaLibrary).toEqual(await embedded.summarize({ text: article, sentences: 2 }));
    expect(viaLibrary.sentences).toHaveLength(2);
    expect(progress).toEqual([[1, 1]]);
  });
});
