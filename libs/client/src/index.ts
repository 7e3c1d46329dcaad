export * from './client';
export * from './errors';
export * from './types';
export * from './webhook';
export * from './platform-webhooks';
