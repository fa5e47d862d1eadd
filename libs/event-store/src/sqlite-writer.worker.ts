/**
 * Worker thread owning the sqlite event store's write connection (see sqlite-writer.ts). Batches come
 * one at a time from the store; each answer is posted after its COMMIT returned, i.e. after the fsync.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fromError, SqliteWriter, type FromWriter, type ToWriter, type WriterOptions } from './sqlite-writer';

const port = parentPort;
if (!port) throw new Error('sqlite-writer.worker must run as a worker thread');
const post = (message: FromWriter) => port.postMessage(message);

const writer = new SqliteWriter(workerData as WriterOptions);
post({ kind: 'ready' });
port.on('message', (message: ToWriter) => {
  if (message.kind === 'close') {
    writer.close();
    post({ kind: 'closed' });
    port.close();
    return;
  }
  try {
    post({ kind: 'committed', outcomes: writer.commit(message.appends) });
  } catch (error) {
    // BEGIN timed out behind another process, or COMMIT failed: nothing of this batch is stored.
    post({ kind: 'failed', error: fromError(error) });
  }
});
