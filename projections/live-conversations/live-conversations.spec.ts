import type { RecordedEvent } from '@kefu/event-store';
import { MemoryReadStore, type ReadStore } from '@kefu/read-store';
import {
  LIVE_CHATS,
  LIVE_VISITS,
  liveConversationsProjection,
  toLiveChatSummary,
  toLiveVisit,
  type LiveChatDoc,
  type LiveVisitDoc,
} from './live-conversations.projection';

const ids = { orgId: 'org-1', siteId: 'site-1' };
let position = 0;
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => {
  position++;
  return { id: `e${position}`, type, data: { ...ids, ...data }, metadata: { occurredAt: '' }, streamId: 's', revision: 0, position };
};

async function project(events: RecordedEvent[], store: ReadStore = new MemoryReadStore()): Promise<ReadStore> {
  for (const e of events) await liveConversationsProjection.apply(e, store);
  return store;
}

const story = () => [
  recorded('VisitStarted', {
    visitId: 'v1',
    visitorId: 'aaaaaaaa-0000-0000-0000-00000000abcd',
    returning: false,
    visitorKind: 'new',
    entryUrl: 'https://a.cn/',
    entryTitle: '首页',
    referrer: '',
    userAgent: '',
    ip: '1.1.1.1',
    startedAt: 'T0',
    region: { country: '中国', province: '江苏省', city: '南京市', isp: '' },
    source: { kind: 'direct', host: '', engine: '', keyword: '' },
    device: { type: 'desktop', os: 'Windows 10', browser: 'Chrome 124' },
  }),
  recorded('PageViewed', { visitId: 'v1', visitorId: 'x', url: 'https://a.cn/', title: '首页', at: 'T0' }),
  recorded('PageViewed', { visitId: 'v1', visitorId: 'x', url: 'https://a.cn/p/1', title: '商品', at: 'T1' }),
  recorded('InvitationSent', { visitId: 'v1', visitorId: 'x', invitationId: 'i1', by: { kind: 'agent', agentId: 'ann' }, greeting: '', at: 'T2' }),
  recorded('InvitationAccepted', { visitId: 'v1', visitorId: 'x', invitationId: 'i1', chatId: 'c1', at: 'T3' }),
  recorded('ChatRequested', {
    chatId: 'c1',
    visitorId: 'x',
    visitId: 'v1',
    visitorName: '#00ABCD',
    page: { url: 'https://a.cn/p/1', title: '商品' },
    requestedAt: 'T3',
    invitationId: 'i1',
  }),
  recorded('ChatAssigned', { chatId: 'c1', agentId: 'ann', agentName: '安娜', at: 'T3' }),
  recorded('MessagePosted', { chatId: 'c1', messageId: 'm1', from: { role: 'visitor', id: 'x', name: '' }, text: 'hi', at: 'T4' }),
  recorded('ChatTransferred', { chatId: 'c1', fromAgentId: 'ann', fromAgentName: '安娜', toAgentId: 'bob', toAgentName: '鲍勃', reason: '退货', at: 'T5' }),
  recorded('ChatCategorised', { chatId: 'c1', category: '售后', by: 'bob', at: 'T6' }),
  recorded('ChatClosed', { chatId: 'c1', by: { role: 'agent', id: 'bob', name: '鲍勃' }, reason: 'closed_by_agent', at: 'T7' }),
  recorded('ChatRated', { chatId: 'c1', agentId: 'bob', visitorId: 'x', score: 4, suggestion: '好', at: 'T8' }),
  recorded('VisitEnded', { visitId: 'v1', visitorId: 'x', endedAt: 'T9', reason: 'closed' }),
];

describe('live-conversations projection (B1 B3 the agent workspace live views; B8 B11 I7 chat summaries)', () => {
  it('keeps the visit with its page trail, invitation counts and chat state', async () => {
    const store = await project(story());
    const visit = toLiveVisit((await store.get<LiveVisitDoc>(LIVE_VISITS, 'v1'))!);
    expect(visit).toMatchObject({
      visitorName: '#00ABCD',
      kind: 'new',
      pages: 2,
      currentPage: { url: 'https://a.cn/p/1', title: '商品', since: 'T1' },
      region: { province: '江苏省' },
      chatState: 'chatted',
      chatId: 'c1',
      agentId: 'bob',
      invitationsSent: 1,
      online: false,
      endedAt: 'T9',
    });
    expect(visit.trail.map((p) => p.title)).toEqual(['首页', '商品']);
    expect(visit.invitation).toBeUndefined();
  });

  it('keeps the chat summary with its transfer, category and rating', async () => {
    const store = await project(story());
    const chat = toLiveChatSummary((await store.get<LiveChatDoc>(LIVE_CHATS, 'c1'))!);
    expect(chat).toMatchObject({
      status: 'closed',
      agent: { id: 'bob', name: '鲍勃' },
      lastTransfer: { from: { name: '安娜' }, to: { name: '鲍勃' }, reason: '退货' },
      transfers: 1,
      category: '售后',
      rating: { score: 4, suggestion: '好' },
      messageCount: 1,
      invitationId: 'i1',
    });
    expect(chat).not.toHaveProperty('formerAgentIds');
    expect(chat).not.toHaveProperty('_position');
  });

  it('changes nothing when the same events are applied again (rebuild == live)', async () => {
    const events = story();
    const store = await project(events);
    const once = [await store.find(LIVE_CHATS), await store.find(LIVE_VISITS)];
    await project(events, store);
    expect([await store.find(LIVE_CHATS), await store.find(LIVE_VISITS)]).toEqual(once);
  });
});
