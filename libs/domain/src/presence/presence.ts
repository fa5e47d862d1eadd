import type { Decider, DomainEvent } from '../shared/decider';
import { invalid } from '../shared/domain-error';

export type AgentStatus = 'online' | 'away' | 'busy' | 'offline';
export const AGENT_STATUSES: readonly AgentStatus[] = ['online', 'away', 'busy', 'offline'];

/** An agent's presence (stream `agent-{userId}`), B10. */
export type PresenceEvent = DomainEvent<
  'AgentStatusChanged',
  { userId: string; orgId: string; status: AgentStatus; previous: AgentStatus; reason: 'chosen' | 'disconnected'; at: string }
>;
export type PresenceCommand = {
  type: 'SetAgentStatus';
  userId: string;
  orgId: string;
  status: AgentStatus;
  reason?: 'chosen' | 'disconnected';
  now: string;
};
export interface PresenceState {
  status: AgentStatus;
}

export const presence: Decider<PresenceCommand, PresenceEvent, PresenceState> = {
  streamPrefix: 'agent',
  initialState: { status: 'offline' },
  decide(cmd, s) {
    if (!AGENT_STATUSES.includes(cmd.status)) throw invalid(`status must be one of ${AGENT_STATUSES.join(', ')}`);
    if (cmd.status === s.status) return [];
    return [
      {
        type: 'AgentStatusChanged',
        data: { userId: cmd.userId, orgId: cmd.orgId, status: cmd.status, previous: s.status, reason: cmd.reason ?? 'chosen', at: cmd.now },
      },
    ];
  },
  evolve(_s, e) {
    return { status: e.data.status };
  },
};
