import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Namespace } from 'socket.io';
import type { ReadStore } from '@kefu/read-store';
import { AGENT_PRESENCE, LIVE_VISITS, type LiveVisitDoc, type PresenceDoc } from '@kefu/projections';
import { AgentGateway } from '../agents/agent.gateway';
import { SetAgentStatusCommand } from '../agents/set-agent-status';
import type { Principal } from '../auth/principal';
import type { ServerConfig } from '../config';
import { agentRoom } from '../conversations/fanout';
import { AutoInvitationTimers } from '../invitations/invitation-commands';
import { READ_STORE, SERVER_CONFIG } from '../platform/tokens';
import { EndVisitCommand } from './view-page';
import { visitorRoom, visitRoom } from './visit-lifecycle';
import { VisitorGateway } from './visitor.gateway';

export interface OpenVisit {
  visitId: string;
  siteId: string;
  visitorId: string;
  /** The last page view (PageViewed.at), ISO. */
  lastSeenAt: string;
}
export interface ActiveAgent {
  userId: string;
  orgId: string;
}
/** The rooms that have a socket in some process (socket.io `fetchSockets()` across the adapter). */
export interface ConnectedRooms {
  /** Rooms of the visitor sockets (`visit:{id}` among them). */
  visitors: ReadonlySet<string>;
  /** Visitor rooms (`visitor:{site}:{visitor}`) of sockets that have not said which visit they are on (a tab that reconnected). */
  unplacedVisitors: ReadonlySet<string>;
  agents: ReadonlySet<string>;
}
export interface SweepInput {
  now: number;
  openVisits: readonly OpenVisit[];
  /** Agents whose status is not offline. */
  activeAgents: readonly ActiveAgent[];
  /** Undefined when the sockets could not be listed (an adapter timeout): nothing is ended for lack of a socket then. */
  connected: ConnectedRooms | undefined;
  /** Visits with a socket in this process, and those whose auto-invitation timer is armed here. */
  localVisits: readonly string[];
  armedInvitations: ReadonlySet<string>;
  /** Since when this process has seen a visit (`visit:{id}`) or an agent (`agent:{id}`) without any socket, epoch ms. */
  unseenSince: ReadonlyMap<string, number>;
  limits: { inactiveMs: number; closeGraceMs: number; agentGraceMs: number };
}
export interface SweepDecision {
  endVisits: { visitId: string; reason: 'inactive' | 'closed' }[];
  offlineAgents: ActiveAgent[];
  rearmInvitations: string[];
  unseenSince: Map<string, number>;
}

/**
 * K1/B10/F2: what a sweep does, as a pure function of the read models, the sockets and the time. A visit
 * without a page view for the inactivity limit ends; a visit (or agent) with no socket anywhere ends (goes
 * offline) only once this process has seen it without one for the whole grace, so a restart that every
 * client reconnects from within the grace ends nothing. A visitor's tab that reconnected (to any process)
 * sends no page view, so it is in no visit's room: it keeps the open visits of its visitor, not those of
 * another tab of the same visitor on a visit of its own.
 */
export function sweep(input: SweepInput): SweepDecision {
  const { now, connected, limits } = input;
  const unseenSince = new Map<string, number>();
  const endVisits: SweepDecision['endVisits'] = [];
  const keepUnseen = (key: string, present: boolean, graceMs: number): boolean => {
    if (present) return false;
    const since = input.unseenSince.get(key) ?? now;
    unseenSince.set(key, since);
    return now - since >= graceMs;
  };
  for (const v of input.openVisits) {
    const key = visitRoom(v.visitId);
    if (now - Date.parse(v.lastSeenAt) >= limits.inactiveMs) {
      endVisits.push({ visitId: v.visitId, reason: 'inactive' });
      continue;
    }
    if (!connected) {
      const since = input.unseenSince.get(key);
      if (since !== undefined) unseenSince.set(key, since);
      continue;
    }
    const present = connected.visitors.has(key) || connected.unplacedVisitors.has(visitorRoom(v.siteId, v.visitorId));
    if (keepUnseen(key, present, limits.closeGraceMs)) endVisits.push({ visitId: v.visitId, reason: 'closed' });
  }
  const offlineAgents: ActiveAgent[] = [];
  for (const a of input.activeAgents) {
    const key = agentRoom(a.userId);
    if (!connected) {
      const since = input.unseenSince.get(key);
      if (since !== undefined) unseenSince.set(key, since);
      continue;
    }
    if (keepUnseen(key, connected.agents.has(key), limits.agentGraceMs)) offlineAgents.push(a);
  }
  const ending = new Set(endVisits.map((e) => e.visitId));
  const open = new Set(input.openVisits.map((v) => v.visitId));
  const rearmInvitations = input.localVisits.filter((id) => open.has(id) && !ending.has(id) && !input.armedInvitations.has(id));
  // Those being ended or put offline now are forgotten: the next sweep no longer lists them.
  for (const e of endVisits) unseenSince.delete(visitRoom(e.visitId));
  for (const a of offlineAgents) unseenSince.delete(agentRoom(a.userId));
  return { endVisits, offlineAgents, rearmInvitations, unseenSince };
}

const roomsOf = async (ns: Namespace | undefined): Promise<{ rooms: Set<string>; unplaced: Set<string> }> => {
  const rooms = new Set<string>();
  const unplaced = new Set<string>();
  for (const socket of ns ? await ns.fetchSockets() : []) {
    for (const room of socket.rooms) rooms.add(room);
    const data = socket.data as { visitId?: string; claims?: { siteId: string; visitorId: string } } | undefined;
    if (data?.claims && !data.visitId) unplaced.add(visitorRoom(data.claims.siteId, data.claims.visitorId));
  }
  return { rooms, unplaced };
};

/**
 * The timers of visits, auto-invitations and the agents' offline grace live in the process holding the
 * socket; when that process stops they are gone. Every process therefore sweeps, at boot and every
 * VISIT_SWEEP_SECONDS, deriving them again from the read models and the sockets of every process. The
 * commands it sends are idempotent (the visit decider answers an ended visit with nothing, presence an
 * offline agent with nothing, and both append with the stream's expected revision), so several
 * processes sweeping at once append each ending once.
 */
@Injectable()
export class PresenceSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('sweeper');
  private unseenSince = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<SweepDecision | undefined>;

  constructor(
    private readonly commands: CommandBus,
    private readonly visitorGateway: VisitorGateway,
    private readonly agentGateway: AgentGateway,
    private readonly invitations: AutoInvitationTimers,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.visitSweepMs ?? 60_000;
    if (every <= 0) return;
    void this.run();
    this.timer = setInterval(() => void this.run(), every);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One sweep (a sweep still running is waited for, not doubled). */
  run(): Promise<SweepDecision | undefined> {
    this.running ??= this.once()
      .catch((error: unknown) => {
        this.logger.warn(`sweep failed: ${String(error)}`);
        return undefined;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async once(): Promise<SweepDecision> {
    const visitors = this.visitorGateway.server as Namespace | undefined;
    const agents = this.agentGateway.server as Namespace | undefined;
    const [visitDocs, presenceDocs] = await Promise.all([
      this.reads.find<LiveVisitDoc>(LIVE_VISITS, { online: true }),
      this.reads.find<PresenceDoc>(AGENT_PRESENCE, { status: { $ne: 'offline' } }),
    ]);
    let connected: ConnectedRooms | undefined;
    try {
      const [v, a] = await Promise.all([roomsOf(visitors), roomsOf(agents)]);
      connected = { visitors: v.rooms, unplacedVisitors: v.unplaced, agents: a.rooms };
    } catch (error) {
      this.logger.warn(`sockets could not be listed, nothing ends for lack of a socket this time: ${String(error)}`);
    }
    const localVisits = new Set<string>();
    for (const socket of visitors?.sockets.values() ?? []) {
      const visitId = (socket.data as { visitId?: string } | undefined)?.visitId;
      if (visitId) localVisits.add(visitId);
    }
    const decision = sweep({
      now: Date.now(),
      openVisits: visitDocs.map((d) => ({ visitId: d.visitId, siteId: d.siteId, visitorId: d.visitorId, lastSeenAt: d.lastSeenAt })),
      activeAgents: presenceDocs.map((d) => ({ userId: d.userId, orgId: d.orgId })),
      connected,
      localVisits: [...localVisits],
      armedInvitations: this.invitations.armed(),
      unseenSince: this.unseenSince,
      limits: {
        inactiveMs: this.config.visitInactiveMs ?? 30 * 60_000,
        closeGraceMs: this.config.visitCloseGraceMs ?? 30_000,
        agentGraceMs: this.config.agentOfflineGraceMs,
      },
    });
    this.unseenSince = decision.unseenSince;
    for (const { visitId, reason } of decision.endVisits) {
      this.invitations.cancel(visitId);
      await this.commands
        .execute(new EndVisitCommand(visitId, reason))
        .catch((error: unknown) => this.logger.warn(`ending visit ${visitId}: ${String(error)}`));
    }
    for (const { userId, orgId } of decision.offlineAgents) {
      // The presence command reads only the user and the organisation; the sweeper acts for no session.
      const principal: Principal = { userId, orgId, email: '', name: '', roles: ['agent'], sessionId: '' };
      await this.commands
        .execute(new SetAgentStatusCommand(principal, 'offline', 'disconnected'))
        .catch((error: unknown) => this.logger.warn(`could not mark ${userId} offline: ${String(error)}`));
    }
    for (const visitId of decision.rearmInvitations)
      await this.invitations.schedule(visitId).catch((error: unknown) => this.logger.warn(`auto invitation for ${visitId}: ${String(error)}`));
    return decision;
  }
}
