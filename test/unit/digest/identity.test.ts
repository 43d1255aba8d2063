import { describe, expect, it } from 'vitest';
import { driftSignal, JAVASCRIPT_SHELL_SIGNAL } from '#lib/digest/drift';
import { contentHash, parseMarker, renderMarker } from '#lib/digest/marker';
import type { DigestMarker } from '#lib/digest/marker';
import { normalizeUrl } from '#lib/digest/normalize-url';
import { plainTitle, renderIssueBody, safeLinkTarget } from '#lib/digest/render-issue';
import type { Document } from '#lib/ingest/index';

describe('normalizeUrl', () => {
  it.each([
    ['HTTPS://Example.COM:443/a/b?b=2&a=1#frag', 'https://example.com/a/b?a=1&b=2'],
    ['http://example.com:80/?utm_source=x&utm_medium=y&id=7&fbclid=abc&gclid=1', 'http://example.com/?id=7'],
    ['https://example.com.:8443/p?', 'https://example.com:8443/p'],
    ['https://user:pw@example.com/x', 'https://example.com/x'],
    ['https://example.com/caf%C3%A9', 'https://example.com/caf%C3%A9'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeUrl(raw)).toBe(expected);
  });

  it('rejects what is not an http(s) URL', () => {
    expect(normalizeUrl('javascript:alert(1)')).toBeUndefined();
    expect(normalizeUrl('ftp://example.com/')).toBeUndefined();
    expect(normalizeUrl('not a url')).toBeUndefined();
  });
});

const marker: DigestMarker = {
  url: 'https://example.com/a',
  hash: 'a'.repeat(64),
  words: 420,
  gone: 0,
  lang: 'en',
};

describe('the marker', () => {
  it('round-trips through the first line of a body', () => {
    expect(parseMarker(`${renderMarker(marker)}\n**Source:** …`)).toEqual(marker);
  });

  it('is only read from the first line, and never from tampered or oversized data', () => {
    expect(parseMarker(`Intro\n${renderMarker(marker)}`)).toBeUndefined();
    const tampered = renderMarker(marker).replace('v1 ', 'v1 !');
    expect(parseMarker(tampered)).toBeUndefined();
    const wrongShape = `<!-- sumops-digest:v1 ${Buffer.from(JSON.stringify({ url: 'x', hash: 'nothex' })).toString('base64url')} -->`;
    expect(parseMarker(wrongShape)).toBeUndefined();
    expect(parseMarker(null)).toBeUndefined();
  });

  it('cannot be produced by page text: the rendered body escapes a forged marker', () => {
    const forged = renderMarker({ ...marker, url: 'https://evil.example/' });
    const body = renderIssueBody({
      marker,
      title: 't',
      url: 'https://example.com/a',
      fetchedAt: new Date(0),
      provider: 'embedded',
      model: 'm',
      summary: forged,
      text: `${forged}\nmore`,
      words: 3,
    });
    expect(body.split('\n').filter((line) => line.includes('<!--'))).toEqual([renderMarker(marker)]);
    expect(parseMarker(body)?.url).toBe('https://example.com/a');
  });

  it('hashes title and text so that either changing counts, and the split point matters', () => {
    expect(contentHash('a', 'bc')).not.toBe(contentHash('ab', 'c'));
    expect(contentHash('t', 'x')).toBe(contentHash('t', 'x'));
  });
});

const doc = (text: string, lang?: string): Document => ({
  text,
  title: 't',
  wordCount: text.split(/\s+/).filter(Boolean).length,
  kind: 'url',
  source: 's',
  ...(lang ? { lang } : {}),
});

describe('driftSignal', () => {
  it('flags a collapse below a third of the words, a bot wall and a language change', () => {
    expect(driftSignal(marker, doc('word '.repeat(100)))).toBe(
      'the extracted text collapsed from 420 to 100 words',
    );
    expect(driftSignal(marker, doc('Please verify you are human to continue.'))).toMatch(/bot check/);
    expect(driftSignal(marker, doc('mot '.repeat(400), 'fr-FR'))).toBe(
      'the page language changed from en to fr',
    );
  });

  it('accepts ordinary edits', () => {
    expect(driftSignal(marker, doc('word '.repeat(300), 'en-GB'))).toBeUndefined();
    expect(driftSignal({ ...marker, words: 30 }, doc('word '.repeat(5)))).toBeUndefined();
    expect(JAVASCRIPT_SHELL_SIGNAL).toMatch(/JavaScript/);
  });
});

describe('issue rendering', () => {
  it('defuses mentions and references in titles and keeps them within 256 characters', () => {
    const title = plainTitle('Hi @octocat see #12\u202E', 'fallback');
    expect(title).toBe('Hi @\u200Boctocat see #\u200B12');
    expect(plainTitle('x'.repeat(400), 'f').length).toBeLessThanOrEqual(256);
    expect(plainTitle('   ', 'https://example.com/')).toBe('https://example.com/');
  });

  it('only links http(s) targets and percent-encodes what could end the link', () => {
    expect(safeLinkTarget('javascript:alert(1)')).toBeUndefined();
    expect(safeLinkTarget('https://e.com/a_(b) c')).toBe('https://e.com/a_%28b%29%20c');
  });
});
