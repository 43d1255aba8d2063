export { historyRecordFromResult } from './record';
export type { HistoryRecord } from './record';
export {
  appendHistoryRecord,
  formatHistoryLine,
  parseHistory,
  readHistory,
  MAX_HISTORY_BYTES,
} from './store';
export { historySeries, fixtureSets, trendMedian } from './series';
export { renderTrendSection } from './chart';
export { withTrendGates } from './trend-gate';
