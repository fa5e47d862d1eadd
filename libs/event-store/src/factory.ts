import { KurrentEventStore } from './kurrent';
import { MemoryEventStore } from './memory';
import { type EventStore, type EventStoreConfig } from './port';
import { openSqliteEventStore } from './sqlite';

/**
 * Opens the configured event store. Async although only esdb could need it, so that a future adapter
 * that must connect or migrate before answering does not change every caller.
 */
export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'sqlite':
      // openSqliteEventStore creates the file's directory (DATA_DIR may not exist on a first start).
      return openSqliteEventStore(config.path, { readOnly: config.readOnly === true });
    case 'esdb': {
      const store = new KurrentEventStore(config.url);
      // Fail at boot, not on the first command, when the server is unreachable or the URL is wrong.
      try {
        await store.headPosition();
      } catch (error) {
        await store.close().catch(() => undefined);
        throw error;
      }
      return store;
    }
    case 'memory':
      return new MemoryEventStore();
    default: {
      const unknown: never = config;
      throw new Error(`unknown event store kind: ${JSON.stringify(unknown)}`);
    }
  }
}
