/**
 * Monitoring, records, statistics and audit (B1, I3–I7, J1–J6, K3, K4): query parameters, rows and views
 * of the HTTP API under /api and of the /admin socket namespace's monitoring pushes.
 *
 * Periods: `from` and `to` are local dates (YYYY-MM-DD) in the site's time zone, both included; without
 * them a report covers the current month. Every statistics report answers with the metric definition
 * version it was built with (`definitionVersion`, the version of the projection that owns it).
 * Every report and list has a CSV twin: the same path with `.csv` appended to its last segment
 * (e.g. `/api/sites/:siteId/reports/visitors.csv?from=...`), UTF-8 with a BOM (opens in Excel).
 */

/** Bucket size of a report's series; buckets are in the site's time zone. */
export type Granularity = 'hour' | 'day' | 'month';
export const GRANULARITIES: readonly Granularity[] = ['hour', 'day', 'month'];

/** How a visitor is classified on the live home and in J1. member > intent > returning > new. */
export type VisitorKind = 'member' | 'intent' | 'returning' | 'new';
export const VISITOR_KINDS: readonly VisitorKind[] = ['member', 'intent', 'returning', 'new'];

/** A region's names in English (the server romanises Chinese city names; a name it cannot render stays as ip2region gave it). */
export interface RegionEnglishView {
  country: string;
  province: string;
  city: string;
}
export interface RegionView {
  country: string;
  province: string;
  city: string;
  isp: string;
  /** The same place in English, for English-speaking consoles (see `regionInEnglish`). */
  en?: RegionEnglishView;
}

export type SourceKind = 'direct' | 'search' | 'referral';
export interface SourceView {
  kind: SourceKind;
  /** Referring host ('' for direct). */
  host: string;
  /** Search engine id (baidu, google, bing, sogou, so360, shenma, yahoo, duckduckgo, yandex) or ''. */
  engine: string;
  keyword: string;
}

export interface DeviceView {
  type: 'desktop' | 'mobile' | 'tablet' | 'other';
  os: string;
  browser: string;
}

/** Common query of every statistics report: GET /api/sites/:siteId/reports/<report>?from&to&granularity */
export interface ReportQuery {
  from?: string;
  to?: string;
  granularity?: Granularity;
}

/** What every statistics report says about itself. */
export interface ReportMeta {
  siteId: string;
  timeZone: string;
  from: string;
  to: string;
  granularity: Granularity;
  /** Version of the metric definitions (the owning projection's version) the figures were built with. */
  definitionVersion: number;
}

// ---- J1 visitors: GET /api/sites/:siteId/reports/visitors ----

export interface VisitorKindCounts {
  new: number;
  returning: number;
  intent: number;
  member: number;
}
export interface VisitorFigures {
  visits: number;
  /** Distinct visitors in the bucket (exact, not summed from smaller buckets). */
  uniqueVisitors: number;
  chats: number;
  leaveMessages: number;
  /**
   * Visits by the kind of their visitor when the visit started: member (left contact details before),
   * intent (chatted or left a message before), returning, new.
   */
  kinds: VisitorKindCounts;
}
/** `bucket`: YYYY-MM-DDTHH (hour), YYYY-MM-DD (day) or YYYY-MM (month), local to the site. */
export interface VisitorsBucket extends VisitorFigures {
  bucket: string;
}
export interface VisitorsReport extends ReportMeta {
  totals: VisitorFigures & { shares: Record<keyof VisitorKindCounts, number> };
  series: VisitorsBucket[];
}

// ---- J2 pages: GET /api/sites/:siteId/reports/pages[?url=<page> for one page's trend] ----

export interface PageRow {
  url: string;
  title: string;
  views: number;
  /** Chats requested while the visitor was on this page. */
  chatsStarted: number;
  /** Average time from viewing this page to the next page view (views followed by another page only). */
  avgTimeOnPageMs: number | null;
}
export interface PageTrendBucket {
  bucket: string;
  views: number;
  chatsStarted: number;
  avgTimeOnPageMs: number | null;
}
export interface PagesReport extends ReportMeta {
  rows: PageRow[];
  /** Present when `url` was asked for. */
  trend?: { url: string; series: PageTrendBucket[] };
}

// ---- J3 sources: GET /api/sites/:siteId/reports/sources[?source=<key> for one source's trend] ----

export interface SourceRow {
  /** `direct`, `search:<engine>` or `referral:<host>`: pass it back as `source` for its trend. */
  source: string;
  kind: SourceKind;
  host: string;
  engine: string;
  visits: number;
  /** visits / all visits of the period, 0..1 */
  share: number;
  chats: number;
  /** chats / visits, 0..1 */
  chatRate: number;
}
export interface SourceTrendBucket {
  bucket: string;
  visits: number;
  chats: number;
}
export interface SourcesReport extends ReportMeta {
  rows: SourceRow[];
  trend?: { source: string; series: SourceTrendBucket[] };
}

// ---- J4 search keywords: GET /api/sites/:siteId/reports/keywords ----

export interface KeywordRow {
  keyword: string;
  engine: string;
  visits: number;
  chats: number;
}
export interface KeywordsReport extends ReportMeta {
  rows: KeywordRow[];
}

// ---- J5 regions: GET /api/sites/:siteId/reports/regions?level=country|province|city ----

export type RegionLevel = 'country' | 'province' | 'city';
export interface RegionRow {
  country: string;
  /** '' at level country. */
  province: string;
  /** '' at levels country and province. */
  city: string;
  /** The row's place in English (the Chinese names above stay the row's key). */
  en?: RegionEnglishView;
  visits: number;
  chats: number;
}
export interface RegionsReport extends ReportMeta {
  level: RegionLevel;
  rows: RegionRow[];
}

// ---- J6 ratings: GET /api/sites/:siteId/reports/ratings ----

export type ScoreCounts = Record<'1' | '2' | '3' | '4' | '5', number>;
export interface RatingAgentRow {
  agentId: string;
  agentName: string;
  ratings: number;
  average: number | null;
  scores: ScoreCounts;
}
export interface RatingTrendBucket {
  bucket: string;
  ratings: number;
  average: number | null;
}
export interface RatingsReport extends ReportMeta {
  ratings: number;
  average: number | null;
  scores: ScoreCounts;
  byAgent: RatingAgentRow[];
  series: RatingTrendBucket[];
}

// ---- ★ invitation funnel: GET /api/sites/:siteId/reports/invitations ----

export interface FunnelRow {
  /** `rule:<rule>` or `agent:<agentId>`. */
  key: string;
  by: 'rule' | 'agent';
  /** The rule's name or the agent's name. */
  label: string;
  sent: number;
  accepted: number;
  declined: number;
  /** Accepted invitations whose chat was requested. */
  chats: number;
  /** Those chats that were rated. */
  rated: number;
}
export interface InvitationFunnelReport extends ReportMeta {
  totals: Omit<FunnelRow, 'key' | 'by' | 'label'>;
  rows: FunnelRow[];
}

// ---- B1 / I4 live monitoring: GET /api/monitoring/visitors[?siteId], GET /api/monitoring/team ----

export type LiveChatState = 'browsing' | 'invited' | 'queued' | 'chatting' | 'chatted' | 'left_message';

/** One visitor now on a site (a visit that has not ended). */
export interface LiveVisitorView {
  visitId: string;
  visitorId: string;
  orgId: string;
  siteId: string;
  kind: VisitorKind;
  currentPage: { url: string; title: string; since: string };
  pages: number;
  region: RegionView;
  source: SourceView;
  device: DeviceView;
  startedAt: string;
  chatState: LiveChatState;
  chatId?: string;
  agentId?: string;
}

export interface TeamMemberView {
  agentId: string;
  orgId: string;
  name: string;
  status: 'online' | 'away' | 'busy' | 'offline';
  statusSince: string;
  chatsNow: number;
  /** Chats assigned to the agent today, each counted on the local day of its site's time zone. */
  chatsToday: number;
  /** Average time from assignment to the agent's first message, over the chats of today. */
  firstResponseMs: number | null;
  /** Average time from assignment to close, over the chats closed today. */
  avgHandleMs: number | null;
}

/** /admin namespace pushes to the room of the organisation (`org:{orgId}`). */
export interface ServerToAdminMonitoring {
  'monitor:visitor': (visitor: LiveVisitorView) => void;
  'monitor:visitor-left': (left: { siteId: string; visitId: string }) => void;
  'monitor:agent': (member: TeamMemberView) => void;
}

// ---- I3 site visits: GET /api/sites/:siteId/visits?<VisitQuery> -> VisitRowView[] (newest first; the total
// matching is in the `X-Total-Count` header) ----

export interface VisitQuery {
  from?: string;
  to?: string;
  kind?: VisitorKind;
  chatted?: 'yes' | 'no';
  status?: 'online' | 'ended';
  limit?: number;
  skip?: number;
}
export interface VisitRowView {
  visitId: string;
  visitorId: string;
  siteId: string;
  kind: VisitorKind;
  status: 'online' | 'ended';
  startedAt: string;
  endedAt?: string;
  entryPage: { url: string; title: string };
  lastPage: { url: string; title: string };
  pages: number;
  region: RegionView;
  source: SourceView;
  device: DeviceView;
  chatted: boolean;
  chats: number;
  leftMessage: boolean;
}
/**
 * One page of a list as a client holds it: the lists (visits, chat records, leave messages, ratings) answer
 * the page's rows as a JSON array and the number of all matching rows in the `X-Total-Count` header; the
 * client puts the two together (ApiClient.getWithTotal). No route answers this shape as its body.
 */
export interface Page<T> {
  total: number;
  items: T[];
}

// ---- I5 chat records: GET /api/sites/:siteId/chats?<ChatRecordQuery> -> ChatRecordRowView[] (newest first; the
// total matching is in the `X-Total-Count` header); GET /api/sites/:siteId/chats/:chatId -> ChatRecordView ----

export interface ChatRecordQuery {
  from?: string;
  to?: string;
  category?: string;
  status?: 'queued' | 'active' | 'closed';
  agentId?: string;
  /** Full text: any substring of the messages, visitor name, page, keyword (Chinese included). */
  q?: string;
  limit?: number;
  skip?: number;
}
export interface ChatVisitInfo {
  visitId: string;
  entryAt: string;
  exitAt?: string;
  entryUrl: string;
  entryTitle: string;
  referrer: string;
  region: RegionView;
  source: SourceView;
  device: DeviceView;
  ip: string;
}
export interface ChatRecordRowView {
  chatId: string;
  siteId: string;
  visitorId: string;
  visitId: string;
  visitorName: string;
  status: 'queued' | 'active' | 'closed';
  agent?: { id: string; name: string };
  requestedAt: string;
  assignedAt?: string;
  closedAt?: string;
  page: { url: string; title: string };
  category: string;
  rating?: { score: number; suggestion: string };
  messageCount: number;
  transfers: number;
  region: RegionView;
  source: SourceView;
}

// ---- I6 leave messages: GET /api/sites/:siteId/leave-messages?<LeaveMessageQuery> -> LeaveMessageView[];
// I7 ratings: GET /api/sites/:siteId/ratings?<RatingQuery> -> RatingView[] (each newest first, the total
// matching in the `X-Total-Count` header) ----

export interface LeaveMessageQuery {
  from?: string;
  to?: string;
  status?: 'new' | 'handled';
  q?: string;
  limit?: number;
  skip?: number;
}
export interface LeaveMessageView {
  leaveMessageId: string;
  siteId: string;
  visitorId: string;
  visitId?: string;
  name: string;
  phone: string;
  email: string;
  content: string;
  page: { url: string; title: string };
  at: string;
  status: 'new' | 'handled';
  handledBy?: string;
  handledAt?: string;
  replies: { channel: 'email' | 'sms'; by: string; at: string }[];
}
export interface RatingQuery {
  from?: string;
  to?: string;
  agentId?: string;
  score?: number;
  limit?: number;
  skip?: number;
}
export interface RatingView {
  chatId: string;
  siteId: string;
  visitorId: string;
  agentId: string;
  agentName: string;
  score: number;
  suggestion: string;
  at: string;
}

// ---- K4 audit (role auditor): GET /api/audit/... ----

/** One recorded event as the auditor sees it. */
export interface AuditEventView {
  position: number;
  streamId: string;
  revision: number;
  id: string;
  type: string;
  occurredAt: string;
  actor?: { kind: 'visitor' | 'user' | 'system'; id: string };
  correlationId?: string;
  causationId?: string;
  data: unknown;
}
/**
 * GET /api/audit/chats/:chatId/events, /api/audit/visits/:visitId/events, /api/audit/visitors/:visitorId/events,
 * /api/audit/sites/:siteId/events (site and chat settings)
 */
export interface AuditHistory {
  subject: { kind: 'chat' | 'visit' | 'visitor' | 'site'; id: string };
  events: AuditEventView[];
}
/** GET /api/audit/chats/:chatId/state?at=<ISO instant> (also visits): the state folded from the events up to `at`. */
export interface AuditStateAsOf {
  subject: { kind: 'chat' | 'visit'; id: string };
  at: string;
  /** Position of the last event folded in (0: none yet). */
  position: number;
  eventsApplied: number;
  state: unknown;
}
/** ★ GET /api/audit/chats/:chatId/routing: every routing decision about the chat. */
export interface RoutingDecisionView {
  position: number;
  type: 'ChatRouted' | 'ChatQueued' | 'ChatUnrouted' | 'ChatReleased';
  at: string;
  chosen?: { agentId: string; agentName: string; reason: string };
  queuePosition?: number;
  considered: { agentId: string; status: string; load: number; cap: number | null; eligible: boolean; excluded?: string }[];
  eligible: string[];
}
export interface RoutingTraceView {
  chatId: string;
  siteId: string;
  decisions: RoutingDecisionView[];
}
