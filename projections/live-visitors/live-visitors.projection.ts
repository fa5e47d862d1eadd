import type { LiveVisitorView } from '@kefu/contracts';
import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { agreed, deviceOf, regionOf, sourceOf } from '../conversation-events';
import { dataOf } from '../event-data';
import { leftContacts, profileId, visitorKindOf, type VisitorProfileDoc } from '../visitor-kinds';

export const LIVE_VISITORS = 'live_visitors';
export const LIVE_VISITORS_PROFILES = 'live_visitors_profiles';
/** chatId → visitId, for the chat events that do not name the visit. */
export const LIVE_VISITORS_CHATS = 'live_visitors_chats';

export type LiveVisitorDoc = Doc & LiveVisitorView;

interface LiveChatDoc extends Doc {
  visitId: string;
}

/**
 * B1 live home: every visitor now on a site (visits not ended), with kind, current page, region, source,
 * time on site (from `startedAt`) and chat state. A visitor who chats or leaves a message becomes `intent`
 * (unless a member). Ended visits are removed.
 */
export const liveVisitorsProjection = projection({
  name: 'live-visitors',
  version: 2,
  handles: [
    'VisitStarted',
    'PageViewed',
    'VisitEnded',
    'InvitationSent',
    'InvitationDeclined',
    'ChatRequested',
    'ChatAssigned',
    'ChatTransferred',
    'ChatClosed',
    'LeaveMessageLeft',
  ],
  collections: [LIVE_VISITORS, LIVE_VISITORS_PROFILES, LIVE_VISITORS_CHATS],
  async apply(e, store) {
    const at = { upsert: true, atPosition: e.position };
    const only = { atPosition: e.position };
    const visitOfChat = async (chatId: string) => (await store.get<LiveChatDoc>(LIVE_VISITORS_CHATS, chatId))?.visitId;
    switch (e.type) {
      case 'VisitStarted': {
        const d = agreed(e, 'VisitStarted');
        const profile = await store.get<VisitorProfileDoc>(LIVE_VISITORS_PROFILES, profileId(d.siteId, d.visitorId));
        const visitor: Omit<LiveVisitorDoc, '_id'> = {
          visitId: d.visitId,
          visitorId: d.visitorId,
          orgId: d.orgId,
          siteId: d.siteId,
          kind: visitorKindOf(profile, d.visitorKind ? d.visitorKind === 'returning' : d.returning),
          currentPage: { url: d.entryUrl, title: d.entryTitle, since: d.startedAt },
          pages: 0,
          region: regionOf(d),
          source: sourceOf(d),
          device: deviceOf(d),
          startedAt: d.startedAt,
          chatState: 'browsing',
        };
        await store.update(LIVE_VISITORS, d.visitId, { $set: visitor }, at);
        return;
      }
      case 'PageViewed': {
        const d = dataOf(e, 'PageViewed');
        await store.update(LIVE_VISITORS, d.visitId, { $set: { currentPage: { url: d.url, title: d.title, since: d.at } }, $inc: { pages: 1 } }, only);
        return;
      }
      case 'VisitEnded':
        await store.delete(LIVE_VISITORS, dataOf(e, 'VisitEnded').visitId);
        return;
      case 'InvitationSent': {
        const d = agreed(e, 'InvitationSent');
        await store.update(LIVE_VISITORS, d.visitId, { $set: { chatState: 'invited' } }, only);
        return;
      }
      case 'InvitationDeclined': {
        const d = agreed(e, 'InvitationDeclined');
        if (d.visitId) await store.update(LIVE_VISITORS, d.visitId, { $set: { chatState: 'browsing' } }, only);
        return;
      }
      case 'ChatRequested': {
        const d = agreed(e, 'ChatRequested');
        const visitor = await store.get<LiveVisitorDoc>(LIVE_VISITORS, d.visitId);
        const kind = visitor?.kind === 'member' ? 'member' : 'intent';
        await store.update(LIVE_VISITORS, d.visitId, { $set: { chatState: 'queued', chatId: d.chatId, kind }, $unset: { agentId: '' } }, only);
        await store.update(LIVE_VISITORS_CHATS, d.chatId, { $set: { visitId: d.visitId } }, at);
        await store.update(LIVE_VISITORS_PROFILES, profileId(d.siteId, d.visitorId), { $inc: { chats: 1 } }, at);
        return;
      }
      case 'ChatAssigned': {
        const d = dataOf(e, 'ChatAssigned');
        const visitId = await visitOfChat(d.chatId);
        if (visitId) await store.update(LIVE_VISITORS, visitId, { $set: { chatState: 'chatting', agentId: d.agentId } }, only);
        return;
      }
      case 'ChatTransferred': {
        const d = agreed(e, 'ChatTransferred');
        const visitId = await visitOfChat(d.chatId);
        if (visitId) await store.update(LIVE_VISITORS, visitId, { $set: { agentId: d.toAgentId } }, only);
        return;
      }
      case 'ChatClosed': {
        const d = dataOf(e, 'ChatClosed');
        const visitId = await visitOfChat(d.chatId);
        if (visitId) await store.update(LIVE_VISITORS, visitId, { $set: { chatState: 'chatted' } }, only);
        return;
      }
      case 'LeaveMessageLeft': {
        const d = agreed(e, 'LeaveMessageLeft');
        const member = leftContacts(d);
        if (d.visitId) {
          const visitor = await store.get<LiveVisitorDoc>(LIVE_VISITORS, d.visitId);
          const kind = member || visitor?.kind === 'member' ? 'member' : 'intent';
          await store.update(LIVE_VISITORS, d.visitId, { $set: { chatState: 'left_message', kind } }, only);
        }
        await store.update(
          LIVE_VISITORS_PROFILES,
          profileId(d.siteId, d.visitorId),
          { $inc: { leaveMessages: 1 }, ...(member ? { $set: { member: true } } : {}) },
          at,
        );
        return;
      }
    }
  },
});
