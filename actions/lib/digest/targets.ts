import type { ConfigProvider, DigestConfig } from '#lib/config/index';
import { durationMs } from '#lib/config/index';
import { normalizeUrl } from './normalize-url';
import type { DigestOptions, DigestTarget, FeedSource } from './types';

/** The run-wide settings of the config's `defaults`, as runDigest takes them. */
export function runSettingsFromConfig(
  config: DigestConfig,
): Pick<DigestOptions, 'concurrency' | 'maxItems' | 'assignees' | 'closeWhenGone' | 'faithfulnessFloor'> {
  return {
    concurrency: config.defaults.concurrency,
    maxItems: config.defaults['max-items'],
    assignees: config.defaults.assignees,
    closeWhenGone: config.defaults['close-when-gone'],
    faithfulnessFloor: config.defaults['faithfulness-floor'],
  };
}

/** The config's URLs (or `override`, which replaces them, as the CLI's positional URLs and the dispatch input do). */
export function targetsFromConfig(
  config: DigestConfig,
  override?: readonly string[],
  providerOverride?: ConfigProvider,
): { targets: DigestTarget[]; feeds: FeedSource[]; invalid: string[] } {
  const { defaults } = config;
  const provider = (own?: ConfigProvider): ConfigProvider => providerOverride ?? own ?? defaults.provider;
  const entries = override
    ? override.map((url) => ({ url }))
    : config.urls.map((entry) => (typeof entry === 'string' ? { url: entry } : entry));
  const targets: DigestTarget[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = normalizeUrl(entry.url);
    if (!key) {
      invalid.push(entry.url);
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    const own = entry as { labels?: string[]; provider?: ConfigProvider; sentences?: number; title?: string };
    targets.push({
      url: entry.url,
      key,
      labels: [...new Set([...defaults.labels, ...(own.labels ?? [])])],
      provider: provider(own.provider),
      sentences: own.sentences ?? defaults.sentences,
      ...(own.title ? { title: own.title } : {}),
    });
  }
  const feeds: FeedSource[] = override
    ? []
    : config.feeds.map((feed) => ({
        url: feed.url,
        maxAgeMs: durationMs(feed['max-age']),
        maxItems: feed['max-items'],
        labels: [...new Set([...defaults.labels, ...(feed.labels ?? [])])],
        provider: provider(feed.provider),
        sentences: feed.sentences ?? defaults.sentences,
      }));
  return { targets, feeds, invalid };
}
