import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@kefu/domain';
import type { ChatRecordRowView, ChatRecordView, LeaveMessageView, RatingView, VisitRowView } from '@kefu/contracts';
import type { Filter, ReadStore } from '@kefu/read-store';
import {
  CHAT_RECORDS,
  DIRECT_SOURCE,
  instantRange,
  LEAVE_MESSAGES,
  literalPattern,
  RATINGS,
  SITE_VISITS,
  UNKNOWN_REGION,
  type ChatRecordDoc,
  type LeaveMessageDoc,
  type RatingDoc,
  type SiteVisitDoc,
} from '@kefu/projections';
import { CurrentPrincipal, Roles } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { parseId, parsePosition } from '../platform/http';
import { ProjectorService } from '../platform/projector.service';
import { READ_STORE } from '../platform/tokens';
import { toCsv } from '../reports/csv';
import { ReportScope, type SiteScope } from '../reports/report-scope';
import { ChatRecordQueryDto, LeaveMessageQueryDto, RatingQueryDto, VisitQueryDto } from './records.dto';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
/** A CSV export holds at most this many rows (the newest). */
const EXPORT_LIMIT = 50_000;

/** The view a document holds, without the store's fields and the internal ones named. */
function strip<V>(doc: V & { _id: string }, ...more: string[]): V {
  const out = { ...doc } as Record<string, unknown>;
  for (const k of ['_id', '_position', ...more]) delete out[k];
  return out as V;
}

/** Records of a site: chat records (I5), visits (I3), leave messages (I6), ratings (I7); each list has a `.csv` twin. */
@Controller('sites/:siteId')
@Roles('owner', 'admin')
export class RecordsController {
  constructor(
    private readonly projector: ProjectorService,
    private readonly scope: ReportScope,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  // ---- I5 chat records ----

  @Get('chats')
  async chats(
    @Param('siteId') siteId: string,
    @Query() q: ChatRecordQueryDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ChatRecordRowView[]> {
    const { filter } = await this.chatFilter(p, siteId, q);
    const { limit, skip } = paging(q);
    const [total, docs] = await Promise.all([
      this.reads.count(CHAT_RECORDS, filter),
      this.reads.find<ChatRecordDoc>(CHAT_RECORDS, filter, { sort: { requestedAt: -1 }, skip, limit, projection: { transcript: 0, search: 0 } }),
    ]);
    res.setHeader('x-total-count', String(total));
    return docs.map(toRow);
  }

  @Get('chats.csv')
  async chatsCsv(@Param('siteId') siteId: string, @Query() q: ChatRecordQueryDto, @CurrentPrincipal() p: Principal, @Res() res: Response): Promise<void> {
    const { filter, period } = await this.chatFilter(p, siteId, q);
    const docs = await this.reads.find<ChatRecordDoc>(CHAT_RECORDS, filter, { sort: { requestedAt: -1 }, limit: EXPORT_LIMIT, projection: { search: 0 } });
    const rows = docs.map((d) => {
      const r = toRow(d);
      return {
        ...r,
        agent: r.agent?.name ?? '',
        page: r.page.url,
        rating: r.rating?.score ?? '',
        suggestion: r.rating?.suggestion ?? '',
        region: [r.region.country, r.region.province, r.region.city].filter(Boolean).join(' '),
        source: r.source.kind === 'direct' ? 'direct' : r.source.engine || r.source.host,
        keyword: r.source.keyword,
        transcript: d.transcript.map((t) => (t.kind === 'message' ? `[${t.at}] ${t.from.name}: ${t.text}` : `[${t.at}] ${t.what}`)).join('\n'),
      };
    });
    const columns = [
      'chatId',
      'requestedAt',
      'closedAt',
      'status',
      'visitorName',
      'agent',
      'category',
      'rating',
      'suggestion',
      'messageCount',
      'page',
      'region',
      'source',
      'keyword',
      'transcript',
    ];
    send(
      res,
      `chats-${period.from}-${period.to}.csv`,
      toCsv(
        columns.map((k) => ({ key: k, header: k })),
        rows,
      ),
    );
  }

  @Get('chats/:chatId')
  async chat(
    @Param('siteId') siteId: string,
    @Param('chatId') chatId: string,
    @CurrentPrincipal() p: Principal,
    @Query('waitFor') waitFor?: string,
  ): Promise<ChatRecordView> {
    await this.projector.waitFor(parsePosition(waitFor));
    const site = await this.scope.site(p, siteId);
    const doc = await this.reads.get<ChatRecordDoc>(CHAT_RECORDS, parseId(chatId, 'chat'));
    if (!doc || doc.siteId !== site.siteId) throw new DomainError('NOT_FOUND', 'no such chat');
    return strip<ChatRecordView>(doc, 'closeReason', 'search', 'agentIds');
  }

  private async chatFilter(p: Principal, siteId: string, q: ChatRecordQueryDto): Promise<{ filter: Filter; period: { from: string; to: string } }> {
    await this.projector.waitFor(parsePosition(q.waitFor));
    const site = await this.scope.site(p, siteId);
    const period = this.scope.period(site.timeZone, q.from, q.to);
    const { start, end } = instantRange(period.from, period.to, site.timeZone);
    const filter: Filter = { siteId: site.siteId, requestedAt: { $gte: start, $lt: end } };
    if (q.category !== undefined) filter['category'] = q.category;
    if (q.status !== undefined) filter['status'] = q.status;
    if (q.agentId !== undefined) filter['agentIds'] = q.agentId.toLowerCase();
    if (q.q !== undefined) filter['search'] = textMatch(q.q);
    return { filter, period };
  }

  // ---- I3 visits ----

  @Get('visits')
  async visits(
    @Param('siteId') siteId: string,
    @Query() q: VisitQueryDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VisitRowView[]> {
    const filter = await this.visitFilter(p, siteId, q);
    const { limit, skip } = paging(q);
    const [total, docs] = await Promise.all([
      this.reads.count(SITE_VISITS, filter),
      this.reads.find<SiteVisitDoc>(SITE_VISITS, filter, { sort: { startedAt: -1 }, skip, limit }),
    ]);
    res.setHeader('x-total-count', String(total));
    return docs.map((d) => strip<VisitRowView>(d, 'orgId'));
  }

  @Get('visits.csv')
  async visitsCsv(@Param('siteId') siteId: string, @Query() q: VisitQueryDto, @CurrentPrincipal() p: Principal, @Res() res: Response): Promise<void> {
    const docs = await this.reads.find<SiteVisitDoc>(SITE_VISITS, await this.visitFilter(p, siteId, q), { sort: { startedAt: -1 }, limit: EXPORT_LIMIT });
    const rows = docs.map((d) => ({
      ...d,
      entryPage: d.entryPage.url,
      lastPage: d.lastPage.url,
      region: [d.region.country, d.region.province, d.region.city].filter(Boolean).join(' '),
      source: d.source.kind === 'direct' ? 'direct' : d.source.engine || d.source.host,
      keyword: d.source.keyword,
      device: `${d.device.type} ${d.device.os} ${d.device.browser}`.trim(),
    }));
    const columns = [
      'visitId',
      'visitorId',
      'kind',
      'status',
      'startedAt',
      'endedAt',
      'entryPage',
      'lastPage',
      'pages',
      'region',
      'source',
      'keyword',
      'device',
      'chatted',
      'chats',
      'leftMessage',
    ];
    send(
      res,
      'visits.csv',
      toCsv(
        columns.map((k) => ({ key: k, header: k })),
        rows,
      ),
    );
  }

  private async visitFilter(p: Principal, siteId: string, q: VisitQueryDto): Promise<Filter> {
    await this.projector.waitFor(parsePosition(q.waitFor));
    const site = await this.scope.site(p, siteId);
    const filter = this.timeFilter(site, q, 'startedAt');
    if (q.kind !== undefined) filter['kind'] = q.kind;
    if (q.chatted !== undefined) filter['chatted'] = q.chatted === 'yes';
    if (q.status !== undefined) filter['status'] = q.status;
    return filter;
  }

  // ---- I6 leave messages ----

  @Get('leave-messages')
  async leaveMessages(
    @Param('siteId') siteId: string,
    @Query() q: LeaveMessageQueryDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeaveMessageView[]> {
    const filter = await this.leaveMessageFilter(p, siteId, q);
    const { limit, skip } = paging(q);
    const [total, docs] = await Promise.all([
      this.reads.count(LEAVE_MESSAGES, filter),
      this.reads.find<LeaveMessageDoc>(LEAVE_MESSAGES, filter, { sort: { at: -1 }, skip, limit }),
    ]);
    res.setHeader('x-total-count', String(total));
    return docs.map((d) => strip<LeaveMessageView>(d, 'orgId', 'search'));
  }

  @Get('leave-messages.csv')
  async leaveMessagesCsv(
    @Param('siteId') siteId: string,
    @Query() q: LeaveMessageQueryDto,
    @CurrentPrincipal() p: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const docs = await this.reads.find<LeaveMessageDoc>(LEAVE_MESSAGES, await this.leaveMessageFilter(p, siteId, q), { sort: { at: -1 }, limit: EXPORT_LIMIT });
    const rows = docs.map((d) => ({ ...d, page: d.page.url, replies: d.replies.map((r) => `${r.at} ${r.channel}`).join('\n') }));
    const columns = ['leaveMessageId', 'at', 'status', 'name', 'phone', 'email', 'content', 'page', 'handledAt', 'replies'];
    send(
      res,
      'leave-messages.csv',
      toCsv(
        columns.map((k) => ({ key: k, header: k })),
        rows,
      ),
    );
  }

  private async leaveMessageFilter(p: Principal, siteId: string, q: LeaveMessageQueryDto): Promise<Filter> {
    await this.projector.waitFor(parsePosition(q.waitFor));
    const site = await this.scope.site(p, siteId);
    const filter = this.timeFilter(site, q, 'at');
    if (q.status !== undefined) filter['status'] = q.status;
    if (q.q !== undefined) filter['search'] = textMatch(q.q);
    return filter;
  }

  // ---- I7 ratings ----

  @Get('ratings')
  async ratings(
    @Param('siteId') siteId: string,
    @Query() q: RatingQueryDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RatingView[]> {
    const filter = await this.ratingFilter(p, siteId, q);
    const { limit, skip } = paging(q);
    const [total, docs] = await Promise.all([
      this.reads.count(RATINGS, filter),
      this.reads.find<RatingDoc>(RATINGS, filter, { sort: { at: -1 }, skip, limit }),
    ]);
    res.setHeader('x-total-count', String(total));
    return docs.map((d) => strip<RatingView>(d, 'orgId'));
  }

  @Get('ratings.csv')
  async ratingsCsv(@Param('siteId') siteId: string, @Query() q: RatingQueryDto, @CurrentPrincipal() p: Principal, @Res() res: Response): Promise<void> {
    const docs = await this.reads.find<RatingDoc>(RATINGS, await this.ratingFilter(p, siteId, q), { sort: { at: -1 }, limit: EXPORT_LIMIT });
    const columns = ['chatId', 'at', 'agentName', 'agentId', 'score', 'suggestion', 'visitorId'];
    send(
      res,
      'ratings.csv',
      toCsv(
        columns.map((k) => ({ key: k, header: k })),
        docs,
      ),
    );
  }

  private async ratingFilter(p: Principal, siteId: string, q: RatingQueryDto): Promise<Filter> {
    await this.projector.waitFor(parsePosition(q.waitFor));
    const site = await this.scope.site(p, siteId);
    const filter = this.timeFilter(site, q, 'at');
    if (q.agentId !== undefined) filter['agentId'] = q.agentId.toLowerCase();
    if (q.score !== undefined) filter['score'] = Number(q.score);
    return filter;
  }

  private timeFilter(site: SiteScope, q: { from?: string; to?: string }, field: string): Filter {
    const period = this.scope.period(site.timeZone, q.from, q.to);
    const { start, end } = instantRange(period.from, period.to, site.timeZone);
    return { siteId: site.siteId, [field]: { $gte: start, $lt: end } };
  }
}

/** Substring match of the user's text, escaped: what they type is never a pattern or an operator. */
function textMatch(q: string): Filter {
  const pattern = literalPattern(q);
  if (pattern === '') throw new DomainError('INVALID', 'q must contain some text');
  return { $regex: pattern };
}

function paging(q: { limit?: string; skip?: string }): { limit: number; skip: number } {
  const limit = q.limit === undefined ? DEFAULT_LIMIT : Number(q.limit);
  if (limit < 1 || limit > MAX_LIMIT) throw new DomainError('INVALID', `limit must be from 1 to ${MAX_LIMIT}`);
  return { limit, skip: q.skip === undefined ? 0 : Number(q.skip) };
}

function toRow(d: ChatRecordDoc): ChatRecordRowView {
  return {
    chatId: d.chatId,
    siteId: d.siteId,
    visitorId: d.visitorId,
    visitId: d.visitId,
    visitorName: d.visitorName,
    status: d.status,
    ...(d.agent ? { agent: d.agent } : {}),
    requestedAt: d.requestedAt,
    ...(d.assignedAt ? { assignedAt: d.assignedAt } : {}),
    ...(d.closedAt ? { closedAt: d.closedAt } : {}),
    page: d.page,
    category: d.category ?? '',
    ...(d.rating ? { rating: { score: d.rating.score, suggestion: d.rating.suggestion } } : {}),
    messageCount: d.messageCount,
    transfers: d.transfers ?? 0,
    region: d.visit?.region ?? UNKNOWN_REGION,
    source: d.visit?.source ?? DIRECT_SOURCE,
  };
}

function send(res: Response, filename: string, csv: string): void {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.send(csv);
}
