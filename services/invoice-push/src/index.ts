export * from './app';
export * from './domain/invoice';
export * from './handlers/invoice-pusher';
