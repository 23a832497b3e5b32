import 'reflect-metadata';

export * from './connection';
export * from './enums';
export * from './errors';
export * from './federation';
export * from './inputs';
export * from './scalars';
export * from './types';
