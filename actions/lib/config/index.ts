export { DEFAULT_CONFIG_PATH, MAX_CONFIG_BYTES, parseConfig } from './parse-config';
export { ConfigError, ConfigTooLargeError } from './errors';
export { durationMs, CONFIG_PROVIDERS } from './schema';
export type { ConfigProvider, DigestConfig } from './schema';
