export * from './app';
export * from './domain/payment';
export * from './spec/payment.spec';
