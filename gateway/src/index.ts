export * from './config';
export * from './gateway.server';
export * from './subgraph-names';
export * from './tokens';
