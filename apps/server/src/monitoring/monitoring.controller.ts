import { Controller, Get, Inject, Query } from '@nestjs/common';
import { DomainError } from '@kefu/domain';
import type { LiveVisitorView, TeamMemberView } from '@kefu/contracts';
import type { Filter, ReadStore } from '@kefu/read-store';
import {
  LIVE_VISITORS,
  SITES,
  TEAM_AGENT_DAYS,
  TEAM_AGENTS,
  todayIn,
  type LiveVisitorDoc,
  type SiteDoc,
  type TeamAgentDayDoc,
  type TeamAgentDoc,
} from '@kefu/projections';
import { CurrentPrincipal, Roles } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Clock } from '../platform/clock';
import { parseId, parsePosition } from '../platform/http';
import { ProjectorService } from '../platform/projector.service';
import { READ_STORE } from '../platform/tokens';

const LIVE_LIMIT = 2000;

/** The team monitor row of an agent: today is each site's own local day. */
export async function teamOf(reads: ReadStore, orgId: string, nowMs: number): Promise<TeamMemberView[]> {
  const [agents, sites] = await Promise.all([reads.find<TeamAgentDoc>(TEAM_AGENTS, { orgId }, { sort: { name: 1 } }), reads.find<SiteDoc>(SITES, { orgId })]);
  const todays = sites.map((s) => ({ siteId: s.siteId, day: todayIn(s.timeZone, nowMs) }));
  const days =
    todays.length > 0 ? await reads.find<TeamAgentDayDoc>(TEAM_AGENT_DAYS, { orgId, $or: todays.map((t) => ({ siteId: t.siteId, day: t.day })) }) : [];
  return agents.map((a) => {
    const mine = days.filter((d) => d.agentId === a.agentId);
    const sum = (k: 'chats' | 'firstResponseMs' | 'firstResponses' | 'handleMs' | 'handled') => mine.reduce((n, d) => n + (d[k] ?? 0), 0);
    const responses = sum('firstResponses');
    const handled = sum('handled');
    return {
      agentId: a.agentId,
      orgId: a.orgId,
      name: a.name,
      status: a.status,
      statusSince: a.statusSince,
      chatsNow: a.chatsNow,
      chatsToday: sum('chats'),
      firstResponseMs: responses > 0 ? Math.round(sum('firstResponseMs') / responses) : null,
      avgHandleMs: handled > 0 ? Math.round(sum('handleMs') / handled) : null,
    };
  });
}

export function toLiveVisitor(doc: LiveVisitorDoc): LiveVisitorView {
  const { _id, _position, ...view } = doc as LiveVisitorDoc & { _position?: number };
  void _id;
  void _position;
  return view;
}

/** B1 live home and I4 team monitor (the /admin socket namespace pushes the same views as they change). */
@Controller('monitoring')
@Roles('owner', 'admin', 'agent')
export class MonitoringController {
  constructor(
    private readonly projector: ProjectorService,
    private readonly clock: Clock,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  /** Every visitor now on the organisation's sites (merged), or on one site (`?siteId=`). */
  @Get('visitors')
  async visitors(@CurrentPrincipal() p: Principal, @Query('siteId') siteId?: string, @Query('waitFor') waitFor?: string): Promise<LiveVisitorView[]> {
    await this.projector.waitFor(parsePosition(waitFor));
    const filter: Filter = { orgId: p.orgId };
    if (siteId !== undefined) {
      const id = parseId(String(siteId), 'site');
      const site = await this.reads.get<SiteDoc>(SITES, id);
      if (!site || site.orgId !== p.orgId) throw new DomainError('NOT_FOUND', 'no such site');
      filter['siteId'] = id;
    }
    const docs = await this.reads.find<LiveVisitorDoc>(LIVE_VISITORS, filter, { sort: { startedAt: -1 }, limit: LIVE_LIMIT });
    return docs.map(toLiveVisitor);
  }

  @Get('team')
  @Roles('owner', 'admin')
  async team(@CurrentPrincipal() p: Principal, @Query('waitFor') waitFor?: string): Promise<TeamMemberView[]> {
    await this.projector.waitFor(parsePosition(waitFor));
    return teamOf(this.reads, p.orgId, Date.parse(this.clock.now()));
  }
}
