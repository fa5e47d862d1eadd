import { given } from '../testing/given';
import { seatChange, seats, type SeatsEvent } from './seats';

const NOW = '2024-05-01T08:00:00.000Z';
const limitSet = (limit: number | null, previous: number | null = null): SeatsEvent => ({
  type: 'SeatLimitSet',
  data: { orgId: 'org-1', limit, previous, by: 'owner', at: NOW },
});
const taken = (userId: string, inUse: number, limit: number | null = null): SeatsEvent => ({
  type: 'SeatTaken',
  data: { orgId: 'org-1', userId, inUse, limit, at: NOW },
});
const released = (userId: string, inUse: number): SeatsEvent => ({ type: 'SeatReleased', data: { orgId: 'org-1', userId, inUse, at: NOW } });
const take = (userId: string) => ({ type: 'TakeSeat' as const, orgId: 'org-1', userId, now: NOW });
const release = (userId: string) => ({ type: 'ReleaseSeat' as const, orgId: 'org-1', userId, now: NOW });

describe('seats decider (D4/G11 how many agents may be online at once)', () => {
  it('is unlimited by default: any number of agents take a seat', () =>
    given(seats, taken('a', 1), taken('b', 2))
      .when(take('c'))
      .then([taken('c', 3)]));

  it('lets an agent take the last free seat', () =>
    given(seats, limitSet(2), taken('a', 1, 2))
      .when(take('b'))
      .then([taken('b', 2, 2)]));

  it('refuses the agent beyond the limit with a clear message and the numbers', () => {
    given(seats, limitSet(2), taken('a', 1, 2), taken('b', 2, 2))
      .when(take('c'))
      .thenThrows('RULE_VIOLATED', 'all 2 seats of your organisation are in use');
    try {
      seats.decide(take('c'), given(seats, limitSet(1), taken('a', 1, 1)).state);
    } catch (e) {
      expect((e as { details: unknown }).details).toEqual({ reason: 'SEAT_LIMIT', limit: 1, inUse: 1 });
    }
  });

  it('a limit of 0 keeps everybody offline', () => given(seats, limitSet(0)).when(take('a')).thenThrows('RULE_VIOLATED'));

  it('an agent who already holds a seat keeps it (online → away is no new seat)', () =>
    given(seats, limitSet(1), taken('a', 1, 1))
      .when(take('a'))
      .then([]));

  it('a released seat can be taken by the next agent', () =>
    given(seats, limitSet(1), taken('a', 1, 1), released('a', 0))
      .when(take('b'))
      .then([taken('b', 1, 1)]));

  it('releases a held seat, and records nothing for an agent who holds none', () => {
    given(seats, taken('a', 1), taken('b', 2))
      .when(release('a'))
      .then([released('a', 1)]);
    given(seats, taken('a', 1)).when(release('b')).then([]);
  });

  it('sets, changes and removes the limit', () => {
    given(seats)
      .when({ type: 'SetSeatLimit', orgId: 'org-1', limit: 5, by: 'owner', now: NOW })
      .then([limitSet(5)]);
    given(seats, limitSet(5))
      .when({ type: 'SetSeatLimit', orgId: 'org-1', limit: null, by: 'owner', now: NOW })
      .then([limitSet(null, 5)]);
    given(seats, limitSet(5)).when({ type: 'SetSeatLimit', orgId: 'org-1', limit: 5, by: 'owner', now: NOW }).then([]);
  });

  it('lowering the limit below the seats in use signs nobody out; new agents wait', () => {
    const state = given(seats, taken('a', 1), taken('b', 2), limitSet(1)).state;
    expect(Object.keys(state.holders)).toEqual(['a', 'b']);
    given(seats, taken('a', 1), taken('b', 2), limitSet(1)).when(take('c')).thenThrows('RULE_VIOLATED');
    given(seats, taken('a', 1), taken('b', 2), limitSet(1), released('a', 1)).when(take('c')).thenThrows('RULE_VIOLATED');
  });

  it.each([[-1], [1.5], [100_001]])('refuses the limit %p', (limit) =>
    given(seats).when({ type: 'SetSeatLimit', orgId: 'org-1', limit, by: 'owner', now: NOW }).thenThrows('INVALID', 'whole number'),
  );

  it('seatChange: offline → online/away/busy takes a seat, any status → offline releases it, the rest neither', () => {
    expect(['online', 'away', 'busy'].map((s) => seatChange('offline', s))).toEqual(['take', 'take', 'take']);
    expect(['online', 'away', 'busy'].map((s) => seatChange(s, 'offline'))).toEqual(['release', 'release', 'release']);
    expect(seatChange('online', 'away')).toBeUndefined();
    expect(seatChange('offline', 'offline')).toBeUndefined();
  });
});
