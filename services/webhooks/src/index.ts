export * from './app';
export type { WebhooksConfig, WebhooksContext } from './context';
export { DEFAULT_CONFIG, EVENT_SOURCE } from './context';
export { configFromEnv, configSchema } from './config';
