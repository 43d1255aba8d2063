// Extraction must give the same output on every HTML page the project ships. These were recorded before issue 21
// changed how pages are parsed (Readability's result no longer serialized and parsed again, the page fallback on
// htmlparser2 instead of parse5): a change that moves one word on one of these pages shows here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '#lib/ingest/index';
import { wholePageFallback } from '#lib/ingest/html/fallback';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

/** Each page the project ships, with the address it is extracted under (its own links are then same-site). */
const PAGES: [path: string, url?: string][] = [
  ['examples/long-article.html'],
  ['examples/solar-sail.html'],
  ['test/eval/inputs/solar-cooperative.html'],
  ['test/fixtures/docs/ferrybox-backups.html'],
  ['test/fixtures/ingest/app-shell.html'],
  ['test/fixtures/ingest/empty.html'],
  ['test/fixtures/ingest/news-with-chrome.html'],
  ['test/fixtures/ingest/news-with-chrome.html', 'https://ledger.example/local/ferry'],
];

const key = ([path, url]: [string, string?]): string => (url ? `${path} at ${url}` : path);
const pinned = (value: Record<string, unknown>): string => `${JSON.stringify(value, null, 2)}\n`;

describe('extraction on the pages the project ships', () => {
  it('gives the articles it gave before', async () => {
    const articles = Object.fromEntries(
      PAGES.map((page) => [key(page), extractArticle(read(page[0]), page[1])]),
    );
    await expect(pinned(articles)).toMatchFileSnapshot('__pins__/extracted-articles.json');
  });

  it('gives the whole-page fallback (used when Readability finds no article) it gave before', async () => {
    const fallbacks = Object.fromEntries(PAGES.map((page) => [key(page), wholePageFallback(read(page[0]))]));
    await expect(pinned(fallbacks)).toMatchFileSnapshot('__pins__/page-fallbacks.json');
  });
});
