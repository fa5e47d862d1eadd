import type { RecordedEvent } from '@kefu/event-store';
import { MemoryReadStore, type ReadStore } from '@kefu/read-store';
import { agentSiteId, TEAM_AGENT_SITES, TEAM_QUEUE, teamMonitorProjection, type TeamAgentSiteDoc, type TeamQueuedChatDoc } from './team-monitor.projection';

let position = 0;
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => {
  position++;
  return {
    id: `e${position}`,
    type,
    data: { orgId: 'org-1', at: '2026-03-01T02:00:00.000Z', ...data },
    metadata: { occurredAt: '' },
    streamId: 's',
    revision: 0,
    position,
  };
};

async function project(events: RecordedEvent[], store: ReadStore = new MemoryReadStore()): Promise<ReadStore> {
  for (const e of events) await teamMonitorProjection.apply(e, store);
  return store;
}

const loadOf = async (store: ReadStore, agentId: string, siteId: string) =>
  (await store.get<TeamAgentSiteDoc>(TEAM_AGENT_SITES, agentSiteId(agentId, siteId)))?.chatsNow ?? 0;
const queueOf = async (store: ReadStore, siteId: string) => (await store.find<TeamQueuedChatDoc>(TEAM_QUEUE, { siteId })).map((q) => q.chatId);

describe('team-monitor projection: load per site and queue for the workspace team panel (B1 I4 D3)', () => {
  const events = [
    recorded('ChatAssigned', { siteId: 's1', chatId: 'c1', agentId: 'ann', agentName: '安娜' }),
    recorded('ChatAssigned', { siteId: 's2', chatId: 'c2', agentId: 'ann', agentName: '安娜' }),
    recorded('ChatQueued', { siteId: 's1', chatId: 'c3', queuePosition: 1, considered: [] }),
    recorded('ChatQueued', { siteId: 's1', chatId: 'c4', queuePosition: 2, considered: [] }),
    recorded('ChatTransferred', { siteId: 's1', chatId: 'c1', fromAgentId: 'ann', toAgentId: 'bob', reason: '' }),
    recorded('ChatRouted', { siteId: 's1', chatId: 'c3', agentId: 'ann', agentName: '安娜', reason: 'only_eligible', considered: [] }),
    recorded('ChatAssigned', { siteId: 's1', chatId: 'c3', agentId: 'ann', agentName: '安娜' }),
    recorded('ChatReleased', { siteId: 's1', chatId: 'c4', agentId: null }),
    recorded('ChatQueued', { siteId: 's1', chatId: 'c5', queuePosition: 1, considered: [] }),
    recorded('ChatClosed', { siteId: 's1', chatId: 'c5', by: { role: 'visitor', id: 'x', name: '' }, reason: 'closed_by_visitor' }),
    recorded('ChatClosed', { siteId: 's2', chatId: 'c2', by: { role: 'agent', id: 'ann', name: '安娜' }, reason: 'closed_by_agent' }),
    recorded('ChatQueued', { siteId: 's1', chatId: 'c6', queuePosition: 1, considered: [] }),
  ];

  it("counts each agent's open chats per site, through transfers and closes, and the chats waiting in each site's queue", async () => {
    const store = await project(events);
    expect([await loadOf(store, 'ann', 's1'), await loadOf(store, 'bob', 's1'), await loadOf(store, 'ann', 's2')]).toEqual([1, 1, 0]);
    expect(await queueOf(store, 's1')).toEqual(['c6']);
    expect(await queueOf(store, 's2')).toEqual([]);
  });

  it('changes nothing when the same events are applied again (restart before the checkpoint)', async () => {
    const store = await project(events);
    await project(events, store);
    expect([await loadOf(store, 'ann', 's1'), await loadOf(store, 'bob', 's1'), await loadOf(store, 'ann', 's2')]).toEqual([1, 1, 0]);
    expect(await queueOf(store, 's1')).toEqual(['c6']);
  });
});
