import { MemoryReadStore } from './memory';
import { MongoReadStore } from './mongodb';
import type { ReadStore } from './port';

export type ReadStoreConfig =
  | { kind: 'memory' }
  | {
      kind: 'mongodb';
      url: string;
      /** Default: the database named in the URL. */
      database?: string;
      /** Prepended to every collection name (default none). */
      prefix?: string;
    };

/** Opens the configured read store; for mongodb it connects first, so a wrong URL fails at boot. */
export async function createReadStore(config: ReadStoreConfig): Promise<ReadStore> {
  switch (config.kind) {
    case 'memory':
      return new MemoryReadStore();
    case 'mongodb':
      return MongoReadStore.connect(config.url, {
        ...(config.database !== undefined && { database: config.database }),
        ...(config.prefix !== undefined && { prefix: config.prefix }),
      });
    default: {
      const unknown: never = config;
      throw new TypeError(`read store: unknown kind ${String((unknown as { kind?: unknown }).kind)}`);
    }
  }
}
