// What any service of the graph needs at start, without the database layer: the gateway
// imports this entry point only.
export * from './config';
export * from './log';
export * from './serve';
export * from './http-server';
export * from './auth/identity';
export * from './auth/gateway-proof';
