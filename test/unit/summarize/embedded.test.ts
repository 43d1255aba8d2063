import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countWords } from '#lib/text/words';
import { createEmbeddedSummarizer, extractSummary } from '#lib/summarize/embedded';
import { InvalidSummaryLengthError } from '#lib/summarize/embedded/length';
import { splitSentences } from '#lib/summarize/sentences';

const article = readFileSync(new URL('../../fixtures/summarize/harbor-bridge.txt', import.meta.url), 'utf8');
const sentencesOfArticle = splitSentences(article);
const LEAD = sentencesOfArticle[0] ?? '';
const NEAR_DUPLICATE_OF_LEAD = sentencesOfArticle.find((s) => s.startsWith('The council approved')) ?? '';

describe('createEmbeddedSummarizer', () => {
  const summarizer = createEmbeddedSummarizer();

  it('describes itself as the offline extractive provider with a large input budget', () => {
    expect(summarizer.provider).toBe('embedded');
    expect(summarizer.model).toBe('sumops-extractive-v1');
    expect(summarizer.inputBudgetWords).toBeGreaterThanOrEqual(100_000);
  });

  it('returns 3 sentences of the document by default, in document order, one per line', async () => {
    const summary = await summarizer.summarize({ text: article });
    expect(summary.sentences).toHaveLength(3);
    expect(summary.text).toBe(summary.sentences.join('\n'));
    const positions = summary.sentences.map((s) => sentencesOfArticle.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('leads with the opening sentence of a news story', async () => {
    const summary = await summarizer.summarize({ text: article, sentences: 1 });
    expect(summary.sentences).toEqual([LEAD]);
  });

  it('is deterministic', async () => {
    const first = await summarizer.summarize({ text: article, sentences: 4 });
    for (let i = 0; i < 3; i++) {
      expect(await createEmbeddedSummarizer().summarize({ text: article, sentences: 4 })).toEqual(first);
    }
  });

  it('never picks a near-duplicate of a chosen sentence', async () => {
    expect(NEAR_DUPLICATE_OF_LEAD).not.toBe('');
    for (const sentences of [2, 3, 4, 5, 6]) {
      const chosen = (await summarizer.summarize({ text: article, sentences })).sentences;
      expect(
        chosen.includes(LEAD) && chosen.includes(NEAR_DUPLICATE_OF_LEAD),
        `${sentences}: ${chosen.join(' | ')}`,
      ).toBe(false);
    }
  });

  it('drops page furniture such as "Scroll down for video"', async () => {
    const summary = await summarizer.summarize({ text: article, sentences: 20 });
    expect(summary.text).not.toMatch(/scroll down/i);
    expect(summary.sentences).toContain(
      'Local shop owners near the bridge said they feared losing customers during the closure of the bridge.',
    );
  });

  it('respects maxWords, filling the budget greedily', async () => {
    for (const maxWords of [25, 30, 45, 60, 100]) {
      const summary = await summarizer.summarize({ text: article, maxWords });
      expect(countWords(summary.text), `maxWords ${maxWords}`).toBeLessThanOrEqual(maxWords);
      expect(summary.sentences.length).toBeGreaterThan(0);
      // Greedy: no unchosen sentence would still have fit.
      const left = maxWords - countWords(summary.text);
      const unchosen = sentencesOfArticle.filter(
        (s) => !summary.sentences.includes(s) && s !== NEAR_DUPLICATE_OF_LEAD,
      );
      expect(unchosen.some((s) => countWords(s) <= left && !/scroll down/i.test(s))).toBe(false);
    }
  });

  it('combines sentences and maxWords: at most N sentences, within the word budget', async () => {
    const summary = await summarizer.summarize({ text: article, sentences: 2, maxWords: 200 });
    expect(summary.sentences).toHaveLength(2);
    const tight = await summarizer.summarize({ text: article, sentences: 5, maxWords: 30 });
    expect(countWords(tight.text)).toBeLessThanOrEqual(30);
  });

  it('truncates at a word boundary with an ellipsis when even the best sentence exceeds maxWords', async () => {
    const summary = await summarizer.summarize({ text: article, maxWords: 6 });
    expect(summary.sentences).toEqual(['The city council voted on Tuesday…']);
    expect(countWords(summary.text)).toBeLessThanOrEqual(6);
  });

  it('gives an empty summary for empty or whitespace-only text', async () => {
    for (const text of ['', '   \n\n \t']) {
      expect(await summarizer.summarize({ text })).toEqual({
        text: '',
        sentences: [],
        provider: 'embedded',
        model: 'sumops-extractive-v1',
      });
    }
  });

  it('returns every sentence of a text shorter than the request', async () => {
    expect((await summarizer.summarize({ text: 'Only one sentence here.', sentences: 3 })).sentences).toEqual(
      ['Only one sentence here.'],
    );
  });

  it('rejects invalid lengths with InvalidSummaryLengthError', async () => {
    await expect(summarizer.summarize({ text: article, sentences: 0 })).rejects.toThrow(
      InvalidSummaryLengthError,
    );
    await expect(summarizer.summarize({ text: article, maxWords: -5 })).rejects.toThrow(/maxWords/);
  });

  it('rejects when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(summarizer.summarize({ text: article, signal: controller.signal })).rejects.toThrow('stop');
  });

  it('handles a very long text (about 200,000 words)', async () => {
    const filler = (i: number): string =>
      `Section ${i} describes topic number ${i % 97} with ordinary words about weather, trade and sport.`;
    const paragraphs = Array.from({ length: 15_000 }, (_, i) => filler(i));
    const text = [article, ...paragraphs].join('\n\n');
    expect(countWords(text)).toBeGreaterThan(200_000);
    const summary = await summarizer.summarize({ text, sentences: 3 });
    expect(summary.sentences).toHaveLength(3);
    expect(summary.sentences[0]).toBe(LEAD);
  });

  it('summarizes non-English text with its own sentence boundaries', async () => {
    const chinese =
      '市议会周二投票决定关闭港湾大桥。工程师将更换生锈的钢缆。市长说这很痛苦。工程将于六月开始。';
    const summary = await summarizer.summarize({ text: chinese, sentences: 2 });
    expect(summary.sentences).toHaveLength(2);
    for (const sentence of summary.sentences) expect(splitSentences(chinese)).toContain(sentence);
  });
});

describe('extractSummary', () => {
  it('prefers on-topic sentences over an off-topic one at a similar position', () => {
    const text = [
      'Wildfires forced thousands of residents to flee their homes in the valley on Sunday.',
      'The weather at the beach was pleasant and many tourists bought ice cream.',
      'Firefighters said the wildfires spread quickly because of dry winds in the valley.',
      'Residents who fled the wildfires are staying in schools across the valley.',
    ].join(' ');
    const chosen = extractSummary(text, { sentences: 3 });
    expect(chosen).not.toContain('The weather at the beach was pleasant and many tourists bought ice cream.');
  });
});
