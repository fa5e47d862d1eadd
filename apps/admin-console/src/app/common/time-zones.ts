/** IANA zones the browser knows; the current value is kept even when this browser does not list it (e.g. "UTC"). */
export function timeZoneOptions(current: string): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Tokyo', 'Asia/Singapore', 'Europe/London', 'America/New_York', 'UTC'];
  }
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
