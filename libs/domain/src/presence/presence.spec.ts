import { given } from '../testing/given';
import { presence, type AgentStatus, type PresenceCommand, type PresenceEvent } from './presence';

const NOW = '2024-05-01T08:00:00.000Z';

const setStatus = (status: AgentStatus, reason?: 'chosen' | 'disconnected'): PresenceCommand => ({
  type: 'SetAgentStatus',
  userId: 'agent-1',
  orgId: 'org-1',
  status,
  ...(reason ? { reason } : {}),
  now: NOW,
});

const changed = (previous: AgentStatus, status: AgentStatus, reason: 'chosen' | 'disconnected' = 'chosen'): PresenceEvent => ({
  type: 'AgentStatusChanged',
  data: {
    userId: 'agent-1',
    orgId: 'org-1',
    status,
    previous,
    reason,
    at: NOW,
  },
});

describe('presence decider (B10 status: online, away, busy, offline)', () => {
  it('starts offline: an agent who never signed in is not online', () => expect(presence.initialState).toEqual({ status: 'offline' }));

  it('goes online and records the status it left', () =>
    given(presence)
      .when(setStatus('online'))
      .then([changed('offline', 'online')]));

  it.each<[AgentStatus, AgentStatus]>([
    ['online', 'away'],
    ['online', 'busy'],
    ['away', 'busy'],
    ['busy', 'online'],
    ['away', 'online'],
    ['online', 'offline'],
  ])('switches from %s to %s', (from, to) =>
    given(presence, changed('offline', 'online'), ...(from === 'online' ? [] : [changed('online', from)]))
      .when(setStatus(to))
      .then([changed(from, to)]),
  );

  it.each<AgentStatus>(['online', 'away', 'busy'])('answers choosing the current status (%s) again with nothing new', (status) =>
    given(presence, changed('offline', status)).when(setStatus(status)).then([]),
  );

  it('answers going offline while already offline with nothing new', () => given(presence).when(setStatus('offline')).then([]));

  it('records that an agent went offline because the browser was closed (grace period over)', () =>
    given(presence, changed('offline', 'online'))
      .when(setStatus('offline', 'disconnected'))
      .then([changed('online', 'offline', 'disconnected')]));

  it('refuses an unknown status and lists the allowed ones', () =>
    given(presence)
      .when(setStatus('lunch' as AgentStatus))
      .thenThrows('INVALID', 'online, away, busy, offline'));
});
