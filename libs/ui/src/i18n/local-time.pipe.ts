import { Pipe, type PipeTransform } from '@angular/core';

export type TimeStyle = 'datetime' | 'time' | 'date';

const OPTIONS: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  datetime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit' },
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
};
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatLocalTime(iso: string | undefined | null, lang: string, style: TimeStyle = 'datetime'): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = `${lang}|${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(lang, OPTIONS[style]);
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}

/** `{{ at | localTime: lang() }}` — Intl-based, so no Angular locale data has to be bundled. */
@Pipe({ name: 'localTime' })
export class LocalTimePipe implements PipeTransform {
  transform(iso: string | undefined | null, lang: string, style: TimeStyle = 'datetime'): string {
    return formatLocalTime(iso, lang, style);
  }
}
