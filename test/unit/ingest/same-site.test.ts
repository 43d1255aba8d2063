import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { DomDocument } from '#lib/ingest/html/dom';
import { declaredPageUrl, isSameSite, pageUrl, sameSiteTarget, siteOf } from '#lib/ingest/html/same-site';

describe('same-site links', () => {
  const page = new URL('https://www.harbour-news.example/local/ferry-vote#comments');

  it('takes the registrable part of a host name, country second levels included', () => {
    expect(siteOf('www.harbour-news.example')).toBe('harbour-news.example');
    expect(siteOf('live.sport.harbour-news.example')).toBe('harbour-news.example');
    expect(siteOf('www.ledger.co.uk')).toBe('ledger.co.uk');
    expect(siteOf('noticias.jornal.com.br')).toBe('jornal.com.br');
    expect(siteOf('blog.example.de')).toBe('example.de');
  });

  it('counts relative links, anchors and subdomains as the same site; other sites and schemes not', () => {
    expect(isSameSite('/sport/regatta', page)).toBe(true);
    expect(isSameSite('#section-2', page)).toBe(true);
    expect(isSameSite('https://archive.harbour-news.example/1999', page)).toBe(true);
    expect(isSameSite('https://council.example/results', page)).toBe(false);
    expect(isSameSite('mailto:desk@harbour-news.example', page)).toBe(false);
    expect(isSameSite('', page)).toBe(false);
  });

  it('without a page URL, only relative links are the same site', () => {
    expect(isSameSite('/sport/regatta', undefined)).toBe(true);
    expect(isSameSite('https://www.harbour-news.example/sport', undefined)).toBe(false);
    expect(isSameSite('//cdn.example/x', undefined)).toBe(false);
  });

  it('names the target page without its fragment, and none for the page itself or an anchor', () => {
    expect(sameSiteTarget('/sport/regatta#top', page)).toBe('https://www.harbour-news.example/sport/regatta');
    expect(sameSiteTarget('/local/ferry-vote', page)).toBeUndefined();
    expect(sameSiteTarget('#comments', page)).toBeUndefined();
    expect(sameSiteTarget('https://council.example/results', page)).toBeUndefined();
  });

  it('reads a page URL, or none', () => {
    expect(pageUrl('https://a.example/x')?.hostname).toBe('a.example');
    expect(pageUrl('not a url')).toBeUndefined();
    expect(pageUrl(undefined)).toBeUndefined();
  });

  it('takes the address a saved page declares: the first canonical link or og:url with an http(s) address', () => {
    const declared = (head: string): string | undefined =>
      declaredPageUrl(
        (
          parseHTML(`<html><head>${head}</head><body><p>x</p></body></html>`) as unknown as {
            document: DomDocument;
          }
        ).document,
      )?.href;
    expect(declared('<link rel="Canonical" href="https://a.example/1">')).toBe('https://a.example/1');
    expect(declared('<link rel="preload canonical" href="https://a.example/2">')).toBe('https://a.example/2');
    expect(declared('<meta property="og:url" content="https://b.example/">')).toBe('https://b.example/');
    expect(
      declared(
        '<meta property="og:url" content="https://b.example/first"><link rel="canonical" href="https://a.example/2">',
      ),
    ).toBe('https://b.example/first');
    expect(
      declared(
        '<link rel="canonical" href="ftp://a.example/"><meta property="og:url" content="https://b.example/">',
      ),
    ).toBe('https://b.example/');
    expect(
      declared('<link rel="canonicalx" href="https://a.example/"><meta name="og:url" content="https://b/">'),
    ).toBe(undefined);
    expect(declared('<link rel="canonical"><meta property="og:url">')).toBe(undefined);
  });
});
