import { docProjection } from '@kefu/projector';
import { addTo, childOf, type Doc, type DocumentSet } from '@kefu/read-store';
import { agreed, type InvitationBy } from '../conversation-events';
import { type DayBucketDoc, editDayBucket } from '../day-buckets';
import { encodeKey, isSiteZoneEvent, localSlot, projectSiteZone, SITE_ZONE_EVENTS, siteZone } from '../local-time';

export const INVITATION_FUNNEL = 'invitation_funnel';
export const INVITATION_FUNNEL_INVITATIONS = 'invitation_funnel_invitations';
export const INVITATION_FUNNEL_CHATS = 'invitation_funnel_chats';
export const INVITATION_FUNNEL_SITES = 'invitation_funnel_sites';

export type FunnelStage = 'sent' | 'accepted' | 'declined' | 'chats' | 'rated';
/** `h.HH` → encoded `rule:<rule>` / `agent:<agentId>` → stage counts. Every stage counts in the hour the invitation was sent. */
export type InvitationFunnelDoc = DayBucketDoc<Record<string, Partial<Record<FunnelStage, number>>>>;

interface InvitationDoc extends Doc {
  siteId: string;
  day: string;
  hour: string;
  k: string;
  /** Position of the event that reached each stage first. */
  accepted?: number;
  declined?: number;
  chats?: number;
  rated?: number;
}

interface FunnelChatDoc extends Doc {
  invitationId: string;
}

export const funnelKey = (by: InvitationBy): string => (by.kind === 'rule' ? `rule:${by.rule}` : `agent:${by.agentId}`);

/** Adds 1 to a stage of key `k` in one hour of a site's day bucket (`h.<hour>.<k>.<stage>`), unless the bucket holds this event. */
function countStage(docs: DocumentSet, siteId: string, day: string, hour: string, k: string, stage: FunnelStage, position: number): void {
  const bucket = editDayBucket<InvitationFunnelDoc>(docs, INVITATION_FUNNEL, siteId, day, position);
  if (!bucket) return;
  addTo(childOf(childOf(childOf(bucket, 'h'), hour), k), stage, 1);
}

/** Counts a stage once per invitation, in the invitation's sent hour; the invitation is marked after the count. */
function reach(docs: DocumentSet, invitationId: string, stage: Exclude<FunnelStage, 'sent'>, position: number): void {
  const inv = docs.get<InvitationDoc>(INVITATION_FUNNEL_INVITATIONS, invitationId);
  if (!inv) return;
  const reachedAt = inv[stage];
  if (reachedAt !== undefined && reachedAt !== position) return;
  countStage(docs, inv.siteId, inv.day, inv.hour, inv.k, stage, position);
  const marked = docs.edit<InvitationDoc>(INVITATION_FUNNEL_INVITATIONS, invitationId, position, true);
  if (marked) marked[stage] = position;
}

/** ★ Invitation funnel per rule and per agent: sent → accepted / declined → chat → rated. */
export const invitationFunnelProjection = docProjection({
  name: 'invitation-funnel',
  version: 1,
  handles: [...SITE_ZONE_EVENTS, 'InvitationSent', 'InvitationAccepted', 'InvitationDeclined', 'ChatRequested', 'ChatRated'],
  collections: [INVITATION_FUNNEL, INVITATION_FUNNEL_INVITATIONS, INVITATION_FUNNEL_CHATS, INVITATION_FUNNEL_SITES],
  project(e, docs) {
    if (isSiteZoneEvent(e)) return projectSiteZone(e, docs, INVITATION_FUNNEL_SITES);
    switch (e.type) {
      case 'InvitationSent': {
        const d = agreed(e, 'InvitationSent');
        const k = encodeKey(funnelKey(d.by));
        const { day, hour } = localSlot(d.at, siteZone(docs, INVITATION_FUNNEL_SITES, d.siteId));
        countStage(docs, d.siteId, day, hour, k, 'sent', e.position);
        const inv = docs.edit<InvitationDoc>(INVITATION_FUNNEL_INVITATIONS, d.invitationId, e.position, true);
        if (inv) {
          inv.siteId = d.siteId;
          inv.day = day;
          inv.hour = hour;
          inv.k = k;
        }
        return;
      }
      case 'InvitationAccepted':
        return reach(docs, agreed(e, 'InvitationAccepted').invitationId, 'accepted', e.position);
      case 'InvitationDeclined':
        return reach(docs, agreed(e, 'InvitationDeclined').invitationId, 'declined', e.position);
      case 'ChatRequested': {
        const d = agreed(e, 'ChatRequested');
        if (!d.invitationId) return;
        reach(docs, d.invitationId, 'chats', e.position);
        const chat = docs.edit<FunnelChatDoc>(INVITATION_FUNNEL_CHATS, d.chatId, e.position, true);
        if (chat) chat.invitationId = d.invitationId;
        return;
      }
      case 'ChatRated': {
        const chat = docs.get<FunnelChatDoc>(INVITATION_FUNNEL_CHATS, agreed(e, 'ChatRated').chatId);
        if (chat) reach(docs, chat.invitationId, 'rated', e.position);
        return;
      }
    }
  },
});
