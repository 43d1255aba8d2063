import { parseFeed } from 'feedsmith';
import { SumopsError } from '#lib/errors';
import type { ErrorAboutSubject } from '#lib/errors';

export interface FeedItem {
  url: string;
  title: string;
  /** Milliseconds since the epoch; undefined when the feed gives no usable date. */
  publishedAt?: number;
}

/** A feed that could not be read as RSS, Atom, RDF or JSON Feed. */
export class FeedParseError extends SumopsError implements ErrorAboutSubject {
  readonly relativeMessage: string;
  constructor(
    readonly feedUrl: string,
    readonly reason: string,
  ) {
    const what = `not a readable RSS, Atom or JSON Feed: ${reason}`;
    super(`${feedUrl} is ${what}`);
    this.relativeMessage = what;
  }

  get subject(): string {
    return this.feedUrl;
  }
}

/** Feeds are read whole; items beyond this are ignored before sorting, so a giant feed costs bounded work. */
const MAX_ITEMS_READ = 1000;

interface LooseItem {
  title?: unknown;
  link?: unknown;
  links?: unknown;
  url?: unknown;
  external_url?: unknown;
  pubDate?: unknown;
  published?: unknown;
  updated?: unknown;
  date_published?: unknown;
  date_modified?: unknown;
  dc?: { date?: unknown; dates?: unknown };
}

/**
 * The items of a feed published within `maxAgeMs` of `now`, newest first, at most `maxItems`. Items without a
 * date are kept (many feeds omit it) but sort last; items without an http(s) link are dropped.
 */
export function feedItems(
  feedUrl: string,
  text: string,
  options: { now: number; maxAgeMs: number; maxItems: number },
): FeedItem[] {
  let items: LooseItem[];
  try {
    const { feed } = parseFeed(text);
    const raw =
      (feed as { items?: unknown; entries?: unknown }).items ?? (feed as { entries?: unknown }).entries;
    items = Array.isArray(raw) ? (raw.slice(0, MAX_ITEMS_READ) as LooseItem[]) : [];
  } catch (error) {
    throw new FeedParseError(feedUrl, error instanceof Error ? error.message : String(error));
  }
  const result: FeedItem[] = [];
  for (const item of items) {
    const link = itemLink(item, feedUrl);
    if (!link) continue;
    const publishedAt = itemDate(item);
    if (publishedAt !== undefined && options.now - publishedAt > options.maxAgeMs) continue;
    result.push({
      url: link,
      title: text_(item.title),
      ...(publishedAt !== undefined ? { publishedAt } : {}),
    });
  }
  result.sort(
    (a, b) => (b.publishedAt ?? Number.NEGATIVE_INFINITY) - (a.publishedAt ?? Number.NEGATIVE_INFINITY),
  );
  return result.slice(0, options.maxItems);
}

function text_(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { value?: unknown }).value === 'string')
    return (value as { value: string }).value;
  return '';
}

function itemLink(item: LooseItem, base: string): string | undefined {
  const candidates: unknown[] = [item.link, item.url, item.external_url];
  if (Array.isArray(item.links)) {
    const links = item.links as { href?: unknown; rel?: unknown }[];
    const alternate = links.find((l) => l.rel === undefined || l.rel === 'alternate');
    candidates.push(alternate?.href);
  }
  for (const candidate of candidates) {
    if (typeof candidate !== 'string' || candidate.trim() === '') continue;
    try {
      const url = new URL(candidate.trim(), base);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // an unparseable link: try the next field
    }
  }
  return undefined;
}

function itemDate(item: LooseItem): number | undefined {
  for (const value of [
    item.pubDate,
    item.published,
    item.date_published,
    item.updated,
    item.date_modified,
    item.dc?.date,
  ]) {
    if (typeof value !== 'string') continue;
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return time;
  }
  return undefined;
}
