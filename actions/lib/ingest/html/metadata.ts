import type { CheerioAPI } from 'cheerio';
import { isRecord } from '#lib/is-record';

export interface PageMetadata {
  title?: string;
  byline?: string;
  siteName?: string;
  publishedAt?: string;
  lang?: string;
}

// Used when Readability gave up (it reads the same sources itself otherwise): OpenGraph, JSON-LD, plain <meta>.
export function readMetadata($: CheerioAPI): PageMetadata {
  const meta = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = $(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`)
        .first()
        .attr('content');
      if (value?.trim()) return value.trim();
    }
    return undefined;
  };
  const jsonLd = readJsonLd($);
  const title =
    meta('og:title', 'twitter:title') ?? jsonLd.headline ?? ($('title').first().text().trim() || undefined);
  return {
    title,
    byline: meta('author', 'article:author', 'dc.creator') ?? jsonLd.author,
    siteName: meta('og:site_name', 'application-name') ?? jsonLd.publisher,
    publishedAt: toIsoDate(
      meta('article:published_time', 'datePublished', 'date', 'dc.date') ?? jsonLd.datePublished,
    ),
    lang: $('html').attr('lang')?.trim() || meta('og:locale')?.replace('_', '-') || undefined,
  };
}

interface JsonLdFields {
  headline?: string;
  author?: string;
  publisher?: string;
  datePublished?: string;
}

function readJsonLd($: CheerioAPI): JsonLdFields {
  const fields: JsonLdFields = {};
  $('script[type="application/ld+json"]').each((_, script) => {
    let data: unknown;
    try {
      data = JSON.parse($(script).text());
    } catch {
      return;
    }
    const nodes = Array.isArray(data)
      ? data
      : isRecord(data) && Array.isArray(data['@graph'])
        ? data['@graph']
        : [data];
    for (const node of nodes) {
      if (!isRecord(node)) continue;
      fields.headline ??= stringField(node.headline);
      fields.datePublished ??= stringField(node.datePublished);
      fields.author ??= nameField(node.author);
      fields.publisher ??= nameField(node.publisher);
    }
  });
  return fields;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function nameField(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const names = value.map(nameField).filter((n): n is string => n !== undefined);
    return names.length ? names.join(', ') : undefined;
  }
  return stringField(value) ?? (isRecord(value) ? stringField(value.name) : undefined);
}

export function toIsoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
