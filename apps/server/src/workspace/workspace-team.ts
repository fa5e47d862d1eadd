import type { WorkspaceTeamMemberView, WorkspaceTeamSiteView } from '@kefu/contracts';
import type { ReadStore } from '@kefu/read-store';
import {
  agentSiteId,
  SITES,
  TEAM_AGENT_SITES,
  TEAM_AGENTS,
  TEAM_QUEUE,
  type SiteDoc,
  type TeamAgentDoc,
  type TeamAgentSiteDoc,
  type TeamQueuedChatDoc,
} from '@kefu/projections';

/** The live sites of an organisation an agent serves (assigned as one of the site's agents, D3), oldest first. */
export function sitesServedBy(reads: ReadStore, orgId: string, userId: string): Promise<SiteDoc[]> {
  return reads.find<SiteDoc>(SITES, { orgId, [`agents.${userId}`]: { $exists: true }, deletedAt: { $exists: false } }, { sort: { createdAt: 1 } });
}

/**
 * B1/I4 team panel of the workspace: for each site, every agent of it with their status (B10), the open
 * chats they serve there against the site's cap for them (D3), and the site's queue. Status and load come
 * from the team-monitor read model, the agents, nicknames and caps from the sites read model; everything
 * is read within the caller's organisation.
 */
export async function teamOfSites(reads: ReadStore, orgId: string, sites: readonly SiteDoc[]): Promise<WorkspaceTeamSiteView[]> {
  if (sites.length === 0) return [];
  const siteIds = sites.map((s) => s.siteId);
  const agentIds = [...new Set(sites.flatMap((s) => Object.keys(s.agents ?? {})))];
  const [agents, loads, queued] = await Promise.all([
    agentIds.length > 0 ? reads.find<TeamAgentDoc>(TEAM_AGENTS, { orgId, _id: { $in: agentIds } }) : Promise.resolve([]),
    reads.find<TeamAgentSiteDoc>(TEAM_AGENT_SITES, { orgId, siteId: { $in: siteIds } }),
    reads.find<TeamQueuedChatDoc>(TEAM_QUEUE, { orgId, siteId: { $in: siteIds } }),
  ]);
  const agentById = new Map(agents.map((a) => [a._id, a]));
  const loadById = new Map(loads.map((l) => [l._id, l.chatsNow]));
  return sites.map((site) => {
    const members = Object.entries(site.agents ?? {})
      .sort(([idA, a], [idB, b]) => (a.order ?? 0) - (b.order ?? 0) || a.nickname.localeCompare(b.nickname) || idA.localeCompare(idB))
      .map(([agentId, a]): WorkspaceTeamMemberView => {
        const team = agentById.get(agentId);
        return {
          agentId,
          name: a.nickname,
          status: team?.status ?? 'offline',
          statusSince: team?.statusSince ?? a.assignedAt,
          chatsNow: Math.max(0, loadById.get(agentSiteId(agentId, site.siteId)) ?? 0),
          cap: a.maxChats ?? null,
        };
      });
    return {
      siteId: site.siteId,
      siteName: site.name,
      queueLength: queued.filter((q) => q.siteId === site.siteId).length,
      agents: members,
    };
  });
}
