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
export { renderTrendSection, DEFAULT_CHART_RUNS } from './chart';
export { withTrendGates, DEFAULT_TREND_WINDOW } from './trend-gate';
