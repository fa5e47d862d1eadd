import { Inject, Injectable } from '@nestjs/common';
import { site, type RoutingCandidate } from '@kefu/domain';
import type { ReadStore } from '@kefu/read-store';
import { AGENT_PRESENCE, type PresenceDoc } from '@kefu/projections';
import { DeciderStreams } from '../platform/decider-streams';
import { READ_STORE } from '../platform/tokens';

/**
 * The agents a site's chat may go to, with their presence, group, regions and cap. The agent list
 * comes from the site's stream (consistent); presence from the presence read model, the one input
 * DESIGN.md allows to be eventually consistent ("is anyone online"). Capacity is enforced by the
 * routing stream itself.
 */
@Injectable()
export class RoutingCandidates {
  constructor(
    private readonly streams: DeciderStreams,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  async of(siteId: string): Promise<RoutingCandidate[]> {
    const { state } = await this.streams.load(site, siteId);
    const ids = Object.keys(state.agents);
    if (ids.length === 0) return [];
    const presence = await this.reads.find<PresenceDoc>(AGENT_PRESENCE, { _id: { $in: ids } });
    const status = new Map(presence.map((p) => [p.userId, p.status]));
    return ids
      .map((agentId) => {
        const a = state.agents[agentId];
        const candidate: RoutingCandidate = { agentId, name: a?.nickname ?? '', status: status.get(agentId) ?? 'offline' };
        if (a?.maxChats !== undefined && a.maxChats !== null) candidate.cap = a.maxChats;
        if (a?.groupId !== undefined) candidate.groupId = a.groupId;
        if (a?.distribution) candidate.distribution = a.distribution;
        if (a?.regions) candidate.regions = a.regions;
        return { candidate, order: a?.order ?? 0 };
      })
      .sort((x, y) => x.order - y.order)
      .map((x) => x.candidate);
  }

  /** The site's groups (for transfer targets). */
  async groups(siteId: string): Promise<{ id: string; name: string }[]> {
    const { state } = await this.streams.load(site, siteId);
    return Object.entries(state.groups ?? {})
      .sort(([, a], [, b]) => a.order - b.order)
      .map(([id, g]) => ({ id, name: g.name }));
  }
}
