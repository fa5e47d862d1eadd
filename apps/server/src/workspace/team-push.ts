import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { agentOrgRoom } from '@kefu/contracts';
import type { EventStore, RecordedEvent } from '@kefu/event-store';
import type { ReadStore } from '@kefu/read-store';
import { SITES, sitesProjection, teamMonitorProjection, type SiteDoc } from '@kefu/projections';
import { agentRoom, siteAgentsRoom } from '../conversations/fanout';
import { LivePushes } from '../platform/live-pushes';
import { ProjectorService } from '../platform/projector.service';
import { EVENT_STORE, READ_STORE } from '../platform/tokens';
import { sitesServedBy, teamOfSites } from './workspace-team';

/**
 * Events that change a site's team panel. Routing's own `ChatRouted`/`ChatReleased` are left out: the chat's
 * `ChatAssigned` or `ChatClosed` follows them and the view pushed then already shows the queue they changed.
 */
const TEAM_EVENTS = new Set([
  'AgentStatusChanged',
  'AgentAssignedToSite',
  'SiteAgentUpdated',
  'SiteAgentsReordered',
  'AgentUnassignedFromSite',
  'SiteSettingsChanged',
  'SiteDeleted',
  'ChatQueued',
  'ChatAssigned',
  'ChatTransferred',
  'ChatClosed',
]);
/** Events that add or remove an agent of a site: their open workspaces join or leave its room, and are told directly. */
const MEMBERSHIP_EVENTS = new Set(['AgentAssignedToSite', 'AgentUnassignedFromSite']);

/**
 * B1/I4 team panel pushes of the workspace: follows `$all` like the chat fanout, waits until the team-monitor
 * and sites read models applied each event, then pushes the changed site's team view (`team:changed`) to the
 * agents of that site on this process (`.local`). An organisation with no agent socket here costs no read.
 */
@Injectable()
export class TeamPush extends LivePushes {
  private agents?: Namespace;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projector: ProjectorService,
  ) {
    super(events, new Logger('team-push'));
  }

  attach(ns: Namespace): void {
    this.agents = ns;
  }

  protected wants(e: RecordedEvent): boolean {
    return this.agents !== undefined && TEAM_EVENTS.has(e.type);
  }

  protected async push(e: RecordedEvent): Promise<void> {
    const agents = this.agents;
    const d = e.data as { orgId?: string; siteId?: string; userId?: string; changes?: { name?: string } };
    if (!agents || !d.orgId) return;
    if (!agents.adapter.rooms.get(agentOrgRoom(d.orgId))?.size) return;
    if (e.type === 'SiteSettingsChanged' && d.changes?.name === undefined) return;
    if (d.siteId && d.userId && MEMBERSHIP_EVENTS.has(e.type)) {
      // The agent's open workspaces follow their sites at once (the site's team and visitors), not at the next connection.
      const sockets = agents.local.in(agentRoom(d.userId));
      if (e.type === 'AgentAssignedToSite') sockets.socketsJoin(siteAgentsRoom(d.siteId));
      else sockets.socketsLeave(siteAgentsRoom(d.siteId));
    }
    await this.projector.projector.waitFor(e.position, 5000, [teamMonitorProjection.name, sitesProjection.name]);
    const sites = d.siteId ? await this.siteOf(d.orgId, d.siteId) : d.userId ? await sitesServedBy(this.reads, d.orgId, d.userId) : [];
    const live = sites.filter((s) => !s.deletedAt);
    const views = await teamOfSites(this.reads, d.orgId, live);
    // A deleted site is pushed with nobody in it: it leaves every workspace showing it.
    for (const gone of sites.filter((s) => s.deletedAt)) views.push({ siteId: gone.siteId, siteName: gone.name, queueLength: 0, agents: [] });
    for (const view of views) {
      const rooms = [siteAgentsRoom(view.siteId), ...(MEMBERSHIP_EVENTS.has(e.type) && d.userId ? [agentRoom(d.userId)] : [])];
      agents.local.to(rooms).emit('team:changed', view);
    }
  }

  private async siteOf(orgId: string, siteId: string): Promise<SiteDoc[]> {
    const site = await this.reads.get<SiteDoc>(SITES, siteId);
    return site && site.orgId === orgId ? [site] : [];
  }
}
