import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '#lib/ingest/index';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../fixtures/ingest', name), 'utf8');

describe('extractArticle', () => {
  const article = extractArticle(fixture('news-with-chrome.html'), 'https://ledger.example/local/ferry');

  it('keeps every article paragraph, separated by blank lines', () => {
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs[0]).toMatch(/^Residents of Port Alder voted on Tuesday/);
    expect(paragraphs.at(-1)).toMatch(/publish a timetable for the work in the spring\.$/);
    expect(paragraphs).toHaveLength(4);
  });

  it('drops breadcrumbs, share bars, captions, tags, bylines, menus and footers', () => {
    for (const chrome of [
      'Home',
      'Share on Facebook',
      'Photo: Ledger staff',
      'ferry council',
      'By Ines Calder',
      'Most read',
      '©',
    ])
      expect(article.text).not.toContain(chrome);
  });

  it('reads metadata from OpenGraph, JSON-LD and <html lang>', () => {
    expect(article).toMatchObject({
      title: 'Harbour town votes to keep its ferry',
      siteName: 'The Coastal Ledger',
      byline: 'Ines Calder',
      publishedAt: '2026-02-03T08:00:00.000Z',
      lang: 'en-GB',
    });
  });

  it('falls back to the page body when Readability finds no article', () => {
    const result = extractArticle('<html><body><div>Short note about the ferry.</div></body></html>');
    expect(result.text).toBe('Short note about the ferry.');
  });

  it('never glues words across block boundaries', () => {
    const result = extractArticle(
      '<html><body><main><h2>Headline</h2><p>First</p><ul><li>one</li><li>two</li></ul></main></body></html>',
    );
    expect(result.text.split('\n\n')).toEqual(['Headline', 'First', 'one', 'two']);
  });

  it('returns empty text for a script-only app shell', () => {
    expect(extractArticle(fixture('app-shell.html')).text).toBe('');
  });
});
