/**
 * The shape shared by the sources (J3), search keywords (J4) and regions (J5) reports: visits, chats and
 * visits that chatted, per site, local hour and one dimension of the visit (its source, keyword or region).
 * Each report is its own projection made by this function, owning its own collections.
 */
import { docProjection, type Projection } from '@kefu/projector';
import { addTo, childOf, type Doc, type DocumentSet } from '@kefu/read-store';
import { agreed, type VisitStartedData } from './conversation-events';
import { type DayBucketDoc, editDayBucket } from './day-buckets';
import { dataOf } from './event-data';
import { encodeKey, isSiteZoneEvent, localSlot, projectSiteZone, SITE_ZONE_EVENTS, siteZone } from './local-time';

export interface DimensionFigures {
  visits?: number;
  chats?: number;
  /** Visits with at least one chat. */
  chatVisits?: number;
}
/** `h.HH` → encoded dimension key → figures */
export type DimensionBucketDoc = DayBucketDoc<Record<string, DimensionFigures>>;

/** A visit while it is open (removed when it ends: a chat is counted for the visit it was requested in). */
interface DimensionVisitDoc extends Doc {
  siteId: string;
  /** Encoded dimension key. */
  k: string;
  /** Position of the chat request that first marked this visit as chatted. */
  chattedAt?: number;
}

export interface DimensionCollections {
  buckets: string;
  visits: string;
  sites: string;
}

export function dimensionCollections(prefix: string): DimensionCollections {
  return { buckets: prefix, visits: `${prefix}_visits`, sites: `${prefix}_sites` };
}

export function visitDimensionProjection(options: {
  name: string;
  version: number;
  collections: DimensionCollections;
  /** The dimension key of a visit; undefined: the visit does not count in this report. */
  keyOf: (visit: VisitStartedData) => string | undefined;
}): Projection {
  const { buckets, visits, sites } = options.collections;
  /** The figures of one key in one local hour of a site's day bucket, or undefined when the bucket holds this event. */
  const figures = (docs: DocumentSet, siteId: string, day: string, hour: string, k: string, position: number): DimensionFigures | undefined => {
    const bucket = editDayBucket<DimensionBucketDoc>(docs, buckets, siteId, day, position);
    if (!bucket) return undefined;
    return childOf<DimensionFigures>(childOf(childOf(bucket, 'h'), hour), k);
  };
  return docProjection({
    name: options.name,
    version: options.version,
    handles: [...SITE_ZONE_EVENTS, 'VisitStarted', 'ChatRequested', 'VisitEnded'],
    collections: [buckets, visits, sites],
    project(e, docs) {
      if (isSiteZoneEvent(e)) return projectSiteZone(e, docs, sites);
      // An ended visit's document is no longer needed: the collection holds the open visits only (a rebuild
      // looks them up ~130k times per 1M events, in a table of a few hundred instead of every visit ever).
      if (e.type === 'VisitEnded') return docs.remove(visits, dataOf(e, 'VisitEnded').visitId);
      if (e.type === 'VisitStarted') {
        const d = agreed(e, 'VisitStarted');
        const key = options.keyOf(d);
        if (key === undefined) return;
        const k = encodeKey(key);
        const { day, hour } = localSlot(d.startedAt, siteZone(docs, sites, d.siteId));
        const f = figures(docs, d.siteId, day, hour, k, e.position);
        if (f) addTo(f, 'visits', 1);
        const visit = docs.edit<DimensionVisitDoc>(visits, d.visitId, e.position, true);
        if (visit) {
          visit.siteId = d.siteId;
          visit.k = k;
        }
        return;
      }
      if (e.type === 'ChatRequested') {
        const d = agreed(e, 'ChatRequested');
        const visit = docs.get<DimensionVisitDoc>(visits, d.visitId);
        if (!visit) return;
        const { day, hour } = localSlot(d.requestedAt, siteZone(docs, sites, d.siteId));
        // The visit is marked after the bucket is counted: a replay after a crash in between still counts it once.
        const firstChat = visit.chattedAt === undefined || visit.chattedAt === e.position;
        const f = figures(docs, d.siteId, day, hour, visit.k, e.position);
        if (f) {
          addTo(f, 'chats', 1);
          if (firstChat) addTo(f, 'chatVisits', 1);
        }
        if (firstChat) {
          const marked = docs.edit<DimensionVisitDoc>(visits, d.visitId, e.position);
          if (marked) marked.chattedAt = e.position;
        }
      }
    },
  });
}
