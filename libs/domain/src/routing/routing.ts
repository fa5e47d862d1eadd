import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import type { AgentStatus } from '../presence/presence';

/**
 * Routing decisions of one site (stream `routing-{siteId}`), D3/D4/G10.
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
}

export type Exclusion = 'away' | 'busy' | 'offline' | 'at_capacity';

export interface ConsideredAgent {
  agentId: string;
  status: AgentStatus;
  load: number;
  cap: number | null;
  excluded?: Exclusion;
}

export type ChoiceReason = 'only_eligible' | 'least_loaded' | 'longest_idle';

export type RoutingEvent =
  | DomainEvent<
      'ChatRouted',
      { orgId: string; siteId: string; chatId: string; agentId: string; agentName: string; reason: ChoiceReason; considered: ConsideredAgent[]; at: string }
    >
  | DomainEvent<'ChatQueued', { orgId: string; siteId: string; chatId: string; queuePosition: number; considered: ConsideredAgent[]; at: string }>
  | DomainEvent<'ChatUnrouted', { orgId: string; siteId: string; chatId: string; reason: 'nobody_online'; considered: ConsideredAgent[]; at: string }>
  | DomainEvent<'ChatReleased', { orgId: string; siteId: string; chatId: string; agentId: string | null; at: string }>;

export type RoutingCommand =
  | { type: 'RouteChat'; orgId: string; siteId: string; chatId: string; candidates: RoutingCandidate[]; now: string }
  | { type: 'ReleaseChat'; orgId: string; siteId: string; chatId: string; candidates: RoutingCandidate[]; now: string };

export interface RoutingState {
  /** chatId -> agent serving it, for chats routed and not yet released. */
  active: Record<string, string>;
  /** Chats waiting for a free agent, oldest first. */
  queue: string[];
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

function consider(s: RoutingState, candidates: readonly RoutingCandidate[]): ConsideredAgent[] {
  return candidates.map((c) => {
    const load = loadOf(s, c.agentId);
    const cap = c.cap ?? null;
    const base = { agentId: c.agentId, status: c.status, load, cap };
    if (c.status !== 'online') return { ...base, excluded: c.status };
    if (cap !== null && load >= cap) return { ...base, excluded: 'at_capacity' as const };
    return base;
  });
}

/** Least loaded first, then the one idle longest (never assigned counts as idle longest), then by id. */
function choose(s: RoutingState, eligible: ConsideredAgent[]): { agent: ConsideredAgent; reason: ChoiceReason } | undefined {
  const sorted = [...eligible].sort(
    (a, b) => a.load - b.load || (s.lastAssignedAt[a.agentId] ?? '').localeCompare(s.lastAssignedAt[b.agentId] ?? '') || a.agentId.localeCompare(b.agentId),
  );
  const first = sorted[0];
  if (!first) return undefined;
  const second = sorted[1];
  const reason: ChoiceReason = !second ? 'only_eligible' : first.load < second.load ? 'least_loaded' : 'longest_idle';
  return { agent: first, reason };
}

function route(s: RoutingState, cmd: { orgId: string; siteId: string; chatId: string; candidates: RoutingCandidate[]; now: string }): RoutingEvent | undefined {
  const considered = consider(s, cmd.candidates);
  const ids = { orgId: cmd.orgId, siteId: cmd.siteId, chatId: cmd.chatId };
  const choice = choose(
    s,
    considered.filter((c) => !c.excluded),
  );
  if (choice) {
    const name = cmd.candidates.find((c) => c.agentId === choice.agent.agentId)?.name ?? '';
    return { type: 'ChatRouted', data: { ...ids, agentId: choice.agent.agentId, agentName: name, reason: choice.reason, considered, at: cmd.now } };
  }
  if (!considered.some((c) => c.status === 'online')) return undefined;
  return { type: 'ChatQueued', data: { ...ids, queuePosition: s.queue.length + 1, considered, at: cmd.now } };
}

/** Route waiting chats, oldest first, while an eligible agent has room. */
function drainQueue(s: RoutingState, cmd: { orgId: string; siteId: string; candidates: RoutingCandidate[]; now: string }): RoutingEvent[] {
  const events: RoutingEvent[] = [];
  let state = s;
  for (const chatId of s.queue) {
    const decision = route({ ...state, queue: [] }, { ...cmd, chatId });
    if (decision?.type !== 'ChatRouted') break;
    events.push(decision);
    state = routing.evolve(state, decision);
  }
  return events;
}

export const routing: Decider<RoutingCommand, RoutingEvent, RoutingState> = {
  streamPrefix: 'routing',
  initialState: { active: {}, queue: [], decided: {}, lastAssignedAt: {} },
  decide(cmd, s) {
    switch (cmd.type) {
      case 'RouteChat': {
        if (s.decided[cmd.chatId] || s.queue.includes(cmd.chatId)) return [];
        // First come, first served: chats already waiting take any free slot before this one.
        const events = drainQueue(s, cmd);
        const after = events.reduce((st, e) => routing.evolve(st, e), s);
        if (after.queue.length > 0) {
          const considered = consider(after, cmd.candidates);
          if (considered.some((c) => c.status === 'online')) {
            return [
              ...events,
              {
                type: 'ChatQueued',
                data: { orgId: cmd.orgId, siteId: cmd.siteId, chatId: cmd.chatId, queuePosition: after.queue.length + 1, considered, at: cmd.now },
              },
            ];
          }
        }
        const decision = route(after, cmd);
        if (decision) return [...events, decision];
        const considered = consider(after, cmd.candidates);
        return [
          ...events,
          { type: 'ChatUnrouted', data: { orgId: cmd.orgId, siteId: cmd.siteId, chatId: cmd.chatId, reason: 'nobody_online', considered, at: cmd.now } },
        ];
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
      default:
        return unreachable(cmd);
    }
  },
  evolve(s, e) {
    switch (e.type) {
      case 'ChatRouted':
        return {
          ...s,
          active: { ...s.active, [e.data.chatId]: e.data.agentId },
          queue: s.queue.filter((c) => c !== e.data.chatId),
          decided: { ...s.decided, [e.data.chatId]: true },
          lastAssignedAt: { ...s.lastAssignedAt, [e.data.agentId]: e.data.at },
        };
      case 'ChatQueued':
        return { ...s, queue: [...s.queue, e.data.chatId] };
      case 'ChatUnrouted':
        return { ...s, decided: { ...s.decided, [e.data.chatId]: true } };
      case 'ChatReleased': {
        const active = { ...s.active };
        delete active[e.data.chatId];
        return { ...s, active, queue: s.queue.filter((c) => c !== e.data.chatId), decided: { ...s.decided, [e.data.chatId]: true } };
      }
      default:
        return unreachable(e);
    }
  },
};
