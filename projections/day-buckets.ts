/**
 * Statistics buckets: one document per site and local day holding its 24 hour slots (`h.HH`), so a report
 * over a year reads 365 documents of one site instead of 8,760, and sums hours, days or months from them.
 */
import type { Doc, DocumentSet } from '@kefu/read-store';

export interface DayBucketDoc<H> extends Doc {
  siteId: string;
  /** Local date YYYY-MM-DD in the site's time zone. */
  day: string;
  /** Hour slots '00'..'23' present only once something happened in them. */
  h?: Record<string, H>;
}

/**
 * `siteId|day`, kept per process: every statistics event changes a day bucket, and a reused id string
 * spares building and hashing a fresh one (the site id's hash is already known from the time zone lookup,
 * the day string comes from a slot cache). Bounded: cleared when full, then rebuilt as met.
 */
const bucketIds = new Map<string, Map<string, string>>();
const BUCKET_IDS_MAX = 100_000;
let bucketIdCount = 0;

export function dayBucketId(siteId: string, day: string): string {
  let days = bucketIds.get(siteId);
  if (days === undefined) {
    days = new Map();
    bucketIds.set(siteId, days);
  }
  let id = days.get(day);
  if (id === undefined) {
    id = `${siteId}|${day}`;
    if (bucketIdCount >= BUCKET_IDS_MAX) {
      bucketIds.clear();
      bucketIdCount = 0;
      days.clear();
      bucketIds.set(siteId, days);
    }
    days.set(day, id);
    bucketIdCount++;
  }
  return id;
}

/** A site's day bucket of `collection` to change for the event at `position` (undefined when it already holds it), its keys set. */
export function editDayBucket<T extends DayBucketDoc<unknown>>(
  docs: DocumentSet,
  collection: string,
  siteId: string,
  day: string,
  position: number,
): T | undefined {
  const bucket = docs.edit<T>(collection, dayBucketId(siteId, day), position, true);
  if (bucket) {
    bucket.siteId = siteId;
    bucket.day = day;
  }
  return bucket;
}
