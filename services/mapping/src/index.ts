export * from './app';
export type { MappingContext } from './context';
