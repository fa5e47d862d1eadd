import type { LeaveMessageView } from '@kefu/contracts';
import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { agreed } from '../conversation-events';
import { searchable } from '../search-text';

export const LEAVE_MESSAGES = 'leave_messages';

export type LeaveMessageDoc = Doc & LeaveMessageView & { orgId: string; search: string[] };

/** I6 leave-message inbox: page, contacts, content, handled or not, replies. */
export const leaveMessagesProjection = projection({
  name: 'leave-messages',
  version: 1,
  handles: ['LeaveMessageLeft', 'LeaveMessageHandled', 'LeaveMessageReplied'],
  collections: [LEAVE_MESSAGES],
  async apply(e, store) {
    const at = { atPosition: e.position };
    switch (e.type) {
      case 'LeaveMessageLeft': {
        const d = agreed(e, 'LeaveMessageLeft');
        const doc: Omit<LeaveMessageDoc, '_id'> = {
          leaveMessageId: d.leaveMessageId,
          orgId: d.orgId,
          siteId: d.siteId,
          visitorId: d.visitorId,
          ...(d.visitId ? { visitId: d.visitId } : {}),
          name: d.name,
          phone: d.phone,
          email: d.email,
          content: d.content,
          page: d.page,
          at: d.at,
          status: 'new',
          replies: [],
          search: searchable([d.name, d.phone, d.email, d.content, d.page.title, d.page.url]),
        };
        await store.update(LEAVE_MESSAGES, d.leaveMessageId, { $set: doc }, { upsert: true, atPosition: e.position });
        return;
      }
      case 'LeaveMessageHandled': {
        const d = agreed(e, 'LeaveMessageHandled');
        await store.update(LEAVE_MESSAGES, d.leaveMessageId, { $set: { status: 'handled', handledBy: d.by, handledAt: d.at } }, at);
        return;
      }
      case 'LeaveMessageReplied': {
        const d = agreed(e, 'LeaveMessageReplied');
        await store.update(LEAVE_MESSAGES, d.leaveMessageId, { $push: { replies: { channel: d.channel, by: d.by, at: d.at } } }, at);
        return;
      }
    }
  },
});
