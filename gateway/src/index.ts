export * from './config';
export * from './gateway.server';
export * from './supergraph';
export * from './tokens';
export * from './explorer';
export * from './trusted-documents';
export * from './response-cache';
