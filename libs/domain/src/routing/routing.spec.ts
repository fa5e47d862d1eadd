import type { AgentStatus } from '../presence/presence';
import { given } from '../testing/given';
import {
  loadOf,
  queuePositionOf,
  routing,
  type ChoiceReason,
  type ConsideredAgent,
  type Exclusion,
  type RoutingCandidate,
  type RoutingCommand,
  type RoutingEvent,
} from './routing';

const T0 = '2024-05-01T08:00:00.000Z';
const T1 = '2024-05-01T08:01:00.000Z';
const T2 = '2024-05-01T08:02:00.000Z';
const T3 = '2024-05-01T08:03:00.000Z';
const NOW = '2024-05-01T09:00:00.000Z';

const site = { orgId: 'org-1', siteId: 'site-1' };

const names: Record<string, string> = {
  ann: 'Ann',
  bob: 'Bob',
  cai: 'Cai',
  dan: 'Dan',
};
const agent = (agentId: string, status: AgentStatus = 'online', cap?: number): RoutingCandidate => ({
  agentId,
  name: names[agentId] ?? agentId,
  status,
  ...(cap === undefined ? {} : { cap }),
});
const considered = (agentId: string, status: AgentStatus, load: number, cap: number | null, excluded?: Exclusion): ConsideredAgent => ({
  agentId,
  status,
  load,
  cap,
  ...(excluded ? { excluded } : {}),
});

const routeChat = (chatId: string, candidates: RoutingCandidate[], now = NOW): Extract<RoutingCommand, { type: 'RouteChat' }> => ({
  type: 'RouteChat',
  ...site,
  chatId,
  candidates,
  now,
});
const releaseChat = (chatId: string, candidates: RoutingCandidate[], now = NOW): RoutingCommand => ({
  type: 'ReleaseChat',
  ...site,
  chatId,
  candidates,
  now,
});

const routed = (chatId: string, agentId: string, reason: ChoiceReason, consideredAgents: ConsideredAgent[], at = NOW): RoutingEvent => ({
  type: 'ChatRouted',
  data: {
    ...site,
    chatId,
    agentId,
    agentName: names[agentId] ?? agentId,
    reason,
    considered: consideredAgents,
    at,
  },
});
const queued = (chatId: string, queuePosition: number, consideredAgents: ConsideredAgent[], at = NOW): RoutingEvent => ({
  type: 'ChatQueued',
  data: { ...site, chatId, queuePosition, considered: consideredAgents, at },
});
const unrouted = (chatId: string, consideredAgents: ConsideredAgent[], at = NOW): RoutingEvent => ({
  type: 'ChatUnrouted',
  data: {
    ...site,
    chatId,
    reason: 'nobody_online',
    considered: consideredAgents,
    at,
  },
});
const released = (chatId: string, agentId: string | null, at = NOW): RoutingEvent => ({
  type: 'ChatReleased',
  data: { ...site, chatId, agentId, at },
});

/** A past assignment whose trace does not matter to the rule under test. */
const servedBy = (chatId: string, agentId: string, at = T0): RoutingEvent => routed(chatId, agentId, 'only_eligible', [], at);

describe('routing decider: who gets a new chat (D3 agents, D4 per-agent cap, G10 routing, B10 away/busy stop new assignments)', () => {
  it('leaves the chat unrouted when the site has no agents at all', () =>
    given(routing)
      .when(routeChat('chat-1', []))
      .then([unrouted('chat-1', [])]));

  it('leaves the chat unrouted when nobody is online, and records who was considered and why each was left out', () =>
    given(routing)
      .when(routeChat('chat-1', [agent('ann', 'away'), agent('bob', 'busy'), agent('cai', 'offline', 3)]))
      .then([
        unrouted('chat-1', [
          considered('ann', 'away', 0, null, 'away'),
          considered('bob', 'busy', 0, null, 'busy'),
          considered('cai', 'offline', 0, 3, 'offline'),
        ]),
      ]));

  it('gives the chat to the only online agent, passing over away, busy and offline agents', () =>
    given(routing)
      .when(routeChat('chat-1', [agent('ann', 'away'), agent('bob', 'busy'), agent('cai', 'offline'), agent('dan')]))
      .then([
        routed('chat-1', 'dan', 'only_eligible', [
          considered('ann', 'away', 0, null, 'away'),
          considered('bob', 'busy', 0, null, 'busy'),
          considered('cai', 'offline', 0, null, 'offline'),
          considered('dan', 'online', 0, null),
        ]),
      ]));

  it('gives the chat to the least loaded online agent', () =>
    given(routing, servedBy('chat-1', 'ann', T0), servedBy('chat-2', 'ann', T1), servedBy('chat-3', 'bob', T2))
      .when(routeChat('chat-4', [agent('ann'), agent('bob')]))
      .then([routed('chat-4', 'bob', 'least_loaded', [considered('ann', 'online', 2, null), considered('bob', 'online', 1, null)])]));

  it('between equally loaded agents, gives the chat to the one idle longest (last assigned earliest)', () =>
    given(routing, servedBy('chat-1', 'ann', T2), servedBy('chat-2', 'bob', T1))
      .when(routeChat('chat-3', [agent('ann'), agent('bob')]))
      .then([routed('chat-3', 'bob', 'longest_idle', [considered('ann', 'online', 1, null), considered('bob', 'online', 1, null)])]));

  it('counts an agent who was never assigned a chat as idle longest', () =>
    given(routing, servedBy('chat-1', 'ann', T0), released('chat-1', 'ann', T1))
      .when(routeChat('chat-2', [agent('ann'), agent('bob')]))
      .then([routed('chat-2', 'bob', 'longest_idle', [considered('ann', 'online', 0, null), considered('bob', 'online', 0, null)])]));

  it('compares idle time after the load: a busier agent idle longer still loses to a less loaded one', () =>
    given(routing, servedBy('chat-1', 'ann', T0), servedBy('chat-2', 'bob', T3), released('chat-2', 'bob', T3))
      .when(routeChat('chat-3', [agent('ann'), agent('bob')]))
      .then([routed('chat-3', 'bob', 'least_loaded', [considered('ann', 'online', 1, null), considered('bob', 'online', 0, null)])]));

  it('breaks a complete tie (same load, never assigned) by agent id so every node decides the same', () =>
    given(routing)
      .when(routeChat('chat-1', [agent('bob'), agent('ann')]))
      .then([routed('chat-1', 'ann', 'longest_idle', [considered('bob', 'online', 0, null), considered('ann', 'online', 0, null)])]));

  it('keeps assigning to an agent without a cap however many chats they serve', () =>
    given(routing, servedBy('chat-1', 'ann'), servedBy('chat-2', 'ann'), servedBy('chat-3', 'ann'))
      .when(routeChat('chat-4', [agent('ann')]))
      .then([routed('chat-4', 'ann', 'only_eligible', [considered('ann', 'online', 3, null)])]));

  it('passes over an agent at their cap and gives the chat to another online agent', () =>
    given(routing, servedBy('chat-1', 'ann'))
      .when(routeChat('chat-2', [agent('ann', 'online', 1), agent('bob', 'online', 5)]))
      .then([routed('chat-2', 'bob', 'only_eligible', [considered('ann', 'online', 1, 1, 'at_capacity'), considered('bob', 'online', 0, 5)])]));

  it('queues the chat at position 1 when every online agent is at their cap', () =>
    given(routing, servedBy('chat-1', 'ann'))
      .when(routeChat('chat-2', [agent('ann', 'online', 1), agent('bob', 'away')]))
      .then([queued('chat-2', 1, [considered('ann', 'online', 1, 1, 'at_capacity'), considered('bob', 'away', 0, null, 'away')])]));

  it('queues a later chat behind the ones already waiting (position 2, 3, ...)', () => {
    const full = [agent('ann', 'online', 1)];
    const trace = [considered('ann', 'online', 1, 1, 'at_capacity')];
    given(routing, servedBy('chat-1', 'ann'), queued('chat-2', 1, trace))
      .when(routeChat('chat-3', full))
      .then([queued('chat-3', 2, trace)]);
    given(routing, servedBy('chat-1', 'ann'), queued('chat-2', 1, trace), queued('chat-3', 2, trace))
      .when(routeChat('chat-4', full))
      .then([queued('chat-4', 3, trace)]);
  });

  it('answers a retried routing of a chat already given to an agent with nothing new (no double assignment)', () =>
    given(routing, servedBy('chat-1', 'ann'))
      .when(routeChat('chat-1', [agent('ann'), agent('bob')]))
      .then([]));

  it('answers a retried routing of a queued chat with nothing new (it keeps its place)', () =>
    given(routing, servedBy('chat-1', 'ann'), queued('chat-2', 1, []))
      .when(routeChat('chat-2', [agent('ann', 'online', 1)]))
      .then([]));

  it('answers a retried routing of an unrouted chat with nothing new', () =>
    given(routing, unrouted('chat-1', []))
      .when(routeChat('chat-1', [agent('ann')]))
      .then([]));

  it('does not route again a chat that was already released', () =>
    given(routing, servedBy('chat-1', 'ann'), released('chat-1', 'ann'))
      .when(routeChat('chat-1', [agent('ann')]))
      .then([]));

  // Bug: queued chats leave the queue only on ReleaseChat. When a slot opens any other way (an agent
  // comes online or back from away, or a cap is raised), the next *new* chat takes it and the visitors
  // already waiting keep waiting; a RouteChat retry of a queued chat answers [] by design.
  it('serves a chat already waiting in the queue before a chat that arrives later', () => {
    const state = given(
      routing,
      servedBy('chat-1', 'ann'),
      queued('chat-2', 1, [considered('ann', 'online', 1, 1, 'at_capacity'), considered('bob', 'away', 0, null, 'away')]),
    ).state;
    // Bob comes back from away: one free slot, two visitors want it.
    const decision = routing.decide(routeChat('chat-3', [agent('ann', 'online', 1), agent('bob', 'online', 1)]), state);
    const firstRouted = decision.find((e) => e.type === 'ChatRouted');
    expect(firstRouted?.data.chatId).toBe('chat-2');
  });
});

describe('routing decider: releasing a chat (D4 the freed slot goes to the oldest waiting chat)', () => {
  it('releases a served chat and frees the agent', () =>
    given(routing, servedBy('chat-1', 'ann'))
      .when(releaseChat('chat-1', [agent('ann')]))
      .then([released('chat-1', 'ann')]));

  it('gives the freed slot to the oldest queued chat in the same decision', () =>
    given(
      routing,
      servedBy('chat-1', 'ann'),
      queued('chat-2', 1, [considered('ann', 'online', 1, 1, 'at_capacity')]),
      queued('chat-3', 2, [considered('ann', 'online', 1, 1, 'at_capacity')]),
    )
      .when(releaseChat('chat-1', [agent('ann', 'online', 1)]))
      .then([released('chat-1', 'ann'), routed('chat-2', 'ann', 'only_eligible', [considered('ann', 'online', 0, 1)])]));

  it('keeps the next chat waiting after the oldest one was served', () => {
    const events = [
      servedBy('chat-1', 'ann'),
      queued('chat-2', 1, []),
      queued('chat-3', 2, []),
      released('chat-1', 'ann'),
      routed('chat-2', 'ann', 'only_eligible', []),
    ];
    const s = given(routing, ...events).state;
    expect(s.queue).toEqual(['chat-3']);
    expect(s.active).toEqual({ 'chat-2': 'ann' });
  });

  it('keeps the queue waiting when the agent who was freed is no longer online and nobody else can take it', () =>
    given(routing, servedBy('chat-1', 'ann'), queued('chat-2', 1, []))
      .when(releaseChat('chat-1', [agent('ann', 'away', 1)]))
      .then([released('chat-1', 'ann')]));

  it('lets a visitor leave the queue: the chat is released with no agent and the queue moves up', () => {
    given(routing, servedBy('chat-1', 'ann'), queued('chat-2', 1, []), queued('chat-3', 2, []))
      .when(releaseChat('chat-2', [agent('ann', 'online', 1)]))
      .then([released('chat-2', null)]);
    given(routing, servedBy('chat-1', 'ann'), queued('chat-2', 1, []), queued('chat-3', 2, []), released('chat-2', null))
      .when(routeChat('chat-4', [agent('ann', 'online', 1)]))
      .then([queued('chat-4', 2, [considered('ann', 'online', 1, 1, 'at_capacity')])]);
  });

  it('answers the release of a chat it never routed with nothing', () =>
    given(routing, servedBy('chat-1', 'ann'))
      .when(releaseChat('chat-unknown', [agent('ann')]))
      .then([]));

  it('answers a second release of the same chat with nothing new', () =>
    given(routing, servedBy('chat-1', 'ann'), released('chat-1', 'ann'))
      .when(releaseChat('chat-1', [agent('ann')]))
      .then([]));

  it('answers the release of an unrouted chat with nothing', () =>
    given(routing, unrouted('chat-1', []))
      .when(releaseChat('chat-1', [agent('ann')]))
      .then([]));
});

describe('loadOf (D4 how many chats an agent serves now)', () => {
  it('counts the chats an agent serves and not yet released', () => {
    const s = given(routing, servedBy('chat-1', 'ann'), servedBy('chat-2', 'ann'), servedBy('chat-3', 'bob'), released('chat-1', 'ann')).state;
    expect(loadOf(s, 'ann')).toBe(1);
    expect(loadOf(s, 'bob')).toBe(1);
  });

  it('is zero for an agent who serves nothing', () => expect(loadOf(routing.initialState, 'ann')).toBe(0));

  it('does not count queued chats against anyone', () => {
    const s = given(routing, queued('chat-1', 1, [])).state;
    expect(loadOf(s, 'ann')).toBe(0);
  });
});

describe('routing decider: targets, regions, invitations and direct chats (C7 fixed links, G10, F2, C5, D2)', () => {
  const member = (agentId: string, groupId: string, over: Partial<RoutingCandidate> = {}): RoutingCandidate => ({ ...agent(agentId), groupId, ...over });
  const js = { province: '江苏省', city: '南京市' };

  it('routes a group target only to that group and says why the others were left out', () => {
    const [e] = routing.decide(
      { ...routeChat('chat-1', [member('ann', 'sales'), member('bob', 'support')]), target: { kind: 'group', groupId: 'support' } },
      routing.initialState,
    );
    expect(e).toMatchObject({ type: 'ChatRouted', data: { agentId: 'bob', target: { kind: 'group', groupId: 'support' } } });
    expect(e?.type === 'ChatRouted' && e.data.considered).toEqual([considered('ann', 'online', 0, null, 'other_group'), considered('bob', 'online', 0, null)]);
  });

  it('routes an agent target (fixed link) to that agent only', () => {
    const [e] = routing.decide({ ...routeChat('chat-1', [agent('ann'), agent('bob')]), target: { kind: 'agent', agentId: 'bob' } }, routing.initialState);
    expect(e).toMatchObject({ type: 'ChatRouted', data: { agentId: 'bob', reason: 'target_agent' } });
  });

  it('queues a chat for an agent at their cap even when others are free', () => {
    const s = given(routing, servedBy('chat-0', 'bob')).state;
    const [e] = routing.decide({ ...routeChat('chat-1', [agent('ann'), agent('bob', 'online', 1)]), target: { kind: 'agent', agentId: 'bob' } }, s);
    expect(e).toMatchObject({ type: 'ChatQueued', data: { queuePosition: 1, target: { kind: 'agent', agentId: 'bob' } } });
  });

  it('leaves a chat unrouted (leave-message form) when nobody of the target group is online', () => {
    const [e] = routing.decide(
      { ...routeChat('chat-1', [member('ann', 'sales'), member('bob', 'support', { status: 'away' })]), target: { kind: 'group', groupId: 'support' } },
      routing.initialState,
    );
    expect(e?.type).toBe('ChatUnrouted');
  });

  it('never offers an agent who is in no group (D2)', () => {
    const [e] = routing.decide(routeChat('chat-1', [member('ann', ''), member('bob', 'g')]), routing.initialState);
    expect(e).toMatchObject({ type: 'ChatRouted', data: { agentId: 'bob' } });
    expect(e?.type === 'ChatRouted' && e.data.considered[0]).toMatchObject({ agentId: 'ann', excluded: 'no_group' });
  });

  it('offers regional agents first to visitors from their regions, even when busier (G10)', () => {
    const s = given(routing, servedBy('chat-0', 'bob')).state;
    const [e] = routing.decide({ ...routeChat('chat-1', [agent('ann'), { ...agent('bob'), distribution: 'regional', regions: ['江苏省'] }]), region: js }, s);
    expect(e).toMatchObject({ type: 'ChatRouted', data: { agentId: 'bob', reason: 'regional' } });
  });

  it('matches a region by city as well', () => {
    const [e] = routing.decide(
      { ...routeChat('chat-1', [agent('ann'), { ...agent('bob'), distribution: 'regional', regions: ['南京市'] }]), region: js },
      routing.initialState,
    );
    expect(e).toMatchObject({ data: { agentId: 'bob', reason: 'regional' } });
  });

  it('routes visitors from elsewhere by load, regional agents included', () => {
    const s = given(routing, servedBy('chat-0', 'ann')).state;
    const [e] = routing.decide(
      {
        ...routeChat('chat-1', [agent('ann'), { ...agent('bob'), distribution: 'regional', regions: ['江苏省'] }]),
        region: { province: '广东省', city: '深圳市' },
      },
      s,
    );
    expect(e).toMatchObject({ data: { agentId: 'bob', reason: 'least_loaded' } });
  });

  it('gives an accepted invitation to the inviting agent, beyond their cap (F2)', () => {
    const s = given(routing, servedBy('chat-0', 'ann')).state;
    const [e] = routing.decide({ ...routeChat('chat-1', [agent('ann', 'online', 1), agent('bob')]), preferred: { agentId: 'ann', reason: 'invited' } }, s);
    expect(e).toMatchObject({ type: 'ChatRouted', data: { agentId: 'ann', reason: 'invited' } });
  });

  it('routes normally when the inviting agent went offline', () => {
    const [e] = routing.decide(
      { ...routeChat('chat-1', [agent('ann', 'offline'), agent('bob')]), preferred: { agentId: 'ann', reason: 'invited' } },
      routing.initialState,
    );
    expect(e).toMatchObject({ type: 'ChatRouted', data: { agentId: 'bob', reason: 'only_eligible' } });
  });

  it('gives a direct chat (C5) to the agent who opened it', () => {
    const [e] = routing.decide({ ...routeChat('chat-1', [agent('ann'), agent('bob')]), preferred: { agentId: 'bob', reason: 'direct' } }, routing.initialState);
    expect(e).toMatchObject({ data: { agentId: 'bob', reason: 'direct' } });
  });

  it('does not let a full group hold up a later chat another agent can take', () => {
    const s = given(routing, servedBy('chat-0', 'ann'), {
      ...queued('chat-1', 1, []),
      data: { ...queued('chat-1', 1, []).data, target: { kind: 'agent', agentId: 'ann' } },
    } as RoutingEvent).state;
    const events = routing.decide(routeChat('chat-2', [agent('ann', 'online', 1), agent('bob')]), s);
    expect(events).toEqual([expect.objectContaining({ type: 'ChatRouted', data: expect.objectContaining({ chatId: 'chat-2', agentId: 'bob' }) })]);
  });

  it('serves the queue when an agent comes online (DrainQueue), oldest first', () => {
    const s = given(routing, servedBy('chat-0', 'ann'), queued('chat-1', 1, []), queued('chat-2', 2, [])).state;
    const events = routing.decide({ type: 'DrainQueue', ...site, candidates: [agent('ann', 'online', 1), agent('bob', 'online', 1)], now: NOW }, s);
    expect(events.map((e) => [e.type, e.data.chatId, 'agentId' in e.data ? e.data.agentId : null])).toEqual([['ChatRouted', 'chat-1', 'bob']]);
  });

  it('tells the place of a queued chat', () => {
    const s = given(routing, queued('chat-1', 1, []), queued('chat-2', 2, [])).state;
    expect(queuePositionOf(s, 'chat-2')).toBe(2);
    expect(queuePositionOf(s, 'chat-9')).toBeUndefined();
  });
});

describe('routing decider: transfers (B8)', () => {
  const transfer = (
    to: { kind: 'agent'; agentId: string } | { kind: 'group'; groupId: string },
    candidates: RoutingCandidate[],
    fromAgentId = 'ann',
  ): RoutingCommand => ({
    type: 'TransferChat',
    ...site,
    chatId: 'chat-1',
    fromAgentId,
    to,
    candidates,
    now: NOW,
  });

  it('moves the chat to the chosen online agent and frees the old agent', () => {
    const g = given(routing, servedBy('chat-1', 'ann'));
    const events = g.state && routing.decide(transfer({ kind: 'agent', agentId: 'bob' }, [agent('ann'), agent('bob')]), g.state);
    expect(events[0]).toMatchObject({ type: 'ChatRerouted', data: { fromAgentId: 'ann', agentId: 'bob', reason: 'transferred' } });
    const after = events.reduce((s, e) => routing.evolve(s, e), g.state);
    expect(loadOf(after, 'ann')).toBe(0);
    expect(loadOf(after, 'bob')).toBe(1);
  });

  it('picks the least loaded online agent of a group, never the current one', () => {
    const events = routing.decide(
      transfer({ kind: 'group', groupId: 'vip' }, [
        { ...agent('ann'), groupId: 'vip' },
        { ...agent('bob'), groupId: 'vip' },
        { ...agent('cai'), groupId: 'other' },
      ]),
      given(routing, servedBy('chat-1', 'ann')).state,
    );
    expect(events[0]).toMatchObject({ data: { agentId: 'bob', toGroupId: 'vip' } });
  });

  it('refuses a transfer to an agent who is away, offline or at capacity', () => {
    const s = given(routing, servedBy('chat-1', 'ann'), servedBy('chat-2', 'bob')).state;
    expect(() => routing.decide(transfer({ kind: 'agent', agentId: 'bob' }, [agent('ann'), agent('bob', 'away')]), s)).toThrow('away');
    expect(() => routing.decide(transfer({ kind: 'agent', agentId: 'bob' }, [agent('ann'), agent('bob', 'online', 1)]), s)).toThrow('at_capacity');
  });

  it('refuses a transfer by an agent who does not serve the chat', () =>
    given(routing, servedBy('chat-1', 'ann'))
      .when(transfer({ kind: 'agent', agentId: 'cai' }, [agent('ann'), agent('cai')], 'bob'))
      .thenThrows('RULE_VIOLATED', 'only the agent serving'));

  it('answers a retried transfer with nothing new', () => {
    const s = given(routing, servedBy('chat-1', 'ann')).state;
    const events = routing.decide(transfer({ kind: 'agent', agentId: 'bob' }, [agent('ann'), agent('bob')]), s);
    const after = events.reduce((st, e) => routing.evolve(st, e), s);
    expect(routing.decide(transfer({ kind: 'agent', agentId: 'bob' }, [agent('ann'), agent('bob')]), after)).toEqual([]);
  });

  it('gives the slot the old agent freed to the oldest queued chat', () => {
    const s = given(routing, servedBy('chat-1', 'ann'), queued('chat-2', 1, [])).state;
    const events = routing.decide(transfer({ kind: 'agent', agentId: 'bob' }, [agent('ann', 'online', 1), agent('bob', 'online', 2)]), s);
    expect(events.map((e) => e.type)).toEqual(['ChatRerouted', 'ChatRouted']);
    expect(events[1]?.data).toMatchObject({ chatId: 'chat-2', agentId: 'ann' });
  });
});
