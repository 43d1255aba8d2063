export { DEFAULT_CONFIG_PATH, MAX_CONFIG_BYTES, parseConfig } from './parse-config';
export { ConfigError, ConfigTooLargeError, formatProblem } from './errors';
export type { ConfigProblem } from './errors';
export { configSchema, durationMs, CONFIG_PROVIDERS } from './schema';
export type { ConfigProvider, DigestConfig, FeedEntry, UrlEntry } from './schema';
