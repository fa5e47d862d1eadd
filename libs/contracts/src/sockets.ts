/**
 * Typed socket.io contracts. Server gateways and Angular clients both use these interfaces
 * (`Socket<ServerToX, XToServer>`), so an event name or payload typo is a compile error.
 * Every client→server event is answered through its ack with `Ack<T>`.
 */
import type { AckFn } from './errors';
import type { AgentStatus, ChatEventView, ChatSummaryView, Role } from './views';
import type {
  CannedResponseView,
  AttachmentView,
  ChatTarget,
  InvitationOutcomeView,
  InvitationView,
  LiveVisitView,
  TransferTargetsView,
  WidgetSettingsView,
  WorkspaceTeamSiteView,
} from './conversation';

export const Namespace = {
  visitor: '/visitor',
  agent: '/agent',
  admin: '/admin',
} as const;

/** socket.io path (default). */
export const SOCKET_PATH = '/socket.io';

// ---- visitor namespace: handshake `auth: { token }` (the signed visitor token) ----

export interface PageViewRequest {
  /** Client-generated UUID; the first page of a visit starts it. */
  visitId: string;
  url: string;
  title: string;
  referrer?: string;
}
export interface ChatRequest {
  /** Client-generated UUID; it becomes the chat id, so a retry does not open a second chat. */
  chatId: string;
  visitId: string;
  /** Whom to ask (a fixed link names a group or an agent, C7); absent = automatic routing. */
  target?: ChatTarget;
}
export interface ChatRequestResult {
  chatId: string;
  status: 'active' | 'queued' | 'leave_message';
  agent?: { id: string; name: string };
  /** Event position (ack position), not the queue place. */
  position: number;
  /** status = 'queued': the chat's place in the queue (1 = next); updates arrive as `chat:queue`. */
  queuePosition?: number;
}
export interface SendMessageRequest {
  chatId: string;
  /** Client-generated UUID: the message's event id. A retry with the same id is not doubled. */
  clientId: string;
  /** Plain text, at most Limits.messageMaxChars characters (may be empty when an attachment is sent). */
  text: string;
  attachment?: AttachmentView;
}
/**
 * Visitor → agent (B4): `typing` says whether the visitor is typing; `draft` is the current text only
 * when the site shows drafts to agents ('' when it does not). Ephemeral, never stored.
 */
export interface VisitorTypingRequest {
  chatId: string;
  typing: boolean;
  draft: string;
}
/** Agent → visitor typing indicator. Ephemeral. */
export interface AgentTypingRequest {
  chatId: string;
  typing: boolean;
}
/** Pushed to the other side of a chat while someone types. `draft` only reaches agents, only when the site allows the preview. */
export interface TypingView {
  chatId: string;
  from: { role: 'visitor' | 'agent'; id: string; name: string };
  typing: boolean;
  draft?: string;
}
export interface TypingResult {
  /** False when dropped by the server's throttle (at most one every Limits.typingIntervalMs per socket). */
  delivered: boolean;
}
export interface AcceptInvitationRequest {
  invitationId: string;
  /** Client-generated UUID for the chat it opens; two tabs accepting at once get the same chat. */
  chatId: string;
  visitId: string;
}
export interface DeclineInvitationRequest {
  invitationId: string;
}
export interface RateChatRequest {
  chatId: string;
  /** 1..5 */
  score: number;
  suggestion?: string;
}
export interface LeaveMessageRequest {
  /** Client-generated UUID: a retry does not leave the message twice. */
  leaveMessageId: string;
  visitId?: string;
  name: string;
  phone?: string;
  email?: string;
  content: string;
}
export interface LeaveVisitRequest {
  visitId: string;
}
/** Pushed to a queued visitor whenever the queue moves. */
export interface QueuePositionView {
  chatId: string;
  queuePosition: number;
}
export interface ResumeRequest {
  chatId: string;
  /** Last position the client saw in this chat; absent = from the start. */
  after?: number;
}
export interface ResumeResult {
  summary: ChatSummaryView;
  events: ChatEventView[];
}
export interface PositionResult {
  position: number;
}

/**
 * Visits: send `visit:page` on every page (the first starts the visit). A visit that ended
 * (inactivity or tab closed) answers RULE_VIOLATED: start a new visit id. The server ends a visit
 * when no socket of it is connected for VISIT_CLOSE_GRACE_SECONDS (a page change reconnects sooner),
 * or after VISIT_INACTIVE_MINUTES without a page; `visit:leave` (on pagehide) starts that grace at once.
 */
export interface VisitorToServer {
  'visit:page': (req: PageViewRequest, ack: AckFn<PositionResult & { visitId: string }>) => void;
  'visit:leave': (req: LeaveVisitRequest, ack: AckFn<PositionResult>) => void;
  'widget:settings': (req: Record<string, never>, ack: AckFn<WidgetSettingsView>) => void;
  /** RATE_LIMITED when this IP asked too often on this site; `status: 'leave_message'` when nobody is online (C6). */
  'chat:request': (req: ChatRequest, ack: AckFn<ChatRequestResult>) => void;
  'chat:send': (req: SendMessageRequest, ack: AckFn<PositionResult>) => void;
  'chat:resume': (req: ResumeRequest, ack: AckFn<ResumeResult>) => void;
  /** The visitor's open chats on this site (C8: after navigation or reload). */
  'chat:mine': (req: Record<string, never>, ack: AckFn<{ chats: ChatSummaryView[] }>) => void;
  'chat:typing': (req: VisitorTypingRequest, ack: AckFn<TypingResult>) => void;
  'chat:close': (req: CloseChatRequest, ack: AckFn<PositionResult>) => void;
  /** I7: once per chat, after it was assigned. */
  'chat:rate': (req: RateChatRequest, ack: AckFn<PositionResult>) => void;
  'invitation:accept': (req: AcceptInvitationRequest, ack: AckFn<ChatRequestResult>) => void;
  'invitation:decline': (req: DeclineInvitationRequest, ack: AckFn<PositionResult>) => void;
  'leave-message:send': (req: LeaveMessageRequest, ack: AckFn<PositionResult & { leaveMessageId: string }>) => void;
}
export interface ServerToVisitor {
  'chat:event': (event: ChatEventView) => void;
  'chat:updated': (summary: ChatSummaryView) => void;
  'chat:typing': (typing: TypingView) => void;
  'chat:queue': (queue: QueuePositionView) => void;
  /** C5: an agent opened a chat on this page (the direct chat window); resume it to read it. */
  'chat:opened': (summary: ChatSummaryView) => void;
  /** B11: the agent asks for a rating. */
  'chat:rating-requested': (req: { chatId: string }) => void;
  /** C3: show the invitation window. */
  'invitation:received': (invitation: InvitationView) => void;
  /** The invitation was answered (in another tab too): hide it. */
  'invitation:closed': (outcome: InvitationOutcomeView) => void;
}

// ---- agent namespace: handshake `auth: { token }` (the user's session token) ----

export interface SetStatusRequest {
  status: AgentStatus;
}
export interface CloseChatRequest {
  chatId: string;
}
export interface VisitorsRequest {
  /** One site of the agent's; absent = every site the agent serves. */
  siteId?: string;
}
export interface VisitRequest {
  visitId: string;
}
export interface SendInvitationRequest {
  /** Client-generated UUID (a retry does not invite twice). */
  invitationId: string;
  visitId: string;
}
export interface OpenChatRequest {
  /** Client-generated UUID of the chat the agent opens on the visitor's page (C5). */
  chatId: string;
  visitId: string;
}
export interface TransferChatRequest {
  chatId: string;
  to: { kind: 'agent'; agentId: string } | { kind: 'group'; groupId: string };
  reason?: string;
}
export interface CategoriseChatRequest {
  chatId: string;
  category: string;
}
export interface ChatRequestIdRequest {
  chatId: string;
}

export interface AgentToServer {
  /** away/busy get no new chats; offline beyond the seat limit is RULE_VIOLATED. */
  'agent:status': (req: SetStatusRequest, ack: AckFn<PositionResult & { status: AgentStatus }>) => void;
  'agent:chats': (req: Record<string, never>, ack: AckFn<{ chats: ChatSummaryView[]; status: AgentStatus }>) => void;
  'chat:send': (req: SendMessageRequest, ack: AckFn<PositionResult>) => void;
  'chat:close': (req: CloseChatRequest, ack: AckFn<PositionResult>) => void;
  'chat:resume': (req: ResumeRequest, ack: AckFn<ResumeResult>) => void;
  /** B1/B2: visitors now on the agent's sites; afterwards `visitor:updated` / `visitor:left` arrive live. */
  'visitors:list': (req: VisitorsRequest, ack: AckFn<{ visitors: LiveVisitView[] }>) => void;
  /** B3: one visit with its whole page trail. */
  'visitor:get': (req: VisitRequest, ack: AckFn<LiveVisitView>) => void;
  /** B2 manual invitation: RULE_VIOLATED beyond the site's cap per visitor (F2). */
  'invitation:send': (req: SendInvitationRequest, ack: AckFn<PositionResult & { invitationId: string }>) => void;
  /** C5 direct chat: opens a chat served by this agent on the visitor's page. */
  'chat:open': (req: OpenChatRequest, ack: AckFn<ChatRequestResult>) => void;
  'chat:transfer-targets': (req: ChatRequestIdRequest, ack: AckFn<TransferTargetsView>) => void;
  /** B8: afterwards the old agent can read but no longer write. */
  'chat:transfer': (req: TransferChatRequest, ack: AckFn<PositionResult & { agent: { id: string; name: string } }>) => void;
  /** B11: RULE_VIOLATED when the site has a list of categories (H3) and this is not one of them. */
  'chat:categorise': (req: CategoriseChatRequest, ack: AckFn<PositionResult>) => void;
  /** H3: the chat site's categories in the admin's order; empty = the agent types one freely. */
  'chat:categories': (req: ChatRequestIdRequest, ack: AckFn<{ categories: string[] }>) => void;
  /** B5: the chat site's canned responses (H1), in the admin's order. */
  'chat:canned': (req: ChatRequestIdRequest, ack: AckFn<{ responses: CannedResponseView[] }>) => void;
  'chat:ask-rating': (req: ChatRequestIdRequest, ack: AckFn<{ sent: boolean }>) => void;
  'chat:typing': (req: AgentTypingRequest, ack: AckFn<TypingResult>) => void;
}
export interface ServerToAgent {
  'chat:assigned': (summary: ChatSummaryView) => void;
  'chat:updated': (summary: ChatSummaryView) => void;
  'chat:event': (event: ChatEventView) => void;
  /** B4: the visitor's draft (when the site allows the preview) or typing on/off. */
  'chat:typing': (typing: TypingView) => void;
  'visitor:updated': (visit: LiveVisitView) => void;
  'visitor:left': (left: { siteId: string; visitId: string }) => void;
  /** The agent's invitation was accepted or declined. */
  'invitation:answered': (outcome: InvitationOutcomeView) => void;
  /** B1/I4: one site of the team panel as it is now (an agent's status or load, the queue, the site's agents changed). */
  'team:changed': (site: WorkspaceTeamSiteView) => void;
}

// ---- admin namespace: handshake `auth: { token }` (session of an owner or admin); joins room `org:{orgId}` ----

export interface AdminToServer {
  'admin:hello': (req: Record<string, never>, ack: AckFn<{ orgId: string; roles: Role[] }>) => void;
}
/** Pushes of the admin namespace are declared by the monitoring task (reports.ts ServerToAdminMonitoring). */
export type ServerToAdmin = import('./reports').ServerToAdminMonitoring;
export const adminOrgRoom = (orgId: string): string => `org:${orgId}`;
/** Every agent socket of an organisation (/agent namespace): team pushes skip organisations nobody of which is connected. */
export const agentOrgRoom = (orgId: string): string => `agent-org:${orgId}`;

/** Limits both ends enforce (the server is authoritative). */
export const Limits = {
  messageMaxChars: 5000,
  nameMaxChars: 64,
  /** Typing preview: at most one push per this interval per socket. */
  typingIntervalMs: 200,
  draftMaxChars: 5000,
  suggestionMaxChars: 500,
  transferReasonMaxChars: 200,
  categoryMaxChars: 32,
  /** H3: categories one site may define. */
  categoriesMax: 100,
  /** H1: canned responses one site may define, and their sizes. */
  cannedMax: 200,
  cannedShortcutMaxChars: 20,
  cannedTextMaxChars: 1000,
  /** An attachment's reference (an http(s) address) and its shown name. */
  attachmentRefMaxChars: 2000,
  attachmentNameMaxChars: 200,
} as const;
