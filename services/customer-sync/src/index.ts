export { createCustomerSyncService, SERVICE_NAME, SERVICE_VERSION } from './app';
export type { CustomerSyncService, CustomerSyncServiceDeps } from './app';
export { DEFAULT_TOPICS } from './context';
export type { CustomerSyncTopics } from './context';
export { connectorTokenProvider } from './token-provider';
export { customerSyncMigrations } from './db/migrations';
