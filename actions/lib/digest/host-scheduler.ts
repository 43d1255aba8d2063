import pLimit from 'p-limit';

/**
 * Politeness for fetching: at most `concurrency` requests overall and one at a time per host. A task first waits
 * for its host, then for an overall slot, so tasks queued behind a busy host never hold a slot others could use.
 */
export function createHostScheduler(
  concurrency: number,
): <T>(url: string, task: () => Promise<T>) => Promise<T> {
  const overall = pLimit(Math.max(1, concurrency));
  const hosts = new Map<string, ReturnType<typeof pLimit>>();
  return <T>(url: string, task: () => Promise<T>): Promise<T> => {
    const host = hostOf(url);
    let lane = hosts.get(host);
    if (!lane) {
      lane = pLimit(1);
      hosts.set(host, lane);
    }
    return lane(() => overall(task));
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
