import type { ChatSummaryView, LiveVisitView } from '@kefu/contracts';
import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { regionOf } from '../conversation-events';
import { dataOf } from '../event-data';
import { requestedChatFields } from '../requested-chat';

/** The live engine's own read models: open chats (summaries for both sides) and visits with their page trail (B1, B3). */
export const LIVE_CHATS = 'live_chats';
export const LIVE_VISITS = 'live_visits';
/** siteId → the site's name, so a visit carries the name of its site (and follows a rename). */
export const LIVE_SITE_NAMES = 'live_site_names';
/** How much of a page trail a view carries. */
export const TRAIL_MAX = 100;

export type LiveChatDoc = Doc &
  ChatSummaryView & {
    orgId: string;
    closeReason?: string;
    /** Agents who handed the chat over (they may still read it, B8). */
    formerAgentIds: string[];
  };
export type LiveVisitDoc = Doc & LiveVisitView;
interface SiteNameDoc extends Doc {
  orgId: string;
  name: string;
}

const UNKNOWN_SOURCE = { kind: 'direct' as const, host: '', engine: '', keyword: '' };

/**
 * One document per chat and one per visit. Each event changes at most one document of each
 * collection (the projector's idempotency guard is per document).
 */
export const liveConversationsProjection = projection({
  name: 'live-conversations',
  version: 3,
  handles: [
    'SiteCreated',
    'SiteSettingsChanged',
    'VisitStarted',
    'PageViewed',
    'VisitEnded',
    'InvitationSent',
    'InvitationAccepted',
    'InvitationDeclined',
    'ChatRequested',
    'ChatQueued',
    'ChatAssigned',
    'MessagePosted',
    'ChatTransferred',
    'ChatCategorised',
    'ChatRated',
    'ChatClosed',
    'LeaveMessageLeft',
  ],
  collections: [LIVE_CHATS, LIVE_VISITS, LIVE_SITE_NAMES],
  async apply(e, store) {
    const at = { upsert: true, atPosition: e.position };
    const only = { atPosition: e.position };
    const chatDoc = (chatId: string) => store.get<LiveChatDoc>(LIVE_CHATS, chatId);
    switch (e.type) {
      case 'SiteCreated': {
        const d = dataOf(e, 'SiteCreated');
        await store.update(LIVE_SITE_NAMES, d.siteId, { $set: { orgId: d.orgId, name: d.name } }, at);
        return;
      }
      case 'SiteSettingsChanged': {
        const d = dataOf(e, 'SiteSettingsChanged');
        if (d.changes.name === undefined) return;
        await store.update(LIVE_SITE_NAMES, d.siteId, { $set: { orgId: d.orgId, name: d.changes.name } }, at);
        // A rename is rare; every visit of the site (ended ones too, which `visitor:get` still answers) follows it.
        for (const v of await store.find<LiveVisitDoc>(LIVE_VISITS, { siteId: d.siteId })) {
          await store.update(LIVE_VISITS, v.visitId, { $set: { siteName: d.changes.name } }, only);
        }
        return;
      }
      case 'VisitStarted': {
        const d = dataOf(e, 'VisitStarted');
        const siteName = (await store.get<SiteNameDoc>(LIVE_SITE_NAMES, d.siteId))?.name ?? '';
        const visit: LiveVisitView = {
          visitId: d.visitId,
          visitorId: d.visitorId,
          orgId: d.orgId,
          siteId: d.siteId,
          siteName,
          visitorName: `#${d.visitorId.replace(/-/g, '').slice(-6).toUpperCase()}`,
          kind: d.visitorKind ?? (d.returning ? 'returning' : 'new'),
          startedAt: d.startedAt,
          lastSeenAt: d.startedAt,
          online: true,
          currentPage: { url: d.entryUrl, title: d.entryTitle, since: d.startedAt },
          trail: [],
          pages: 0,
          referrer: d.referrer,
          region: regionOf(d),
          source: d.source ?? UNKNOWN_SOURCE,
          device: d.device ?? { type: 'other', os: '', browser: '' },
          chatState: 'browsing',
          invitationsSent: 0,
          invitationsDeclined: 0,
        };
        await store.update(LIVE_VISITS, d.visitId, { $set: { ...visit } }, at);
        return;
      }
      case 'PageViewed': {
        const d = dataOf(e, 'PageViewed');
        await store.update(
          LIVE_VISITS,
          d.visitId,
          {
            $set: { currentPage: { url: d.url, title: d.title, since: d.at }, lastSeenAt: d.at },
            $push: { trail: { url: d.url, title: d.title, at: d.at } },
            $inc: { pages: 1 },
          },
          only,
        );
        return;
      }
      case 'VisitEnded': {
        const d = dataOf(e, 'VisitEnded');
        await store.update(LIVE_VISITS, d.visitId, { $set: { online: false, endedAt: d.endedAt } }, only);
        return;
      }
      case 'InvitationSent': {
        const d = dataOf(e, 'InvitationSent');
        await store.update(
          LIVE_VISITS,
          d.visitId,
          { $set: { invitation: { invitationId: d.invitationId, by: d.by }, chatState: 'invited' }, $inc: { invitationsSent: 1 } },
          only,
        );
        return;
      }
      case 'InvitationAccepted': {
        const d = dataOf(e, 'InvitationAccepted');
        await store.update(LIVE_VISITS, d.visitId, { $unset: { invitation: '' } }, only);
        return;
      }
      case 'InvitationDeclined': {
        const d = dataOf(e, 'InvitationDeclined');
        await store.update(LIVE_VISITS, d.visitId, { $unset: { invitation: '' }, $set: { chatState: 'browsing' }, $inc: { invitationsDeclined: 1 } }, only);
        return;
      }
      case 'ChatRequested': {
        const d = dataOf(e, 'ChatRequested');
        const chat: Omit<LiveChatDoc, '_id'> = {
          // Every target, `auto` included (chat-records keeps only explicit ones).
          ...requestedChatFields(d, 'every'),
          transfers: 0,
          messageCount: 0,
          formerAgentIds: [],
        };
        await store.update(LIVE_CHATS, d.chatId, { $set: { ...chat } }, at);
        await store.update(LIVE_VISITS, d.visitId, { $set: { chatState: 'queued', chatId: d.chatId }, $unset: { invitation: '' } }, only);
        return;
      }
      case 'ChatQueued': {
        const d = dataOf(e, 'ChatQueued');
        await store.update(LIVE_CHATS, d.chatId, { $set: { queuePosition: d.queuePosition } }, only);
        return;
      }
      case 'ChatAssigned': {
        const d = dataOf(e, 'ChatAssigned');
        await store.update(
          LIVE_CHATS,
          d.chatId,
          { $set: { status: 'active', agent: { id: d.agentId, name: d.agentName }, assignedAt: d.at }, $unset: { queuePosition: '' } },
          only,
        );
        const chat = await chatDoc(d.chatId);
        if (chat) await store.update(LIVE_VISITS, chat.visitId, { $set: { chatState: 'chatting', agentId: d.agentId } }, only);
        return;
      }
      case 'MessagePosted': {
        const d = dataOf(e, 'MessagePosted');
        await store.update(LIVE_CHATS, d.chatId, { $set: { lastMessageAt: d.at }, $inc: { messageCount: 1 } }, only);
        return;
      }
      case 'ChatTransferred': {
        const d = dataOf(e, 'ChatTransferred');
        const lastTransfer = {
          from: { id: d.fromAgentId, name: d.fromAgentName },
          to: { id: d.toAgentId, name: d.toAgentName },
          ...(d.toGroupId ? { toGroupId: d.toGroupId } : {}),
          reason: d.reason,
        };
        await store.update(
          LIVE_CHATS,
          d.chatId,
          { $set: { agent: lastTransfer.to, lastTransfer }, $inc: { transfers: 1 }, $addToSet: { formerAgentIds: d.fromAgentId } },
          only,
        );
        const chat = await chatDoc(d.chatId);
        if (chat) await store.update(LIVE_VISITS, chat.visitId, { $set: { agentId: d.toAgentId } }, only);
        return;
      }
      case 'ChatCategorised': {
        const d = dataOf(e, 'ChatCategorised');
        await store.update(LIVE_CHATS, d.chatId, { $set: { category: d.category } }, only);
        return;
      }
      case 'ChatRated': {
        const d = dataOf(e, 'ChatRated');
        await store.update(LIVE_CHATS, d.chatId, { $set: { rating: { score: d.score, suggestion: d.suggestion } } }, only);
        return;
      }
      case 'ChatClosed': {
        const d = dataOf(e, 'ChatClosed');
        await store.update(LIVE_CHATS, d.chatId, { $set: { status: 'closed', closedAt: d.at, closeReason: d.reason }, $unset: { queuePosition: '' } }, only);
        const chat = await chatDoc(d.chatId);
        if (chat) await store.update(LIVE_VISITS, chat.visitId, { $set: { chatState: d.reason === 'no_agent_available' ? 'browsing' : 'chatted' } }, only);
        return;
      }
      case 'LeaveMessageLeft': {
        const d = dataOf(e, 'LeaveMessageLeft');
        if (d.visitId) await store.update(LIVE_VISITS, d.visitId, { $set: { chatState: 'left_message' } }, only);
        return;
      }
    }
  },
});

/** What a client sees of a chat document. */
export function toLiveChatSummary(doc: LiveChatDoc): ChatSummaryView {
  const { _id, orgId, closeReason, formerAgentIds, ...summary } = doc as LiveChatDoc & { _position?: number };
  void _id;
  void orgId;
  void closeReason;
  void formerAgentIds;
  delete (summary as { _position?: number })._position;
  return summary;
}

/** What a client sees of a visit document: the trail cut to its last TRAIL_MAX pages. */
export function toLiveVisit(doc: LiveVisitDoc): LiveVisitView {
  const { _id, ...visit } = doc as LiveVisitDoc & { _position?: number };
  void _id;
  delete (visit as { _position?: number })._position;
  return { ...visit, trail: visit.trail.slice(-TRAIL_MAX) };
}
