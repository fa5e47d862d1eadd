export * from './errors';
export * from './views';
export * from './http';
export * from './sockets';
export * from './reports';
export * from './admin';
export * from './conversation';
export * from './region-names';
