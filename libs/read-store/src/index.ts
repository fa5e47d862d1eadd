export * from './port';
export { MemoryReadStore } from './memory';
export { MongoReadStore } from './mongodb';
export { WriteBehindStore } from './write-behind';
export type { MongoReadStoreOptions } from './mongodb';
export { createReadStore } from './factory';
export type { ReadStoreConfig } from './factory';
export * from './document-set';
export { changeDocuments } from './change-documents';
