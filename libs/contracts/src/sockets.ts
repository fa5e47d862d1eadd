/**
 * Typed socket.io contracts. Server gateways and Angular clients both use these interfaces
 * (`Socket<ServerToX, XToServer>`), so an event name or payload typo is a compile error.
 * Every client→server event is answered through its ack with `Ack<T>`.
 */
import type { AckFn } from './errors';
import type { AgentStatus, ChatEventView, ChatSummaryView } from './views';

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
}
export interface ChatRequestResult {
  chatId: string;
  status: 'active' | 'queued' | 'leave_message';
  agent?: { id: string; name: string };
  position: number;
}
export interface SendMessageRequest {
  chatId: string;
  /** Client-generated UUID: the message's event id. A retry with the same id is not doubled. */
  clientId: string;
  text: string;
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

export interface VisitorToServer {
  'visit:page': (req: PageViewRequest, ack: AckFn<PositionResult & { visitId: string }>) => void;
  'chat:request': (req: ChatRequest, ack: AckFn<ChatRequestResult>) => void;
  'chat:send': (req: SendMessageRequest, ack: AckFn<PositionResult>) => void;
  'chat:resume': (req: ResumeRequest, ack: AckFn<ResumeResult>) => void;
}
export interface ServerToVisitor {
  'chat:event': (event: ChatEventView) => void;
  'chat:updated': (summary: ChatSummaryView) => void;
}

// ---- agent namespace: handshake `auth: { token }` (the user's session token) ----

export interface SetStatusRequest {
  status: AgentStatus;
}
export interface CloseChatRequest {
  chatId: string;
}

export interface AgentToServer {
  'agent:status': (req: SetStatusRequest, ack: AckFn<PositionResult & { status: AgentStatus }>) => void;
  'agent:chats': (req: Record<string, never>, ack: AckFn<{ chats: ChatSummaryView[]; status: AgentStatus }>) => void;
  'chat:send': (req: SendMessageRequest, ack: AckFn<PositionResult>) => void;
  'chat:close': (req: CloseChatRequest, ack: AckFn<PositionResult>) => void;
  'chat:resume': (req: ResumeRequest, ack: AckFn<ResumeResult>) => void;
}
export interface ServerToAgent {
  'chat:assigned': (summary: ChatSummaryView) => void;
  'chat:updated': (summary: ChatSummaryView) => void;
  'chat:event': (event: ChatEventView) => void;
}

/** Limits both ends enforce (the server is authoritative). */
export const Limits = {
  messageMaxChars: 5000,
  nameMaxChars: 64,
} as const;
