import type { NewEvent, RecordedEvent } from '@kefu/event-store';
import { MemoryReadStore, type Doc, type ReadStore } from '@kefu/read-store';
import type { Projection } from '@kefu/projector';
import { generateTraffic } from '../test/fixtures/generate-traffic';
import { chatRecordsProjection, CHAT_RECORDS, type ChatRecordDoc } from './chat-records/chat-records.projection';
import { reportingProjections } from './reporting';
import { LIVE_VISITORS, liveVisitorsProjection } from './live-visitors/live-visitors.projection';
import { STATS_VISITORS, STATS_VISITORS_UNIQUE, statsVisitorsProjection, type StatsVisitorsDoc } from './stats-visitors/stats-visitors.projection';
import { STATS_PAGES, statsPagesProjection, type StatsPagesDoc } from './stats-pages/stats-pages.projection';
import { STATS_RATINGS, statsRatingsProjection, type StatsRatingsDoc } from './stats-ratings/stats-ratings.projection';
import { INVITATION_FUNNEL, invitationFunnelProjection, type InvitationFunnelDoc } from './invitation-funnel/invitation-funnel.projection';
import { TEAM_AGENTS, TEAM_AGENT_DAYS, teamMonitorProjection, type TeamAgentDayDoc, type TeamAgentDoc } from './team-monitor/team-monitor.projection';
import { encodeKey, localSlot } from './local-time';

const ORG = 'org-1';
const SITE = 'site-1';
let position = 0;

function recorded(type: string, data: Record<string, unknown>): RecordedEvent {
  position++;
  return { id: `e${position}`, type, data, metadata: { occurredAt: String(data['at'] ?? '') }, streamId: 's', revision: 0, position };
}

async function project(p: Projection, events: RecordedEvent[], store: ReadStore = new MemoryReadStore()): Promise<ReadStore> {
  for (const e of events) if (p.handles.includes(e.type)) await p.apply(e, store);
  return store;
}

async function snapshot(store: ReadStore, p: Projection): Promise<Record<string, Doc[]>> {
  const out: Record<string, Doc[]> = {};
  for (const c of p.collections) out[c] = await store.find(c, {}, { sort: { _id: 1 } });
  return out;
}

const site = (timeZone: string) =>
  recorded('SiteCreated', {
    orgId: ORG,
    siteId: SITE,
    name: 's',
    url: 'https://a.cn',
    language: 'zh-CN',
    timeZone,
    allowedDomains: ['a.cn'],
    createdAt: '2026-01-01T00:00:00Z',
  });
const visitStarted = (visitId: string, visitorId: string, at: string, extra: Record<string, unknown> = {}) =>
  recorded('VisitStarted', {
    orgId: ORG,
    siteId: SITE,
    visitId,
    visitorId,
    returning: false,
    entryUrl: 'https://a.cn/',
    entryTitle: '首页',
    referrer: '',
    userAgent: '',
    ip: '',
    startedAt: at,
    visitorKind: 'new',
    region: { country: '中国', province: '江苏省', city: '南京市', isp: '电信' },
    source: { kind: 'search', host: 'www.baidu.com', engine: 'baidu', keyword: '客服系统' },
    device: { type: 'mobile', os: 'iOS', browser: 'WeChat' },
    ...extra,
  });
const pageViewed = (visitId: string, visitorId: string, url: string, at: string) =>
  recorded('PageViewed', { orgId: ORG, siteId: SITE, visitId, visitorId, url, title: url, at });
const chatRequested = (chatId: string, visitId: string, visitorId: string, at: string, extra: Record<string, unknown> = {}) =>
  recorded('ChatRequested', {
    orgId: ORG,
    siteId: SITE,
    chatId,
    visitorId,
    visitId,
    visitorName: '#ABC',
    page: { url: 'https://a.cn/pricing', title: '价格' },
    requestedAt: at,
    ...extra,
  });

describe('local hour buckets (J1–J6, DST-correct)', () => {
  it('puts an instant in the local day and hour of the site, across the New York DST change', () => {
    expect(localSlot('2026-03-01T16:30:00.000Z', 'Asia/Shanghai')).toEqual({ day: '2026-03-02', hour: '00' });
    // 2026-03-08 02:00 EST → 03:00 EDT: 06:59Z is 01:59 EST, 07:00Z is 03:00 EDT.
    expect(localSlot('2026-03-08T06:59:00.000Z', 'America/New_York')).toEqual({ day: '2026-03-08', hour: '01' });
    expect(localSlot('2026-03-08T07:00:00.000Z', 'America/New_York')).toEqual({ day: '2026-03-08', hour: '03' });
    // Half-hour offsets (India +05:30): 10:29Z is 15:59, 10:30Z is 16:00.
    expect(localSlot('2026-03-08T10:29:00.000Z', 'Asia/Kolkata').hour).toBe('15');
    expect(localSlot('2026-03-08T10:30:00.000Z', 'Asia/Kolkata').hour).toBe('16');
  });
});

describe('K3 projections of issue 6: given events → documents', () => {
  it('J1 counts visits, chats and kinds per local hour, and keeps visitor ids for exact uniques', async () => {
    const store = await project(statsVisitorsProjection, [
      site('Asia/Shanghai'),
      visitStarted('v1', 'alice', '2026-03-02T01:10:00.000Z'),
      visitStarted('v2', 'alice', '2026-03-02T01:40:00.000Z'),
      visitStarted('v3', 'bob', '2026-03-02T02:05:00.000Z'),
      chatRequested('c1', 'v3', 'bob', '2026-03-02T02:06:00.000Z'),
      visitStarted('v4', 'bob', '2026-03-02T03:00:00.000Z', { returning: true, visitorKind: 'returning' }),
    ]);
    const day = await store.get<StatsVisitorsDoc>(STATS_VISITORS, `${SITE}|2026-03-02`);
    expect(day?.h).toEqual({
      '09': { visits: 2, kinds: { new: 2 } },
      '10': { visits: 1, kinds: { new: 1 }, chats: 1 },
      // bob chatted before: his next visit is an "intent" visit.
      '11': { visits: 1, kinds: { intent: 1 } },
    });
    const unique = await store.get(STATS_VISITORS_UNIQUE, `${SITE}|2026-03-02`);
    expect(unique?.['h']).toEqual({ '09': ['alice'], '10': ['bob'], '11': ['bob'] });
  });

  it('J2 measures the time on a page up to the next page view, in the hour the page was viewed', async () => {
    const store = await project(statsPagesProjection, [
      site('Asia/Shanghai'),
      pageViewed('v1', 'a', 'https://a.cn/pricing?utm_source=x#top', '2026-03-02T01:59:00.000Z'),
      pageViewed('v1', 'a', 'https://a.cn/contact', '2026-03-02T02:01:30.000Z'),
      chatRequested('c1', 'v1', 'a', '2026-03-02T02:02:00.000Z', { page: { url: 'https://a.cn/contact', title: '联系' } }),
    ]);
    const doc = await store.get<StatsPagesDoc>(STATS_PAGES, `${SITE}|2026-03-02`);
    expect(doc?.h?.['09']?.[encodeKey('https://a.cn/pricing')]).toEqual({ views: 1, timeMs: 150_000, timed: 1 });
    expect(doc?.h?.['10']?.[encodeKey('https://a.cn/contact')]).toEqual({ views: 1, chats: 1 });
  });

  it('J6 keeps only the latest score of a chat rated twice', async () => {
    const rated = (score: number, at: string) =>
      recorded('ChatRated', { orgId: ORG, siteId: SITE, chatId: 'c1', agentId: 'ag', visitorId: 'x', score, suggestion: '', at });
    const store = await project(statsRatingsProjection, [site('UTC'), rated(2, '2026-03-02T01:00:00.000Z'), rated(5, '2026-03-03T01:00:00.000Z')]);
    expect((await store.get<StatsRatingsDoc>(STATS_RATINGS, `${SITE}|2026-03-02`))?.h?.['01']).toEqual({
      n: 0,
      sum: 0,
      s: { '2': 0 },
      a: { ag: { n: 0, sum: 0, s: { '2': 0 } } },
    });
    expect((await store.get<StatsRatingsDoc>(STATS_RATINGS, `${SITE}|2026-03-03`))?.h?.['01']).toEqual({
      n: 1,
      sum: 5,
      s: { '5': 1 },
      a: { ag: { n: 1, sum: 5, s: { '5': 1 } } },
    });
  });

  it('★ funnel: sent → accepted → chat → rated, all in the hour the invitation was sent', async () => {
    const ids = { orgId: ORG, siteId: SITE, visitId: 'v1', visitorId: 'a' };
    const store = await project(invitationFunnelProjection, [
      site('UTC'),
      recorded('InvitationSent', { ...ids, invitationId: 'i1', by: { kind: 'rule', rule: '停留30秒' }, at: '2026-03-02T08:59:00.000Z' }),
      recorded('InvitationSent', { ...ids, invitationId: 'i2', by: { kind: 'agent', agentId: 'ag' }, at: '2026-03-02T08:59:30.000Z' }),
      chatRequested('c1', 'v1', 'a', '2026-03-02T09:00:10.000Z', { invitationId: 'i1' }),
      recorded('InvitationAccepted', { ...ids, invitationId: 'i1', chatId: 'c1', at: '2026-03-02T09:00:10.000Z' }),
      recorded('InvitationDeclined', { ...ids, invitationId: 'i2', at: '2026-03-02T09:00:20.000Z' }),
      recorded('ChatRated', {
        orgId: ORG,
        siteId: SITE,
        chatId: 'c1',
        agentId: 'ag',
        visitorId: 'a',
        score: 5,
        suggestion: '',
        at: '2026-03-02T09:30:00.000Z',
      }),
    ]);
    const doc = await store.get<InvitationFunnelDoc>(INVITATION_FUNNEL, `${SITE}|2026-03-02`);
    expect(doc?.h?.['08']).toEqual({
      [encodeKey('rule:停留30秒')]: { sent: 1, chats: 1, accepted: 1, rated: 1 },
      [encodeKey('agent:ag')]: { sent: 1, declined: 1 },
    });
  });

  it('I4 team monitor: chats now, first response and handle time per agent and day', async () => {
    const chat = { orgId: ORG, siteId: SITE, chatId: 'c1' };
    const store = await project(teamMonitorProjection, [
      site('UTC'),
      recorded('UserRegistered', {
        userId: 'ag',
        orgId: ORG,
        email: 'a@b.c',
        name: '小王',
        roles: ['agent'],
        passwordHash: 'x',
        registeredAt: '2026-03-01T00:00:00.000Z',
      }),
      recorded('AgentStatusChanged', { userId: 'ag', orgId: ORG, status: 'online', previous: 'offline', reason: 'chosen', at: '2026-03-02T08:00:00.000Z' }),
      recorded('ChatAssigned', { ...chat, agentId: 'ag', agentName: '小王', at: '2026-03-02T09:00:00.000Z' }),
      recorded('MessagePosted', { ...chat, messageId: 'm1', from: { role: 'agent', id: 'ag', name: '小王' }, text: '您好', at: '2026-03-02T09:00:12.000Z' }),
      recorded('MessagePosted', { ...chat, messageId: 'm2', from: { role: 'agent', id: 'ag', name: '小王' }, text: '在吗', at: '2026-03-02T09:01:00.000Z' }),
    ]);
    expect(await store.get<TeamAgentDoc>(TEAM_AGENTS, 'ag')).toMatchObject({ name: '小王', status: 'online', chatsNow: 1 });
    await project(
      teamMonitorProjection,
      [recorded('ChatClosed', { ...chat, by: { role: 'agent', id: 'ag', name: '小王' }, reason: 'closed_by_agent', at: '2026-03-02T09:10:00.000Z' })],
      store,
    );
    expect(await store.get<TeamAgentDoc>(TEAM_AGENTS, 'ag')).toMatchObject({ chatsNow: 0 });
    expect(await store.get<TeamAgentDayDoc>(TEAM_AGENT_DAYS, `ag|${SITE}|2026-03-02`)).toMatchObject({
      chats: 1,
      firstResponseMs: 12_000,
      firstResponses: 1,
      handleMs: 600_000,
      handled: 1,
    });
  });

  it('I4 team monitor: an agent first seen in an assignment counts one chat now, under the nickname visitors see', async () => {
    const chat = { orgId: ORG, siteId: SITE, chatId: 'c9' };
    const store = await project(teamMonitorProjection, [
      site('UTC'),
      recorded('UserRegistered', {
        userId: 'own',
        orgId: ORG,
        email: 'o@b.c',
        name: 'owner',
        roles: ['owner'],
        passwordHash: 'x',
        registeredAt: '2026-03-01T00:00:00.000Z',
      }),
      recorded('AgentAssignedToSite', { orgId: ORG, siteId: SITE, userId: 'own', nickname: '小王', assignedAt: '2026-03-01T00:01:00.000Z' }),
      recorded('ChatAssigned', { ...chat, agentId: 'new', agentName: '小李', at: '2026-03-02T09:00:00.000Z' }),
    ]);
    expect(await store.get<TeamAgentDoc>(TEAM_AGENTS, 'new')).toMatchObject({ name: '小李', chatsNow: 1 });
    expect(await store.get<TeamAgentDoc>(TEAM_AGENTS, 'own')).toMatchObject({ name: '小王' });
  });

  it('I5 chat records: category, rating, transfer, searchable texts and the visit exit time', async () => {
    const chat = { orgId: ORG, siteId: SITE, chatId: 'c1' };
    const store = await project(chatRecordsProjection, [
      visitStarted('v1', 'a', '2026-03-02T09:00:00.000Z'),
      chatRequested('c1', 'v1', 'a', '2026-03-02T09:01:00.000Z'),
      recorded('ChatAssigned', { ...chat, agentId: 'ag', agentName: '小王', at: '2026-03-02T09:01:01.000Z' }),
      recorded('MessagePosted', {
        ...chat,
        messageId: 'm1',
        from: { role: 'visitor', id: 'a', name: '#ABC' },
        text: '请问ＶＩＰ套餐多少钱',
        at: '2026-03-02T09:02:00.000Z',
      }),
      recorded('ChatTransferred', {
        ...chat,
        fromAgentId: 'ag',
        fromAgentName: '小王',
        toAgentId: 'ag2',
        toAgentName: '小李',
        reason: '价格',
        at: '2026-03-02T09:03:00.000Z',
      }),
      recorded('ChatCategorised', { ...chat, category: '售前咨询', by: 'ag2', at: '2026-03-02T09:04:00.000Z' }),
      recorded('ChatClosed', { ...chat, by: { role: 'agent', id: 'ag2', name: '小李' }, reason: 'closed_by_agent', at: '2026-03-02T09:05:00.000Z' }),
      recorded('ChatRated', { ...chat, agentId: 'ag2', visitorId: 'a', score: 4, suggestion: '不错', at: '2026-03-02T09:06:00.000Z' }),
      recorded('VisitEnded', { orgId: ORG, siteId: SITE, visitId: 'v1', visitorId: 'a', endedAt: '2026-03-02T09:20:00.000Z', reason: 'closed' }),
    ]);
    const doc = await store.get<ChatRecordDoc>(CHAT_RECORDS, 'c1');
    expect(doc).toMatchObject({
      status: 'closed',
      agent: { id: 'ag2', name: '小李' },
      agentIds: ['ag', 'ag2'],
      category: '售前咨询',
      rating: { score: 4, suggestion: '不错' },
      transfers: 1,
      messageCount: 1,
      visit: { exitAt: '2026-03-02T09:20:00.000Z', source: { engine: 'baidu', keyword: '客服系统' }, region: { city: '南京市' } },
    });
    // Full-width letters are stored in their ASCII form, lower-cased: "vip" finds "ＶＩＰ".
    expect(doc?.search).toContain('请问vip套餐多少钱');
  });

  it('B1 live visitors: current page and chat state; an ended visit leaves the live home', async () => {
    const store = await project(liveVisitorsProjection, [
      visitStarted('v1', 'a', '2026-03-02T09:00:00.000Z'),
      pageViewed('v1', 'a', 'https://a.cn/', '2026-03-02T09:00:00.000Z'),
      pageViewed('v1', 'a', 'https://a.cn/pricing', '2026-03-02T09:01:00.000Z'),
      chatRequested('c1', 'v1', 'a', '2026-03-02T09:02:00.000Z'),
      recorded('ChatAssigned', { orgId: ORG, siteId: SITE, chatId: 'c1', agentId: 'ag', agentName: '小王', at: '2026-03-02T09:02:01.000Z' }),
    ]);
    expect(await store.get(LIVE_VISITORS, 'v1')).toMatchObject({
      kind: 'intent',
      pages: 2,
      currentPage: { url: 'https://a.cn/pricing', since: '2026-03-02T09:01:00.000Z' },
      chatState: 'chatting',
      chatId: 'c1',
      agentId: 'ag',
      region: { province: '江苏省' },
    });
    await project(
      liveVisitorsProjection,
      [recorded('VisitEnded', { orgId: ORG, siteId: SITE, visitId: 'v1', visitorId: 'a', endedAt: '2026-03-02T09:30:00.000Z', reason: 'closed' })],
      store,
    );
    expect(await store.count(LIVE_VISITORS)).toBe(0);
  });
});

describe('K3 working documents of a visit end with the visit', () => {
  const withVisitDocs = [
    chatRecordsProjection,
    ...reportingProjections.filter((p) => ['stats-pages', 'stats-sources', 'stats-keywords', 'stats-regions'].includes(p.name)),
  ];
  const visit = () => {
    const chat = { orgId: ORG, siteId: SITE, chatId: 'c1' };
    return [
      site('Asia/Shanghai'),
      visitStarted('v1', 'a', '2026-03-02T09:00:00.000Z'),
      pageViewed('v1', 'a', 'https://a.cn/', '2026-03-02T09:00:00.000Z'),
      pageViewed('v1', 'a', 'https://a.cn/pricing', '2026-03-02T09:01:00.000Z'),
      chatRequested('c1', 'v1', 'a', '2026-03-02T09:02:00.000Z'),
      recorded('ChatAssigned', { ...chat, agentId: 'ag', agentName: '小王', at: '2026-03-02T09:02:01.000Z' }),
      pageViewed('v1', 'a', 'https://a.cn/buy', '2026-03-02T09:04:00.000Z'),
      recorded('VisitEnded', { orgId: ORG, siteId: SITE, visitId: 'v1', visitorId: 'a', endedAt: '2026-03-02T09:20:00.000Z', reason: 'closed' }),
    ];
  };

  it.each(withVisitDocs.map((p) => [p.name, p] as const))(
    '%s: only open visits are kept, and replaying an ended visit from any event changes nothing',
    async (_name, p) => {
      const events = visit();
      const store = await project(p, events);
      const visitCollection = p.collections.find((c) => c.endsWith('_visits'))!;
      expect(await store.count(visitCollection)).toBe(0);
      const done = await snapshot(store, p);
      // The report itself is there (a bucket, or the chat record with its visit's exit time).
      expect(Object.values(done).some((docs) => docs.length > 0)).toBe(true);
      // A restart re-applies from its last checkpoint, which may lie anywhere before the end of the visit.
      for (let from = 1; from < events.length; from++) {
        await project(p, events.slice(from), store);
        expect(await snapshot(store, p)).toEqual(done);
      }
    },
  );

  it('J2: the last page of a visit has no time on page; the ones before it do', async () => {
    const store = await project(statsPagesProjection, visit());
    const bucket = (await store.find<StatsPagesDoc>(STATS_PAGES, {}))[0]!;
    const hour = bucket.h!['17']!;
    expect(hour[encodeKey('https://a.cn/')]).toMatchObject({ views: 1, timeMs: 60_000, timed: 1 });
    expect(hour[encodeKey('https://a.cn/pricing')]).toMatchObject({ views: 1, chats: 1, timeMs: 180_000, timed: 1 });
    expect(hour[encodeKey('https://a.cn/buy')]).toEqual({ views: 1 });
  });
});

describe('K3 every read model of issue 6: applying an event twice changes nothing', () => {
  const history: RecordedEvent[] = [];
  beforeAll(() => {
    let p = 0;
    for (const { streamId, event } of generateTraffic({ seed: 7, days: 2, sites: 2, visitsPerDay: 120 })) {
      const e: NewEvent = event;
      history.push({ ...e, data: JSON.parse(JSON.stringify(e.data)) as unknown, streamId, revision: 0, position: ++p });
    }
  });

  it.each([chatRecordsProjection, ...reportingProjections].map((p) => [p.name, p] as const))('%s', async (_name, p) => {
    const once = new MemoryReadStore();
    const twice = new MemoryReadStore();
    for (const e of history) {
      if (!p.handles.includes(e.type)) continue;
      await p.apply(e, once);
      await p.apply(e, twice);
      await p.apply(e, twice);
    }
    const a = await snapshot(once, p);
    expect(Object.values(a).some((docs) => docs.length > 0)).toBe(true);
    expect(await snapshot(twice, p)).toEqual(a);
  });
});
