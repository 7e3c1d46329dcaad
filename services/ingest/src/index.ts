export * from './app';
export type { IngestConfig, IngestContext } from './context';
export { DEFAULT_CONFIG } from './context';
export type { RecordPublisher } from './publisher';
export { createBatchingPublisher } from './publisher';
