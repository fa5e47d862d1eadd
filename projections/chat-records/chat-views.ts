import type { ChatEventView } from '@kefu/contracts';
import type { RecordedEvent } from '@kefu/event-store';
import { dataOf } from '../event-data';

export const CHAT_EVENT_TYPES = ['ChatRequested', 'ChatAssigned', 'MessagePosted', 'ChatClosed'] as const;

/**
 * What a participant sees of one chat event. One mapping serves the live push, the gap-free
 * resume (read from the event store) and the transcript in the chat-records read model.
 */
export function toChatEventView(e: RecordedEvent): ChatEventView | undefined {
  const base = { id: e.id, position: e.position };
  switch (e.type) {
    case 'ChatRequested': {
      const d = dataOf(e, 'ChatRequested');
      return { ...base, chatId: d.chatId, at: d.requestedAt, kind: 'system', what: 'requested', by: { role: 'visitor', id: d.visitorId, name: d.visitorName } };
    }
    case 'ChatAssigned': {
      const d = dataOf(e, 'ChatAssigned');
      return { ...base, chatId: d.chatId, at: d.at, kind: 'system', what: 'assigned', agent: { id: d.agentId, name: d.agentName } };
    }
    case 'MessagePosted': {
      const d = dataOf(e, 'MessagePosted');
      return { ...base, id: d.messageId, chatId: d.chatId, at: d.at, kind: 'message', from: d.from, text: d.text };
    }
    case 'ChatClosed': {
      const d = dataOf(e, 'ChatClosed');
      const by = d.by.role === 'system' ? undefined : d.by;
      return { ...base, chatId: d.chatId, at: d.at, kind: 'system', what: 'closed', ...(by ? { by } : {}) };
    }
    default:
      return undefined;
  }
}
