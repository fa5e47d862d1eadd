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

/**
 * Page keys and update paths, kept per process: a rebuild meets the same pages on every view, and parsing
 * the URL and building `h.HH.<page>.views` per event were most of this projection's own time (reused path
 * strings also spare the store hashing fresh ones). Bounded: cleared when full, then rebuilt as met.
 */
const pageKeys = new Map<string, string>();
const pagePaths = new Map<string, string[]>();
const PAGES_MAX = 20_000;
const FIELDS = ['views', 'chats', 'timeMs', 'timed'] as const;
type PageField = (typeof FIELDS)[number];
const HOURS: readonly string[] = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

function encodedPageKey(url: string): string {
  let k = pageKeys.get(url);
  if (k === undefined) {
    k = encodeKey(pageKey(url));
    if (pageKeys.size >= PAGES_MAX) pageKeys.clear();
    pageKeys.set(url, k);
  }
  return k;
}

/** The cached paths of one page: 24 hours × 4 figures, then its title. */
function pathsOf(k: string): string[] {
  let paths = pagePaths.get(k);
  if (paths === undefined) {
    paths = [];
    if (pagePaths.size >= PAGES_MAX) pagePaths.clear();
    pagePaths.set(k, paths);
  }
  return paths;
}

/** `h.<hour>.<k>.<field>`. */
function slotPath(hour: string, k: string, field: PageField): string {
  const h = HOURS.indexOf(hour);
  if (h < 0) return `h.${hour}.${k}.${field}`;
  return (pathsOf(k)[h * FIELDS.length + FIELDS.indexOf(field)] ??= `h.${hour}.${k}.${field}`);
}

/** `t.<k>`. */
function titlePath(k: string): string {
  return (pathsOf(k)[HOURS.length * FIELDS.length] ??= `t.${k}`);
}

/** J2 pages: views, chats started and time on page, per site, local hour and page. */
export const statsPagesProjection = projection({
  name: 'stats-pages',
  version: 2,
  handles: [...SITE_ZONE_EVENTS, 'PageViewed', 'ChatRequested'],
  collections: [STATS_PAGES, STATS_PAGES_VISITS, STATS_PAGES_SITES],
  async apply(e, store) {
    if (isSiteZoneEvent(e)) return applySiteZone(e, store, STATS_PAGES_SITES);
    const at = { upsert: true, atPosition: e.position };
    if (e.type === 'PageViewed') {
      const d = agreed(e, 'PageViewed');
      const k = encodedPageKey(d.url);
      const { day, hour } = localSlot(d.at, await zoneOf(store, STATS_PAGES_SITES, d.siteId));
      const previous = await store.get<PageVisitDoc>(STATS_PAGES_VISITS, d.visitId, { readOnly: true });
      const inc: Record<string, number> = { [slotPath(hour, k, 'views')]: 1 };
      // The time on the previous page ends with this view; it is counted in the previous view's hour.
      if (previous && previous.pos !== e.position) {
        const spent = Date.parse(d.at) - Date.parse(previous.at);
        if (spent >= 0) {
          const prevInc = previous.day === day ? inc : {};
          addInc(prevInc, slotPath(previous.hour, previous.k, 'timeMs'), spent);
          addInc(prevInc, slotPath(previous.hour, previous.k, 'timed'), 1);
          if (prevInc !== inc) {
            await store.update(STATS_PAGES, dayBucketId(d.siteId, previous.day), { $set: dayBucketKeys(d.siteId, previous.day), $inc: prevInc }, at);
          }
        }
      }
      await store.update(STATS_PAGES, dayBucketId(d.siteId, day), { $set: { siteId: d.siteId, day, [titlePath(k)]: d.title }, $inc: inc }, at);
      // Moved last: a replay after a crash before this line still finds the previous page.
      await store.update(STATS_PAGES_VISITS, d.visitId, { $set: { k, at: d.at, day, hour, pos: e.position } }, at);
      return;
    }
    if (e.type === 'ChatRequested') {
      const d = agreed(e, 'ChatRequested');
      const k = encodedPageKey(d.page.url);
      const { day, hour } = localSlot(d.requestedAt, await zoneOf(store, STATS_PAGES_SITES, d.siteId));
      await store.update(STATS_PAGES, dayBucketId(d.siteId, day), { $set: dayBucketKeys(d.siteId, day), $inc: { [slotPath(hour, k, 'chats')]: 1 } }, at);
    }
  },
});
