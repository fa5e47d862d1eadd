import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { dataOf } from '../event-data';

export const AGENT_PRESENCE = 'agent_presence';

export interface PresenceDoc extends Doc {
  userId: string;
  orgId: string;
  status: 'online' | 'away' | 'busy' | 'offline';
  since: string;
}

/** Each agent's current status (B10); routing reads it to know who is online. */
export const presenceProjection = projection({
  name: 'presence',
  version: 1,
  handles: ['AgentStatusChanged'],
  collections: [AGENT_PRESENCE],
  async apply(e, store) {
    const d = dataOf(e, 'AgentStatusChanged');
    await store.update(
      AGENT_PRESENCE,
      d.userId,
      { $set: { userId: d.userId, orgId: d.orgId, status: d.status, since: d.at } },
      { upsert: true, atPosition: e.position },
    );
  },
});
