/**
 * The shape shared by the sources (J3), search keywords (J4) and regions (J5) reports: visits, chats and
 * visits that chatted, per site, local hour and one dimension of the visit (its source, keyword or region).
 * Each report is its own projection made by this function, owning its own collections.
 */
import { projection, type Projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { agreed, type VisitStartedData } from './conversation-events';
import { dayBucketId, dayBucketKeys, type DayBucketDoc } from './day-buckets';
import { applySiteZone, encodeKey, isSiteZoneEvent, localSlot, SITE_ZONE_EVENTS, zoneOf } from './local-time';

export interface DimensionFigures {
  visits?: number;
  chats?: number;
  /** Visits with at least one chat. */
  chatVisits?: number;
}
/** `h.HH` → encoded dimension key → figures */
export type DimensionBucketDoc = DayBucketDoc<Record<string, DimensionFigures>>;

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
  return projection({
    name: options.name,
    version: options.version,
    handles: [...SITE_ZONE_EVENTS, 'VisitStarted', 'ChatRequested'],
    collections: [buckets, visits, sites],
    async apply(e, store) {
      if (isSiteZoneEvent(e)) return applySiteZone(e, store, sites);
      const at = { upsert: true, atPosition: e.position };
      if (e.type === 'VisitStarted') {
        const d = agreed(e, 'VisitStarted');
        const key = options.keyOf(d);
        if (key === undefined) return;
        const k = encodeKey(key);
        const { day, hour } = localSlot(d.startedAt, await zoneOf(store, sites, d.siteId));
        await store.update(buckets, dayBucketId(d.siteId, day), { $set: dayBucketKeys(d.siteId, day), $inc: { [`h.${hour}.${k}.visits`]: 1 } }, at);
        await store.update(visits, d.visitId, { $set: { siteId: d.siteId, k } }, at);
        return;
      }
      if (e.type === 'ChatRequested') {
        const d = agreed(e, 'ChatRequested');
        const visit = await store.get<DimensionVisitDoc>(visits, d.visitId, { readOnly: true });
        if (!visit) return;
        const { day, hour } = localSlot(d.requestedAt, await zoneOf(store, sites, d.siteId));
        // The visit is marked after the bucket is counted: a replay after a crash in between still counts it once.
        const firstChat = visit.chattedAt === undefined || visit.chattedAt === e.position;
        const inc: Record<string, number> = { [`h.${hour}.${visit.k}.chats`]: 1 };
        if (firstChat) inc[`h.${hour}.${visit.k}.chatVisits`] = 1;
        await store.update(buckets, dayBucketId(d.siteId, day), { $set: dayBucketKeys(d.siteId, day), $inc: inc }, at);
        if (firstChat) await store.update(visits, d.visitId, { $set: { chattedAt: e.position } }, at);
      }
    },
  });
}
