import { Pipe, type PipeTransform } from '@angular/core';
import { regionInEnglish, type Granularity, type RegionView } from '@kefu/contracts';

/** Numbers, shares, durations and bucket labels through Intl in the chosen language (no Angular locale data). */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(lang, options)));
  return f;
}

function dateFormat(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(lang, options)));
  return f;
}

export function formatNumber(value: number | null | undefined, lang: string, maxFractionDigits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return numberFormat(lang, { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** A share 0..1 as a percentage with one decimal. */
export function formatShare(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** 75 000 ms -> "1 min 15 sec" / "1分钟15秒"; hours above an hour; seconds only below a minute. */
export function formatDuration(ms: number | null | undefined, lang: string): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const unit = (value: number, u: 'hour' | 'minute' | 'second'): string => numberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  const parts: string[] = [];
  if (hours) parts.push(unit(hours, 'hour'));
  if (minutes || (hours && seconds)) parts.push(unit(minutes, 'minute'));
  if (!hours && (seconds || !minutes)) parts.push(unit(seconds, 'second'));
  return parts.join(lang.startsWith('zh') ? '' : ' ');
}

/** A bucket of a series (`2026-03-05T14`, `2026-03-05`, `2026-03`), local to the site: shown as written, never shifted. */
export function formatBucket(bucket: string, granularity: Granularity, lang: string): string {
  const [date = '', hour] = bucket.split('T');
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const at = new Date(Date.UTC(y, m - 1, d, Number(hour ?? 0)));
  if (Number.isNaN(at.getTime())) return bucket;
  switch (granularity) {
    case 'hour':
      return dateFormat(lang, { timeZone: 'UTC', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
    case 'day':
      return dateFormat(lang, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
    case 'month':
      return dateFormat(lang, { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(at);
  }
}

/** A local date (YYYY-MM-DD) in the chosen language. */
export function formatDate(date: string, lang: string): string {
  return formatBucket(date, 'day', lang);
}

@Pipe({ name: 'num' })
export class NumberPipe implements PipeTransform {
  transform(value: number | null | undefined, lang: string, maxFractionDigits = 0): string {
    return formatNumber(value, lang, maxFractionDigits);
  }
}

@Pipe({ name: 'share' })
export class SharePipe implements PipeTransform {
  transform(value: number | null | undefined, lang: string): string {
    return formatShare(value, lang);
  }
}

@Pipe({ name: 'duration' })
export class DurationPipe implements PipeTransform {
  transform(ms: number | null | undefined, lang: string): string {
    return formatDuration(ms, lang);
  }
}

@Pipe({ name: 'bucket' })
export class BucketPipe implements PipeTransform {
  transform(bucket: string, granularity: Granularity, lang: string): string {
    return formatBucket(bucket, granularity, lang);
  }
}

/** "中国 江苏省 南京市" (or "China Jiangsu Nanjing" in English) without the empty parts (ip2region answers '' or '0' for unknown). */
export function regionText(region: RegionView | undefined, lang?: string): string {
  if (!region) return '';
  const named = lang === 'en' ? regionInEnglish(region) : region;
  const parts = [named.country, named.province, named.city].filter((p) => p && p !== '0');
  // ip2region repeats the city for municipalities (上海市 上海市).
  return parts.filter((p, i) => parts.indexOf(p) === i).join(' ');
}
