/**
 * Statistics queries (J1–J6, ★ funnel): one `find` of a site's day buckets over the period, summed in memory
 * at hour, day or month granularity. Pure functions on the read-store port, so the bench measures exactly
 * what the API answers.
 */
import type {
  FunnelRow,
  Granularity,
  InvitationFunnelReport,
  KeywordRow,
  KeywordsReport,
  PageRow,
  PagesReport,
  RatingAgentRow,
  RatingsReport,
  RegionLevel,
  RegionRow,
  RegionsReport,
  ReportMeta,
  ScoreCounts,
  SourceKind,
  SourceRow,
  SourcesReport,
  VisitorFigures,
  VisitorKindCounts,
  VisitorsReport,
} from '@kefu/contracts';
import type { ReadStore } from '@kefu/read-store';
import {
  daysBetween,
  decodeKey,
  encodeKey,
  INVITATION_FUNNEL,
  regionEnglish,
  regionKey,
  STATS_KEYWORDS,
  STATS_PAGES,
  STATS_RATINGS,
  STATS_REGIONS,
  STATS_SOURCES,
  STATS_VISITORS,
  STATS_VISITORS_UNIQUE,
  type DayBucketDoc,
  type DimensionBucketDoc,
  type DimensionFigures,
  type InvitationFunnelDoc,
  type PageFigures,
  type RatingFigures,
  type StatsPagesDoc,
  type StatsRatingsDoc,
  type StatsUniqueDoc,
  type StatsVisitorsDoc,
  type VisitorsHour,
} from '@kefu/projections';

export interface Period {
  siteId: string;
  timeZone: string;
  from: string;
  to: string;
  granularity: Granularity;
}

export const bucketOf = (day: string, hour: string, g: Granularity): string => (g === 'hour' ? `${day}T${hour}` : g === 'day' ? day : day.slice(0, 7));

/** Every bucket label of the period, in order, so a series has its empty buckets too. */
export function bucketLabels(p: Period): string[] {
  const labels: string[] = [];
  const seen = new Set<string>();
  for (const day of daysBetween(p.from, p.to)) {
    if (p.granularity === 'hour') {
      for (let h = 0; h < 24; h++) labels.push(`${day}T${String(h).padStart(2, '0')}`);
    } else {
      const label = bucketOf(day, '00', p.granularity);
      if (!seen.has(label)) {
        seen.add(label);
        labels.push(label);
      }
    }
  }
  return labels;
}

/**
 * The period's day documents. Read-only: every report below only sums them into objects of its own and
 * never keeps, changes or answers them, which spares the memory store a deep copy of a year of buckets
 * (~90% of a report's time when copied).
 */
async function daysOf<T extends DayBucketDoc<unknown>>(store: ReadStore, collection: string, p: Period): Promise<T[]> {
  return store.find<T>(collection, { siteId: p.siteId, day: { $gte: p.from, $lte: p.to } }, { readOnly: true });
}

/**
 * Calls `visit(bucket, hour slot)` for every hour slot of every day document. A year is ~9k slots per
 * report, so the day and month labels are built once per document rather than once per slot.
 */
function eachHour<H>(docs: readonly DayBucketDoc<H>[], g: Granularity, visit: (bucket: string, slot: H) => void): void {
  for (const doc of docs) {
    const hours = doc.h;
    if (!hours) continue;
    const dayBucket = g === 'hour' ? undefined : bucketOf(doc.day, '00', g);
    for (const hour in hours) visit(dayBucket ?? bucketOf(doc.day, hour, g), hours[hour] as H);
  }
}

const meta = (p: Period, definitionVersion: number): ReportMeta => ({ ...p, definitionVersion });
const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);
const average = (sum: number, n: number): number | null => (n > 0 ? sum / n : null);
const kinds = (): VisitorKindCounts => ({ new: 0, returning: 0, intent: 0, member: 0 });
const figures = (): VisitorFigures => ({ visits: 0, uniqueVisitors: 0, chats: 0, leaveMessages: 0, kinds: kinds() });

// ---- J1 ----

export async function visitorsReport(store: ReadStore, p: Period, version: number): Promise<VisitorsReport> {
  const [docs, uniques] = await Promise.all([daysOf<StatsVisitorsDoc>(store, STATS_VISITORS, p), daysOf<StatsUniqueDoc>(store, STATS_VISITORS_UNIQUE, p)]);
  const series = new Map(bucketLabels(p).map((b) => [b, figures()]));
  const totals = figures();
  const add = (target: VisitorFigures, slot: VisitorsHour): void => {
    target.visits += slot.visits ?? 0;
    target.chats += slot.chats ?? 0;
    target.leaveMessages += slot.leaveMessages ?? 0;
    const slotKinds = slot.kinds;
    if (slotKinds) for (const k in slotKinds) target.kinds[k as keyof VisitorKindCounts] += slotKinds[k as keyof VisitorKindCounts] ?? 0;
  };
  eachHour(docs, p.granularity, (bucket, slot) => {
    const f = series.get(bucket);
    if (f) add(f, slot);
    add(totals, slot);
  });
  // Uniques: distinct visitor ids per bucket and over the whole period (never a sum of smaller buckets).
  const perBucket = new Map<string, Set<string>>();
  const all = new Set<string>();
  eachHour(uniques, p.granularity, (bucket, slot) => {
    for (const id of slot) all.add(id);
    // An hour slot holds each visitor once already.
    if (p.granularity === 'hour') {
      const f = series.get(bucket);
      if (f) f.uniqueVisitors = slot.length;
      return;
    }
    let set = perBucket.get(bucket);
    if (!set) perBucket.set(bucket, (set = new Set()));
    for (const id of slot) set.add(id);
  });
  for (const [bucket, set] of perBucket) {
    const f = series.get(bucket);
    if (f) f.uniqueVisitors = set.size;
  }
  totals.uniqueVisitors = all.size;
  const shares = { new: 0, returning: 0, intent: 0, member: 0 };
  for (const k of Object.keys(shares) as (keyof VisitorKindCounts)[]) shares[k] = ratio(totals.kinds[k], totals.visits);
  return { ...meta(p, version), totals: { ...totals, shares }, series: [...series].map(([bucket, f]) => ({ bucket, ...f })) };
}

// ---- J2 ----

export async function pagesReport(store: ReadStore, p: Period, version: number, url?: string): Promise<PagesReport> {
  const docs = await daysOf<StatsPagesDoc>(store, STATS_PAGES, p);
  const rows = new Map<string, { views: number; chats: number; timeMs: number; timed: number }>();
  const titles = new Map<string, string>();
  for (const doc of docs) for (const [k, title] of Object.entries(doc.t ?? {})) titles.set(k, title);
  const wanted = url !== undefined ? encodeKey(url) : undefined;
  const trend = new Map(wanted ? bucketLabels(p).map((b) => [b, { views: 0, chats: 0, timeMs: 0, timed: 0 }]) : []);
  const add = (t: { views: number; chats: number; timeMs: number; timed: number }, f: PageFigures): void => {
    t.views += f.views ?? 0;
    t.chats += f.chats ?? 0;
    t.timeMs += f.timeMs ?? 0;
    t.timed += f.timed ?? 0;
  };
  eachHour(docs, p.granularity, (bucket, slot) => {
    for (const k in slot) {
      const f = slot[k]!;
      let row = rows.get(k);
      if (!row) rows.set(k, (row = { views: 0, chats: 0, timeMs: 0, timed: 0 }));
      add(row, f);
      if (k === wanted) {
        const t = trend.get(bucket);
        if (t) add(t, f);
      }
    }
  });
  const out: PageRow[] = [...rows]
    .map(([k, r]) => ({ url: decodeKey(k), title: titles.get(k) ?? '', views: r.views, chatsStarted: r.chats, avgTimeOnPageMs: average(r.timeMs, r.timed) }))
    .sort((a, b) => b.views - a.views || b.chatsStarted - a.chatsStarted || a.url.localeCompare(b.url));
  return {
    ...meta(p, version),
    rows: out,
    ...(url !== undefined
      ? {
          trend: {
            url,
            series: [...trend].map(([bucket, t]) => ({ bucket, views: t.views, chatsStarted: t.chats, avgTimeOnPageMs: average(t.timeMs, t.timed) })),
          },
        }
      : {}),
  };
}

// ---- J3, J4, J5: the visit-dimension reports ----

interface DimensionTotals {
  visits: number;
  chats: number;
  chatVisits: number;
}

async function dimensionTotals(store: ReadStore, collection: string, p: Period, trendKey?: string) {
  const docs = await daysOf<DimensionBucketDoc>(store, collection, p);
  const rows = new Map<string, DimensionTotals>();
  const wanted = trendKey !== undefined ? encodeKey(trendKey) : undefined;
  const trend = new Map(wanted ? bucketLabels(p).map((b) => [b, { visits: 0, chats: 0, chatVisits: 0 }]) : []);
  let visits = 0;
  const add = (t: DimensionTotals, f: DimensionFigures): void => {
    t.visits += f.visits ?? 0;
    t.chats += f.chats ?? 0;
    t.chatVisits += f.chatVisits ?? 0;
  };
  eachHour<Record<string, DimensionFigures>>(docs, p.granularity, (bucket, slot) => {
    for (const k in slot) {
      const f = slot[k]!;
      let row = rows.get(k);
      if (!row) rows.set(k, (row = { visits: 0, chats: 0, chatVisits: 0 }));
      add(row, f);
      if (k === wanted) {
        const t = trend.get(bucket);
        if (t) add(t, f);
      }
      visits += f.visits ?? 0;
    }
  });
  return { rows: [...rows].map(([k, r]) => ({ key: decodeKey(k), ...r })), visits, trend };
}

export async function sourcesReport(store: ReadStore, p: Period, version: number, source?: string): Promise<SourcesReport> {
  const { rows, visits, trend } = await dimensionTotals(store, STATS_SOURCES.buckets, p, source);
  const out: SourceRow[] = rows
    .map((r) => {
      const [kind, ...rest] = r.key.split(':');
      const value = rest.join(':');
      return {
        source: r.key,
        kind: (kind === 'search' || kind === 'referral' ? kind : 'direct') as SourceKind,
        host: kind === 'referral' ? value : '',
        engine: kind === 'search' ? value : '',
        visits: r.visits,
        share: ratio(r.visits, visits),
        chats: r.chats,
        chatRate: ratio(r.chatVisits, r.visits),
      };
    })
    .sort((a, b) => b.visits - a.visits || a.source.localeCompare(b.source));
  return {
    ...meta(p, version),
    rows: out,
    ...(source !== undefined ? { trend: { source, series: [...trend].map(([bucket, t]) => ({ bucket, visits: t.visits, chats: t.chats })) } } : {}),
  };
}

export async function keywordsReport(store: ReadStore, p: Period, version: number): Promise<KeywordsReport> {
  const { rows } = await dimensionTotals(store, STATS_KEYWORDS.buckets, p);
  const out: KeywordRow[] = rows
    .map((r) => {
      const [engine, keyword] = JSON.parse(r.key) as [string, string];
      return { keyword, engine, visits: r.visits, chats: r.chats };
    })
    .sort((a, b) => b.visits - a.visits || a.keyword.localeCompare(b.keyword));
  return { ...meta(p, version), rows: out };
}

export async function regionsReport(store: ReadStore, p: Period, version: number, level: RegionLevel): Promise<RegionsReport> {
  const { rows } = await dimensionTotals(store, STATS_REGIONS.buckets, p);
  const merged = new Map<string, RegionRow>();
  for (const r of rows) {
    const [country, province, city] = JSON.parse(r.key) as [string, string, string];
    const row = { country, province: level === 'country' ? '' : province, city: level === 'city' ? city : '' };
    const key = regionKey(row.country, row.province, row.city);
    // Grouped by the Chinese names; each row carries its English label for English-speaking consoles.
    const m = merged.get(key) ?? { ...row, en: regionEnglish(row), visits: 0, chats: 0 };
    m.visits += r.visits;
    m.chats += r.chats;
    merged.set(key, m);
  }
  return { ...meta(p, version), level, rows: [...merged.values()].sort((a, b) => b.visits - a.visits || a.country.localeCompare(b.country)) };
}

// ---- J6 ----

const scores = (): ScoreCounts => ({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 });

export async function ratingsReport(store: ReadStore, p: Period, version: number, names: ReadonlyMap<string, string>): Promise<RatingsReport> {
  const docs = await daysOf<StatsRatingsDoc>(store, STATS_RATINGS, p);
  const total = { n: 0, sum: 0, s: scores() };
  const agents = new Map<string, { n: number; sum: number; s: ScoreCounts }>();
  const trend = new Map(bucketLabels(p).map((b) => [b, { n: 0, sum: 0 }]));
  const add = (into: { n: number; sum: number; s?: ScoreCounts }, f: RatingFigures) => {
    into.n += f.n ?? 0;
    into.sum += f.sum ?? 0;
    if (into.s) for (const [k, v] of Object.entries(f.s ?? {})) into.s[k as keyof ScoreCounts] += v;
  };
  eachHour(docs, p.granularity, (bucket, slot) => {
    add(total, slot);
    const t = trend.get(bucket);
    if (t) add(t, slot);
    for (const [a, f] of Object.entries(slot.a ?? {})) {
      let agent = agents.get(a);
      if (!agent) agents.set(a, (agent = { n: 0, sum: 0, s: scores() }));
      add(agent, f);
    }
  });
  const byAgent: RatingAgentRow[] = [...agents]
    .filter(([, f]) => f.n > 0)
    .map(([a, f]) => {
      const agentId = decodeKey(a);
      return { agentId, agentName: names.get(agentId) ?? '', ratings: f.n, average: average(f.sum, f.n), scores: f.s };
    })
    .sort((a, b) => b.ratings - a.ratings || a.agentId.localeCompare(b.agentId));
  return {
    ...meta(p, version),
    ratings: total.n,
    average: average(total.sum, total.n),
    scores: total.s,
    byAgent,
    series: [...trend].map(([bucket, t]) => ({ bucket, ratings: t.n, average: average(t.sum, t.n) })),
  };
}

// ---- ★ funnel ----

export async function invitationFunnelReport(
  store: ReadStore,
  p: Period,
  version: number,
  names: ReadonlyMap<string, string>,
): Promise<InvitationFunnelReport> {
  const docs = await daysOf<InvitationFunnelDoc>(store, INVITATION_FUNNEL, p);
  const rows = new Map<string, FunnelRow>();
  const totals = { sent: 0, accepted: 0, declined: 0, chats: 0, rated: 0 };
  eachHour(docs, p.granularity, (_bucket, slot) => {
    for (const [k, f] of Object.entries(slot)) {
      const key = decodeKey(k);
      let row = rows.get(key);
      if (!row) {
        const by = key.startsWith('agent:') ? 'agent' : 'rule';
        const value = key.slice(by.length + 1);
        row = { key, by, label: by === 'agent' ? (names.get(value) ?? value) : value, sent: 0, accepted: 0, declined: 0, chats: 0, rated: 0 };
        rows.set(key, row);
      }
      for (const stage of ['sent', 'accepted', 'declined', 'chats', 'rated'] as const) {
        row[stage] += f[stage] ?? 0;
        totals[stage] += f[stage] ?? 0;
      }
    }
  });
  return { ...meta(p, version), totals, rows: [...rows.values()].sort((a, b) => b.sent - a.sent || a.key.localeCompare(b.key)) };
}
