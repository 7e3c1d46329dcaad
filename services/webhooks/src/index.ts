export * from './app';
export type { WebhooksConfig, WebhooksContext } from './context';
export { DEFAULT_CONFIG, EVENT_SOURCE, PLATFORM_OWNER } from './context';
export { configFromEnv, configSchema } from './config';
