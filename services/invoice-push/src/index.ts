export * from './app';
export * from './domain/invoice';
export * from './spec/invoice.spec';
export * from './domain/items';
