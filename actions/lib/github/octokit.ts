import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '#lib/log';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface CreateOctokitOptions {
  token: string;
  /** REST base, e.g. GITHUB_API_URL (https://api.github.com, or a loopback emulator in tests). */
  baseUrl: string;
  logger: Logger;
  /** Replaces @actions/github's proxy-aware undici fetch (tests, custom transports). */
  fetch?: typeof globalThis.fetch;
  /** Bottleneck spacing (1–3 s between writes) makes tests slow; production keeps it on. */
  throttle?: boolean;
  /** Retries for transient failures (5xx) and rate limits. */
  retries?: number;
  /** Milliseconds per second of `retry-after`; tests shrink it so a rate-limit retry is instant. */
  retryAfterBaseMs?: number;
}

/**
 * An Octokit with the REST methods, pagination, throttling and retries. The base URL is always passed in, so
 * @actions/github's own GITHUB_API_URL lookup never decides where requests go.
 */
export function createOctokit(options: CreateOctokitOptions): GitHubClient {
  const { logger } = options;
  const retries = options.retries ?? 3;
  const retryAfterBaseValue = options.retryAfterBaseMs ?? 1000;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const again = retryCount < retries;
      logger.warn(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}; ` +
          (again ? `retrying after ${retryAfter}s (attempt ${retryCount + 1} of ${retries})` : 'giving up'),
      );
      return again;
    };
  return getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
      log: {
        debug: (message: string) => logger.debug(message),
        info: (message: string) => logger.debug(message),
        warn: (message: string) => logger.warn(message),
        error: (message: string) => logger.warn(message),
      },
      throttle: {
        enabled: options.throttle ?? true,
        retryAfterBaseValue,
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
      },
      // 429 and rate-limited 403s belong to the throttling plugin; other client errors are final.
      retry: { retries, retryAfterBaseValue, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    },
    throttling,
    retry,
  );
}
