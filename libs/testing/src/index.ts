export * from './wait-for';
export * from './names';
export * from './env';
export * from './topics';
export * from './read-topic';
