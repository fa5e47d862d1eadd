import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryEventStore, openSqliteEventStore, type SqliteEventStore } from '@kefu/event-store';
import { Projector } from '@kefu/projector';
import { MemoryReadStore } from '@kefu/read-store';
import { allProjections, parallelCatchUp } from '@kefu/projections';
import { writeTraffic } from '../../../../test/fixtures/generate-traffic';
import { verifyReadModels } from '../audit/verify';

/** Copies a generated history into a SQLite event store file, in position order. */
async function sqliteHistory(file: string, seed: number): Promise<SqliteEventStore> {
  const source = new MemoryEventStore();
  await writeTraffic(source, { seed, days: 2, sites: 2, agentsPerSite: 3, visitsPerDay: 700 });
  const sqlite = openSqliteEventStore(file);
  const head = await source.headPosition();
  for (let after = 0; after < head; after += 1000) {
    const page = await source.readAll({ after, maxCount: 1000 });
    await Promise.all(page.map((e) => sqlite.append(e.streamId, [{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }], 'any')));
  }
  await source.close();
  return sqlite;
}

describe("K3 the server's boot catch-up with part of the projections in a worker thread", () => {
  let dir: string;
  let events: SqliteEventStore;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-boot-'));
    events = await sqliteHistory(path.join(dir, 'events.sqlite'), 23);
  }, 120_000);

  afterAll(async () => {
    await events.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every read model equals a rebuild in one thread (K4 verify), and all are live at the head', async () => {
    const live = new MemoryReadStore();
    const log: string[] = [];
    // minEvents 0: this history is smaller than the size the server starts a worker for.
    const projector = new Projector(events, live, [...allProjections], { log: (l) => log.push(l), parallel: { ...parallelCatchUp, minEvents: 0 } });
    await projector.start();
    try {
      expect(log.some((l) => l.startsWith(`projector: catching up ${parallelCatchUp.inWorker.join(', ')} in a worker thread`))).toBe(true);
      expect(log.some((l) => l.startsWith(`projector: worker caught up ${parallelCatchUp.inWorker.length} projection(s)`))).toBe(true);
      const head = await events.headPosition();
      expect(new Set(projector.status().projections.map((p) => `${p.phase} ${p.position}`))).toEqual(new Set([`live ${head}`]));
      const report = await verifyReadModels(events, live, allProjections);
      expect(report).toMatchObject({ equal: true, differences: [], more: 0 });
      expect(report.documents).toBeGreaterThan(5_000);
    } finally {
      await projector.stop();
    }
  }, 120_000);
});
