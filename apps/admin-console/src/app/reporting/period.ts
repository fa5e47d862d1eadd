import type { Granularity } from '@kefu/contracts';

/**
 * A report's period: local dates (YYYY-MM-DD) of the site's time zone, both included, and the bucket size.
 * Kept in the URL (`?from&to&granularity`), so a refresh, a shared link and the print view show the same report.
 */
export interface Period {
  from: string;
  to: string;
  granularity: Granularity;
}

export type PeriodPreset = 'today' | 'last7' | 'thisMonth' | 'lastMonth';
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['today', 'last7', 'thisMonth', 'lastMonth'];

/** Hour buckets beyond a week make an unreadable chart (and a CSV of thousands of rows): day or month then. */
export const MAX_HOURLY_DAYS = 7;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date where the site is (not where the admin's browser is). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    // An unknown zone name: the browser's own day is the best guess.
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

export function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (1 for a single day). */
export function daySpan(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function presetRange(preset: PeriodPreset, today: string): { from: string; to: string } {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'thisMonth':
      return { from: monthStart(today), to: today };
    case 'lastMonth': {
      const lastDay = addDays(monthStart(today), -1);
      return { from: monthStart(lastDay), to: lastDay };
    }
  }
}

/** The preset a range equals today (so the picker can show it as chosen), or null for a custom range. */
export function presetOf(range: { from: string; to: string }, today: string): PeriodPreset | null {
  return (
    PERIOD_PRESETS.find((p) => {
      const r = presetRange(p, today);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}

export function allowedGranularities(range: { from: string; to: string }): Granularity[] {
  return daySpan(range.from, range.to) <= MAX_HOURLY_DAYS ? ['hour', 'day', 'month'] : ['day', 'month'];
}

/** The natural bucket for a range: hours for a day, days up to about two months, months beyond. */
export function defaultGranularity(range: { from: string; to: string }): Granularity {
  const days = daySpan(range.from, range.to);
  return days === 1 ? 'hour' : days <= 62 ? 'day' : 'month';
}

/** A granularity the range allows: the asked one when possible, else day. */
export function fitGranularity(range: { from: string; to: string }, asked: Granularity): Granularity {
  return allowedGranularities(range).includes(asked) ? asked : 'day';
}

export function periodFromPreset(preset: PeriodPreset, today: string): Period {
  const range = presetRange(preset, today);
  return { ...range, granularity: defaultGranularity(range) };
}

export type PeriodProblem = 'invalidDate' | 'reversed' | 'future';

/** Why a typed range cannot be asked for, or null when it can. */
export function periodProblem(range: { from: string; to: string }, today: string): PeriodProblem | null {
  if (!isDate(range.from) || !isDate(range.to)) return 'invalidDate';
  if (range.from > range.to) return 'reversed';
  if (range.from > today) return 'future';
  return null;
}

/**
 * The period in the URL, or this month (what the server answers without one, manual 3.7.3.3) when the URL has
 * none or a broken one. A granularity the range does not allow is fitted, never sent as is.
 */
export function periodFromQuery(query: Record<string, string | undefined>, today: string, fallback: PeriodPreset = 'thisMonth'): Period {
  const range = { from: query['from'] ?? '', to: query['to'] ?? '' };
  const problem = periodProblem(range, today);
  if (problem === 'invalidDate' || problem === 'reversed') return periodFromPreset(fallback, today);
  const asked = query['granularity'];
  const granularity = asked === 'hour' || asked === 'day' || asked === 'month' ? fitGranularity(range, asked) : defaultGranularity(range);
  return { ...range, granularity };
}

export function periodToQuery(period: Period): Record<string, string> {
  return { from: period.from, to: period.to, granularity: period.granularity };
}
