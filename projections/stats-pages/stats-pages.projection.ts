import { docProjection } from '@kefu/projector';
import { addTo, childOf, setTo, type Doc } from '@kefu/read-store';
import { agreed } from '../conversation-events';
import { type DayBucketDoc, editDayBucket } from '../day-buckets';
import { dataOf } from '../event-data';
import { encodeKey, instantMs, isSiteZoneEvent, localSlot, localSlotAt, projectSiteZone, SITE_ZONE_EVENTS, siteZone } from '../local-time';

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

/** The last page view of a visit while it is open (removed when the visit ends). */
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
 * Encoded page keys, kept per process: a rebuild meets the same pages on every view, and parsing the URL
 * was most of this projection's own time (a reused key string also spares hashing a fresh one on every
 * lookup of the page's figures). Bounded: cleared when full, then rebuilt as met.
 */
const pageKeys = new Map<string, string>();
const PAGES_MAX = 20_000;

function encodedPageKey(url: string): string {
  let k = pageKeys.get(url);
  if (k === undefined) {
    k = encodeKey(pageKey(url));
    if (pageKeys.size >= PAGES_MAX) pageKeys.clear();
    pageKeys.set(url, k);
  }
  return k;
}

/** The figures of page `k` in one hour of a bucket (`h.<hour>.<k>`). */
const figuresOf = (bucket: StatsPagesDoc, hour: string, k: string): PageFigures => childOf<PageFigures>(childOf(childOf(bucket, 'h'), hour), k);

/** J2 pages: views, chats started and time on page, per site, local hour and page. */
export const statsPagesProjection = docProjection({
  name: 'stats-pages',
  version: 3,
  handles: [...SITE_ZONE_EVENTS, 'PageViewed', 'ChatRequested', 'VisitEnded'],
  collections: [STATS_PAGES, STATS_PAGES_VISITS, STATS_PAGES_SITES],
  project(e, docs) {
    if (isSiteZoneEvent(e)) return projectSiteZone(e, docs, STATS_PAGES_SITES);
    // The time on a visit's last page has no end (no view follows it): the visit's document goes with the
    // visit, and the collection holds open visits only (looked up on every page view).
    if (e.type === 'VisitEnded') return docs.remove(STATS_PAGES_VISITS, dataOf(e, 'VisitEnded').visitId);
    if (e.type === 'PageViewed') {
      const d = agreed(e, 'PageViewed');
      const k = encodedPageKey(d.url);
      const atMs = instantMs(d.at);
      const { day, hour } = localSlotAt(d.at, atMs, siteZone(docs, STATS_PAGES_SITES, d.siteId));
      const bucket = editDayBucket<StatsPagesDoc>(docs, STATS_PAGES, d.siteId, day, e.position);
      // The visit's page is moved to this view; what it held (the previous view) is read first. One lookup: a
      // visit created just now (no `pos`) had no previous view; one holding this or a later event is only read.
      const visit = docs.edit<PageVisitDoc>(STATS_PAGES_VISITS, d.visitId, e.position, true);
      const previous = visit ?? docs.get<PageVisitDoc>(STATS_PAGES_VISITS, d.visitId);
      // The time on the previous page ends with this view; it is counted in the previous view's hour.
      if (previous !== undefined && previous.pos !== undefined && previous.pos !== e.position) {
        const spent = atMs - instantMs(previous.at);
        if (spent >= 0) {
          const prevBucket = previous.day === day ? bucket : editDayBucket<StatsPagesDoc>(docs, STATS_PAGES, d.siteId, previous.day, e.position);
          if (prevBucket) {
            const f = figuresOf(prevBucket, previous.hour, previous.k);
            addTo(f, 'timeMs', spent);
            addTo(f, 'timed', 1);
          }
        }
      }
      if (bucket) {
        addTo(figuresOf(bucket, hour, k), 'views', 1);
        if (d.title !== undefined) setTo(childOf(bucket, 't'), k, d.title);
      }
      if (visit) {
        visit.k = k;
        visit.at = d.at;
        visit.day = day;
        visit.hour = hour;
        visit.pos = e.position;
      }
      return;
    }
    if (e.type === 'ChatRequested') {
      const d = agreed(e, 'ChatRequested');
      const k = encodedPageKey(d.page.url);
      const { day, hour } = localSlot(d.requestedAt, siteZone(docs, STATS_PAGES_SITES, d.siteId));
      const bucket = editDayBucket<StatsPagesDoc>(docs, STATS_PAGES, d.siteId, day, e.position);
      if (bucket) addTo(figuresOf(bucket, hour, k), 'chats', 1);
    }
  },
});
