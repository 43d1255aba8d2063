import { describe, expect, it } from 'vitest';
import { FeedParseError, feedItems } from '#lib/digest/feeds';
import { createHostScheduler } from '#lib/digest/host-scheduler';

const now = Date.parse('2026-12-01T12:00:00Z');
const day = 86_400_000;

describe('feedItems', () => {
  it('reads Atom entries, newest first, within max-age and max-items', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>f</id><updated>2026-12-01T00:00:00Z</updated>
      <entry><title>Old</title><id>1</id><link href="https://e.com/old"/><updated>2026-11-01T00:00:00Z</updated></entry>
      <entry><title>Mid</title><id>2</id><link rel="alternate" href="/mid"/><updated>2026-11-30T00:00:00Z</updated></entry>
      <entry><title>New</title><id>3</id><link href="https://e.com/new"/><updated>2026-12-01T06:00:00Z</updated></entry>
      <entry><title>Newer</title><id>4</id><link href="https://e.com/newer"/><updated>2026-12-01T08:00:00Z</updated></entry></feed>`;
    expect(feedItems('https://e.com/feed', atom, { now, maxAgeMs: 7 * day, maxItems: 2 })).toEqual([
      { url: 'https://e.com/newer', title: 'Newer', publishedAt: Date.parse('2026-12-01T08:00:00Z') },
      { url: 'https://e.com/new', title: 'New', publishedAt: Date.parse('2026-12-01T06:00:00Z') },
    ]);
    const all = feedItems('https://e.com/feed', atom, { now, maxAgeMs: 7 * day, maxItems: 10 });
    expect(all.map((i) => i.url)).toEqual(['https://e.com/newer', 'https://e.com/new', 'https://e.com/mid']);
  });

  it('reads JSON Feed items and drops links that are not http(s)', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      items: [
        { id: '1', url: 'https://e.com/1', title: 'One', date_published: '2026-11-30T00:00:00Z' },
        { id: '2', url: 'javascript:alert(1)', title: 'Bad' },
        { id: '3', url: 'https://e.com/3', title: 'Undated' },
      ],
    });
    expect(
      feedItems('https://e.com/feed.json', json, { now, maxAgeMs: 7 * day, maxItems: 10 }).map((i) => i.url),
    ).toEqual(['https://e.com/1', 'https://e.com/3']);
  });

  it('says which feed could not be parsed', () => {
    expect(() =>
      feedItems('https://e.com/page', '<html><body>hi</body></html>', { now, maxAgeMs: day, maxItems: 1 }),
    ).toThrow(FeedParseError);
  });
});

describe('createHostScheduler', () => {
  it('runs one task per host at a time and at most `concurrency` overall', async () => {
    const schedule = createHostScheduler(3);
    const perHost = new Map<string, number>();
    let overall = 0;
    let maxOverall = 0;
    let maxPerHost = 0;
    const release: (() => void)[] = [];
    const tasks = Array.from({ length: 20 }, (_, i) =>
      schedule(`https://host${i % 5}.example/${i}`, async () => {
        const host = `host${i % 5}`;
        perHost.set(host, (perHost.get(host) ?? 0) + 1);
        overall++;
        maxOverall = Math.max(maxOverall, overall);
        maxPerHost = Math.max(maxPerHost, perHost.get(host) ?? 0);
        await new Promise<void>((resolve) => release.push(resolve));
        overall--;
        perHost.set(host, (perHost.get(host) ?? 1) - 1);
        return i;
      }),
    );
    // Release tasks one by one until all are done.
    let done = 0;
    const all = Promise.all(tasks).then((r) => ((done = r.length), r));
    while (done === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      release.shift()?.();
    }
    expect(await all).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(maxOverall).toBe(3);
    expect(maxPerHost).toBe(1);
  });
});
