import { MemoryEventStore } from '@kefu/event-store';
import { Projector } from '@kefu/projector';
import { MemoryReadStore } from '@kefu/read-store';
import { allProjections, STATS_VISITORS } from '@kefu/projections';
import { writeTraffic } from '../../../../test/fixtures/generate-traffic';
import { formatReport, verifyReadModels } from './verify';

describe('K4 verify: every read model rebuilt from the events equals the live one', () => {
  const events = new MemoryEventStore();
  const live = new MemoryReadStore();
  const projector = new Projector(events, live, [...allProjections], { log: () => undefined });

  beforeAll(async () => {
    // The live read models follow the store while the history is written, as in production.
    await projector.start();
    const summary = await writeTraffic(events, { seed: 11, days: 2, sites: 2, agentsPerSite: 3, visitsPerDay: 1000 });
    expect(summary.visits).toBeGreaterThan(3000);
    expect(summary.chats).toBeGreaterThan(300);
    await projector.waitFor(await events.headPosition(), 60_000);
  }, 120_000);

  afterAll(async () => {
    await projector.stop();
  });

  it('rebuild == live over a realistic generated history (thousands of visits and chats)', async () => {
    const report = await verifyReadModels(events, live, allProjections);
    expect(formatReport(report)).toMatch(/^verify: rebuild == live/);
    expect(report).toMatchObject({ equal: true, differences: [], more: 0 });
    expect(report.documents).toBeGreaterThan(10_000);
  }, 120_000);

  it('names the document and the field when a live document differs', async () => {
    const [doc] = await live.find(STATS_VISITORS, {}, { limit: 1 });
    await live.update(STATS_VISITORS, doc!._id, { $inc: { 'h.12.visits': 1 } });
    const report = await verifyReadModels(events, live, allProjections);
    expect(report.equal).toBe(false);
    expect(report.differences).toEqual([{ collection: STATS_VISITORS, id: doc!._id, kind: 'different', fields: ['h.12.visits'] }]);
    expect(formatReport(report)).toContain(`different    ${STATS_VISITORS}/${doc!._id}  fields: h.12.visits`);
  }, 120_000);
});
