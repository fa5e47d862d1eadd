/** Read-model shapes the server sends and the UIs show. */

export type Role = 'owner' | 'admin' | 'agent' | 'auditor';
export type Language = 'zh-CN' | 'zh-TW' | 'en';
export type AgentStatus = 'online' | 'away' | 'busy' | 'offline';
export type ChatStatus = 'queued' | 'active' | 'closed';

export interface UserView {
  userId: string;
  orgId: string;
  email: string;
  name: string;
  roles: Role[];
}

export interface SessionView {
  token: string;
  expiresAt: string;
  user: UserView;
}

export interface SiteAgentView {
  userId: string;
  nickname: string;
}

export interface SiteView {
  siteId: string;
  orgId: string;
  name: string;
  url: string;
  language: Language;
  timeZone: string;
  allowedDomains: string[];
  agents: SiteAgentView[];
  createdAt: string;
  /** The HTML to paste into every page of the site. */
  snippet: string;
}

export interface Participant {
  role: 'visitor' | 'agent';
  id: string;
  name: string;
}

interface ChatEventBase {
  /** Event id (the client's UUID for messages). */
  id: string;
  chatId: string;
  /** Global position of the event: clients resume after the last one they saw. */
  position: number;
  at: string;
}

export interface ChatMessageView extends ChatEventBase {
  kind: 'message';
  from: Participant;
  /** Plain text; UIs render it as text (never as HTML). */
  text: string;
}

export interface ChatSystemView extends ChatEventBase {
  kind: 'system';
  what: 'requested' | 'assigned' | 'closed';
  agent?: { id: string; name: string };
  by?: Participant;
}

export type ChatEventView = ChatMessageView | ChatSystemView;

export interface VisitInfoView {
  visitId: string;
  startedAt: string;
  entryUrl: string;
  entryTitle: string;
  referrer: string;
  userAgent: string;
  ip: string;
}

export interface ChatSummaryView {
  chatId: string;
  siteId: string;
  visitorId: string;
  visitId: string;
  visitorName: string;
  status: ChatStatus;
  agent?: { id: string; name: string };
  requestedAt: string;
  assignedAt?: string;
  closedAt?: string;
  /** Page the visitor was on when asking. */
  page: { url: string; title: string };
}

/** The chat-records read model (one document per chat). */
export interface ChatRecordView extends ChatSummaryView {
  orgId: string;
  messageCount: number;
  transcript: ChatEventView[];
  visit?: VisitInfoView;
}

export interface ProjectionStatusView {
  name: string;
  version: number;
  position: number;
  lag: number;
  failed?: string;
}

export interface HealthView {
  status: 'ok';
  eventStore: { kind: string; head: number };
  readStore: { kind: string };
  projections: ProjectionStatusView[];
  uptimeSeconds: number;
}
