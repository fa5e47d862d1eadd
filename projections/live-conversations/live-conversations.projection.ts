import type { ChatSummaryView, LiveVisitView } from '@kefu/contracts';
import { docProjection } from '@kefu/projector';
import { setTo, type Doc, type DocumentSet } from '@kefu/read-store';
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

/** The visit of a chat, read from the chat document (whether or not this event changed it). */
function visitOfChat(docs: DocumentSet, chatId: string): string | undefined {
  return docs.get<LiveChatDoc>(LIVE_CHATS, chatId)?.visitId;
}

/**
 * One document per chat and one per visit. Each event changes at most one document of each collection
 * (the projector's idempotency guard is per document). A site rename reaches every visit of the site
 * through a query, so it goes through the store (`viaStore`); every other event is a synchronous change.
 */
export const liveConversationsProjection = docProjection({
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
  viaStore: {
    types: ['SiteSettingsChanged'],
    async apply(e, store) {
      const d = dataOf(e, 'SiteSettingsChanged');
      if (d.changes.name === undefined) return;
      await store.update(LIVE_SITE_NAMES, d.siteId, { $set: { orgId: d.orgId, name: d.changes.name } }, { upsert: true, atPosition: e.position });
      // A rename is rare; every visit of the site (ended ones too, which `visitor:get` still answers) follows it.
      for (const v of await store.find<LiveVisitDoc>(LIVE_VISITS, { siteId: d.siteId })) {
        await store.update(LIVE_VISITS, v.visitId, { $set: { siteName: d.changes.name } }, { atPosition: e.position });
      }
    },
  },
  project(e, docs) {
    const p = e.position;
    switch (e.type) {
      case 'PageViewed': {
        // Half of all events: one visit document, changed in place.
        const d = dataOf(e, 'PageViewed');
        const visit = docs.edit<LiveVisitDoc>(LIVE_VISITS, d.visitId, p);
        if (!visit) return;
        visit.currentPage = { url: d.url, title: d.title, since: d.at };
        visit.lastSeenAt = d.at;
        (visit.trail ??= []).push({ url: d.url, title: d.title, at: d.at });
        visit.pages = (visit.pages ?? 0) + 1;
        return;
      }
      case 'SiteCreated': {
        const d = dataOf(e, 'SiteCreated');
        const site = docs.edit<SiteNameDoc>(LIVE_SITE_NAMES, d.siteId, p, true);
        if (!site) return;
        site.orgId = d.orgId;
        site.name = d.name;
        return;
      }
      case 'VisitStarted': {
        const d = dataOf(e, 'VisitStarted');
        const siteName = docs.get<SiteNameDoc>(LIVE_SITE_NAMES, d.siteId)?.name ?? '';
        // One literal of the document's full size (see DocumentSet.edit); an existing document gets the same fields.
        // `referrer` follows (absent from visits recorded before the enrichment).
        const fresh: Omit<LiveVisitDoc, 'referrer'> & { referrer?: string } = {
          _id: d.visitId,
          _position: p,
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
          region: regionOf(d),
          source: d.source ?? { kind: 'direct', host: '', engine: '', keyword: '' },
          device: d.device ?? { type: 'other', os: '', browser: '' },
          chatState: 'browsing',
          invitationsSent: 0,
          invitationsDeclined: 0,
        };
        const visit = docs.edit<LiveVisitDoc>(LIVE_VISITS, d.visitId, p, fresh as LiveVisitDoc);
        if (!visit) return;
        if (visit !== fresh) Object.assign(visit, fresh);
        // Visits recorded before the enrichment may lack it (a `$set` of undefined left the field out).
        setTo(visit, 'referrer', d.referrer);
        return;
      }
      case 'VisitEnded': {
        const d = dataOf(e, 'VisitEnded');
        const visit = docs.edit<LiveVisitDoc>(LIVE_VISITS, d.visitId, p);
        if (!visit) return;
        visit.online = false;
        visit.endedAt = d.endedAt;
        return;
      }
      case 'InvitationSent': {
        const d = dataOf(e, 'InvitationSent');
        const visit = docs.edit<LiveVisitDoc>(LIVE_VISITS, d.visitId, p);
        if (!visit) return;
        visit.invitation = { invitationId: d.invitationId, by: d.by };
        visit.chatState = 'invited';
        visit.invitationsSent = (visit.invitationsSent ?? 0) + 1;
        return;
      }
      case 'InvitationAccepted': {
        const d = dataOf(e, 'InvitationAccepted');
        const visit = docs.edit<LiveVisitDoc>(LIVE_VISITS, d.visitId, p);
        if (visit) delete visit.invitation;
        return;
      }
      case 'InvitationDeclined': {
        const d = dataOf(e, 'InvitationDeclined');
        const visit = docs.edit<LiveVisitDoc>(LIVE_VISITS, d.visitId, p);
        if (!visit) return;
        delete visit.invitation;
        visit.chatState = 'browsing';
        visit.invitationsDeclined = (visit.invitationsDeclined ?? 0) + 1;
        return;
      }
      case 'ChatRequested': {
        const d = dataOf(e, 'ChatRequested');
        const chat = docs.edit<LiveChatDoc>(LIVE_CHATS, d.chatId, p, true);
        if (chat) {
          // Every target, `auto` included (chat-records keeps only explicit ones).
          Object.assign(chat, requestedChatFields(d, 'every'));
          chat.transfers = 0;
          chat.messageCount = 0;
          chat.formerAgentIds = [];
        }
        const visit = docs.edit<LiveVisitDoc>(LIVE_VISITS, d.visitId, p);
        if (!visit) return;
        visit.chatState = 'queued';
        visit.chatId = d.chatId;
        delete visit.invitation;
        return;
      }
      case 'ChatQueued': {
        const d = dataOf(e, 'ChatQueued');
        const chat = docs.edit<LiveChatDoc>(LIVE_CHATS, d.chatId, p);
        if (chat) chat.queuePosition = d.queuePosition;
        return;
      }
      case 'ChatAssigned': {
        const d = dataOf(e, 'ChatAssigned');
        const chat = docs.edit<LiveChatDoc>(LIVE_CHATS, d.chatId, p);
        if (chat) {
          chat.status = 'active';
          chat.agent = { id: d.agentId, name: d.agentName };
          chat.assignedAt = d.at;
          delete chat.queuePosition;
        }
        const visitId = visitOfChat(docs, d.chatId);
        const visit = visitId === undefined ? undefined : docs.edit<LiveVisitDoc>(LIVE_VISITS, visitId, p);
        if (!visit) return;
        visit.chatState = 'chatting';
        visit.agentId = d.agentId;
        return;
      }
      case 'MessagePosted': {
        const d = dataOf(e, 'MessagePosted');
        const chat = docs.edit<LiveChatDoc>(LIVE_CHATS, d.chatId, p);
        if (!chat) return;
        chat.lastMessageAt = d.at;
        chat.messageCount = (chat.messageCount ?? 0) + 1;
        return;
      }
      case 'ChatTransferred': {
        const d = dataOf(e, 'ChatTransferred');
        const chat = docs.edit<LiveChatDoc>(LIVE_CHATS, d.chatId, p);
        if (chat) {
          chat.agent = { id: d.toAgentId, name: d.toAgentName };
          chat.lastTransfer = {
            from: { id: d.fromAgentId, name: d.fromAgentName },
            to: { id: d.toAgentId, name: d.toAgentName },
            ...(d.toGroupId ? { toGroupId: d.toGroupId } : {}),
            reason: d.reason,
          };
          chat.transfers = (chat.transfers ?? 0) + 1;
          const former = (chat.formerAgentIds ??= []);
          if (!former.includes(d.fromAgentId)) former.push(d.fromAgentId);
        }
        const visitId = visitOfChat(docs, d.chatId);
        const visit = visitId === undefined ? undefined : docs.edit<LiveVisitDoc>(LIVE_VISITS, visitId, p);
        if (visit) visit.agentId = d.toAgentId;
        return;
      }
      case 'ChatCategorised': {
        const d = dataOf(e, 'ChatCategorised');
        const chat = docs.edit<LiveChatDoc>(LIVE_CHATS, d.chatId, p);
        if (chat) chat.category = d.category;
        return;
      }
      case 'ChatRated': {
        const d = dataOf(e, 'ChatRated');
        const chat = docs.edit<LiveChatDoc>(LIVE_CHATS, d.chatId, p);
        if (chat) chat.rating = { score: d.score, suggestion: d.suggestion };
        return;
      }
      case 'ChatClosed': {
        const d = dataOf(e, 'ChatClosed');
        const chat = docs.edit<LiveChatDoc>(LIVE_CHATS, d.chatId, p);
        if (chat) {
          chat.status = 'closed';
          chat.closedAt = d.at;
          chat.closeReason = d.reason;
          delete chat.queuePosition;
        }
        const visitId = visitOfChat(docs, d.chatId);
        const visit = visitId === undefined ? undefined : docs.edit<LiveVisitDoc>(LIVE_VISITS, visitId, p);
        if (visit) visit.chatState = d.reason === 'no_agent_available' ? 'browsing' : 'chatted';
        return;
      }
      case 'LeaveMessageLeft': {
        const d = dataOf(e, 'LeaveMessageLeft');
        const visit = d.visitId ? docs.edit<LiveVisitDoc>(LIVE_VISITS, d.visitId, p) : undefined;
        if (visit) visit.chatState = 'left_message';
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
