import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { agreed, type InvitationBy } from '../conversation-events';
import { dayBucketId, dayBucketKeys, type DayBucketDoc } from '../day-buckets';
import { applySiteZone, encodeKey, isSiteZoneEvent, localSlot, SITE_ZONE_EVENTS, zoneOf } from '../local-time';

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

/** ★ Invitation funnel per rule and per agent: sent → accepted / declined → chat → rated. */
export const invitationFunnelProjection = projection({
  name: 'invitation-funnel',
  version: 1,
  handles: [...SITE_ZONE_EVENTS, 'InvitationSent', 'InvitationAccepted', 'InvitationDeclined', 'ChatRequested', 'ChatRated'],
  collections: [INVITATION_FUNNEL, INVITATION_FUNNEL_INVITATIONS, INVITATION_FUNNEL_CHATS, INVITATION_FUNNEL_SITES],
  async apply(e, store) {
    if (isSiteZoneEvent(e)) return applySiteZone(e, store, INVITATION_FUNNEL_SITES);
    const at = { upsert: true, atPosition: e.position };

    /** Counts a stage once per invitation, in the invitation's sent hour; the invitation is marked after the count. */
    const reach = async (invitationId: string, stage: Exclude<FunnelStage, 'sent'>): Promise<void> => {
      const inv = await store.get<InvitationDoc>(INVITATION_FUNNEL_INVITATIONS, invitationId);
      if (!inv) return;
      const reachedAt = inv[stage];
      if (reachedAt !== undefined && reachedAt !== e.position) return;
      await store.update(
        INVITATION_FUNNEL,
        dayBucketId(inv.siteId, inv.day),
        { $set: dayBucketKeys(inv.siteId, inv.day), $inc: { [`h.${inv.hour}.${inv.k}.${stage}`]: 1 } },
        at,
      );
      await store.update(INVITATION_FUNNEL_INVITATIONS, invitationId, { $set: { [stage]: e.position } }, at);
    };

    switch (e.type) {
      case 'InvitationSent': {
        const d = agreed(e, 'InvitationSent');
        const k = encodeKey(funnelKey(d.by));
        const { day, hour } = localSlot(d.at, await zoneOf(store, INVITATION_FUNNEL_SITES, d.siteId));
        await store.update(INVITATION_FUNNEL, dayBucketId(d.siteId, day), { $set: dayBucketKeys(d.siteId, day), $inc: { [`h.${hour}.${k}.sent`]: 1 } }, at);
        await store.update(INVITATION_FUNNEL_INVITATIONS, d.invitationId, { $set: { siteId: d.siteId, day, hour, k } }, at);
        return;
      }
      case 'InvitationAccepted':
        return reach(agreed(e, 'InvitationAccepted').invitationId, 'accepted');
      case 'InvitationDeclined':
        return reach(agreed(e, 'InvitationDeclined').invitationId, 'declined');
      case 'ChatRequested': {
        const d = agreed(e, 'ChatRequested');
        if (!d.invitationId) return;
        await reach(d.invitationId, 'chats');
        await store.update(INVITATION_FUNNEL_CHATS, d.chatId, { $set: { invitationId: d.invitationId } }, at);
        return;
      }
      case 'ChatRated': {
        const chat = await store.get<FunnelChatDoc>(INVITATION_FUNNEL_CHATS, agreed(e, 'ChatRated').chatId);
        if (chat) await reach(chat.invitationId, 'rated');
        return;
      }
    }
  },
});
