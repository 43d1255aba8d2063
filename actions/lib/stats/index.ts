export {
  bootstrapMean,
  pairedBootstrapDelta,
  InvalidBootstrapOptionsError,
  NonFiniteValueError,
  PairedLengthMismatchError,
  DEFAULT_BOOTSTRAP_SAMPLES,
  DEFAULT_CONFIDENCE,
  DEFAULT_BOOTSTRAP_SEED,
} from './bootstrap';
export { seededRandom } from './random';
export { percentileOfSorted } from './percentile';
export { bootstrapMeanColumns } from './bootstrap-columns';
