import { Injectable, inject } from '@angular/core';
import type {
  AuditHistory,
  AuditStateAsOf,
  ChatRecordQuery,
  ChatRecordRowView,
  InvitationFunnelReport,
  KeywordsReport,
  LeaveMessageQuery,
  LeaveMessageView,
  LiveVisitorView,
  Page,
  PagesReport,
  PositionResponse,
  RatingQuery,
  RatingView,
  RatingsReport,
  RegionLevel,
  RegionsReport,
  ReplyLeaveMessageRequest,
  ReportQuery,
  RoutingTraceView,
  SourcesReport,
  TeamMemberView,
  VisitQuery,
  VisitRowView,
  VisitorsReport,
} from '@kefu/contracts';
import { ApiClient, WritePosition } from '@kefu/ui';

/** The statistics reports (J1–J6, ★) by their path segment under /api/sites/:siteId/reports/. */
export interface ReportViews {
  visitors: VisitorsReport;
  pages: PagesReport;
  sources: SourcesReport;
  keywords: KeywordsReport;
  regions: RegionsReport;
  ratings: RatingsReport;
  invitations: InvitationFunnelReport;
}
export type ReportName = keyof ReportViews;
export const REPORT_NAMES: readonly ReportName[] = ['visitors', 'pages', 'sources', 'keywords', 'regions', 'ratings', 'invitations'];

/** Extra query of a report: one page's or one source's trend, the region level. */
export interface ReportExtra {
  url?: string;
  source?: string;
  level?: RegionLevel;
}

export type Query = Record<string, string | number | undefined>;

export const sitePath = (siteId: string): string => `/sites/${encodeURIComponent(siteId)}`;
export const reportPath = (siteId: string, report: ReportName): string => `${sitePath(siteId)}/reports/${report}`;
export type AuditSubject = 'chat' | 'visit' | 'visitor' | 'site';
const AUDIT_SEGMENT: Record<AuditSubject, string> = { chat: 'chats', visit: 'visits', visitor: 'visitors', site: 'sites' };
export const auditPath = (kind: AuditSubject, id: string): string => `/audit/${AUDIT_SEGMENT[kind]}/${encodeURIComponent(id)}`;

/** Monitoring, records, statistics and audit reads of the console (libs/contracts reports.ts). */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly api = inject(ApiClient);
  private readonly writes = inject(WritePosition);

  report<R extends ReportName>(siteId: string, report: R, query: ReportQuery & ReportExtra): Promise<ReportViews[R]> {
    return this.api.get<ReportViews[R]>(reportPath(siteId, report), { query: { ...query } });
  }

  liveVisitors(siteId?: string): Promise<LiveVisitorView[]> {
    return this.api.get<LiveVisitorView[]>('/monitoring/visitors', { query: { siteId } });
  }

  team(): Promise<TeamMemberView[]> {
    return this.api.get<TeamMemberView[]>('/monitoring/team');
  }

  visits(siteId: string, query: VisitQuery): Promise<Page<VisitRowView>> {
    return this.page<VisitRowView>(`${sitePath(siteId)}/visits`, { ...query });
  }

  chats(siteId: string, query: ChatRecordQuery): Promise<Page<ChatRecordRowView>> {
    return this.page<ChatRecordRowView>(`${sitePath(siteId)}/chats`, { ...query }, this.writes.value());
  }

  leaveMessages(siteId: string, query: LeaveMessageQuery): Promise<Page<LeaveMessageView>> {
    return this.page<LeaveMessageView>(`${sitePath(siteId)}/leave-messages`, { ...query }, this.writes.value());
  }

  markHandled(siteId: string, leaveMessageId: string): Promise<PositionResponse> {
    return this.write(this.api.post<PositionResponse>(`${sitePath(siteId)}/leave-messages/${encodeURIComponent(leaveMessageId)}/handled`));
  }

  reply(siteId: string, leaveMessageId: string, request: ReplyLeaveMessageRequest): Promise<PositionResponse> {
    return this.write(this.api.post<PositionResponse>(`${sitePath(siteId)}/leave-messages/${encodeURIComponent(leaveMessageId)}/reply`, request));
  }

  ratings(siteId: string, query: RatingQuery): Promise<Page<RatingView>> {
    return this.page<RatingView>(`${sitePath(siteId)}/ratings`, { ...query });
  }

  auditHistory(kind: AuditSubject, id: string): Promise<AuditHistory> {
    return this.api.get<AuditHistory>(`${auditPath(kind, id)}/events`);
  }

  auditState(kind: 'chat' | 'visit', id: string, at: string): Promise<AuditStateAsOf> {
    return this.api.get<AuditStateAsOf>(`${auditPath(kind, id)}/state`, { query: { at } });
  }

  routingTrace(chatId: string): Promise<RoutingTraceView> {
    return this.api.get<RoutingTraceView>(`${auditPath('chat', chatId)}/routing`);
  }

  /** One page of a list: the server answers the rows as an array and the total in `X-Total-Count`. */
  private page<T>(path: string, query: Query, waitFor?: number): Promise<Page<T>> {
    return this.api.getWithTotal<T>(path, { query, waitFor });
  }

  private async write<T extends PositionResponse>(call: Promise<T>): Promise<T> {
    const answer = await call;
    this.writes.note(answer.position);
    return answer;
  }
}
