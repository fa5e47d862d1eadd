import type { ChatRecordView, VisitInfoView } from '@kefu/contracts';
import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { dataOf } from '../event-data';
import { toChatEventView } from './chat-views';

export const CHAT_RECORDS = 'chat_records';
/** Visit details kept so a chat record can show where its visitor came from. */
export const CHAT_RECORD_VISITS = 'chat_record_visits';

export type ChatRecordDoc = Doc & ChatRecordView & { closeReason?: string };
export type VisitInfoDoc = Doc & VisitInfoView;

/** Chat records with transcripts (I5): one document per chat, built from its events. */
export const chatRecordsProjection = projection({
  name: 'chat-records',
  version: 1,
  handles: ['VisitStarted', 'ChatRequested', 'ChatAssigned', 'MessagePosted', 'ChatClosed'],
  collections: [CHAT_RECORDS, CHAT_RECORD_VISITS],
  async apply(e, store) {
    const at = { upsert: true, atPosition: e.position };
    const view = toChatEventView(e);
    switch (e.type) {
      case 'VisitStarted': {
        const d = dataOf(e, 'VisitStarted');
        const info: VisitInfoView = {
          visitId: d.visitId,
          startedAt: d.startedAt,
          entryUrl: d.entryUrl,
          entryTitle: d.entryTitle,
          referrer: d.referrer,
          userAgent: d.userAgent,
          ip: d.ip,
        };
        await store.update(CHAT_RECORD_VISITS, d.visitId, { $set: { ...info } }, at);
        return;
      }
      case 'ChatRequested': {
        const d = dataOf(e, 'ChatRequested');
        const visit = await store.get<VisitInfoDoc>(CHAT_RECORD_VISITS, d.visitId);
        const record: Omit<ChatRecordView, 'agent' | 'assignedAt' | 'closedAt' | 'visit'> = {
          chatId: d.chatId,
          orgId: d.orgId,
          siteId: d.siteId,
          visitorId: d.visitorId,
          visitId: d.visitId,
          visitorName: d.visitorName,
          status: 'queued',
          requestedAt: d.requestedAt,
          page: d.page,
          messageCount: 0,
          transcript: view ? [view] : [],
        };
        const visitInfo = visit ? { visit: stripInternal(visit) } : {};
        await store.update(CHAT_RECORDS, d.chatId, { $set: { ...record, ...visitInfo } }, at);
        return;
      }
      case 'ChatAssigned': {
        const d = dataOf(e, 'ChatAssigned');
        await store.update(
          CHAT_RECORDS,
          d.chatId,
          { $set: { status: 'active', agent: { id: d.agentId, name: d.agentName }, assignedAt: d.at }, $push: { transcript: view } },
          at,
        );
        return;
      }
      case 'MessagePosted': {
        const d = dataOf(e, 'MessagePosted');
        await store.update(CHAT_RECORDS, d.chatId, { $inc: { messageCount: 1 }, $push: { transcript: view } }, at);
        return;
      }
      case 'ChatClosed': {
        const d = dataOf(e, 'ChatClosed');
        await store.update(CHAT_RECORDS, d.chatId, { $set: { status: 'closed', closedAt: d.at, closeReason: d.reason }, $push: { transcript: view } }, at);
        return;
      }
    }
  },
});

function stripInternal(doc: VisitInfoDoc): VisitInfoView {
  const { _id, _position, ...info } = doc as VisitInfoDoc & { _position?: number };
  void _id;
  void _position;
  return info;
}
