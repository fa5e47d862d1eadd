import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { conflict, forbidden, notFound, ruleViolated } from '../shared/domain-error';
import { cleanText } from '../shared/text';

export const MESSAGE_MAX_CHARS = 5000;

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
      }
    >
  | DomainEvent<'ChatAssigned', { orgId: string; siteId: string; chatId: string; agentId: string; agentName: string; at: string }>
  | DomainEvent<'MessagePosted', { orgId: string; siteId: string; chatId: string; messageId: string; from: Participant; text: string; at: string }>
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
    }
  | { type: 'AssignAgent'; agentId: string; agentName: string; now: string }
  | { type: 'PostMessage'; messageId: string; from: Participant; text: string; now: string }
  | { type: 'CloseChat'; by: Participant | null; reason: CloseReason; now: string };

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
  messageIds: ReadonlySet<string>;
}

/** Who may read and write this chat: its visitor, and its assigned agent. */
export function isParticipant(s: ChatState, who: { role: 'visitor' | 'agent'; id: string }): boolean {
  return who.role === 'visitor' ? s.visitorId === who.id : s.agentId === who.id;
}

export const chat: Decider<ChatCommand, ChatEvent, ChatState> = {
  streamPrefix: 'chat',
  initialState: { phase: 'none', orgId: '', siteId: '', chatId: '', visitorId: '', messageIds: new Set() },
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
          throw forbidden('only the agent serving this chat can write in it');
        }
        if (s.messageIds.has(cmd.messageId)) return [];
        if (s.phase === 'closed') throw ruleViolated('this chat is closed');
        const text = cleanText(cmd.text, 'message', MESSAGE_MAX_CHARS);
        return [{ type: 'MessagePosted', data: { ...ids, messageId: cmd.messageId, from: cmd.from, text, at: cmd.now } }];
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
        return { ...s, messageIds: new Set(s.messageIds).add(e.data.messageId) };
      case 'ChatClosed':
        return { ...s, phase: 'closed' };
      default:
        return unreachable(e);
    }
  },
};
