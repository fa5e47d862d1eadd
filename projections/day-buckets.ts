/**
 * Statistics buckets: one document per site and local day holding its 24 hour slots (`h.HH`), so a report
 * over a year reads 365 documents of one site instead of 8,760, and sums hours, days or months from them.
 */
import type { Doc } from '@kefu/read-store';

export interface DayBucketDoc<H> extends Doc {
  siteId: string;
  /** Local date YYYY-MM-DD in the site's time zone. */
  day: string;
  /** Hour slots '00'..'23' present only once something happened in them. */
  h?: Record<string, H>;
}

export const dayBucketId = (siteId: string, day: string): string => `${siteId}|${day}`;

/** Fields set on every write of a day bucket (the upsert creates it with them). */
export const dayBucketKeys = (siteId: string, day: string): Record<string, string> => ({ siteId, day });
