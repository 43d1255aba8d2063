// Genre-aware selection must leave news exactly as it was: these summaries were recorded with the news-only
// summarizer before genre detection existed, on every news text the project ships (fixtures, eval cases, the
// example article), at the default length and at explicit lengths. One-sentence summaries changed on purpose in
// issue 20 (the most central sentence instead of the lead-weighted one): they are pinned apart, as recorded then.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LoadOptions } from '#lib/ingest/index';
import { load } from '#lib/ingest/index';
import { extractSummary } from '#lib/summarize/embedded';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

interface NewsCase {
  id: string;
  text: () => Promise<string>;
}

const fromFile = (path: string): NewsCase => ({ id: path, text: () => Promise.resolve(read(path)) });
const quiet: LoadOptions = {
  logger: { debug() {}, info() {}, warn() {} },
  clock: { now: () => 0, sleep: () => Promise.resolve() },
};
const loaded = (path: string): NewsCase => ({
  id: path,
  text: async () => (await load(fileURLToPath(new URL(path, root)), quiet)).text,
});

const evalNews: NewsCase[] = read('test/eval/news.jsonl')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { id: string; text: string })
  .map((entry) => ({ id: `test/eval/news.jsonl#${entry.id}`, text: () => Promise.resolve(entry.text) }));

const CASES: NewsCase[] = [
  fromFile('test/fixtures/summarize/harbor-bridge.txt'),
  fromFile('test/fixtures/summarize/mill-captions.txt'),
  fromFile('test/fixtures/space/article.txt'),
  fromFile('test/eval/inputs/museum-reopening.txt'),
  loaded('test/eval/inputs/solar-cooperative.html'),
  loaded('examples/solar-sail.html'),
  loaded('test/fixtures/ingest/news-with-chrome.html'),
  ...evalNews,
];

const LENGTHS = [{}, { sentences: 3 }, { sentences: 5 }, { maxWords: 50 }] as const;

async function summariesAt(lengths: readonly object[]): Promise<Record<string, Record<string, string[]>>> {
  const summaries: Record<string, Record<string, string[]>> = {};
  for (const newsCase of CASES) {
    const text = await newsCase.text();
    const byLength: Record<string, string[]> = {};
    for (const length of lengths) byLength[JSON.stringify(length)] = extractSummary(text, length);
    summaries[newsCase.id] = byLength;
  }
  return summaries;
}

describe('news summaries', () => {
  it('are the same as before genre-aware selection', async () => {
    await expect(`${JSON.stringify(await summariesAt(LENGTHS), null, 2)}\n`).toMatchFileSnapshot(
      '__pins__/news-summaries.json',
    );
  });

  it('of one sentence are the same as when they became the most central sentence', async () => {
    await expect(`${JSON.stringify(await summariesAt([{ sentences: 1 }]), null, 2)}\n`).toMatchFileSnapshot(
      '__pins__/one-sentence-summaries.json',
    );
  });
});
