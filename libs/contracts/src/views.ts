/** Read-model shapes the server sends and the UIs show. */
import type { AttachmentView, ChatTarget, MessagePart, RatingValue, TransferView } from './conversation';

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
  /** The text cut into plain-text and safe-link parts (http/https/mailto only): render links without innerHTML. */
  parts?: MessagePart[];
  /** An image or file sent by reference. */
  attachment?: AttachmentView;
}

export interface ChatSystemView extends ChatEventBase {
  kind: 'system';
  what: 'requested' | 'assigned' | 'closed' | 'transferred' | 'categorised' | 'rated';
  agent?: { id: string; name: string };
  by?: Participant;
  /** what = 'transferred': from whom to whom and why (B8). */
  transfer?: TransferView;
  /** what = 'categorised' (B11). */
  category?: string;
  /** what = 'rated' (I7). */
  rating?: RatingValue;
  /** what = 'closed': why (closed_by_agent, closed_by_visitor, no_agent_available, visit_ended). */
  reason?: string;
  /** what = 'requested': the chat came from this invitation (F2) or was opened by an agent (C5). */
  invitationId?: string;
  openedBy?: { id: string; name: string };
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
  /** When the visit ended (I5: exit time). */
  exitAt?: string;
  region?: { country: string; province: string; city: string; isp: string; en?: { country: string; province: string; city: string } };
  source?: { kind: 'direct' | 'search' | 'referral'; host: string; engine: string; keyword: string };
  device?: { type: 'desktop' | 'mobile' | 'tablet' | 'other'; os: string; browser: string };
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
  /** While queued: the chat's place in the site's queue (1 = next). */
  queuePosition?: number;
  target?: ChatTarget;
  invitationId?: string;
  /** C5: an agent opened this chat on the visitor's page. */
  openedBy?: { id: string; name: string };
  /** B8: the last transfer (the new agent sees who handed it over and why). */
  lastTransfer?: TransferView;
  transfers?: number;
  category?: string;
  rating?: RatingValue;
  lastMessageAt?: string;
  messageCount?: number;
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
