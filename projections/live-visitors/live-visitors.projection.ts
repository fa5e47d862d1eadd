import type { LiveVisitorView } from '@kefu/contracts';
import { docProjection } from '@kefu/projector';
import type { Doc, DocumentSet } from '@kefu/read-store';
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

/** The visitor document of a chat's visit (chat events do not name the visit), to change. */
function visitorOfChat(docs: DocumentSet, chatId: string, position: number): LiveVisitorDoc | undefined {
  const visitId = docs.get<LiveChatDoc>(LIVE_VISITORS_CHATS, chatId)?.visitId;
  return visitId === undefined ? undefined : docs.edit<LiveVisitorDoc>(LIVE_VISITORS, visitId, position);
}

/**
 * B1 live home: every visitor now on a site (visits not ended), with kind, current page, region, source,
 * time on site (from `startedAt`) and chat state. A visitor who chats or leaves a message becomes `intent`
 * (unless a member). Ended visits are removed.
 */
export const liveVisitorsProjection = docProjection({
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
  project(e, docs) {
    const p = e.position;
    switch (e.type) {
      case 'PageViewed': {
        // Half of all events: one visitor document, changed in place.
        const d = dataOf(e, 'PageViewed');
        const visitor = docs.edit<LiveVisitorDoc>(LIVE_VISITORS, d.visitId, p);
        if (!visitor) return;
        visitor.currentPage = { url: d.url, title: d.title, since: d.at };
        visitor.pages = (visitor.pages ?? 0) + 1;
        return;
      }
      case 'VisitStarted': {
        const d = agreed(e, 'VisitStarted');
        const profile = docs.get<VisitorProfileDoc>(LIVE_VISITORS_PROFILES, profileId(d.siteId, d.visitorId)) ?? null;
        // One literal of the document's full size (see DocumentSet.edit); an existing document gets the same fields.
        const fresh: LiveVisitorDoc = {
          _id: d.visitId,
          _position: p,
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
        const visitor = docs.edit<LiveVisitorDoc>(LIVE_VISITORS, d.visitId, p, fresh);
        if (visitor && visitor !== fresh) Object.assign(visitor, fresh);
        return;
      }
      case 'VisitEnded':
        docs.remove(LIVE_VISITORS, dataOf(e, 'VisitEnded').visitId);
        return;
      case 'InvitationSent': {
        const d = agreed(e, 'InvitationSent');
        const visitor = docs.edit<LiveVisitorDoc>(LIVE_VISITORS, d.visitId, p);
        if (visitor) visitor.chatState = 'invited';
        return;
      }
      case 'InvitationDeclined': {
        const d = agreed(e, 'InvitationDeclined');
        const visitor = d.visitId ? docs.edit<LiveVisitorDoc>(LIVE_VISITORS, d.visitId, p) : undefined;
        if (visitor) visitor.chatState = 'browsing';
        return;
      }
      case 'ChatRequested': {
        const d = agreed(e, 'ChatRequested');
        const visitor = docs.edit<LiveVisitorDoc>(LIVE_VISITORS, d.visitId, p);
        if (visitor) {
          visitor.chatState = 'queued';
          visitor.chatId = d.chatId;
          visitor.kind = visitor.kind === 'member' ? 'member' : 'intent';
          delete visitor.agentId;
        }
        const chat = docs.edit<LiveChatDoc>(LIVE_VISITORS_CHATS, d.chatId, p, true);
        if (chat) chat.visitId = d.visitId;
        const profile = docs.edit<VisitorProfileDoc>(LIVE_VISITORS_PROFILES, profileId(d.siteId, d.visitorId), p, true);
        if (profile) profile.chats = (profile.chats ?? 0) + 1;
        return;
      }
      case 'ChatAssigned': {
        const d = dataOf(e, 'ChatAssigned');
        const visitor = visitorOfChat(docs, d.chatId, p);
        if (!visitor) return;
        visitor.chatState = 'chatting';
        visitor.agentId = d.agentId;
        return;
      }
      case 'ChatTransferred': {
        const d = agreed(e, 'ChatTransferred');
        const visitor = visitorOfChat(docs, d.chatId, p);
        if (visitor) visitor.agentId = d.toAgentId;
        return;
      }
      case 'ChatClosed': {
        const visitor = visitorOfChat(docs, dataOf(e, 'ChatClosed').chatId, p);
        if (visitor) visitor.chatState = 'chatted';
        return;
      }
      case 'LeaveMessageLeft': {
        const d = agreed(e, 'LeaveMessageLeft');
        const member = leftContacts(d);
        const visitor = d.visitId ? docs.edit<LiveVisitorDoc>(LIVE_VISITORS, d.visitId, p) : undefined;
        if (visitor) {
          visitor.chatState = 'left_message';
          visitor.kind = member || visitor.kind === 'member' ? 'member' : 'intent';
        }
        const profile = docs.edit<VisitorProfileDoc>(LIVE_VISITORS_PROFILES, profileId(d.siteId, d.visitorId), p, true);
        if (!profile) return;
        profile.leaveMessages = (profile.leaveMessages ?? 0) + 1;
        if (member) profile.member = true;
        return;
      }
    }
  },
});
