import { docProjection } from '@kefu/projector';
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
export const presenceProjection = docProjection({
  name: 'presence',
  version: 1,
  handles: ['AgentStatusChanged'],
  collections: [AGENT_PRESENCE],
  project(e, docs) {
    const d = dataOf(e, 'AgentStatusChanged');
    const doc = docs.edit<PresenceDoc>(AGENT_PRESENCE, d.userId, e.position, true);
    if (!doc) return;
    doc.userId = d.userId;
    doc.orgId = d.orgId;
    doc.status = d.status;
    doc.since = d.at;
  },
});
