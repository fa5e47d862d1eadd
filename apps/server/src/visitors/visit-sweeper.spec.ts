import { sweep, type SweepInput } from './visit-sweeper';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const limits = { inactiveMs: 30 * 60_000, closeGraceMs: 30_000, agentGraceMs: 60_000 };
const visit = (visitId: string, lastSeenAt = iso(T0)) => ({ visitId, siteId: 's1', visitorId: `visitor-${visitId}`, lastSeenAt });
const base = (over: Partial<SweepInput> = {}): SweepInput => ({
  now: T0,
  openVisits: [],
  activeAgents: [],
  connected: { visitors: new Set(), unplacedVisitors: new Set(), agents: new Set() },
  localVisits: [],
  armedInvitations: new Set(),
  unseenSince: new Map(),
  limits,
  ...over,
});

describe('sweep decision: timers derived again from read models and sockets (K1 B10 F2)', () => {
  it('ends a visit without a page view for the inactivity limit, connected or not', () => {
    const d = sweep(
      base({
        now: T0 + 30 * 60_000,
        openVisits: [visit('v1'), visit('v2', iso(T0 + 60_000))],
        connected: { visitors: new Set(['visit:v1', 'visit:v2']), unplacedVisitors: new Set<string>(), agents: new Set() },
      }),
    );
    expect(d.endVisits).toEqual([{ visitId: 'v1', reason: 'inactive' }]);
  });

  it('ends a visit with no tab anywhere only after this process saw it without one for the whole grace', () => {
    const first = sweep(base({ openVisits: [visit('v1')] }));
    expect(first.endVisits).toEqual([]);
    expect(first.unseenSince.get('visit:v1')).toBe(T0);

    const early = sweep(base({ now: T0 + 29_000, openVisits: [visit('v1')], unseenSince: first.unseenSince }));
    expect(early.endVisits).toEqual([]);

    const late = sweep(base({ now: T0 + 30_000, openVisits: [visit('v1')], unseenSince: early.unseenSince }));
    expect(late.endVisits).toEqual([{ visitId: 'v1', reason: 'closed' }]);
    expect(late.unseenSince.size).toBe(0);
  });

  it('keeps a visit whose tab came back, or whose visitor reconnected (to any process) and sent no page view yet', () => {
    const unseen = new Map([['visit:v1', T0 - 60_000]]);
    const back = sweep(
      base({
        openVisits: [visit('v1')],
        unseenSince: unseen,
        connected: { visitors: new Set(['visit:v1']), unplacedVisitors: new Set<string>(), agents: new Set() },
      }),
    );
    expect(back.endVisits).toEqual([]);
    expect(back.unseenSince.has('visit:v1')).toBe(false);

    const reconnected = sweep(
      base({
        openVisits: [visit('v1')],
        unseenSince: unseen,
        connected: { visitors: new Set(['visitor:s1:visitor-v1']), unplacedVisitors: new Set(['visitor:s1:visitor-v1']), agents: new Set() },
      }),
    );
    expect(reconnected.endVisits).toEqual([]);
  });

  it('ends a visit whose visitor is still connected only through another tab on a visit of its own', () => {
    const other = { visitId: 'v2', siteId: 's1', visitorId: 'visitor-v1', lastSeenAt: iso(T0) };
    const d = sweep(
      base({
        openVisits: [visit('v1'), other],
        unseenSince: new Map([['visit:v1', T0 - 60_000]]),
        connected: { visitors: new Set(['visit:v2', 'visitor:s1:visitor-v1']), unplacedVisitors: new Set(), agents: new Set() },
      }),
    );
    expect(d.endVisits).toEqual([{ visitId: 'v1', reason: 'closed' }]);
  });

  it('ends nothing for lack of a socket when the sockets could not be listed, and keeps what it had seen', () => {
    const unseen = new Map([
      ['visit:v1', T0 - 60_000],
      ['agent:a1', T0 - 120_000],
    ]);
    const d = sweep(base({ openVisits: [visit('v1')], activeAgents: [{ userId: 'a1', orgId: 'o1' }], connected: undefined, unseenSince: unseen }));
    expect(d.endVisits).toEqual([]);
    expect(d.offlineAgents).toEqual([]);
    expect(d.unseenSince).toEqual(unseen);
  });

  it('sets an agent offline after the grace without a socket anywhere; an agent with a socket stays', () => {
    const agents = [
      { userId: 'a1', orgId: 'o1' },
      { userId: 'a2', orgId: 'o1' },
    ];
    const connected = { visitors: new Set<string>(), unplacedVisitors: new Set<string>(), agents: new Set(['agent:a2']) };
    const first = sweep(base({ activeAgents: agents, connected }));
    expect(first.offlineAgents).toEqual([]);
    const later = sweep(base({ now: T0 + 60_000, activeAgents: agents, connected, unseenSince: first.unseenSince }));
    expect(later.offlineAgents).toEqual([{ userId: 'a1', orgId: 'o1' }]);
  });

  it('re-arms auto-invitations for open visits with a socket here and no timer, not for visits being ended', () => {
    const d = sweep(
      base({
        now: T0 + 30 * 60_000,
        openVisits: [visit('v1', iso(T0 + 29 * 60_000)), visit('v2', iso(T0 + 29 * 60_000)), visit('v3')],
        connected: { visitors: new Set(['visit:v1', 'visit:v2', 'visit:v3']), unplacedVisitors: new Set<string>(), agents: new Set() },
        localVisits: ['v1', 'v2', 'v3', 'ended-elsewhere'],
        armedInvitations: new Set(['v2']),
      }),
    );
    expect(d.rearmInvitations).toEqual(['v1']);
    expect(d.endVisits).toEqual([{ visitId: 'v3', reason: 'inactive' }]);
  });

  it('forgets visits and agents that are no longer open or online', () => {
    const d = sweep(
      base({
        unseenSince: new Map([
          ['visit:gone', T0 - 1],
          ['agent:gone', T0 - 1],
        ]),
      }),
    );
    expect(d.unseenSince.size).toBe(0);
  });
});
