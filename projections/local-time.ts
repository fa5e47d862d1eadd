/**
 * Local time of a site for the statistics buckets (J1–J6): an instant falls in the local day and hour of
 * the site's time zone, DST included (temporal-polyfill; date-fns-tz and dayjs were wrong across DST).
 * Temporal costs ~11 µs per conversion, so conversions are cached per time zone and 15-minute slot of
 * UTC (every time zone offset in use is a multiple of 15 minutes, so a slot never straddles two local hours).
 *
 * On the autumn DST change the repeated local hour (e.g. 01:00 twice) is one bucket, as a wall clock
 * reads it; on the spring change the skipped hour has no bucket.
 */
import { Temporal } from 'temporal-polyfill';
import type { Doc, DocumentSet } from '@kefu/read-store';
import type { RecordedEvent } from '@kefu/event-store';

export const DEFAULT_ZONE = 'Asia/Shanghai';

export interface LocalSlot {
  /** YYYY-MM-DD */
  day: string;
  /** 00..23 */
  hour: string;
}

const SLOT_MS = 15 * 60 * 1000;
const cache = new Map<string, Map<number, LocalSlot>>();
const CACHE_LIMIT = 200_000;
let cached = 0;

/** The local day and hour of an ISO instant in a time zone. */
export function localSlot(iso: string, timeZone: string): LocalSlot {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new TypeError(`not an instant: ${iso}`);
  const slot = Math.floor(ms / SLOT_MS);
  let zone = cache.get(timeZone);
  if (!zone) {
    zone = new Map();
    cache.set(timeZone, zone);
  }
  const hit = zone.get(slot);
  if (hit) return hit;
  if (cached >= CACHE_LIMIT) {
    cache.clear();
    cached = 0;
    zone = new Map();
    cache.set(timeZone, zone);
  }
  const local = Temporal.Instant.fromEpochMilliseconds(slot * SLOT_MS).toZonedDateTimeISO(timeZone);
  const value: LocalSlot = { day: local.toPlainDate().toString(), hour: String(local.hour).padStart(2, '0') };
  zone.set(slot, value);
  cached++;
  return value;
}

/** The instant a local day starts (its first existing moment, DST-aware), as epoch milliseconds. */
export function startOfDay(day: string, timeZone: string): number {
  return Temporal.PlainDate.from(day).toZonedDateTime({ timeZone }).epochMilliseconds;
}

/** [start, end) instants, as ISO strings, of the local days from..to (both included). */
export function instantRange(from: string, to: string, timeZone: string): { start: string; end: string } {
  const next = Temporal.PlainDate.from(to).add({ days: 1 }).toString();
  return { start: new Date(startOfDay(from, timeZone)).toISOString(), end: new Date(startOfDay(next, timeZone)).toISOString() };
}

/** Every local date from..to, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let d = Temporal.PlainDate.from(from);
  const last = Temporal.PlainDate.from(to);
  while (Temporal.PlainDate.compare(d, last) <= 0) {
    out.push(d.toString());
    d = d.add({ days: 1 });
  }
  return out;
}

/** Today's local date in a time zone. */
export function todayIn(timeZone: string, nowMs: number): string {
  return Temporal.Instant.fromEpochMilliseconds(nowMs).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** The current month of a time zone, as its first and last local dates. */
export function currentMonth(timeZone: string, nowMs: number): { from: string; to: string } {
  const today = Temporal.PlainDate.from(todayIn(timeZone, nowMs));
  const first = today.with({ day: 1 });
  return { from: first.toString(), to: first.add({ months: 1 }).subtract({ days: 1 }).toString() };
}

/** A dimension value (URL, host, keyword, id) as a document field name: no '.', no leading '$', never empty. */
export function encodeKey(value: string): string {
  if (value === '') return '%';
  return value.replace(/[%.$]/g, (c) => (c === '%' ? '%25' : c === '.' ? '%2E' : '%24'));
}

export function decodeKey(key: string): string {
  if (key === '%') return '';
  return key.replace(/%(25|2E|24)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// ------------------------------------------------------------------------------------------------
// Each statistics projection keeps its own small site → time zone collection, so it can be rebuilt alone.

/** Site events that may carry a time zone: created, and any later settings change that names one. */
export const SITE_ZONE_EVENTS = ['SiteCreated', 'SiteSettingsChanged', 'SiteUpdated', 'SiteTimeZoneChanged'] as const;
const SITE_ZONE_TYPES = new Set<string>(SITE_ZONE_EVENTS);

export interface SiteZoneDoc extends Doc {
  orgId: string;
  timeZone: string;
}

export function isSiteZoneEvent(e: RecordedEvent): boolean {
  return SITE_ZONE_TYPES.has(e.type);
}

/** The time zone a site event sets, if it sets one (settings events are read by field, defensively). */
function zoneIn(e: RecordedEvent): string | undefined {
  const d = e.data as { timeZone?: unknown; changes?: { timeZone?: unknown }; settings?: { timeZone?: unknown } };
  const tz = d.timeZone ?? d.changes?.timeZone ?? d.settings?.timeZone;
  return typeof tz === 'string' && tz.length > 0 ? tz : undefined;
}

/** The change a site event makes to a projection's site → time zone collection. */
export function projectSiteZone(e: RecordedEvent, docs: DocumentSet, collection: string): void {
  const tz = zoneIn(e);
  if (tz === undefined) return;
  const d = e.data as { orgId: string; siteId: string };
  const doc = docs.edit<SiteZoneDoc>(collection, d.siteId, e.position, true);
  if (!doc) return;
  doc.orgId = d.orgId;
  doc.timeZone = tz;
}

/** A site's time zone from a projection's own collection (the default zone until a site event names one). */
export function siteZone(docs: DocumentSet, collection: string, siteId: string): string {
  return docs.get<SiteZoneDoc>(collection, siteId)?.timeZone ?? DEFAULT_ZONE;
}
