import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@kefu/domain';
import type { ReadStore } from '@kefu/read-store';
import { Inject } from '@nestjs/common';
import {
  invitationFunnelProjection,
  statsKeywordsProjection,
  statsPagesProjection,
  statsRatingsProjection,
  statsRegionsProjection,
  statsSourcesProjection,
  statsVisitorsProjection,
} from '@kefu/projections';
import { CurrentPrincipal, Roles } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { parsePosition } from '../platform/http';
import { ProjectorService } from '../platform/projector.service';
import { READ_STORE } from '../platform/tokens';
import { toCsv } from './csv';
import {
  invitationFunnelReport,
  keywordsReport,
  pagesReport,
  ratingsReport,
  regionsReport,
  sourcesReport,
  visitorsReport,
  type Period,
} from './report-queries';
import { ReportScope } from './report-scope';
import { ReportQueryDto } from './reports.dto';

const REPORTS = ['visitors', 'pages', 'sources', 'keywords', 'regions', 'ratings', 'invitations'] as const;
type ReportName = (typeof REPORTS)[number];

type Column = { key: string; header: string };
const col = (key: string, header = key): Column => ({ key, header });

/**
 * J1–J6 and the ★ invitation funnel: GET /api/sites/:siteId/reports/<name>[.csv]?from&to&granularity.
 * Every answer names the metric definition version it was built with (the owning projection's version).
 */
@Controller('sites/:siteId/reports')
@Roles('owner', 'admin')
export class ReportsController {
  constructor(
    private readonly projector: ProjectorService,
    private readonly scope: ReportScope,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  @Get(':report')
  async report(
    @Param('siteId') siteId: string,
    @Param('report') report: string,
    @Query() q: ReportQueryDto,
    @CurrentPrincipal() p: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const csv = report.endsWith('.csv');
    const name = (csv ? report.slice(0, -4) : report) as ReportName;
    if (!REPORTS.includes(name)) throw new DomainError('NOT_FOUND', `no such report; reports: ${REPORTS.join(', ')}`);
    await this.projector.waitFor(parsePosition(q.waitFor));
    const site = await this.scope.site(p, siteId);
    const period: Period = { siteId: site.siteId, timeZone: site.timeZone, ...this.scope.period(site.timeZone, q.from, q.to, q.granularity) };
    const table = await this.build(name, period, q, site.orgId);
    if (!csv) {
      res.json(table.json);
      return;
    }
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${name}-${period.from}-${period.to}.csv"`);
    res.send(toCsv(table.columns, table.rows));
  }

  private async build(
    name: ReportName,
    p: Period,
    q: ReportQueryDto,
    orgId: string,
  ): Promise<{ json: unknown; columns: Column[]; rows: Record<string, unknown>[] }> {
    switch (name) {
      case 'visitors': {
        const r = await visitorsReport(this.reads, p, statsVisitorsProjection.version);
        const rows = r.series.map((b) => ({ ...b, new: b.kinds.new, returning: b.kinds.returning, intent: b.kinds.intent, member: b.kinds.member }));
        const columns = ['bucket', 'visits', 'uniqueVisitors', 'chats', 'leaveMessages', 'new', 'returning', 'intent', 'member'].map((k) => col(k));
        return { json: r, columns, rows };
      }
      case 'pages': {
        const r = await pagesReport(this.reads, p, statsPagesProjection.version, q.url);
        if (r.trend)
          return { json: r, columns: ['bucket', 'views', 'chatsStarted', 'avgTimeOnPageMs'].map((k) => col(k)), rows: r.trend.series.map((b) => ({ ...b })) };
        return { json: r, columns: ['url', 'title', 'views', 'chatsStarted', 'avgTimeOnPageMs'].map((k) => col(k)), rows: r.rows.map((x) => ({ ...x })) };
      }
      case 'sources': {
        const r = await sourcesReport(this.reads, p, statsSourcesProjection.version, q.source);
        if (r.trend) return { json: r, columns: ['bucket', 'visits', 'chats'].map((k) => col(k)), rows: r.trend.series.map((b) => ({ ...b })) };
        return {
          json: r,
          columns: ['source', 'kind', 'host', 'engine', 'visits', 'share', 'chats', 'chatRate'].map((k) => col(k)),
          rows: r.rows.map((x) => ({ ...x })),
        };
      }
      case 'keywords': {
        const r = await keywordsReport(this.reads, p, statsKeywordsProjection.version);
        return { json: r, columns: ['keyword', 'engine', 'visits', 'chats'].map((k) => col(k)), rows: r.rows.map((x) => ({ ...x })) };
      }
      case 'regions': {
        const r = await regionsReport(this.reads, p, statsRegionsProjection.version, q.level ?? 'province');
        const columns = ['country', 'province', 'city', 'countryEn', 'provinceEn', 'cityEn', 'visits', 'chats'].map((k) => col(k));
        const rows = r.rows.map(({ en, ...x }) => ({ ...x, countryEn: en?.country ?? '', provinceEn: en?.province ?? '', cityEn: en?.city ?? '' }));
        return { json: r, columns, rows };
      }
      case 'ratings': {
        const r = await ratingsReport(this.reads, p, statsRatingsProjection.version, await this.scope.agentNames(orgId));
        const rows = r.byAgent.map((a) => ({ agentId: a.agentId, agentName: a.agentName, ratings: a.ratings, average: a.average, ...a.scores }));
        return { json: r, columns: ['agentId', 'agentName', 'ratings', 'average', '1', '2', '3', '4', '5'].map((k) => col(k)), rows };
      }
      case 'invitations': {
        const r = await invitationFunnelReport(this.reads, p, invitationFunnelProjection.version, await this.scope.agentNames(orgId));
        return {
          json: r,
          columns: ['key', 'by', 'label', 'sent', 'accepted', 'declined', 'chats', 'rated'].map((k) => col(k)),
          rows: r.rows.map((x) => ({ ...x })),
        };
      }
    }
  }
}
