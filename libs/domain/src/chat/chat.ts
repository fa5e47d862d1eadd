import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { conflict, forbidden, invalid, notFound, ruleViolated } from '../shared/domain-error';
import { cleanText } from '../shared/text';
import type { ChatTarget } from '../routing/routing';
import { MessageIds } from './message-ids';

export const MESSAGE_MAX_CHARS = 5000;
export const SUGGESTION_MAX_CHARS = 500;
export const TRANSFER_REASON_MAX_CHARS = 200;
export const CATEGORY_MAX_CHARS = 32;

/** An image or file sent by reference (uploads are another issue). */
export interface Attachment {
  kind: 'image' | 'file';
  ref: string;
  name: string;
  size?: number;
  mime?: string;
}

export interface Participant {
  role: 'visitor' | 'agent';
  id: string;
  name: string;
}
export type CloseReason = 'closed_by_agent' | 'closed_by_visitor' | 'no_agent_available';

/** One conversation (stream `chat-{chatId}`): K1. */
export type ChatEvent =
  | DomainEvent<
      'ChatRequested',
      {
        orgId: string;
        siteId: string;
        chatId: string;
        visitorId: string;
        visitId: string;
        visitorName: string;
        page: { url: string; title: string };
        requestedAt: string;
        /** Whom the visitor asked for (absent = automatic routing). */
        target?: ChatTarget;
        /** The invitation this chat answers (F2). */
        invitationId?: string;
        /** C5: the agent who opened the chat on the visitor's page. */
        openedBy?: { id: string; name: string };
      }
    >
  | DomainEvent<'ChatAssigned', { orgId: string; siteId: string; chatId: string; agentId: string; agentName: string; at: string }>
  | DomainEvent<
      'MessagePosted',
      { orgId: string; siteId: string; chatId: string; messageId: string; from: Participant; text: string; at: string; attachment?: Attachment }
    >
  | DomainEvent<
      'ChatTransferred',
      {
        orgId: string;
        siteId: string;
        chatId: string;
        fromAgentId: string;
        fromAgentName: string;
        toAgentId: string;
        toAgentName: string;
        toGroupId?: string;
        reason: string;
        at: string;
      }
    >
  | DomainEvent<'ChatCategorised', { orgId: string; siteId: string; chatId: string; category: string; by: string; at: string }>
  | DomainEvent<
      'ChatRated',
      { orgId: string; siteId: string; chatId: string; agentId: string; visitorId: string; score: number; suggestion: string; at: string }
    >
  | DomainEvent<
      'ChatClosed',
      { orgId: string; siteId: string; chatId: string; by: Participant | { role: 'system'; id: 'system'; name: '' }; reason: CloseReason; at: string }
    >;

export type ChatCommand =
  | {
      type: 'RequestChat';
      orgId: string;
      siteId: string;
      chatId: string;
      visitorId: string;
      visitId: string;
      visitorName: string;
      page: { url: string; title: string };
      now: string;
      target?: ChatTarget;
      invitationId?: string;
      openedBy?: { id: string; name: string };
    }
  | { type: 'AssignAgent'; agentId: string; agentName: string; now: string }
  | { type: 'PostMessage'; messageId: string; from: Participant; text: string; now: string; attachment?: Attachment }
  | { type: 'CloseChat'; by: Participant | null; reason: CloseReason; now: string }
  | { type: 'TransferChat'; fromAgentId: string; toAgentId: string; toAgentName: string; toGroupId?: string; reason: string; now: string }
  | {
      type: 'CategoriseChat';
      agentId: string;
      category: string;
      /** H3: the site's list of categories; when it is not empty, only these are accepted. */
      allowed?: readonly string[];
      now: string;
    }
  | { type: 'RateChat'; visitorId: string; score: number; suggestion: string; ratingEnabled: boolean; now: string };

export type ChatPhase = 'none' | 'waiting' | 'active' | 'closed';

export interface ChatState {
  phase: ChatPhase;
  orgId: string;
  siteId: string;
  chatId: string;
  visitorId: string;
  agentId?: string;
  agentName?: string;
  /** Ids of messages already posted: a retried message is recognised and not doubled. */
  messageIds: MessageIds;
  /** Agents who served the chat before a transfer: they may still read it, not write (B8). */
  formerAgentIds?: readonly string[];
  category?: string;
  rating?: { score: number; suggestion: string };
}

/** Who may read and write this chat: its visitor, and its assigned agent. */
export function isParticipant(s: ChatState, who: { role: 'visitor' | 'agent'; id: string }): boolean {
  return who.role === 'visitor' ? s.visitorId === who.id : s.agentId === who.id;
}

/** Who may read this chat: its participants and the agents who handed it over. */
export function canRead(s: ChatState, who: { role: 'visitor' | 'agent'; id: string }): boolean {
  return isParticipant(s, who) || (who.role === 'agent' && (s.formerAgentIds ?? []).includes(who.id));
}

const ATTACHMENT_REF = /^(https?:\/\/\S{1,2000}|[A-Za-z0-9_-]{8,128})$/;

function cleanAttachment(a: Attachment): Attachment {
  if (a.kind !== 'image' && a.kind !== 'file') throw invalid('attachment kind must be image or file');
  if (!ATTACHMENT_REF.test(a.ref)) throw invalid('attachment ref must be an http(s) URL or an upload id');
  const name = cleanText(a.name, 'attachment name', 200);
  if (a.size !== undefined && (!Number.isInteger(a.size) || a.size < 0)) throw invalid('attachment size must be a whole number of bytes');
  return { kind: a.kind, ref: a.ref, name, ...(a.size !== undefined ? { size: a.size } : {}), ...(a.mime ? { mime: cleanText(a.mime, 'mime', 100) } : {}) };
}

export const chat: Decider<ChatCommand, ChatEvent, ChatState> = {
  streamPrefix: 'chat',
  initialState: { phase: 'none', orgId: '', siteId: '', chatId: '', visitorId: '', messageIds: MessageIds.empty() },
  decide(cmd, s) {
    const ids = { orgId: s.orgId, siteId: s.siteId, chatId: s.chatId };
    switch (cmd.type) {
      case 'RequestChat': {
        if (s.phase !== 'none') {
          if (s.visitorId === cmd.visitorId && s.siteId === cmd.siteId) return [];
          throw conflict('this chat id is taken');
        }
        return [
          {
            type: 'ChatRequested',
            data: {
              orgId: cmd.orgId,
              siteId: cmd.siteId,
              chatId: cmd.chatId,
              visitorId: cmd.visitorId,
              visitId: cmd.visitId,
              visitorName: cleanText(cmd.visitorName, 'visitor name', 64),
              page: { url: cmd.page.url.slice(0, 2000), title: cmd.page.title.slice(0, 300) },
              requestedAt: cmd.now,
              ...(cmd.target && cmd.target.kind !== 'auto' ? { target: cmd.target } : {}),
              ...(cmd.invitationId ? { invitationId: cmd.invitationId } : {}),
              ...(cmd.openedBy ? { openedBy: cmd.openedBy } : {}),
            },
          },
        ];
      }
      case 'AssignAgent': {
        if (s.phase === 'none') throw notFound('no such chat');
        if (s.agentId === cmd.agentId) return [];
        if (s.phase !== 'waiting') throw ruleViolated(`a ${s.phase} chat cannot be assigned`);
        return [{ type: 'ChatAssigned', data: { ...ids, agentId: cmd.agentId, agentName: cmd.agentName, at: cmd.now } }];
      }
      case 'PostMessage': {
        if (s.phase === 'none') throw notFound('no such chat');
        if (!isParticipant(s, cmd.from)) {
          // Another site's or another visitor's chat: answer as if it did not exist.
          if (cmd.from.role === 'visitor') throw notFound('no such chat');
          if ((s.formerAgentIds ?? []).includes(cmd.from.id)) throw forbidden('this chat was transferred to another agent: you can read it, not write in it');
          throw forbidden('only the agent serving this chat can write in it');
        }
        if (s.messageIds.has(cmd.messageId)) return [];
        if (s.phase === 'closed') throw ruleViolated('this chat is closed');
        const attachment = cmd.attachment ? cleanAttachment(cmd.attachment) : undefined;
        const text = cleanText(cmd.text, 'message', MESSAGE_MAX_CHARS, { allowEmpty: attachment !== undefined });
        return [
          { type: 'MessagePosted', data: { ...ids, messageId: cmd.messageId, from: cmd.from, text, at: cmd.now, ...(attachment ? { attachment } : {}) } },
        ];
      }
      case 'CloseChat': {
        if (s.phase === 'none') throw notFound('no such chat');
        if (cmd.by && !isParticipant(s, cmd.by)) {
          if (cmd.by.role === 'visitor') throw notFound('no such chat');
          throw forbidden('only the agent serving this chat can close it');
        }
        if (s.phase === 'closed') return [];
        const by = cmd.by ?? { role: 'system' as const, id: 'system' as const, name: '' as const };
        return [{ type: 'ChatClosed', data: { ...ids, by, reason: cmd.reason, at: cmd.now } }];
      }
      case 'TransferChat': {
        if (s.phase === 'none') throw notFound('no such chat');
        if (s.agentId === cmd.toAgentId && (s.formerAgentIds ?? []).includes(cmd.fromAgentId)) return [];
        if (s.agentId !== cmd.fromAgentId) throw forbidden('only the agent serving this chat can transfer it');
        if (s.phase !== 'active') throw ruleViolated(`a ${s.phase} chat cannot be transferred`);
        if (cmd.toAgentId === cmd.fromAgentId) throw ruleViolated('this chat is already yours: choose another agent');
        const reason = cleanText(cmd.reason, 'transfer reason', TRANSFER_REASON_MAX_CHARS, { allowEmpty: true });
        return [
          {
            type: 'ChatTransferred',
            data: {
              ...ids,
              fromAgentId: cmd.fromAgentId,
              fromAgentName: s.agentName ?? '',
              toAgentId: cmd.toAgentId,
              toAgentName: cmd.toAgentName,
              ...(cmd.toGroupId ? { toGroupId: cmd.toGroupId } : {}),
              reason,
              at: cmd.now,
            },
          },
        ];
      }
      case 'CategoriseChat': {
        if (s.phase === 'none') throw notFound('no such chat');
        if (s.agentId !== cmd.agentId) throw forbidden('only the agent serving this chat can categorise it');
        const category = cleanText(cmd.category, 'category', CATEGORY_MAX_CHARS);
        if (s.category === category) return [];
        if (cmd.allowed?.length && !cmd.allowed.includes(category)) {
          throw ruleViolated(`"${category}" is not one of this site's conversation categories: choose one of the list`, { allowed: [...cmd.allowed] });
        }
        return [{ type: 'ChatCategorised', data: { ...ids, category, by: cmd.agentId, at: cmd.now } }];
      }
      case 'RateChat': {
        if (s.phase === 'none' || s.visitorId !== cmd.visitorId) throw notFound('no such chat');
        if (!Number.isInteger(cmd.score) || cmd.score < 1 || cmd.score > 5) throw invalid('score must be a whole number from 1 to 5');
        const suggestion = cleanText(cmd.suggestion, 'suggestion', SUGGESTION_MAX_CHARS, { allowEmpty: true });
        if (s.rating) {
          if (s.rating.score === cmd.score && s.rating.suggestion === suggestion) return [];
          throw ruleViolated('this chat was already rated: a chat is rated once');
        }
        if (!cmd.ratingEnabled) throw ruleViolated('ratings are turned off on this site');
        if (!s.agentId) throw ruleViolated('a chat no agent served cannot be rated');
        return [{ type: 'ChatRated', data: { ...ids, agentId: s.agentId, visitorId: s.visitorId, score: cmd.score, suggestion, at: cmd.now } }];
      }
      default:
        return unreachable(cmd);
    }
  },
  evolve(s, e) {
    switch (e.type) {
      case 'ChatRequested':
        return { ...s, phase: 'waiting', orgId: e.data.orgId, siteId: e.data.siteId, chatId: e.data.chatId, visitorId: e.data.visitorId };
      case 'ChatAssigned':
        return { ...s, phase: 'active', agentId: e.data.agentId, agentName: e.data.agentName };
      case 'MessagePosted':
        return { ...s, messageIds: s.messageIds.with(e.data.messageId) };
      case 'ChatClosed':
        return { ...s, phase: 'closed' };
      case 'ChatTransferred':
        return {
          ...s,
          agentId: e.data.toAgentId,
          agentName: e.data.toAgentName,
          formerAgentIds: [...(s.formerAgentIds ?? []).filter((a) => a !== e.data.toAgentId), e.data.fromAgentId],
        };
      case 'ChatCategorised':
        return { ...s, category: e.data.category };
      case 'ChatRated':
        return { ...s, rating: { score: e.data.score, suggestion: e.data.suggestion } };
      default:
        return unreachable(e);
    }
  },
};
