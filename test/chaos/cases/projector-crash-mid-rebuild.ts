/**
 * The projector killed mid-rebuild resumes from its checkpoint and ends equal to a clean rebuild (K4).
 *
 * The history is real: a product server process runs chats (visits, requests, assignments, messages,
 * closes) into its SQLite file and is stopped. Then, over that file:
 *  - clean: every projection rebuilt from position 0 into an empty read store;
 *  - crash: the same rebuild into another read store, "killed" once a checkpoint past half the history
 *    has been written and a few hundred more document writes have landed: from that instant the store
 *    accepts nothing more from that projector (as if its process died; the documents written after the
 *    last checkpoint stay, as they would in MongoDB) and its event store handle is closed;
 *  - resume: a new projector on the crashed read store starts from the stored checkpoints (not from 0),
 *    re-applies the events after them (idempotent per document), and must equal `clean` document by document.
 * The read store is the embedded memory one, shared in this process to stand for a persistent one:
 * with MONGODB_URL the same holds across a real process kill (the memory store dies with its process).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@kefu/event-store';
import { Projector } from '@kefu/projector';
import { MemoryReadStore, type DocumentSet, type ReadStore } from '@kefu/read-store';
import { allProjections } from '@kefu/projections';
import { generousHttpLimits } from '../../bench/message-path.bench';
import { agentSeat, callOk, inBatches, visitorChat } from '../../bench/support/clients';
import { ServerProcess } from '../../bench/support/server-process';
import { Verdict, type ChaosCase } from '../support/chaos-case';

/**
 * A read store that stops answering (for ever) at the chosen instant — what a dead process leaves:
 * once a checkpoint at or past `killAfterCheckpoint` is stored, `extraWrites` more document writes land,
 * then nothing. Decided inside the calls themselves, so the instant does not depend on timers. The
 * projections change the memory store's documents in place (`documents()`): each document edited or
 * removed there counts as a write, and once dead the document set refuses every change.
 */
function fenced(store: ReadStore, killAfterCheckpoint: number, extraWrites: number): { store: ReadStore; killed: Promise<void>; checkpointAtKill(): number } {
  let dead = false;
  let writesLeft = -1;
  let checkpointAtKill = 0;
  let died: () => void = () => undefined;
  const never = new Promise<never>(() => undefined);
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'documents') return () => fencedDocuments((value as () => DocumentSet).apply(target));
      return (...args: unknown[]) => {
        if (dead) return never;
        if (prop === 'setCheckpoint' && writesLeft < 0) {
          const position = (args[0] as { position: number }).position;
          if (position >= killAfterCheckpoint) {
            checkpointAtKill = position;
            writesLeft = extraWrites;
          }
        } else if (writesLeft >= 0 && (prop === 'update' || prop === 'put' || prop === 'delete')) {
          if (writesLeft-- === 0) {
            dead = true;
            died();
            return never;
          }
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  /** One more document write; false once the store is dead. */
  const write = (): boolean => {
    if (dead) return false;
    if (writesLeft >= 0 && writesLeft-- === 0) {
      dead = true;
      died();
      return false;
    }
    return true;
  };
  const gone = (): never => {
    throw new Error('read store gone (its process was killed)');
  };
  const fencedDocuments = (docs: DocumentSet): DocumentSet => ({
    get: (collection, id) => docs.get(collection, id),
    edit: (collection, id, position, create) => {
      // Only a document that would change counts as a write (the guard refuses the others without writing).
      const stored = docs.get(collection, id);
      const stale = stored !== undefined && typeof stored['_position'] === 'number' && stored['_position'] >= position;
      if (stale || (stored === undefined && !create)) return undefined;
      return write() ? docs.edit(collection, id, position, create) : gone();
    },
    remove: (collection, id) => {
      if (docs.get(collection, id) === undefined) return;
      if (write()) docs.remove(collection, id);
      else gone();
    },
  });
  const killed = new Promise<void>((resolve) => (died = resolve));
  return { store: proxy, killed, checkpointAtKill: () => checkpointAtKill };
}

/** JSON with sorted keys, so equal documents compare equal whatever order their fields were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Chats (visits, requests, assignments, messages, closes) through a real server; its event store file. */
async function generateHistory(server: ServerProcess, quick: boolean): Promise<number> {
  // At most 6 chats per site: the chat-request limit per IP and site as shipped (a shared server keeps it).
  const chatsPerSeat = quick ? 4 : 6;
  const seatsCount = quick ? 3 : 8;
  const messagesPerChat = quick ? 20 : 100;
  const label = randomUUID().slice(0, 8);
  const seats = await Promise.all(Array.from({ length: seatsCount }, (_, i) => agentSeat(server.url, `p${i}-${label}`)));
  const chats = await inBatches(
    Array.from({ length: seatsCount * chatsPerSeat }, (_, i) => seats[i % seatsCount]!),
    8,
    (seat) => visitorChat(server.url, seat),
  );
  await inBatches(chats, 16, async (c, i) => {
    const agent = seats[i % seatsCount]!.socket;
    for (let m = 0; m < messagesPerChat; m++) {
      await callOk(m % 2 === 0 ? c.socket : agent, 'chat:send', { chatId: c.chatId, clientId: randomUUID(), text: `message ${m} <b>${i}</b>` });
    }
    if (i % 3 === 0) await callOk(agent, 'chat:close', { chatId: c.chatId });
  });
  [...seats.map((s) => s.socket), ...chats.map((c) => c.socket)].forEach((s) => s.close());
  const health = (await (await fetch(`${server.url}/api/health`)).json()) as { eventStore: { head: number } };
  return health.eventStore.head;
}

export const projectorCrashMidRebuild: ChaosCase = async ({ quick, shared }) => {
  const name = 'projector killed mid-rebuild resumes from its checkpoint, equal to a clean rebuild';
  const verdict = new Verdict();
  const batchSize = quick ? 100 : 1000;
  const own = shared ? undefined : await ServerProcess.start({ env: generousHttpLimits() });
  const server = own ?? (await shared!()).server;
  const dataDir = server.dataDir;
  // The projectors below read the file up to this head; the server stays idle meanwhile (SQLite WAL
  // lets them read beside it).
  const head = await generateHistory(server, quick);
  const file = join(dataDir, 'events.db');
  const opened: SqliteEventStore[] = [];
  const open = () => {
    const s = new SqliteEventStore(file);
    opened.push(s);
    return s;
  };
  try {
    const clean = new MemoryReadStore();
    const cleanRun = new Projector(open(), clean, allProjections, { log: () => undefined, batchSize });
    await cleanRun.start();
    await cleanRun.stop();

    const persistent = new MemoryReadStore();
    const extraWrites = 200;
    const victim = fenced(persistent, Math.ceil(head / 2), extraWrites);
    const victimEvents = open();
    const victimRun = new Projector(victimEvents, victim.store, allProjections, { log: () => undefined, batchSize });
    void victimRun.start().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const finishedFirst = await Promise.race([victim.killed.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 60_000)))]);
    clearTimeout(timer);
    verdict.check(!finishedFirst, 'could not stop the rebuild in the middle within 60 s');
    // The dead projector's reader goes with its process.
    await victimEvents.close();
    const checkpointAtKill = victim.checkpointAtKill();

    const log: string[] = [];
    const resumed = new Projector(open(), persistent, allProjections, { log: (l) => log.push(l), batchSize });
    const resumedAt = Date.now();
    await resumed.start();
    const resumeMs = Date.now() - resumedAt;
    await resumed.stop();
    const restartedFromZero = log.filter((l) => /rebuilding/.test(l));
    verdict.check(restartedFromZero.length === 0, `the resumed projector rebuilt from 0 instead of its checkpoint: ${restartedFromZero[0] ?? ''}`);
    verdict.check(checkpointAtKill > 0 && checkpointAtKill < head, `the kill came at checkpoint ${checkpointAtKill} of ${head}`);

    let documents = 0;
    let different = 0;
    let firstDifference = '';
    for (const projection of allProjections) {
      for (const collection of projection.collections) {
        const a = await clean.find(collection, {}, { sort: { _id: 1 } });
        const b = await persistent.find(collection, {}, { sort: { _id: 1 } });
        documents += a.length;
        const byId = new Map(b.map((d) => [d._id, canonical(d)]));
        for (const doc of a) {
          if (byId.get(doc._id) !== canonical(doc)) {
            different++;
            firstDifference ||= `${collection}/${doc._id}`;
          }
        }
        if (b.length !== a.length) {
          different += Math.abs(b.length - a.length);
          firstDifference ||= `${collection}: ${b.length} documents vs ${a.length}`;
        }
      }
    }
    verdict.check(different === 0, `${different} documents differ from the clean rebuild (first: ${firstDifference})`);
    return verdict.outcome(name, {
      events: head,
      projections: allProjections.length,
      'checkpoint at the kill': checkpointAtKill,
      'document writes past it': extraWrites,
      'events re-read on resume': head - checkpointAtKill,
      'resume (ms)': resumeMs,
      'documents compared': documents,
      different,
    });
  } finally {
    for (const s of opened) await s.close().catch(() => undefined);
    await own?.dispose();
  }
};
