export * from './app';
export * from './domain/payment';
export * from './handlers/payment-pusher';
