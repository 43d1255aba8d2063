import {
  BlockedAddressSourceError,
  BodyTooLargeError,
  FetchTimeoutError,
  HttpStatusError,
  InvalidSourceError,
  NetworkError,
  RedirectError,
} from './errors';
import type { ResolvedLoadOptions } from './options';
import { blockedAddressIn } from '#lib/net/blocked-address';
import { describeNetworkError } from '#lib/net/network-error';

export interface FetchedBody {
  bytes: Uint8Array;
  contentType: string;
  /** After redirects. */
  url: string;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const RETRYABLE = new Set([429, 503]);

export function parseHttpUrl(source: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidSourceError(source, `"${raw}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidSourceError(
      source,
      `unsupported URL scheme "${url.protocol}" (only http and https are fetched)`,
    );
  return url;
}

/**
 * GETs an http(s) URL with the safety limits of LoadOptions: redirects followed by hand (counted, loop-checked,
 * scheme re-checked each hop), a deadline for headers and one for the whole exchange, retries on 429/503 that
 * honour Retry-After, and a cap on decompressed bytes enforced while streaming.
 */
export async function fetchUrl(
  source: string,
  startUrl: URL,
  options: ResolvedLoadOptions,
): Promise<FetchedBody> {
  const total = new AbortController();
  const totalTimer = setTimeout(() => total.abort(), options.timeoutMs);
  // The source's deadline (which load races this against) also stops the transfer itself.
  const stop = (): void => total.abort();
  options.deadline?.signal.addEventListener('abort', stop, { once: true });
  try {
    let url = startUrl;
    const seen = new Set<string>([url.href]);
    let redirects = 0;
    let attempt = 0;
    for (;;) {
      const response = await request(source, url, options, total.signal);
      if (REDIRECT.has(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location)
          throw new RedirectError(source, url.href, `HTTP ${response.status} redirect without a Location`);
        const next = parseHttpUrl(source, new URL(location, url).href);
        if (seen.has(next.href))
          throw new RedirectError(source, url.href, `redirect loop back to ${next.href}`);
        if (++redirects > options.maxRedirects)
          throw new RedirectError(source, url.href, `more than ${options.maxRedirects} redirects`);
        seen.add(next.href);
        url = next;
        continue;
      }
      if (RETRYABLE.has(response.status) && attempt < options.retries) {
        await response.body?.cancel();
        const wait = retryDelay(response.headers.get('retry-after'), attempt, options.clock.now());
        if (wait <= options.maxRetryAfterMs) {
          attempt++;
          options.logger.info(`${source}: HTTP ${response.status}, retrying in ${Math.round(wait)} ms`);
          await options.clock.sleep(wait, total.signal).catch(() => {
            throw new FetchTimeoutError(source, url.href, options.timeoutMs, 'total');
          });
          continue;
        }
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new HttpStatusError(source, url.href, response.status, response.statusText);
      }
      const contentType = response.headers.get('content-type') ?? '';
      const declared = Number(response.headers.get('content-length'));
      // Content-Length counts compressed bytes, so it can only prove a body too large when not encoded.
      if (!response.headers.get('content-encoding') && declared > options.maxBytes) {
        await response.body?.cancel();
        throw new BodyTooLargeError(source, url.href, options.maxBytes);
      }
      const bytes = await readCapped(source, url.href, response, options, total.signal);
      return { bytes, contentType, url: url.href };
    }
  } finally {
    clearTimeout(totalTimer);
    options.deadline?.signal.removeEventListener('abort', stop);
  }
}

async function request(
  source: string,
  url: URL,
  options: ResolvedLoadOptions,
  total: AbortSignal,
): Promise<Response> {
  const headers = new AbortController();
  const headersTimer = setTimeout(() => headers.abort(), options.connectTimeoutMs);
  try {
    return await options.fetch(url, {
      redirect: 'manual',
      headers: {
        'user-agent': options.userAgent,
        accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1',
        'accept-encoding': 'gzip, deflate, br',
      },
      signal: AbortSignal.any([total, headers.signal]),
    });
  } catch (error) {
    if (total.aborted) throw new FetchTimeoutError(source, url.href, options.timeoutMs, 'total');
    if (headers.signal.aborted)
      throw new FetchTimeoutError(source, url.href, options.connectTimeoutMs, 'connect');
    const blocked = blockedAddressIn(error);
    if (blocked) throw new BlockedAddressSourceError(source, url.href, blocked.host, blocked.address);
    throw networkError(source, url.href, error);
  } finally {
    clearTimeout(headersTimer);
  }
}

function networkError(source: string, url: string, error: unknown): NetworkError {
  const { code, reason } = describeNetworkError(error);
  return new NetworkError(source, url, code, reason, { cause: error });
}

/** Retry-After in seconds or as an HTTP date; otherwise exponential backoff from 500 ms. */
export function retryDelay(retryAfter: string | null, attempt: number, now: number): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return 500 * 2 ** attempt;
}

async function readCapped(
  source: string,
  url: string,
  response: Response,
  options: ResolvedLoadOptions,
  total: AbortSignal,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (done || !value) break;
      size += value.byteLength;
      if (size > options.maxBytes) {
        await reader.cancel();
        throw new BodyTooLargeError(source, url, options.maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw error;
    if (total.aborted) throw new FetchTimeoutError(source, url, options.timeoutMs, 'total');
    throw networkError(source, url, error);
  }
  return Buffer.concat(chunks, size);
}
