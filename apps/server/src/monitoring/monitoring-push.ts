import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { adminOrgRoom } from '@kefu/contracts';
import type { EventStore, RecordedEvent } from '@kefu/event-store';
import type { ReadStore } from '@kefu/read-store';
import { LIVE_VISITORS, liveVisitorsProjection, teamMonitorProjection, type LiveVisitorDoc } from '@kefu/projections';
import { Clock } from '../platform/clock';
import { LivePushes } from '../platform/live-pushes';
import { ProjectorService } from '../platform/projector.service';
import { EVENT_STORE, READ_STORE } from '../platform/tokens';
import { teamOf, toLiveVisitor } from './monitoring.controller';

const VISITOR_TYPES = new Set(liveVisitorsProjection.handles);
/** The team-monitor's queue bookkeeping (for the workspace team panel) changes no row of the monitor. */
const QUEUE_TYPES = new Set(['ChatQueued', 'ChatRouted', 'ChatReleased']);
const TEAM_TYPES = new Set(teamMonitorProjection.handles.filter((t) => !t.startsWith('Site') && !QUEUE_TYPES.has(t)));

/**
 * B1/I4 pushes: follows `$all` like the chat fanout, waits until the monitoring read models applied each
 * event, then pushes the changed live visitor or team row to the organisation's room of the /admin
 * namespace (`.local`: each process pushes to its own sockets). The /admin gateway calls `attach(ns)` and
 * joins each authenticated admin socket to `org:{orgId}`.
 */
@Injectable()
export class MonitoringPush extends LivePushes {
  private admins?: Namespace;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projector: ProjectorService,
    private readonly clock: Clock,
  ) {
    super(events, new Logger('monitoring'));
  }

  attach(ns: Namespace): void {
    this.admins = ns;
  }

  protected wants(e: RecordedEvent): boolean {
    return this.admins !== undefined && (VISITOR_TYPES.has(e.type) || TEAM_TYPES.has(e.type));
  }

  protected async push(e: RecordedEvent): Promise<void> {
    const admins = this.admins;
    if (!admins) return;
    const d = e.data as { orgId?: string; siteId?: string; visitId?: string; chatId?: string };
    if (!d.orgId) return;
    // Nobody of this organisation watches the monitor on this process: no read, no wait (the hot message
    // path pays nothing for monitoring when no console is open).
    if (!admins.adapter.rooms.get(adminOrgRoom(d.orgId))?.size) return;
    await this.projector.projector.waitFor(e.position, 5000, [liveVisitorsProjection.name, teamMonitorProjection.name]);
    const room = admins.local.to(adminOrgRoom(d.orgId));
    if (VISITOR_TYPES.has(e.type)) {
      if (e.type === 'VisitEnded' && d.siteId && d.visitId) room.emit('monitor:visitor-left', { siteId: d.siteId, visitId: d.visitId });
      const visitId =
        d.visitId ?? (d.chatId ? (await this.reads.find<LiveVisitorDoc>(LIVE_VISITORS, { chatId: d.chatId }, { limit: 1 }))[0]?.visitId : undefined);
      const doc = visitId ? await this.reads.get<LiveVisitorDoc>(LIVE_VISITORS, visitId) : null;
      if (doc) room.emit('monitor:visitor', toLiveVisitor(doc));
    }
    if (TEAM_TYPES.has(e.type)) {
      const involved = agentsIn(e);
      if (involved?.size === 0) return;
      for (const member of await teamOf(this.reads, d.orgId, Date.parse(this.clock.now()))) {
        if (!involved || involved.has(member.agentId)) room.emit('monitor:agent', member);
      }
    }
  }
}

/** The agents whose team row an event changes; undefined when the event does not say (a close by a visitor). */
function agentsIn(e: RecordedEvent): Set<string> | undefined {
  const d = e.data as {
    userId?: string;
    agentId?: string;
    fromAgentId?: string;
    toAgentId?: string;
    from?: { role: string; id: string };
    by?: { role: string; id: string };
  };
  switch (e.type) {
    case 'UserRegistered':
    case 'AgentAssignedToSite':
    case 'AgentStatusChanged':
      return new Set(d.userId ? [d.userId] : []);
    case 'ChatAssigned':
      return new Set(d.agentId ? [d.agentId] : []);
    case 'ChatTransferred':
      return new Set([d.fromAgentId ?? '', d.toAgentId ?? '']);
    case 'MessagePosted':
      return new Set(d.from?.role === 'agent' ? [d.from.id] : []);
    case 'ChatClosed':
      return d.by?.role === 'agent' ? new Set([d.by.id]) : undefined;
    default:
      return undefined;
  }
}
