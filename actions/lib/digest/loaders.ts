import { fetchUrl, parseHttpUrl } from '#lib/ingest/fetch-url';
import type { FetchedBody } from '#lib/ingest/fetch-url';
import type { Document } from '#lib/ingest/document';
import { resolveLoadOptions } from '#lib/ingest/options';
import type { LoadOptions } from '#lib/ingest/options';
import type { Clock, Logger } from '#lib/log';
import { createGuardedFetch } from '#lib/net/guarded-fetch';
import type { Resolve } from '#lib/net/guarded-fetch';

const loadExtraction = () => import('#lib/ingest/load');

/** Runs a task inside the run's politeness limits for one URL. */
export type Gate = <T>(task: () => Promise<T>) => Promise<T>;

/** Feeds are read whole before parsing; 2 MB holds thousands of items. */
const MAX_FEED_BYTES = 2 * 1024 * 1024;

export interface DigestLoaderOptions {
  logger: Logger;
  clock: Clock;
  /** Off by default: every connection must reach a public address (SSRF guard). */
  allowPrivateNetwork: boolean;
  /** DNS for the guard; the system resolver by default. */
  resolve?: Resolve;
  /** Only with allowPrivateNetwork: the fetch to use (default the global one). */
  fetch?: typeof fetch;
  maxBytes?: number;
  timeoutMs?: number;
}

/** The page and feed loaders of a digest run: the ingest fetch, behind the SSRF guard unless turned off. */
export function digestLoaders(options: DigestLoaderOptions): {
  fetchPage(url: string, gate: Gate): Promise<FetchedBody>;
  extract(url: string, fetched: FetchedBody): Promise<Document>;
  fetchFeed(url: string): Promise<string>;
} {
  const fetch = options.allowPrivateNetwork
    ? (options.fetch ?? globalThis.fetch)
    : createGuardedFetch(options.resolve ? { resolve: options.resolve } : {});
  const loadOptions: LoadOptions = {
    logger: options.logger,
    clock: options.clock,
    fetch,
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
  // Extraction (cheerio, Readability, linkedom, the decoders: most of the code a run loads) is imported when the
  // first page arrives, so the first requests go out before it is compiled rather than after.
  let extraction: ReturnType<typeof loadExtraction> | undefined;
  return {
    // Only the request runs inside the gate (the per-host politeness slot); extraction runs outside it.
    fetchPage: (url, gate) => {
      const resolved = resolveLoadOptions(loadOptions);
      return gate(() => fetchUrl(url, parseHttpUrl(url, url), resolved));
    },
    extract: async (url, fetched) => {
      extraction ??= loadExtraction();
      return (await extraction).loadFetched(url, fetched, loadOptions);
    },
    fetchFeed: async (url) => {
      const resolved = resolveLoadOptions({
        ...loadOptions,
        maxBytes: Math.min(MAX_FEED_BYTES, loadOptions.maxBytes ?? MAX_FEED_BYTES),
      });
      const fetched = await fetchUrl(url, parseHttpUrl(url, url), resolved);
      const { decodeBytes } = await import('#lib/ingest/decode');
      return decodeBytes(fetched.bytes, fetched.contentType, options.logger, url);
    },
  };
}
