import type { ChatEventView, ChatRecordView, VisitInfoView } from '@kefu/contracts';
import { docProjection } from '@kefu/projector';
import { addTo, childOf, setTo, type Doc } from '@kefu/read-store';
import { agreed, deviceOf, regionOf, sourceOf } from '../conversation-events';
import { dataOf } from '../event-data';
import { requestedChatFields } from '../requested-chat';
import { searchable } from '../search-text';
import { toChatEventView } from './chat-views';

export const CHAT_RECORDS = 'chat_records';
/** Details of the open visits, copied into a chat record when one is requested (where its visitor came from). */
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

/**
 * Chat records with transcripts and visit info (I5): one document per chat, built from its events. Every
 * message appends to its record in place (its view, shared with the live push and never changed, and its
 * search text): the per-message path copies nothing of the transcript.
 */
export const chatRecordsProjection = docProjection({
  name: 'chat-records',
  version: 5,
  handles: ['VisitStarted', 'VisitEnded', 'ChatRequested', 'ChatAssigned', 'MessagePosted', 'ChatClosed', 'ChatTransferred', 'ChatCategorised', 'ChatRated'],
  collections: [CHAT_RECORDS, CHAT_RECORD_VISITS],
  project(e, docs) {
    // Visit events have no view: not even looked up (the views are cached per event object).
    const view = e.type === 'VisitStarted' || e.type === 'VisitEnded' ? undefined : toChatEventView(e);
    switch (e.type) {
      case 'VisitStarted': {
        const d = agreed(e, 'VisitStarted');
        // One literal of the document's full size (see DocumentSet.edit); an existing document gets the same fields.
        const fresh: VisitInfoDoc = {
          _id: d.visitId,
          _position: e.position,
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
        const visit = docs.edit<VisitInfoDoc>(CHAT_RECORD_VISITS, d.visitId, e.position, fresh);
        if (visit && visit !== fresh) Object.assign(visit, fresh);
        return;
      }
      case 'VisitEnded': {
        const d = dataOf(e, 'VisitEnded');
        const visit = docs.get<VisitInfoDoc>(CHAT_RECORD_VISITS, d.visitId);
        if (!visit) return;
        for (const chatId of visit.chatIds ?? []) {
          const record = docs.edit<ChatRecordDoc>(CHAT_RECORDS, chatId, e.position);
          // `visit` is the record's own copy (made at the request): changed in place.
          if (record && d.endedAt !== undefined) childOf<VisitInfoView>(record, 'visit').exitAt = d.endedAt;
        }
        // The records hold their own copies: the visit's document is no longer needed, and the collection holds
        // open visits only (a chat takes the visit info of the visit it is requested in).
        docs.remove(CHAT_RECORD_VISITS, d.visitId);
        return;
      }
      case 'ChatRequested': {
        const d = agreed(e, 'ChatRequested');
        const visit = docs.get<VisitInfoDoc>(CHAT_RECORD_VISITS, d.visitId);
        // Only an explicit group or agent target: `auto` is what a record without one means.
        const requested = requestedChatFields(d, 'explicit');
        const search = searchable([d.visitorName, d.page.title, d.page.url, visit?.source?.keyword ?? '', visit?.source?.host ?? '']);
        const info = visit ? stripInternal(visit) : undefined;
        const record = docs.edit<ChatRecordDoc>(CHAT_RECORDS, d.chatId, e.position, true);
        if (record) {
          for (const key of Object.keys(requested) as (keyof typeof requested)[]) setTo(record, key, requested[key]);
          record.messageCount = 0;
          record.transcript = view ? [view] : [];
          record.category = '';
          record.transfers = 0;
          if (info) record.visit = info;
          record.agentIds = [];
          record.search = search;
        }
        if (visit) {
          const chats = docs.edit<VisitInfoDoc>(CHAT_RECORD_VISITS, d.visitId, e.position, true);
          if (chats && !(chats.chatIds ??= []).includes(d.chatId)) chats.chatIds.push(d.chatId);
        }
        return;
      }
      case 'ChatAssigned': {
        const d = dataOf(e, 'ChatAssigned');
        const record = docs.edit<ChatRecordDoc>(CHAT_RECORDS, d.chatId, e.position, true);
        if (!record) return;
        record.status = 'active';
        record.agent = { id: d.agentId, name: d.agentName };
        setTo(record, 'assignedAt', d.at);
        appendEvent(record, view, [d.agentName]);
        addAgent(record, d.agentId);
        return;
      }
      case 'MessagePosted': {
        const d = dataOf(e, 'MessagePosted');
        const record = docs.edit<ChatRecordDoc>(CHAT_RECORDS, d.chatId, e.position, true);
        if (!record) return;
        if (d.at !== undefined) record.lastMessageAt = d.at;
        record.messageCount = (record.messageCount ?? 0) + 1;
        appendEvent(record, view, [d.text]);
        return;
      }
      case 'ChatClosed': {
        const d = dataOf(e, 'ChatClosed');
        const record = docs.edit<ChatRecordDoc>(CHAT_RECORDS, d.chatId, e.position, true);
        if (!record) return;
        record.status = 'closed';
        setTo(record, 'closedAt', d.at);
        setTo(record, 'closeReason', d.reason);
        if (view) (record.transcript ??= []).push(view);
        return;
      }
      case 'ChatTransferred': {
        const d = agreed(e, 'ChatTransferred');
        const record = docs.edit<ChatRecordDoc>(CHAT_RECORDS, d.chatId, e.position);
        if (!record) return;
        const lastTransfer = {
          from: { id: d.fromAgentId, name: d.fromAgentName ?? '' },
          to: { id: d.toAgentId, name: d.toAgentName ?? '' },
          ...(d.toGroupId ? { toGroupId: d.toGroupId } : {}),
          reason: d.reason,
        };
        // `agent` and `lastTransfer.to` are one object: both are only ever replaced, never changed in place.
        record.agent = lastTransfer.to;
        record.lastTransfer = lastTransfer;
        addTo(record, 'transfers', 1);
        appendEvent(record, view, [d.toAgentName ?? '', d.reason]);
        addAgent(record, d.toAgentId);
        return;
      }
      case 'ChatCategorised': {
        const d = agreed(e, 'ChatCategorised');
        const record = docs.edit<ChatRecordDoc>(CHAT_RECORDS, d.chatId, e.position);
        if (!record) return;
        setTo(record, 'category', d.category);
        appendEvent(record, view, [d.category]);
        return;
      }
      case 'ChatRated': {
        const d = agreed(e, 'ChatRated');
        const record = docs.edit<ChatRecordDoc>(CHAT_RECORDS, d.chatId, e.position);
        if (!record) return;
        record.rating = { score: d.score, suggestion: d.suggestion };
        appendEvent(record, view, [d.suggestion]);
        return;
      }
    }
  },
});

/** Appends the event's view (when it has one) to the transcript and its texts to the searched ones. */
function appendEvent(record: ChatRecordDoc, view: ChatEventView | undefined, texts: readonly string[]): void {
  const search = (record.search ??= []);
  for (const text of searchable(texts)) search.push(text);
  if (view) (record.transcript ??= []).push(view);
}

/** Adds an agent to those who served the chat, once. */
function addAgent(record: ChatRecordDoc, agentId: string | undefined): void {
  if (agentId === undefined) return;
  const agentIds = (record.agentIds ??= []);
  if (!agentIds.includes(agentId)) agentIds.push(agentId);
}

/** The visit as a record shows it: a new object (the record changes its `exitAt`), its parts shared, never changed. */
function stripInternal(doc: VisitInfoDoc): VisitInfoView {
  const { _id, _position, chatIds, ...info } = doc as VisitInfoDoc & { _position?: number };
  void _id;
  void _position;
  void chatIds;
  return info;
}
