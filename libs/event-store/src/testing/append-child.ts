/**
 * Child process for the sqlite durability specs: appends to a shared store file and prints one line per
 * ACKNOWLEDGED append, so the parent knows exactly which appends were promised durable.
 *
 *   crash <file> <writers>              appends forever (until killed), each writer to its own stream
 *   contend <file> <stream> <count> <tag>  appends <count> events to one shared stream with exact
 *                                        expected revisions, re-reading and retrying on conflicts
 *
 * Line format: `ack <eventId> <streamId> <revision> <position>`. stdout on a pipe is synchronous on
 * Linux, so a line the parent has read was written after its append's COMMIT returned.
 */
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../port';
import { SqliteEventStore } from '../sqlite';

const [mode, file, ...rest] = process.argv.slice(2);

function ack(id: string, streamId: string, revision: number, position: number): void {
  process.stdout.write(`ack ${id} ${streamId} ${revision} ${position}\n`);
}

function payload(i: number): { n: number; text: string } {
  return { n: i, text: 'x'.repeat(200) };
}

async function crash(store: SqliteEventStore, writers: number): Promise<void> {
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const streamId = `crash-${w}`;
      for (let revision = 0; ; revision++) {
        const id = randomUUID();
        const result = await store.append(
          streamId,
          [{ id, type: 'Ticked', data: payload(revision), metadata: { occurredAt: new Date().toISOString() } }],
          revision === 0 ? 'no_stream' : revision - 1,
        );
        ack(id, streamId, result.nextExpectedRevision, result.position);
      }
    }),
  );
}

async function contend(store: SqliteEventStore, streamId: string, count: number, tag: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    for (;;) {
      const [last] = await store.read(streamId, { direction: 'backwards', maxCount: 1 });
      try {
        const result = await store.append(
          streamId,
          [{ id, type: 'Counted', data: { tag, i }, metadata: { occurredAt: new Date().toISOString() } }],
          last ? last.revision : 'no_stream',
        );
        ack(id, streamId, result.nextExpectedRevision, result.position);
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
  }
}

async function main(): Promise<void> {
  if (!file) throw new Error('usage: append-child <crash|contend> <file> ...');
  const store = new SqliteEventStore(file);
  if (mode === 'crash') await crash(store, Number(rest[0] ?? 8));
  else if (mode === 'contend') await contend(store, rest[0] ?? 'shared', Number(rest[1] ?? 100), rest[2] ?? 'child');
  else throw new Error(`unknown mode ${String(mode)}`);
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
