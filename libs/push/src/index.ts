export * from './types';
export * from './decimal';
export * from './migrations';
export * from './read-model';
export * from './engine';
export * from './token-provider';
export * from './lookup';
export * from './worker-main';
