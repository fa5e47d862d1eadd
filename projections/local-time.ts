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
import type { DataOnlyEvent } from '@kefu/event-store';

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
  // The statistics projections of one event ask in turn for the same instant: answered from the last call.
  if (iso === last.iso && timeZone === last.timeZone) return last.slot;
  const slot = localSlotAt(iso, instantMs(iso), timeZone);
  last = { iso, timeZone, slot };
  return slot;
}

let last: { iso: string; timeZone: string; slot: LocalSlot } = { iso: '', timeZone: '', slot: { day: '', hour: '' } };

/** `localSlot(iso, timeZone)` of an instant already read as `ms` (`instantMs(iso)`), for a caller that needs both. */
export function localSlotAt(iso: string, ms: number, timeZone: string): LocalSlot {
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

// Reading instants: events carry `toISOString` instants, read ~3x cheaper by hand than by `Date.parse` (which
// was the largest part of a statistics event's own cost once its documents were changed in place).

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil); a day past its month's end runs on, as in Date.UTC. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * `Date.parse(iso)`, read by hand when the instant has the form events carry (`toISOString`:
 * YYYY-MM-DDTHH:mm:ss.sssZ), ~3x cheaper; anything else goes to `Date.parse`. The same result as
 * `Date.parse` for every input (days 29-31 of a shorter month run on into the next, as there).
 */
export function instantMs(iso: string): number {
  if (iso.length !== 24 || !ISO_INSTANT.test(iso)) return Date.parse(iso);
  const year = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + two(iso, 2);
  const month = two(iso, 5);
  const day = two(iso, 8);
  const hour = two(iso, 11);
  const minute = two(iso, 14);
  const second = two(iso, 17);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return Date.parse(iso);
  return (((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second) * 1000 + digit(iso, 20) * 100 + two(iso, 21);
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

export function isSiteZoneEvent(e: DataOnlyEvent): boolean {
  return SITE_ZONE_TYPES.has(e.type);
}

/** The time zone a site event sets, if it sets one (settings events are read by field, defensively). */
function zoneIn(e: DataOnlyEvent): string | undefined {
  const d = e.data as { timeZone?: unknown; changes?: { timeZone?: unknown }; settings?: { timeZone?: unknown } };
  const tz = d.timeZone ?? d.changes?.timeZone ?? d.settings?.timeZone;
  return typeof tz === 'string' && tz.length > 0 ? tz : undefined;
}

/** The change a site event makes to a projection's site → time zone collection. */
export function projectSiteZone(e: DataOnlyEvent, docs: DocumentSet, collection: string): void {
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
