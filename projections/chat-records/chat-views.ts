import type { ChatEventView } from '@kefu/contracts';
import type { DataOnlyEvent } from '@kefu/event-store';
import { dataOf } from '../event-data';
import { messageParts } from './message-parts';

export const CHAT_EVENT_TYPES = ['ChatRequested', 'ChatAssigned', 'MessagePosted', 'ChatClosed', 'ChatTransferred', 'ChatCategorised', 'ChatRated'] as const;

/**
 * What a participant sees of one chat event. One mapping serves the live push, the gap-free
 * resume (read from the event store) and the transcript in the chat-records read model.
 */
export function toChatEventView(e: DataOnlyEvent): ChatEventView | undefined {
  // A process's subscribers share each new event object (the live push and the projector both map it):
  // map it once. Views are never changed after they are made. Only shared events are remembered: those of
  // the live window, which the store hands out frozen; a catch-up page is read by one reader alone.
  if (!Object.isFrozen(e)) return mapChatEvent(e);
  const known = viewed.get(e);
  if (known !== undefined || viewed.has(e)) return known;
  const view = mapChatEvent(e);
  viewed.set(e, view);
  return view;
}

const viewed = new WeakMap<DataOnlyEvent, ChatEventView | undefined>();

function mapChatEvent(e: DataOnlyEvent): ChatEventView | undefined {
  if (e.type === 'MessagePosted') return messageView(e);
  const base = { id: e.id, position: e.position };
  switch (e.type) {
    case 'ChatRequested': {
      const d = dataOf(e, 'ChatRequested');
      return {
        ...base,
        chatId: d.chatId,
        at: d.requestedAt,
        kind: 'system',
        what: 'requested',
        by: { role: 'visitor', id: d.visitorId, name: d.visitorName },
        ...(d.invitationId ? { invitationId: d.invitationId } : {}),
        ...(d.openedBy ? { openedBy: d.openedBy } : {}),
      };
    }
    case 'ChatAssigned': {
      const d = dataOf(e, 'ChatAssigned');
      return { ...base, chatId: d.chatId, at: d.at, kind: 'system', what: 'assigned', agent: { id: d.agentId, name: d.agentName } };
    }
    case 'ChatClosed': {
      const d = dataOf(e, 'ChatClosed');
      const by = d.by.role === 'system' ? undefined : d.by;
      return { ...base, chatId: d.chatId, at: d.at, kind: 'system', what: 'closed', reason: d.reason, ...(by ? { by } : {}) };
    }
    case 'ChatTransferred': {
      const d = dataOf(e, 'ChatTransferred');
      const transfer = {
        from: { id: d.fromAgentId, name: d.fromAgentName },
        to: { id: d.toAgentId, name: d.toAgentName },
        ...(d.toGroupId ? { toGroupId: d.toGroupId } : {}),
        reason: d.reason,
      };
      return { ...base, chatId: d.chatId, at: d.at, kind: 'system', what: 'transferred', agent: transfer.to, transfer };
    }
    case 'ChatCategorised': {
      const d = dataOf(e, 'ChatCategorised');
      return { ...base, chatId: d.chatId, at: d.at, kind: 'system', what: 'categorised', category: d.category };
    }
    case 'ChatRated': {
      const d = dataOf(e, 'ChatRated');
      return { ...base, chatId: d.chatId, at: d.at, kind: 'system', what: 'rated', rating: { score: d.score, suggestion: d.suggestion } };
    }
    default:
      return undefined;
  }
}

/** The hot case (one per message of a rebuild): built without spreads, its fields in the order they always had. */
function messageView(e: DataOnlyEvent): ChatEventView {
  const d = dataOf(e, 'MessagePosted');
  const parts = messageParts(d.text);
  const view: ChatEventView = { id: d.messageId, position: e.position, chatId: d.chatId, at: d.at, kind: 'message', from: d.from, text: d.text };
  if (parts.length > 1 || (parts.length === 1 && 'link' in parts[0]!)) view.parts = parts;
  if (d.attachment) view.attachment = d.attachment;
  return view;
}
