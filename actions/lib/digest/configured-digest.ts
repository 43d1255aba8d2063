import type { ConfigProvider, DigestConfig } from '#lib/config/index';
import { UsageError } from '#lib/errors';
import { createOctokit } from '#lib/github/octokit';
import type { Clock, Logger } from '#lib/log';
import type { Resolve } from '#lib/net/guarded-fetch';
import { digestLoaders } from './loaders';
import { digestProviderSpec } from './provider-specs';
import type { DigestProviderOverrides, DigestProviderSecrets } from './provider-specs';
import { runDigest } from './run-digest';
import { createSummarizerPool } from './summarizer-pool';
import { runSettingsFromConfig, targetsFromConfig } from './targets';
import type { DigestRun } from './types';

/** URLs given in place of the config's list that are not http(s) URLs. */
export class InvalidDigestUrlsError extends UsageError {
  constructor(readonly urls: readonly string[]) {
    super(`not an http(s) URL: ${urls.join(', ')}`);
  }
}

export interface ConfiguredDigestOptions {
  config: DigestConfig;
  /** Replaces the config's URLs (the CLI's positional URLs, the action's dispatch input); feeds are then skipped. */
  urls?: readonly string[];
  /** Replaces every provider the config names. */
  provider?: ConfigProvider;
  github: { token: string; apiUrl: string; owner: string; repo: string; throttle: boolean };
  secrets: DigestProviderSecrets;
  overrides: DigestProviderOverrides;
  dryRun: boolean;
  /** Or'ed with the config's allow-private-network. */
  allowPrivateNetwork?: boolean;
  /** Replaces the config's concurrency. */
  concurrency?: number;
  /** Page fetching: resolver overrides (checked by the SSRF guard all the same), size and time limits. */
  fetch?: { resolve?: Resolve; maxBytes?: number; timeoutMs?: number };
  /** The entry's words for a failure beside its URL (and for a whole-run failure, without one). */
  describeError: (error: unknown, url: string) => string;
  logger: Logger;
  clock: Clock;
}

/**
 * A digest run as the config describes it, with the entry's overrides: the targets and feeds, a GitHub client, the
 * page loaders behind the SSRF guard, one summarizer per provider used (closed at the end), then runDigest. Throws
 * InvalidDigestUrlsError, before any request, when an override URL is not an http(s) URL.
 */
export async function runConfiguredDigest(options: ConfiguredDigestOptions): Promise<DigestRun> {
  const { config, logger, clock } = options;
  const { targets, feeds, invalid } = targetsFromConfig(
    config,
    options.urls && options.urls.length > 0 ? options.urls : undefined,
    options.provider,
  );
  if (invalid.length > 0) throw new InvalidDigestUrlsError(invalid);
  const { github } = options;
  const octokit = createOctokit({
    token: github.token,
    baseUrl: github.apiUrl,
    logger,
    throttle: github.throttle,
  });
  const loaders = digestLoaders({
    logger,
    clock,
    allowPrivateNetwork: (options.allowPrivateNetwork ?? false) || config['allow-private-network'],
    ...(options.fetch?.resolve ? { resolve: options.fetch.resolve } : {}),
    ...(options.fetch?.maxBytes !== undefined ? { maxBytes: options.fetch.maxBytes } : {}),
    ...(options.fetch?.timeoutMs !== undefined ? { timeoutMs: options.fetch.timeoutMs } : {}),
  });
  const pool = createSummarizerPool(
    (provider) => digestProviderSpec(provider, config, options.secrets, options.overrides),
    { logger, clock },
  );
  try {
    return await runDigest(
      {
        octokit,
        owner: github.owner,
        repo: github.repo,
        ...loaders,
        summarizer: (provider) => pool.get(provider),
        clock,
        logger,
      },
      {
        targets,
        feeds,
        dryRun: options.dryRun,
        ...runSettingsFromConfig(config),
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        describeError: options.describeError,
      },
    );
  } finally {
    await pool.close();
  }
}
