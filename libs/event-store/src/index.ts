export * from './port';
export { MemoryEventStore } from './memory';
export { SqliteEventStore, openSqliteEventStore, type SqliteEventStoreOptions } from './sqlite';
export { KurrentEventStore } from './kurrent';
export { createEventStore } from './factory';
