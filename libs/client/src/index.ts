export * from './client';
export * from './errors';
export * from './types';
export * from './webhook';
export * from './platform-webhooks';
// The services' OpenAPI paths, for callers that reach routes the client has no method for (openapi-fetch).
export type { paths as ConnectorPaths } from './generated/connector';
export type { paths as MappingPaths } from './generated/mapping';
