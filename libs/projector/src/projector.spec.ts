import { randomUUID } from 'node:crypto';
import { MemoryEventStore, type RecordedEvent } from '@kefu/event-store';
import { addTo, type Doc, MemoryReadStore, type ReadStore } from '@kefu/read-store';
import { type DocProjection, docProjection, projection, type Projection } from './projection';
import { Projector, ProjectionTimeoutError, type ProjectorOptions } from './projector';

// A small chat world: the events carry every id the projections need, as the domain's events do.
type ChatEvent =
  | { type: 'ChatRequested'; data: { chatId: string; siteId: string } }
  | { type: 'MessagePosted'; data: { chatId: string; siteId: string; text: string } }
  | { type: 'ChatClosed'; data: { chatId: string; siteId: string } }
  | { type: 'PageViewed'; data: { siteId: string; url: string } };

async function append(events: MemoryEventStore, ...batch: ChatEvent[]): Promise<number> {
  let position = 0;
  for (const e of batch) {
    const stream = 'chatId' in e.data ? `chat-${e.data.chatId}` : `site-${e.data.siteId}`;
    const result = await events.append(stream, [{ id: randomUUID(), type: e.type, data: e.data, metadata: { occurredAt: '2025-01-01T00:00:00.000Z' } }], 'any');
    position = result.position;
  }
  return position;
}

const requested = (chatId: string, siteId = 's1'): ChatEvent => ({ type: 'ChatRequested', data: { chatId, siteId } });
const posted = (chatId: string, text: string, siteId = 's1'): ChatEvent => ({ type: 'MessagePosted', data: { chatId, siteId, text } });
const closed = (chatId: string, siteId = 's1'): ChatEvent => ({ type: 'ChatClosed', data: { chatId, siteId } });
const viewed = (url: string, siteId = 's1'): ChatEvent => ({ type: 'PageViewed', data: { siteId, url } });

type ChatEventData = { chatId: string; siteId: string; text?: string };

/** One document per chat; `$inc` makes any double application visible in `messages`. */
function chatsProjection(version = 1): Projection {
  if (documentStyle) return chatsDocProjection(version);
  return projection({
    name: 'chats',
    version,
    handles: ['ChatRequested', 'MessagePosted', 'ChatClosed'],
    collections: ['chats'],
    async apply(event: RecordedEvent, store: ReadStore) {
      const data = event.data as ChatEventData;
      const guard = { upsert: true, atPosition: event.position };
      switch (event.type) {
        case 'ChatRequested':
          await store.update('chats', data.chatId, { $set: { siteId: data.siteId, status: 'waiting' }, $inc: { messages: 0 } }, guard);
          break;
        case 'MessagePosted':
          // v2 also remembers the texts: what a logic change plus a version bump looks like.
          await store.update('chats', data.chatId, version >= 2 ? { $inc: { messages: 1 }, $push: { texts: data.text } } : { $inc: { messages: 1 } }, guard);
          break;
        case 'ChatClosed':
          await store.update('chats', data.chatId, { $set: { status: 'closed' } }, guard);
          break;
      }
    },
  });
}

/** The same read model written as a synchronous change of documents (DocProjection): every spec runs both ways. */
function chatsDocProjection(version: number): Projection {
  return docProjection({
    name: 'chats',
    version,
    handles: ['ChatRequested', 'MessagePosted', 'ChatClosed'],
    collections: ['chats'],
    project(event, docs) {
      const data = event.data as ChatEventData;
      const chat = docs.edit('chats', data.chatId, event.position, true);
      if (!chat) return;
      switch (event.type) {
        case 'ChatRequested':
          chat['siteId'] = data.siteId;
          chat['status'] = 'waiting';
          addTo(chat, 'messages', 0);
          break;
        case 'MessagePosted':
          addTo(chat, 'messages', 1);
          if (version >= 2) ((chat['texts'] ??= []) as string[]).push(data.text ?? '');
          break;
        case 'ChatClosed':
          chat['status'] = 'closed';
          break;
      }
    },
  });
}

/** Pre-aggregated counters per site. */
function siteStatsProjection(): Projection {
  if (documentStyle) {
    return docProjection({
      name: 'site-stats',
      version: 1,
      handles: ['ChatRequested', 'PageViewed'],
      collections: ['site-stats'],
      project(event, docs) {
        const { siteId } = event.data as { siteId: string };
        const stats = docs.edit('site-stats', siteId, event.position, true);
        if (stats) addTo(stats, event.type === 'ChatRequested' ? 'chats' : 'pageViews', 1);
      },
    });
  }
  return projection({
    name: 'site-stats',
    version: 1,
    handles: ['ChatRequested', 'PageViewed'],
    collections: ['site-stats'],
    async apply(event, store) {
      const { siteId } = event.data as { siteId: string };
      const field = event.type === 'ChatRequested' ? 'chats' : 'pageViews';
      await store.update('site-stats', siteId, { $inc: { [field]: 1 } }, { upsert: true, atPosition: event.position });
    },
  });
}

/** Breaks on every ChatClosed, like a projection with a bug. */
function brokenProjection(): Projection {
  if (documentStyle) {
    return docProjection({
      name: 'closings',
      version: 1,
      handles: ['ChatRequested', 'ChatClosed'],
      collections: ['closings'],
      project(event, docs) {
        const { chatId } = event.data as ChatEventData;
        if (event.type === 'ChatClosed') throw new Error(`cannot close ${chatId}: no agent`);
        const closing = docs.edit('closings', chatId, event.position, true);
        if (closing) closing['open'] = true;
      },
    });
  }
  return projection({
    name: 'closings',
    version: 1,
    handles: ['ChatRequested', 'ChatClosed'],
    collections: ['closings'],
    async apply(event, store) {
      const { chatId } = event.data as ChatEventData;
      if (event.type === 'ChatClosed') throw new Error(`cannot close ${chatId}: no agent`);
      await store.update('closings', chatId, { $set: { open: true } }, { upsert: true, atPosition: event.position });
    },
  });
}

/** Set per describe below: the projections of the specs are built with the store API or as DocProjections. */
let documentStyle = false;

// Every behaviour holds both ways: events applied to the store one by one, and catch-up batches applied to a
// write-behind working set flushed in bulk (what a mongodb read store gets by default); and for both ways of
// writing a projection: through the store API, and as a synchronous change of documents (applied in place on
// the memory store, through the working set otherwise).
describe.each([
  { mode: 'per event', writeBehind: false, documents: false },
  { mode: 'write-behind catch-up', writeBehind: true, documents: false },
  { mode: 'per event, DocProjections in place', writeBehind: false, documents: true },
  { mode: 'write-behind catch-up, DocProjections', writeBehind: true, documents: true },
])('Projector ($mode)', ({ writeBehind, documents }) => {
  beforeAll(() => {
    documentStyle = documents;
  });
  afterAll(() => {
    documentStyle = false;
  });
  let events: MemoryEventStore;
  let store: MemoryReadStore;
  let logs: string[];
  const running: Projector[] = [];

  function projector(projections: Projection[], options: ProjectorOptions = {}): Projector {
    const p = new Projector(events, store, projections, { log: (line) => logs.push(line), retryDelaysMs: [], writeBehind, ...options });
    running.push(p);
    return p;
  }

  async function all(collection: string): Promise<Doc[]> {
    return store.find(collection, {}, { sort: { _id: 1 } });
  }
  const ids = (docs: Doc[]): string[] => docs.map((d) => d._id);

  beforeEach(() => {
    events = new MemoryEventStore();
    store = new MemoryReadStore();
    logs = [];
  });

  afterEach(async () => {
    for (const p of running.splice(0)) await p.stop();
    await events.close();
  });

  it('catches up on the history at start, then follows new events live', async () => {
    // Given a history
    await append(events, requested('c1'), posted('c1', 'hi'), requested('c2', 's2'));
    const p = projector([chatsProjection(), siteStatsProjection()]);

    // When it starts, the read models hold the history as soon as start() resolves
    await p.start();
    expect(await all('chats')).toEqual([
      { _id: 'c1', siteId: 's1', status: 'waiting', messages: 1, _position: 2 },
      { _id: 'c2', siteId: 's2', status: 'waiting', messages: 0, _position: 3 },
    ]);

    // And events appended afterwards show up without anything else being called
    const position = await append(events, posted('c2', 'hello', 's2'), closed('c1'));
    await p.waitFor(position);
    expect(await store.get('chats', 'c1')).toMatchObject({ status: 'closed', messages: 1 });
    expect(await store.get('chats', 'c2')).toMatchObject({ status: 'waiting', messages: 1 });
    expect(await all('site-stats')).toEqual([
      { _id: 's1', chats: 1, _position: 1 },
      { _id: 's2', chats: 1, _position: 3 },
    ]);
    expect(p.status()).toEqual({
      head: 5,
      projections: [
        { name: 'chats', version: 1, position: 5, lag: 0, phase: 'live' },
        { name: 'site-stats', version: 1, position: 5, lag: 0, phase: 'live' },
      ],
    });
  });

  it('keeps a checkpoint per projection that advances past the events it does not handle', async () => {
    await append(events, requested('c1'), viewed('/a'), viewed('/b'), posted('c1', 'hi'));
    const p = projector([chatsProjection(), siteStatsProjection()]);
    await p.start();
    await append(events, viewed('/c'));
    await p.waitFor(5);
    await p.stop();

    // 'chats' handles no PageViewed and 'site-stats' no MessagePosted; both still stand at the head.
    expect(await store.getCheckpoint('chats')).toEqual({ projection: 'chats', position: 5, version: 1 });
    expect(await store.getCheckpoint('site-stats')).toEqual({ projection: 'site-stats', position: 5, version: 1 });
  });

  it('resumes from the checkpoints after a restart without re-reading what was applied', async () => {
    await append(events, requested('c1'), posted('c1', 'one'));
    const first = projector([chatsProjection()]);
    await first.start();
    await first.stop();

    await append(events, posted('c1', 'two'));
    const seen: number[] = [];
    const spy = chatsProjection();
    const watched = documentStyle
      ? docProjection({ ...(spy as DocProjection), project: (e, docs) => (seen.push(e.position), (spy as DocProjection).project(e, docs)) })
      : { ...spy, apply: (e: RecordedEvent, s: ReadStore) => (seen.push(e.position), spy.apply(e, s)) };
    const second = projector([watched]);
    await second.start();

    // (a DocProjection's change may run twice for one event: again after its working set loaded a document)
    expect([...new Set(seen)]).toEqual([3]);
    expect(await store.get('chats', 'c1')).toMatchObject({ messages: 2 });
    expect(logs.filter((l) => l.includes('rebuilding'))).toEqual(['projector: rebuilding chats v1 (no checkpoint)']);
  });

  it('rebuilds a projection whose version changed, at start, and says why', async () => {
    // Given read models built by v1 of 'chats', with a chat whose v1 document v2 would not produce
    await append(events, requested('c1'), posted('c1', 'hi'), posted('c1', 'there'));
    const v1 = projector([chatsProjection(1), siteStatsProjection()]);
    await v1.start();
    await v1.stop();
    await store.put('chats', { _id: 'stale', leftover: true });
    logs = [];

    // When v2 starts
    const v2 = projector([chatsProjection(2), siteStatsProjection()]);
    await v2.start();

    // Then 'chats' was dropped and rebuilt with the v2 logic, and 'site-stats' was left alone
    expect(logs).toContain('projector: rebuilding chats v2 (checkpoint is for v1)');
    expect(logs.some((l) => l.includes('site-stats'))).toBe(false);
    expect(await all('chats')).toEqual([{ _id: 'c1', siteId: 's1', status: 'waiting', messages: 2, texts: ['hi', 'there'], _position: 3 }]);
    expect(await store.getCheckpoint('chats')).toEqual({ projection: 'chats', position: 3, version: 2 });
  });

  it('changes nothing when events are applied a second time (checkpoint set back)', async () => {
    await append(events, requested('c1'), posted('c1', 'a'), posted('c1', 'b'), requested('c2'), closed('c1'), viewed('/x'));
    const first = projector([chatsProjection(), siteStatsProjection()]);
    await first.start();
    await first.stop();
    const before = { chats: await all('chats'), stats: await all('site-stats') };

    // As after a crash between applying and saving the checkpoint: the events after 1 come again.
    await store.setCheckpoint({ projection: 'chats', position: 1, version: 1 });
    await store.setCheckpoint({ projection: 'site-stats', position: 0, version: 1 });
    const again = projector([chatsProjection(), siteStatsProjection()]);
    await again.start();

    expect(await all('chats')).toEqual(before.chats);
    expect(await all('site-stats')).toEqual(before.stats);
    expect(before.chats[0]).toMatchObject({ _id: 'c1', messages: 2, status: 'closed' });
  });

  it('waitFor resolves once a later append is projected, and times out with a clear error', async () => {
    const p = projector([chatsProjection(), siteStatsProjection()]);
    await p.start();

    // Read-your-writes: wait for the position the append answered with
    const position = await append(events, requested('c9'));
    const waiting = p.waitFor(position);
    await waiting;
    expect(await store.get('chats', 'c9')).toMatchObject({ status: 'waiting' });

    // A position already reached resolves at once; one never written times out, naming who is behind
    await expect(p.waitFor(position, 10)).resolves.toBeUndefined();
    const error = await p.waitFor(position + 100, 30).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionTimeoutError);
    expect((error as Error).message).toBe(
      `projector: position ${position + 100} not reached within 30 ms; behind: chats at ${position}, site-stats at ${position}`,
    );
  });

  it('waitFor called before the append resolves when the event arrives', async () => {
    const p = projector([chatsProjection()]);
    await p.start();
    const waiting = p.waitFor(2, 2000);
    await append(events, requested('c1'), posted('c1', 'x'));
    await waiting;
    expect(await store.get('chats', 'c1')).toMatchObject({ messages: 1 });
  });

  it('stops only a failing projection, reports it, and keeps the others live', async () => {
    // Given a projection that throws on ChatClosed
    await append(events, requested('c1'), closed('c1'));
    const p = projector([chatsProjection(), brokenProjection(), siteStatsProjection()]);
    await p.start();

    // When more events come
    const position = await append(events, requested('c2'), closed('c2'));
    await p.waitFor(position);

    // Then the others applied everything; the broken one stopped before its first failure
    expect(await store.get('chats', 'c2')).toMatchObject({ status: 'closed' });
    expect(await store.get('site-stats', 's1')).toMatchObject({ chats: 2 });
    expect(await all('closings')).toEqual([{ _id: 'c1', open: true, _position: 1 }]);
    const broken = p.status().projections.find((s) => s.name === 'closings');
    expect(broken).toEqual({
      name: 'closings',
      version: 1,
      position: 1,
      lag: 3,
      phase: 'failed',
      failure: { message: 'cannot close c1: no agent', position: 2, type: 'ChatClosed' },
    });
    expect(logs).toContain(
      'projector: closings failed at position 2 (ChatClosed): cannot close c1: no agent; it stays at 1 until rebuilt or restarted, the others go on',
    );
    // It is not retried in a loop: one failure line, whatever came after
    expect(logs.filter((l) => l.startsWith('projector: closings failed'))).toHaveLength(1);
    // Its checkpoint stays at the last event it applied, so a restart (with a fix) resumes there
    await p.stop();
    expect(await store.getCheckpoint('closings')).toEqual({ projection: 'closings', position: 1, version: 1 });
  });

  it('waitFor naming a failed projection rejects at once with its failure', async () => {
    await append(events, requested('c1'), closed('c1'));
    const p = projector([brokenProjection(), chatsProjection()]);
    await p.start();
    await expect(p.waitFor(2, 1000, ['closings'])).rejects.toThrow('projector: closings failed at position 2 (ChatClosed): cannot close c1: no agent');
    await expect(p.waitFor(2, 1000, ['chats'])).resolves.toBeUndefined();
  });

  it('retries an apply that fails once before giving up on it', async () => {
    await append(events, requested('c1'));
    let failures = 1;
    const chats = chatsProjection();
    const flaky: Projection = {
      ...chats,
      async apply(event, s) {
        if (failures-- > 0) throw new Error('connection reset');
        return chats.apply(event, s);
      },
    };
    const p = projector([flaky], { retryDelaysMs: [1] });
    await p.start();
    expect(await store.get('chats', 'c1')).toMatchObject({ status: 'waiting' });
    expect(p.status().projections[0]?.phase).toBe('live');
  });

  it('rebuildAll gives exactly the documents built live', async () => {
    // Given read models built live, event by event, interleaved with waits
    const p = projector([chatsProjection(), siteStatsProjection()]);
    await p.start();
    for (let i = 0; i < 30; i++) {
      const chat = `c${i % 7}`;
      const position = await append(
        events,
        i % 7 === i ? requested(chat, `s${i % 3}`) : posted(chat, `m${i}`, `s${i % 3}`),
        ...(i % 5 === 4 ? [closed(`c${i % 7}`, `s${i % 3}`), viewed(`/p${i}`, `s${i % 2}`)] : []),
      );
      if (i % 4 === 0) await p.waitFor(position);
    }
    await p.waitFor(await events.headPosition());
    const live = { chats: await all('chats'), stats: await all('site-stats') };

    // When everything is rebuilt from the events
    await p.rebuildAll();

    // Then the documents are the same, and it keeps following live afterwards
    expect({ chats: await all('chats'), stats: await all('site-stats') }).toEqual(live);
    const position = await append(events, requested('new-chat'));
    await p.waitFor(position);
    expect(await store.get('chats', 'new-chat')).toMatchObject({ status: 'waiting' });
  });

  it('rebuild(name) replays one projection while the others stay live, then follows live', async () => {
    await append(events, ...Array.from({ length: 200 }, (_, i) => (i % 2 ? posted('c1', `m${i}`) : requested(`c${i}`))));
    const p = projector([chatsProjection(), siteStatsProjection()], { batchSize: 16 });
    await p.start();
    const before = await all('chats');
    await store.put('chats', { _id: 'garbage' });

    // Events appended while the rebuild runs reach both projections
    const rebuilding = p.rebuild('chats');
    const during = await append(events, requested('during'));
    await p.waitFor(during, 2000, ['site-stats']);
    expect(await store.get('site-stats', 's1')).toMatchObject({ chats: 101 });
    await rebuilding;
    await p.waitFor(during);

    expect(await store.get('chats', 'garbage')).toBeNull();
    expect((await all('chats')).filter((d) => d._id !== 'during')).toEqual(before);
    expect(await store.get('chats', 'during')).toMatchObject({ status: 'waiting' });
    expect(logs).toContain('projector: rebuilding chats v1 (rebuild requested)');
    expect(p.status().projections.map((s) => [s.name, s.phase, s.lag])).toEqual([
      ['chats', 'live', 0],
      ['site-stats', 'live', 0],
    ]);
    const after = await append(events, closed('during'));
    await p.waitFor(after);
    expect(await store.get('chats', 'during')).toMatchObject({ status: 'closed' });
  });

  it('rebuild and rebuildAll work without a live loop and leave none running', async () => {
    await append(events, requested('c1'), posted('c1', 'x'));
    const p = projector([chatsProjection(), siteStatsProjection()]);
    await store.put('chats', { _id: 'garbage' });

    await p.rebuild('chats');
    expect(await all('chats')).toEqual([{ _id: 'c1', siteId: 's1', status: 'waiting', messages: 1, _position: 2 }]);
    await p.rebuildAll();
    expect(await store.get('site-stats', 's1')).toMatchObject({ chats: 1 });
    expect(p.status().projections.map((s) => s.phase)).toEqual(['stopped', 'stopped']);

    await append(events, posted('c1', 'y'));
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.get('chats', 'c1')).toMatchObject({ messages: 1 });
  });

  it('rebuilds read models whose checkpoint is past the head of the event store', async () => {
    // As when the event store was replaced under a persistent read store
    await store.setCheckpoint({ projection: 'chats', position: 99, version: 1 });
    await store.put('chats', { _id: 'from-another-history' });
    await append(events, requested('c1'));
    const p = projector([chatsProjection()]);
    await p.start();
    expect(logs).toContain('projector: rebuilding chats v1 (checkpoint at 99 is past the event store head 1)');
    expect(ids(await all('chats'))).toEqual(['c1']);
  });

  it('rebuild of an unknown projection says which ones exist', async () => {
    const p = projector([chatsProjection()]);
    await expect(p.rebuild('nope')).rejects.toThrow('projector: no projection named nope (known: chats)');
  });

  it('reports progress on a long catch-up', async () => {
    await append(events, ...Array.from({ length: 50 }, (_, i) => viewed(`/p${i}`)));
    const p = projector([siteStatsProjection()], { progressEvery: 20, batchSize: 10 });
    await p.start();
    const progress = logs.filter((l) => l.startsWith('projector: catch-up '));
    expect(progress[0]).toBe('projector: catch-up of 1 projection(s) from position 0 to 50');
    expect(progress[1]).toMatch(/^projector: catch-up 20\/50 events \(40%\), \d+k? ev\/s$/);
    expect(progress[2]).toMatch(/^projector: catch-up 40\/50 events \(80%\), \d+k? ev\/s$/);
    expect(progress[3]).toMatch(/^projector: catch-up done at position 50: 50 events in \d+\.\d s \(\d+k? ev\/s\)$/);
    expect(await store.get('site-stats', 's1')).toMatchObject({ pageViews: 50 });
  });

  it('refuses two projections owning the same collection', () => {
    const a = chatsProjection();
    expect(() => projector([a, { ...siteStatsProjection(), collections: ['chats'] }])).toThrow(
      'projector: collection chats is owned by both chats and site-stats',
    );
  });

  it('stop() ends the live loop and rejects pending waits', async () => {
    const p = projector([chatsProjection()]);
    await p.start();
    const waiting = p.waitFor(10, 5000);
    await p.stop();
    await expect(waiting).rejects.toThrow('projector: stopped');
    // Nothing is read any more after stop
    await append(events, requested('late'));
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.get('chats', 'late')).toBeNull();
    expect(p.status().projections[0]?.phase).toBe('stopped');
  });
});

describe('Projector write-behind catch-up (K3 rebuild speed, K4 crash safety)', () => {
  it('writes each batch in bulk, moves checkpoints only after it is stored, and resumes equal to a per-event rebuild after a crash', async () => {
    const events = new MemoryEventStore();
    const history: ChatEvent[] = [];
    for (let i = 0; i < 12; i++) history.push(requested(`c${i}`, `s${i % 3}`), posted(`c${i}`, `m${i}`, `s${i % 3}`), viewed(`/p${i}`, `s${i % 2}`));
    for (let i = 0; i < 12; i += 2) history.push(closed(`c${i}`, `s${i % 3}`));
    const head = await append(events, ...history);
    const projections = () => [chatsProjection(2), siteStatsProjection()];
    const quiet = { log: () => undefined, retryDelaysMs: [] };

    // A clean rebuild, one event at a time
    const clean = new MemoryReadStore();
    const reference = new Projector(events, clean, projections(), { ...quiet, writeBehind: false });
    await reference.start();
    await reference.stop();

    // A write-behind rebuild whose store dies in the middle of storing its second batch: the first
    // collection of that batch is written, the second is not.
    const persistent = new MemoryReadStore();
    let perDocumentWrites = 0;
    let bulkWrites = 0;
    const dying = new Proxy(persistent, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (prop === 'update' || prop === 'put' || prop === 'delete') perDocumentWrites++;
          if (prop === 'writeMany' && ++bulkWrites > 3) return Promise.reject(new Error('the read store is gone'));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as ReadStore;
    const victim = new Projector(events, dying, projections(), { ...quiet, writeBehind: true, batchSize: 10 });
    void victim.start().catch(() => undefined);
    while (bulkWrites <= 3) await new Promise((resolve) => setTimeout(resolve, 5));
    await victim.stop();

    expect(perDocumentWrites).toBe(0);
    // Only the first batch was stored whole: no checkpoint claims more.
    expect((await persistent.getCheckpoint('chats'))?.position).toBe(10);
    expect((await persistent.getCheckpoint('site-stats'))?.position).toBe(10);

    // A new projector resumes from the checkpoints and ends with exactly the clean documents
    const resumed = new Projector(events, persistent, projections(), { ...quiet, writeBehind: true, batchSize: 10 });
    await resumed.start();
    await resumed.stop();
    for (const collection of ['chats', 'site-stats']) {
      expect(await persistent.find(collection, {}, { sort: { _id: 1 } })).toEqual(await clean.find(collection, {}, { sort: { _id: 1 } }));
    }
    expect((await persistent.getCheckpoint('chats'))?.position).toBe(head);
    await events.close();
  });
});
