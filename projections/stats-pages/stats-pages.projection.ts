import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { agreed } from '../conversation-events';
import { dayBucketId, dayBucketKeys, type DayBucketDoc } from '../day-buckets';
import { addInc } from '../increments';
import { applySiteZone, encodeKey, isSiteZoneEvent, localSlot, SITE_ZONE_EVENTS, zoneOf } from '../local-time';

export const STATS_PAGES = 'stats_pages';
export const STATS_PAGES_VISITS = 'stats_pages_visits';
export const STATS_PAGES_SITES = 'stats_pages_sites';

export interface PageFigures {
  views?: number;
  chats?: number;
  /** Sum of the times spent on the page, over the views followed by another page view. */
  timeMs?: number;
  timed?: number;
}
/** `h.HH` → encoded page URL → figures; `t` → encoded page URL → its latest title. */
export type StatsPagesDoc = DayBucketDoc<Record<string, PageFigures>> & { t?: Record<string, string> };

interface PageVisitDoc extends Doc {
  k: string;
  at: string;
  day: string;
  hour: string;
  /** Position of the page view this document was last moved to. */
  pos: number;
}

/** The page a report row stands for: the URL without its fragment and campaign parameters. */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const name of [...u.searchParams.keys()]) if (/^utm_/i.test(name)) u.searchParams.delete(name);
    return u.toString();
  } catch {
    return url;
  }
}

/** J2 pages: views, chats started and time on page, per site, local hour and page. */
export const statsPagesProjection = projection({
  name: 'stats-pages',
  version: 1,
  handles: [...SITE_ZONE_EVENTS, 'PageViewed', 'ChatRequested'],
  collections: [STATS_PAGES, STATS_PAGES_VISITS, STATS_PAGES_SITES],
  async apply(e, store) {
    if (isSiteZoneEvent(e)) return applySiteZone(e, store, STATS_PAGES_SITES);
    const at = { upsert: true, atPosition: e.position };
    if (e.type === 'PageViewed') {
      const d = agreed(e, 'PageViewed');
      const k = encodeKey(pageKey(d.url));
      const { day, hour } = localSlot(d.at, await zoneOf(store, STATS_PAGES_SITES, d.siteId));
      const previous = await store.get<PageVisitDoc>(STATS_PAGES_VISITS, d.visitId);
      const inc: Record<string, number> = { [`h.${hour}.${k}.views`]: 1 };
      // The time on the previous page ends with this view; it is counted in the previous view's hour.
      if (previous && previous.pos !== e.position) {
        const spent = Date.parse(d.at) - Date.parse(previous.at);
        if (spent >= 0) {
          const prevInc = previous.day === day ? inc : {};
          addInc(prevInc, `h.${previous.hour}.${previous.k}.timeMs`, spent);
          addInc(prevInc, `h.${previous.hour}.${previous.k}.timed`, 1);
          if (prevInc !== inc) {
            await store.update(STATS_PAGES, dayBucketId(d.siteId, previous.day), { $set: dayBucketKeys(d.siteId, previous.day), $inc: prevInc }, at);
          }
        }
      }
      await store.update(STATS_PAGES, dayBucketId(d.siteId, day), { $set: { ...dayBucketKeys(d.siteId, day), [`t.${k}`]: d.title }, $inc: inc }, at);
      // Moved last: a replay after a crash before this line still finds the previous page.
      await store.update(STATS_PAGES_VISITS, d.visitId, { $set: { k, at: d.at, day, hour, pos: e.position } }, at);
      return;
    }
    if (e.type === 'ChatRequested') {
      const d = agreed(e, 'ChatRequested');
      const k = encodeKey(pageKey(d.page.url));
      const { day, hour } = localSlot(d.requestedAt, await zoneOf(store, STATS_PAGES_SITES, d.siteId));
      await store.update(STATS_PAGES, dayBucketId(d.siteId, day), { $set: dayBucketKeys(d.siteId, day), $inc: { [`h.${hour}.${k}.chats`]: 1 } }, at);
    }
  },
});
