import type { HistoryRecord } from './record';

/**
 * The Space commit of the last deploy of `spaceId` the history records. A deploy record is written only after the
 * Space ran the commit, passed the smoke test and was evaluated, so this is the last known good version. Only a
 * full commit sha counts: it goes into Hub URLs.
 */
export function lastGoodSpaceCommit(records: readonly HistoryRecord[], spaceId: string): string | undefined {
  for (let index = records.length - 1; index >= 0; index--) {
    const record = records[index];
    if (record?.kind !== 'deploy' || record.space !== spaceId) continue;
    if (record.spaceCommit && /^[0-9a-f]{40}$/.test(record.spaceCommit)) return record.spaceCommit;
  }
  return undefined;
}
