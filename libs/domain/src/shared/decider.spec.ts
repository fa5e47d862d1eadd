import { presence, type PresenceEvent } from '../presence/presence';
import { fold, streamName } from './decider';

const changed = (previous: PresenceEvent['data']['previous'], status: PresenceEvent['data']['status']): PresenceEvent => ({
  type: 'AgentStatusChanged',
  data: {
    userId: 'agent-1',
    orgId: 'org-1',
    status,
    previous,
    reason: 'chosen',
    at: '2024-05-01T08:00:00.000Z',
  },
});

describe('fold (K1 state is rebuilt from the recorded events)', () => {
  it('gives the initial state when nothing was recorded', () => expect(fold(presence, [])).toEqual({ status: 'offline' }));

  it('applies events in the order they were recorded', () => {
    expect(fold(presence, [changed('offline', 'online'), changed('online', 'away')])).toEqual({ status: 'away' });
    expect(fold(presence, [changed('online', 'away'), changed('offline', 'online')])).toEqual({ status: 'online' });
  });

  it('does not change the initial state it starts from', () => {
    fold(presence, [changed('offline', 'online')]);
    expect(presence.initialState).toEqual({ status: 'offline' });
  });
});

describe('streamName (K1 one stream per aggregate)', () => {
  it('joins the prefix and the id with a dash', () => expect(streamName('chat', 'abc')).toBe('chat-abc'));
});
