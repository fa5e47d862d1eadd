export * from './errors';
export * from './views';
export * from './http';
export * from './sockets';
export * from './reports';
