import type { DigestDeps, DigestResult, DigestTarget, FeedSource } from './types';
import { normalizeUrl } from './normalize-url';

const loadFeedParser = () => import('./feeds');

/**
 * Adds every feed's new items to `targets` (skipping pages already there, by normalized URL) and returns a failed
 * result per feed that could not be read. Feeds are fetched through `schedule` (politeness per host); the feed
 * parser is loaded only by runs that have feeds.
 */
export async function expandFeeds(
  feeds: readonly FeedSource[],
  targets: DigestTarget[],
  context: {
    fetchFeed: DigestDeps['fetchFeed'];
    now: number;
    schedule: <T>(url: string, task: () => Promise<T>) => Promise<T>;
    describe: (error: unknown, url: string) => string;
  },
): Promise<DigestResult[]> {
  const known = new Set(targets.map((t) => t.key));
  const failures: DigestResult[] = [];
  let feedParser: ReturnType<typeof loadFeedParser> | undefined;
  await Promise.all(
    feeds.map(async (feed) => {
      try {
        const text = await context.schedule(feed.url, () => context.fetchFeed(feed.url));
        const { feedItems } = await (feedParser ??= loadFeedParser());
        for (const item of feedItems(feed.url, text, {
          now: context.now,
          maxAgeMs: feed.maxAgeMs,
          maxItems: feed.maxItems,
        })) {
          const key = normalizeUrl(item.url);
          if (!key || known.has(key)) continue;
          known.add(key);
          targets.push({
            url: item.url,
            key,
            labels: feed.labels,
            provider: feed.provider,
            sentences: feed.sentences,
            feed: feed.url,
            ...(item.title.trim() ? { title: item.title } : {}),
          });
        }
      } catch (error) {
        failures.push({
          url: feed.url,
          status: 'failed',
          issue: null,
          reason: context.describe(error, feed.url),
        });
      }
    }),
  );
  return failures;
}
