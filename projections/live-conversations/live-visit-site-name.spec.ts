import type { RecordedEvent } from '@kefu/event-store';
import { MemoryReadStore, type ReadStore } from '@kefu/read-store';
import { LIVE_VISITS, liveConversationsProjection, toLiveVisit, type LiveVisitDoc } from './live-conversations.projection';

let position = 0;
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => {
  position++;
  return { id: `e${position}`, type, data: { orgId: 'org-1', ...data }, metadata: { occurredAt: '' }, streamId: 's', revision: 0, position };
};

const siteCreated = (siteId: string, name: string) =>
  recorded('SiteCreated', { siteId, name, url: 'https://a.cn', language: 'zh-CN', timeZone: 'Asia/Shanghai', allowedDomains: [], createdAt: 'T0' });
const visitStarted = (siteId: string, visitId: string) =>
  recorded('VisitStarted', {
    siteId,
    visitId,
    visitorId: `visitor-${visitId}`,
    returning: false,
    entryUrl: 'https://a.cn/',
    entryTitle: '首页',
    referrer: '',
    userAgent: '',
    ip: '1.1.1.1',
    startedAt: 'T1',
  });

async function project(events: RecordedEvent[], store: ReadStore = new MemoryReadStore()): Promise<ReadStore> {
  for (const e of events) await liveConversationsProjection.apply(e, store);
  return store;
}

const siteNameOf = async (store: ReadStore, visitId: string) => toLiveVisit((await store.get<LiveVisitDoc>(LIVE_VISITS, visitId))!).siteName;

describe('live-conversations projection: the site name on each live visit (B1, an agent serving several sites)', () => {
  it('names the site of each visit from the site events, and follows a rename on the visits already there', async () => {
    const events = [
      siteCreated('s1', '演示商城'),
      siteCreated('s2', '海外站'),
      visitStarted('s1', 'v1'),
      visitStarted('s2', 'v2'),
      recorded('SiteSettingsChanged', { siteId: 's1', changes: { name: '旗舰店' }, at: 'T2' }),
      recorded('SiteSettingsChanged', { siteId: 's2', changes: { language: 'en' }, at: 'T3' }),
      visitStarted('s1', 'v3'),
    ];
    const store = await project(events);
    expect([await siteNameOf(store, 'v1'), await siteNameOf(store, 'v2'), await siteNameOf(store, 'v3')]).toEqual(['旗舰店', '海外站', '旗舰店']);

    // Replaying the same events (a restart before the checkpoint) changes nothing.
    await project(events, store);
    expect([await siteNameOf(store, 'v1'), await siteNameOf(store, 'v2'), await siteNameOf(store, 'v3')]).toEqual(['旗舰店', '海外站', '旗舰店']);
  });
});
