import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { ruleViolated } from '../shared/domain-error';
import type { AgentStatus } from '../presence/presence';

/**
 * Routing decisions of one site (stream `routing-{siteId}`), D3/D4/G10/B8/C7.
 * Every decision is appended with the expected revision of this stream, so two server processes
 * can never both hand the last free slot of an agent to different chats: one of them gets a
 * concurrency conflict, reloads and decides again. Each decision records who was considered,
 * who was eligible and why the chosen one was chosen (the routing trace).
 */
export interface RoutingCandidate {
  agentId: string;
  name: string;
  status: AgentStatus;
  /** Concurrent-chat cap; undefined = unlimited. */
  cap?: number;
  /** The agent's group on this site; '' = in no group (not offered to visitors, D2); undefined = the site has no groups. */
  groupId?: string;
  /** `regional` agents are offered first to visitors from one of their `regions` (G10). */
  distribution?: 'auto' | 'regional';
  /** Province or city names as ip2region gives them (江苏省, 南京市). */
  regions?: string[];
}

/** Whom a chat asks for: automatic routing, a group, or one agent (fixed link C7). */
export type ChatTarget = { kind: 'auto' } | { kind: 'group'; groupId: string } | { kind: 'agent'; agentId: string };

/** Where the visitor is, from their IP address (G10). */
export interface VisitorRegion {
  province: string;
  city: string;
}

export type Exclusion = 'away' | 'busy' | 'offline' | 'at_capacity' | 'other_group' | 'not_target' | 'no_group' | 'current_agent';

export interface ConsideredAgent {
  agentId: string;
  status: AgentStatus;
  load: number;
  cap: number | null;
  excluded?: Exclusion;
  /** A regional agent whose regions include the visitor's province or city. */
  regional?: true;
}

export type ChoiceReason = 'only_eligible' | 'least_loaded' | 'longest_idle' | 'regional' | 'invited' | 'direct' | 'target_agent' | 'transferred';

/** An agent the chat goes to regardless of routing order and cap: the one who invited the visitor (F2) or opened the chat (C5). */
export interface PreferredAgent {
  agentId: string;
  reason: 'invited' | 'direct';
}

interface Waiting {
  target: ChatTarget;
  region?: VisitorRegion;
}

export type RoutingEvent =
  | DomainEvent<
      'ChatRouted',
      {
        orgId: string;
        siteId: string;
        chatId: string;
        agentId: string;
        agentName: string;
        reason: ChoiceReason;
        considered: ConsideredAgent[];
        at: string;
        target?: ChatTarget;
      }
    >
  | DomainEvent<
      'ChatQueued',
      {
        orgId: string;
        siteId: string;
        chatId: string;
        queuePosition: number;
        considered: ConsideredAgent[];
        at: string;
        target?: ChatTarget;
        region?: VisitorRegion;
      }
    >
  | DomainEvent<
      'ChatUnrouted',
      { orgId: string; siteId: string; chatId: string; reason: 'nobody_online'; considered: ConsideredAgent[]; at: string; target?: ChatTarget }
    >
  | DomainEvent<'ChatReleased', { orgId: string; siteId: string; chatId: string; agentId: string | null; at: string }>
  | DomainEvent<
      'ChatRerouted',
      {
        orgId: string;
        siteId: string;
        chatId: string;
        fromAgentId: string;
        agentId: string;
        agentName: string;
        toGroupId?: string;
        reason: ChoiceReason;
        considered: ConsideredAgent[];
        at: string;
      }
    >;

interface RouteInput {
  orgId: string;
  siteId: string;
  chatId: string;
  candidates: RoutingCandidate[];
  now: string;
  target?: ChatTarget;
  region?: VisitorRegion;
  preferred?: PreferredAgent;
}

export type RoutingCommand =
  | ({ type: 'RouteChat' } & RouteInput)
  | { type: 'ReleaseChat'; orgId: string; siteId: string; chatId: string; candidates: RoutingCandidate[]; now: string }
  /** A slot may have opened another way (an agent came online or back from away): serve the queue. */
  | { type: 'DrainQueue'; orgId: string; siteId: string; candidates: RoutingCandidate[]; now: string }
  | {
      type: 'TransferChat';
      orgId: string;
      siteId: string;
      chatId: string;
      fromAgentId: string;
      to: { kind: 'agent'; agentId: string } | { kind: 'group'; groupId: string };
      candidates: RoutingCandidate[];
      now: string;
    };

export interface RoutingState {
  /** chatId -> agent serving it, for chats routed and not yet released. */
  active: Record<string, string>;
  /** Chats waiting for a free agent, oldest first. */
  queue: string[];
  /** What each queued chat waits for. */
  waiting: Record<string, Waiting>;
  /** Chats with a final decision (routed, unrouted or released): a retried request changes nothing. */
  decided: Record<string, true>;
  /** agentId -> time of their last assignment (for "longest idle"). */
  lastAssignedAt: Record<string, string>;
}

export function loadOf(s: RoutingState, agentId: string): number {
  let n = 0;
  for (const a of Object.values(s.active)) if (a === agentId) n++;
  return n;
}

/** The 1-based place of a queued chat (undefined when it is not waiting). */
export function queuePositionOf(s: RoutingState, chatId: string): number | undefined {
  const i = s.queue.indexOf(chatId);
  return i < 0 ? undefined : i + 1;
}

function inRegion(c: RoutingCandidate, region: VisitorRegion | undefined): boolean {
  if (!region || c.distribution !== 'regional' || !c.regions) return false;
  return c.regions.some((r) => r !== '' && (r === region.province || r === region.city));
}

/** Which pool a target asks for: the reason an agent outside it is left out. */
function outsideTarget(c: RoutingCandidate, target: ChatTarget | undefined): Exclusion | undefined {
  if (c.groupId === '') return 'no_group';
  if (!target || target.kind === 'auto') return undefined;
  if (target.kind === 'agent') return c.agentId === target.agentId ? undefined : 'not_target';
  return c.groupId === undefined || c.groupId === target.groupId ? undefined : 'other_group';
}

function consider(s: RoutingState, candidates: readonly RoutingCandidate[], target?: ChatTarget, region?: VisitorRegion): ConsideredAgent[] {
  return candidates.map((c) => {
    const load = loadOf(s, c.agentId);
    const cap = c.cap ?? null;
    const base: ConsideredAgent = { agentId: c.agentId, status: c.status, load, cap, ...(inRegion(c, region) ? { regional: true as const } : {}) };
    const outside = outsideTarget(c, target);
    if (outside) return { ...base, excluded: outside };
    if (c.status !== 'online') return { ...base, excluded: c.status };
    if (cap !== null && load >= cap) return { ...base, excluded: 'at_capacity' as const };
    return base;
  });
}

/** Regional agents first for visitors of their regions, then least loaded, then idle longest (never assigned = idle longest), then by id. */
function choose(s: RoutingState, eligible: ConsideredAgent[]): { agent: ConsideredAgent; reason: ChoiceReason } | undefined {
  const regional = eligible.filter((c) => c.regional);
  const pool = regional.length > 0 ? regional : eligible;
  const sorted = [...pool].sort(
    (a, b) => a.load - b.load || (s.lastAssignedAt[a.agentId] ?? '').localeCompare(s.lastAssignedAt[b.agentId] ?? '') || a.agentId.localeCompare(b.agentId),
  );
  const first = sorted[0];
  if (!first) return undefined;
  if (regional.length > 0 && regional.length < eligible.length) return { agent: first, reason: 'regional' };
  const second = sorted[1];
  const reason: ChoiceReason = !second ? 'only_eligible' : first.load < second.load ? 'least_loaded' : 'longest_idle';
  return { agent: first, reason };
}

const nameOf = (candidates: readonly RoutingCandidate[], agentId: string) => candidates.find((c) => c.agentId === agentId)?.name ?? '';

function route(s: RoutingState, cmd: RouteInput): RoutingEvent {
  const ids = { orgId: cmd.orgId, siteId: cmd.siteId, chatId: cmd.chatId };
  const target = cmd.target && cmd.target.kind !== 'auto' ? { target: cmd.target } : {};
  const preferred = cmd.preferred && cmd.candidates.find((c) => c.agentId === cmd.preferred?.agentId && c.status !== 'offline');
  if (preferred && cmd.preferred) {
    // The inviting agent (F2) or the agent who opened the chat (C5) chose this visitor: no cap, no order.
    const considered = consider(s, [preferred]);
    return {
      type: 'ChatRouted',
      data: { ...ids, agentId: preferred.agentId, agentName: preferred.name, reason: cmd.preferred.reason, considered, at: cmd.now, ...target },
    };
  }
  const considered = consider(s, cmd.candidates, cmd.target, cmd.region);
  const choice = choose(
    s,
    considered.filter((c) => !c.excluded),
  );
  if (choice) {
    const reason: ChoiceReason = cmd.target?.kind === 'agent' ? 'target_agent' : choice.reason;
    return {
      type: 'ChatRouted',
      data: { ...ids, agentId: choice.agent.agentId, agentName: nameOf(cmd.candidates, choice.agent.agentId), reason, considered, at: cmd.now, ...target },
    };
  }
  const someoneOnline = considered.some((c) => c.status === 'online' && (c.excluded === undefined || c.excluded === 'at_capacity'));
  if (!someoneOnline) return { type: 'ChatUnrouted', data: { ...ids, reason: 'nobody_online', considered, at: cmd.now, ...target } };
  return {
    type: 'ChatQueued',
    data: { ...ids, queuePosition: s.queue.length + 1, considered, at: cmd.now, ...target, ...(cmd.region ? { region: cmd.region } : {}) },
  };
}

/**
 * Route waiting chats, oldest first, while an eligible agent has room. A chat that cannot be served
 * (its group or agent is full) does not hold up a later chat that another agent can take.
 */
function drainQueue(s: RoutingState, cmd: { orgId: string; siteId: string; candidates: RoutingCandidate[]; now: string }): RoutingEvent[] {
  const events: RoutingEvent[] = [];
  let state = s;
  for (const chatId of s.queue) {
    const waiting = s.waiting[chatId];
    const decision = route(state, {
      ...cmd,
      chatId,
      ...(waiting?.target ? { target: waiting.target } : {}),
      ...(waiting?.region ? { region: waiting.region } : {}),
    });
    if (decision.type !== 'ChatRouted') continue;
    events.push(decision);
    state = routing.evolve(state, decision);
  }
  return events;
}

function transfer(s: RoutingState, cmd: Extract<RoutingCommand, { type: 'TransferChat' }>): RoutingEvent[] {
  const current = s.active[cmd.chatId];
  const ids = { orgId: cmd.orgId, siteId: cmd.siteId, chatId: cmd.chatId };
  const wanted = cmd.to.kind === 'agent' ? cmd.to.agentId : undefined;
  // A retried transfer that already happened.
  if (current !== undefined && current !== cmd.fromAgentId && (wanted === undefined || current === wanted)) return [];
  if (current !== cmd.fromAgentId) throw ruleViolated('only the agent serving this chat can transfer it');
  const target: ChatTarget = cmd.to.kind === 'agent' ? { kind: 'agent', agentId: cmd.to.agentId } : { kind: 'group', groupId: cmd.to.groupId };
  if (wanted === cmd.fromAgentId) throw ruleViolated('this chat is already yours: choose another agent');
  const considered = consider(s, cmd.candidates, target).map((c) =>
    c.agentId === cmd.fromAgentId && !c.excluded ? { ...c, excluded: 'current_agent' as const } : c,
  );
  const choice = choose(
    s,
    considered.filter((c) => !c.excluded),
  );
  if (!choice) {
    if (wanted !== undefined) {
      const why = considered.find((c) => c.agentId === wanted)?.excluded ?? 'offline';
      throw ruleViolated(
        `that agent cannot take the chat now (${why === 'not_target' ? 'not an agent of this site' : why}); choose an online agent with room`,
        {
          considered,
        },
      );
    }
    throw ruleViolated('nobody in that group can take the chat now (everyone is offline, away, busy or at capacity)', { considered });
  }
  const rerouted: RoutingEvent = {
    type: 'ChatRerouted',
    data: {
      ...ids,
      fromAgentId: cmd.fromAgentId,
      agentId: choice.agent.agentId,
      agentName: nameOf(cmd.candidates, choice.agent.agentId),
      ...(cmd.to.kind === 'group' ? { toGroupId: cmd.to.groupId } : {}),
      reason: 'transferred',
      considered,
      at: cmd.now,
    },
  };
  // The old agent's slot is free: the oldest waiting chats may take it.
  return [rerouted, ...drainQueue(routing.evolve(s, rerouted), cmd)];
}

export const routing: Decider<RoutingCommand, RoutingEvent, RoutingState> = {
  streamPrefix: 'routing',
  initialState: { active: {}, queue: [], waiting: {}, decided: {}, lastAssignedAt: {} },
  decide(cmd, s) {
    switch (cmd.type) {
      case 'RouteChat': {
        if (s.decided[cmd.chatId] || s.queue.includes(cmd.chatId)) return [];
        // First come, first served: chats already waiting take any free slot before this one.
        const events = drainQueue(s, cmd);
        const after = events.reduce((st, e) => routing.evolve(st, e), s);
        return [...events, route(after, cmd)];
      }
      case 'ReleaseChat': {
        const agentId = s.active[cmd.chatId];
        const queued = s.queue.includes(cmd.chatId);
        if (agentId === undefined && !queued) return [];
        const released: RoutingEvent = {
          type: 'ChatReleased',
          data: { orgId: cmd.orgId, siteId: cmd.siteId, chatId: cmd.chatId, agentId: agentId ?? null, at: cmd.now },
        };
        // The freed slot goes to the oldest waiting chats, as far as agents can take them now.
        return [released, ...drainQueue(routing.evolve(s, released), cmd)];
      }
      case 'DrainQueue':
        return drainQueue(s, cmd);
      case 'TransferChat':
        return transfer(s, cmd);
      default:
        return unreachable(cmd);
    }
  },
  evolve(s, e) {
    switch (e.type) {
      case 'ChatRouted': {
        const waiting = { ...s.waiting };
        delete waiting[e.data.chatId];
        return {
          ...s,
          active: { ...s.active, [e.data.chatId]: e.data.agentId },
          queue: s.queue.filter((c) => c !== e.data.chatId),
          waiting,
          decided: { ...s.decided, [e.data.chatId]: true },
          lastAssignedAt: { ...s.lastAssignedAt, [e.data.agentId]: e.data.at },
        };
      }
      case 'ChatQueued':
        return {
          ...s,
          queue: [...s.queue, e.data.chatId],
          waiting: { ...s.waiting, [e.data.chatId]: { target: e.data.target ?? { kind: 'auto' }, ...(e.data.region ? { region: e.data.region } : {}) } },
        };
      case 'ChatUnrouted':
        return { ...s, decided: { ...s.decided, [e.data.chatId]: true } };
      case 'ChatReleased': {
        const active = { ...s.active };
        delete active[e.data.chatId];
        const waiting = { ...s.waiting };
        delete waiting[e.data.chatId];
        return { ...s, active, waiting, queue: s.queue.filter((c) => c !== e.data.chatId), decided: { ...s.decided, [e.data.chatId]: true } };
      }
      case 'ChatRerouted':
        return {
          ...s,
          active: { ...s.active, [e.data.chatId]: e.data.agentId },
          lastAssignedAt: { ...s.lastAssignedAt, [e.data.agentId]: e.data.at },
        };
      default:
        return unreachable(e);
    }
  },
};

/** Someone can take a new chat now: an online agent (in a group) under their cap. Invitations are not sent otherwise (F2). */
export function anyAgentAvailable(s: RoutingState, candidates: readonly RoutingCandidate[]): boolean {
  return consider(s, candidates).some((c) => !c.excluded);
}
