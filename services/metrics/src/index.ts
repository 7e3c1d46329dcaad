export * from './app';
export type { MetricsConfig, MetricsContext } from './context';
export { DEFAULT_CONFIG } from './context';
export { connectorTokenProvider } from './adapters/connector-token-provider';
