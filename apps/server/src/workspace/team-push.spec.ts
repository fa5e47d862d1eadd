import { randomUUID } from 'node:crypto';
import type { Namespace } from 'socket.io';
import { agentOrgRoom, type WorkspaceTeamSiteView } from '@kefu/contracts';
import { MemoryEventStore } from '@kefu/event-store';
import { MemoryReadStore } from '@kefu/read-store';
import { SITES, TEAM_AGENTS } from '@kefu/projections';
import { siteAgentsRoom } from '../conversations/fanout';
import type { ProjectorService } from '../platform/projector.service';
import { TeamPush } from './team-push';

const until = async (check: () => boolean, ms = 2000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('workspace team pushes (B1 I4): no work for an organisation without an agent connected here', () => {
  it('reads and pushes nothing while nobody of the organisation is connected, then pushes the sites of the agent who changed', async () => {
    const events = new MemoryEventStore();
    const reads = new MemoryReadStore();
    await reads.update(
      SITES,
      's1',
      { $set: { siteId: 's1', orgId: 'o1', name: '演示商城', createdAt: 'T0', agents: { ann: { nickname: '安娜', assignedAt: 'T0', maxChats: 2 } } } },
      { upsert: true },
    );
    await reads.update(
      TEAM_AGENTS,
      'ann',
      { $set: { agentId: 'ann', orgId: 'o1', name: '安娜', status: 'away', statusSince: 'T1', chatsNow: 0 } },
      { upsert: true },
    );
    const find = jest.spyOn(reads, 'find');
    const waitFor = jest.fn(async () => undefined);
    const push = new TeamPush(events, reads, { projector: { waitFor } } as unknown as ProjectorService);
    const rooms = new Map<string, Set<string>>();
    const pushed: { rooms: string[]; site: WorkspaceTeamSiteView }[] = [];
    push.attach({
      adapter: { rooms },
      local: { to: (to: string[]) => ({ emit: (_event: string, site: WorkspaceTeamSiteView) => pushed.push({ rooms: to, site }) }) },
    } as unknown as Namespace);
    await push.onApplicationBootstrap();
    const statusChanged = () =>
      events.append(
        'agent-ann',
        [{ id: randomUUID(), type: 'AgentStatusChanged', data: { orgId: 'o1', userId: 'ann', status: 'away', at: 'T1' }, metadata: { occurredAt: 'T1' } }],
        'any',
      );

    try {
      await statusChanged();
      await new Promise((r) => setTimeout(r, 50));
      expect([waitFor.mock.calls.length, find.mock.calls.length, pushed.length]).toEqual([0, 0, 0]);

      rooms.set(agentOrgRoom('o1'), new Set(['socket-1']));
      await statusChanged();
      await until(() => pushed.length > 0);
      expect(pushed[0]?.rooms).toEqual([siteAgentsRoom('s1')]);
      expect(pushed[0]?.site).toMatchObject({ siteId: 's1', siteName: '演示商城', agents: [{ agentId: 'ann', name: '安娜', status: 'away', cap: 2 }] });
    } finally {
      await push.onApplicationShutdown();
    }
  });
});
