import type { VisitorKind } from '@kefu/contracts';
import { docProjection } from '@kefu/projector';
import { addTo, childOf, type DocumentSet } from '@kefu/read-store';
import { agreed } from '../conversation-events';
import { type DayBucketDoc, editDayBucket } from '../day-buckets';
import { leftContacts, profileId, visitorKindOf, type VisitorProfileDoc } from '../visitor-kinds';
import { isSiteZoneEvent, localSlot, projectSiteZone, SITE_ZONE_EVENTS, siteZone } from '../local-time';

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

/** The figures of one hour of a site's day (`h.<hour>` of its stats_visitors bucket), or undefined when the bucket holds this event. */
function hourOf(docs: DocumentSet, siteId: string, day: string, hour: string, position: number): VisitorsHour | undefined {
  const bucket = editDayBucket<StatsVisitorsDoc>(docs, STATS_VISITORS, siteId, day, position);
  return bucket && childOf<VisitorsHour>(childOf(bucket, 'h'), hour);
}

/** J1 visitors: visits, exact unique visitors, chats, leave-messages and visitor kinds per site and local hour. */
export const statsVisitorsProjection = docProjection({
  name: 'stats-visitors',
  version: 1,
  handles: [...SITE_ZONE_EVENTS, 'VisitStarted', 'ChatRequested', 'LeaveMessageLeft'],
  collections: [STATS_VISITORS, STATS_VISITORS_UNIQUE, STATS_VISITORS_PROFILES, STATS_VISITORS_SITES],
  project(e, docs) {
    if (isSiteZoneEvent(e)) return projectSiteZone(e, docs, STATS_VISITORS_SITES);
    switch (e.type) {
      case 'VisitStarted': {
        const d = agreed(e, 'VisitStarted');
        const { day, hour } = localSlot(d.startedAt, siteZone(docs, STATS_VISITORS_SITES, d.siteId));
        const profile = docs.get<VisitorProfileDoc>(STATS_VISITORS_PROFILES, profileId(d.siteId, d.visitorId));
        const kind = visitorKindOf(profile ?? null, d.visitorKind ? d.visitorKind === 'returning' : d.returning);
        const figures = hourOf(docs, d.siteId, day, hour, e.position);
        if (figures) {
          addTo(figures, 'visits', 1);
          addTo(childOf(figures, 'kinds'), kind, 1);
        }
        const unique = editDayBucket<StatsUniqueDoc>(docs, STATS_VISITORS_UNIQUE, d.siteId, day, e.position);
        if (unique) {
          const h = childOf<Record<string, string[]>>(unique, 'h');
          const ids = (h[hour] ??= []);
          if (!ids.includes(d.visitorId)) ids.push(d.visitorId);
        }
        return;
      }
      case 'ChatRequested': {
        const d = agreed(e, 'ChatRequested');
        const { day, hour } = localSlot(d.requestedAt, siteZone(docs, STATS_VISITORS_SITES, d.siteId));
        const figures = hourOf(docs, d.siteId, day, hour, e.position);
        if (figures) addTo(figures, 'chats', 1);
        const profile = docs.edit<VisitorProfileDoc>(STATS_VISITORS_PROFILES, profileId(d.siteId, d.visitorId), e.position, true);
        if (profile) addTo(profile, 'chats', 1);
        return;
      }
      case 'LeaveMessageLeft': {
        const d = agreed(e, 'LeaveMessageLeft');
        const { day, hour } = localSlot(d.at, siteZone(docs, STATS_VISITORS_SITES, d.siteId));
        const figures = hourOf(docs, d.siteId, day, hour, e.position);
        if (figures) addTo(figures, 'leaveMessages', 1);
        const profile = docs.edit<VisitorProfileDoc>(STATS_VISITORS_PROFILES, profileId(d.siteId, d.visitorId), e.position, true);
        if (profile) {
          addTo(profile, 'leaveMessages', 1);
          if (leftContacts(d)) profile.member = true;
        }
        return;
      }
    }
  },
});
