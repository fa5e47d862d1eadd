/**
 * The fields of a chat as its request states them, shared by the live chats (live-conversations) and the
 * chat records (chat-records), so both read models describe a new chat the same way.
 */
import type { ChatSummaryView } from '@kefu/contracts';
import type { ChatRequestedData } from './conversation-events';

export type RequestedChatFields = Pick<ChatSummaryView, 'chatId' | 'siteId' | 'visitorId' | 'visitId' | 'visitorName' | 'status' | 'requestedAt' | 'page'> &
  Partial<Pick<ChatSummaryView, 'target' | 'invitationId' | 'openedBy'>> & { orgId: string };

/**
 * Which targets a read model keeps: the live chats keep every one, `auto` included (the live engine tells
 * "anyone" from "this group/agent"); the records keep only an explicit group or agent (I5 filters by it).
 */
export type KeptTargets = 'every' | 'explicit';

export function requestedChatFields(d: ChatRequestedData, targets: KeptTargets): RequestedChatFields {
  const keepTarget = d.target !== undefined && (targets === 'every' || d.target.kind !== 'auto');
  return {
    chatId: d.chatId,
    orgId: d.orgId,
    siteId: d.siteId,
    visitorId: d.visitorId,
    visitId: d.visitId,
    visitorName: d.visitorName,
    status: 'queued',
    requestedAt: d.requestedAt,
    page: d.page,
    ...(keepTarget ? { target: d.target } : {}),
    ...(d.invitationId ? { invitationId: d.invitationId } : {}),
    ...(d.openedBy ? { openedBy: d.openedBy } : {}),
  };
}
