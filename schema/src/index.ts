import 'reflect-metadata';

export * from './attendance';
export * from './connection';
export * from './enums';
export * from './errors';
export * from './federation';
export * from './inputs';
export * from './localized-texts';
export * from './list-bounds';
export * from './locales';
export * from './query-cost';
export * from './query-limits';
export * from './query-shape';
export * from './scalars';
export * from './statistics';
export * from './types';
