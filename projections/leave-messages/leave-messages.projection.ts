import type { LeaveMessageView } from '@kefu/contracts';
import { docProjection } from '@kefu/projector';
import { setTo, type Doc } from '@kefu/read-store';
import { agreed } from '../conversation-events';
import { searchable } from '../search-text';

export const LEAVE_MESSAGES = 'leave_messages';

export type LeaveMessageDoc = Doc & LeaveMessageView & { orgId: string; search: string[] };

/** I6 leave-message inbox: page, contacts, content, handled or not, replies. */
export const leaveMessagesProjection = docProjection({
  name: 'leave-messages',
  version: 1,
  handles: ['LeaveMessageLeft', 'LeaveMessageHandled', 'LeaveMessageReplied'],
  collections: [LEAVE_MESSAGES],
  project(e, docs) {
    switch (e.type) {
      case 'LeaveMessageLeft': {
        const d = agreed(e, 'LeaveMessageLeft');
        const doc = docs.edit<LeaveMessageDoc>(LEAVE_MESSAGES, d.leaveMessageId, e.position, true);
        if (!doc) return;
        const fields: Omit<LeaveMessageDoc, '_id'> = {
          leaveMessageId: d.leaveMessageId,
          orgId: d.orgId,
          siteId: d.siteId,
          visitorId: d.visitorId,
          ...(d.visitId ? { visitId: d.visitId } : {}),
          name: d.name,
          phone: d.phone,
          email: d.email,
          content: d.content,
          // The event's own object: stored as it is, never changed.
          page: d.page,
          at: d.at,
          status: 'new',
          replies: [],
          search: searchable([d.name, d.phone, d.email, d.content, d.page.title, d.page.url]),
        };
        for (const key of Object.keys(fields) as (keyof typeof fields)[]) setTo(doc, key, fields[key]);
        return;
      }
      case 'LeaveMessageHandled': {
        const d = agreed(e, 'LeaveMessageHandled');
        const doc = docs.edit<LeaveMessageDoc>(LEAVE_MESSAGES, d.leaveMessageId, e.position);
        if (!doc) return;
        doc.status = 'handled';
        setTo(doc, 'handledBy', d.by);
        setTo(doc, 'handledAt', d.at);
        return;
      }
      case 'LeaveMessageReplied': {
        const d = agreed(e, 'LeaveMessageReplied');
        const doc = docs.edit<LeaveMessageDoc>(LEAVE_MESSAGES, d.leaveMessageId, e.position);
        if (!doc) return;
        const reply: LeaveMessageDoc['replies'][number] = { channel: d.channel, by: d.by, at: d.at };
        (doc.replies ??= []).push(reply);
        return;
      }
    }
  },
});
