export * from './knex';
export * from './migrations';
export * from './errors';
export * from './inbox';
export * from './outbox/outbox';
export * from './outbox/relay';
export { SharedPgliteClient } from './pglite-client';
