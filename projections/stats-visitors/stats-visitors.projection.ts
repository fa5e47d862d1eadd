import type { VisitorKind } from '@kefu/contracts';
import { projection } from '@kefu/projector';
import { agreed } from '../conversation-events';
import { dayBucketId, dayBucketKeys, type DayBucketDoc } from '../day-buckets';
import { leftContacts, profileId, visitorKindOf, type VisitorProfileDoc } from '../visitor-kinds';
import { applySiteZone, isSiteZoneEvent, localSlot, SITE_ZONE_EVENTS, zoneOf } from '../local-time';

export const STATS_VISITORS = 'stats_visitors';
/** Visitor ids per site, day and hour: period uniques are distinct counts over these, never sums. */
export const STATS_VISITORS_UNIQUE = 'stats_visitors_unique';
export const STATS_VISITORS_PROFILES = 'stats_visitors_profiles';
export const STATS_VISITORS_SITES = 'stats_visitors_sites';

export interface VisitorsHour {
  visits?: number;
  chats?: number;
  leaveMessages?: number;
  kinds?: Partial<Record<VisitorKind, number>>;
}
export type StatsVisitorsDoc = DayBucketDoc<VisitorsHour>;
/** `h.HH` → the ids of the visitors who started a visit in that hour (an array: a year of them copies fast). */
export type StatsUniqueDoc = DayBucketDoc<string[]>;

/** J1 visitors: visits, exact unique visitors, chats, leave-messages and visitor kinds per site and local hour. */
export const statsVisitorsProjection = projection({
  name: 'stats-visitors',
  version: 1,
  handles: [...SITE_ZONE_EVENTS, 'VisitStarted', 'ChatRequested', 'LeaveMessageLeft'],
  collections: [STATS_VISITORS, STATS_VISITORS_UNIQUE, STATS_VISITORS_PROFILES, STATS_VISITORS_SITES],
  async apply(e, store) {
    if (isSiteZoneEvent(e)) return applySiteZone(e, store, STATS_VISITORS_SITES);
    const at = { upsert: true, atPosition: e.position };
    switch (e.type) {
      case 'VisitStarted': {
        const d = agreed(e, 'VisitStarted');
        const { day, hour } = localSlot(d.startedAt, await zoneOf(store, STATS_VISITORS_SITES, d.siteId));
        const profile = await store.get<VisitorProfileDoc>(STATS_VISITORS_PROFILES, profileId(d.siteId, d.visitorId));
        const kind = visitorKindOf(profile, d.visitorKind ? d.visitorKind === 'returning' : d.returning);
        const id = dayBucketId(d.siteId, day);
        await store.update(STATS_VISITORS, id, { $set: dayBucketKeys(d.siteId, day), $inc: { [`h.${hour}.visits`]: 1, [`h.${hour}.kinds.${kind}`]: 1 } }, at);
        await store.update(STATS_VISITORS_UNIQUE, id, { $set: dayBucketKeys(d.siteId, day), $addToSet: { [`h.${hour}`]: d.visitorId } }, at);
        return;
      }
      case 'ChatRequested': {
        const d = agreed(e, 'ChatRequested');
        const { day, hour } = localSlot(d.requestedAt, await zoneOf(store, STATS_VISITORS_SITES, d.siteId));
        await store.update(STATS_VISITORS, dayBucketId(d.siteId, day), { $set: dayBucketKeys(d.siteId, day), $inc: { [`h.${hour}.chats`]: 1 } }, at);
        await store.update(STATS_VISITORS_PROFILES, profileId(d.siteId, d.visitorId), { $inc: { chats: 1 } }, at);
        return;
      }
      case 'LeaveMessageLeft': {
        const d = agreed(e, 'LeaveMessageLeft');
        const { day, hour } = localSlot(d.at, await zoneOf(store, STATS_VISITORS_SITES, d.siteId));
        await store.update(STATS_VISITORS, dayBucketId(d.siteId, day), { $set: dayBucketKeys(d.siteId, day), $inc: { [`h.${hour}.leaveMessages`]: 1 } }, at);
        const member = leftContacts(d);
        await store.update(
          STATS_VISITORS_PROFILES,
          profileId(d.siteId, d.visitorId),
          { $inc: { leaveMessages: 1 }, ...(member ? { $set: { member: true } } : {}) },
          at,
        );
        return;
      }
    }
  },
});
