import type { ChatRecordView, VisitInfoView } from '@kefu/contracts';
import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { agreed, deviceOf, regionOf, sourceOf } from '../conversation-events';
import { dataOf } from '../event-data';
import { requestedChatFields } from '../requested-chat';
import { searchable } from '../search-text';
import { toChatEventView } from './chat-views';

export const CHAT_RECORDS = 'chat_records';
/** Visit details kept so a chat record can show where its visitor came from. */
export const CHAT_RECORD_VISITS = 'chat_record_visits';

export type ChatRecordDoc = Doc &
  ChatRecordView & {
    closeReason?: string;
    /** Every agent who served the chat (filter "by agent" finds transferred chats too). */
    agentIds?: string[];
    /** Normalised texts searched by the full-text filter (see search-text.ts). */
    search?: string[];
  };
export type VisitInfoDoc = Doc & VisitInfoView & { chatIds?: string[] };

/** Chat records with transcripts and visit info (I5): one document per chat, built from its events. */
export const chatRecordsProjection = projection({
  name: 'chat-records',
  version: 4,
  handles: ['VisitStarted', 'VisitEnded', 'ChatRequested', 'ChatAssigned', 'MessagePosted', 'ChatClosed', 'ChatTransferred', 'ChatCategorised', 'ChatRated'],
  collections: [CHAT_RECORDS, CHAT_RECORD_VISITS],
  async apply(e, store) {
    const at = { upsert: true, atPosition: e.position };
    const view = toChatEventView(e);
    const transcript = view ? { $push: { transcript: view } } : {};
    switch (e.type) {
      case 'VisitStarted': {
        const d = agreed(e, 'VisitStarted');
        const info: VisitInfoView = {
          visitId: d.visitId,
          startedAt: d.startedAt,
          entryUrl: d.entryUrl,
          entryTitle: d.entryTitle,
          referrer: d.referrer,
          userAgent: d.userAgent,
          ip: d.ip,
          region: regionOf(d),
          source: sourceOf(d),
          device: deviceOf(d),
        };
        await store.update(CHAT_RECORD_VISITS, d.visitId, { $set: { ...info } }, at);
        return;
      }
      case 'VisitEnded': {
        const d = dataOf(e, 'VisitEnded');
        const visit = await store.get<VisitInfoDoc>(CHAT_RECORD_VISITS, d.visitId);
        if (!visit) return;
        for (const chatId of visit.chatIds ?? []) await store.update(CHAT_RECORDS, chatId, { $set: { 'visit.exitAt': d.endedAt } }, { atPosition: e.position });
        await store.update(CHAT_RECORD_VISITS, d.visitId, { $set: { exitAt: d.endedAt } }, at);
        return;
      }
      case 'ChatRequested': {
        const d = agreed(e, 'ChatRequested');
        const visit = await store.get<VisitInfoDoc>(CHAT_RECORD_VISITS, d.visitId);
        const record: Omit<ChatRecordView, 'agent' | 'assignedAt' | 'closedAt' | 'visit'> = {
          // Only an explicit group or agent target: `auto` is what a record without one means.
          ...requestedChatFields(d, 'explicit'),
          messageCount: 0,
          transcript: view ? [view] : [],
          category: '',
          transfers: 0,
        };
        const visitInfo = visit ? { visit: stripInternal(visit) } : {};
        const search = searchable([d.visitorName, d.page.title, d.page.url, visit?.source?.keyword ?? '', visit?.source?.host ?? '']);
        await store.update(CHAT_RECORDS, d.chatId, { $set: { ...record, ...visitInfo, agentIds: [], search } }, at);
        if (visit) await store.update(CHAT_RECORD_VISITS, d.visitId, { $addToSet: { chatIds: d.chatId } }, at);
        return;
      }
      case 'ChatAssigned': {
        const d = dataOf(e, 'ChatAssigned');
        await store.update(
          CHAT_RECORDS,
          d.chatId,
          {
            $set: { status: 'active', agent: { id: d.agentId, name: d.agentName }, assignedAt: d.at },
            $push: { transcript: view, search: { $each: searchable([d.agentName]) } },
            $addToSet: { agentIds: d.agentId },
          },
          at,
        );
        return;
      }
      case 'MessagePosted': {
        const d = dataOf(e, 'MessagePosted');
        await store.update(
          CHAT_RECORDS,
          d.chatId,
          { $set: { lastMessageAt: d.at }, $inc: { messageCount: 1 }, $push: { transcript: view, search: { $each: searchable([d.text]) } } },
          at,
        );
        return;
      }
      case 'ChatClosed': {
        const d = dataOf(e, 'ChatClosed');
        await store.update(CHAT_RECORDS, d.chatId, { $set: { status: 'closed', closedAt: d.at, closeReason: d.reason }, ...transcript }, at);
        return;
      }
      case 'ChatTransferred': {
        const d = agreed(e, 'ChatTransferred');
        const lastTransfer = {
          from: { id: d.fromAgentId, name: d.fromAgentName ?? '' },
          to: { id: d.toAgentId, name: d.toAgentName ?? '' },
          ...(d.toGroupId ? { toGroupId: d.toGroupId } : {}),
          reason: d.reason,
        };
        await store.update(
          CHAT_RECORDS,
          d.chatId,
          {
            $set: { agent: lastTransfer.to, lastTransfer },
            $inc: { transfers: 1 },
            $push: { search: { $each: searchable([d.toAgentName ?? '', d.reason]) }, ...(view ? { transcript: view } : {}) },
            $addToSet: { agentIds: d.toAgentId },
          },
          { atPosition: e.position },
        );
        return;
      }
      case 'ChatCategorised': {
        const d = agreed(e, 'ChatCategorised');
        await store.update(
          CHAT_RECORDS,
          d.chatId,
          { $set: { category: d.category }, $push: { search: { $each: searchable([d.category]) }, ...(view ? { transcript: view } : {}) } },
          { atPosition: e.position },
        );
        return;
      }
      case 'ChatRated': {
        const d = agreed(e, 'ChatRated');
        await store.update(
          CHAT_RECORDS,
          d.chatId,
          {
            $set: { rating: { score: d.score, suggestion: d.suggestion } },
            $push: { search: { $each: searchable([d.suggestion]) }, ...(view ? { transcript: view } : {}) },
          },
          { atPosition: e.position },
        );
        return;
      }
    }
  },
});

function stripInternal(doc: VisitInfoDoc): VisitInfoView {
  const { _id, _position, chatIds, ...info } = doc as VisitInfoDoc & { _position?: number };
  void _id;
  void _position;
  void chatIds;
  return info;
}
