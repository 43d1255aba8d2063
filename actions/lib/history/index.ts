export { historyRecordSchema, historyRecordFromResult } from './record';
export type { HistoryRecord } from './record';
export {
  appendHistoryRecord,
  formatHistoryLine,
  parseHistory,
  readHistory,
  HistoryRecordError,
  MAX_HISTORY_BYTES,
} from './store';
export type { HistoryFile, HistoryIO } from './store';
export { historySeries, fixtureSets, trendMedian } from './series';
export type { HistoryPoint } from './series';
