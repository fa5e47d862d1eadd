import { UAParser } from 'ua-parser-js';
import type { VisitDevice } from '@kefu/domain';

/** Device kind, OS and browser from a User-Agent header (ua-parser-js 1.x, MIT; 2.x is AGPL). */
export function deviceOf(userAgent: string): VisitDevice {
  if (!userAgent.trim()) return { type: 'other', os: '', browser: '' };
  const r = new UAParser(userAgent.slice(0, 1000)).getResult();
  const kind = r.device.type;
  const type: VisitDevice['type'] = kind === 'mobile' ? 'mobile' : kind === 'tablet' ? 'tablet' : kind === undefined ? 'desktop' : 'other';
  const os = [r.os.name, r.os.version].filter(Boolean).join(' ');
  const browser = [r.browser.name, r.browser.major].filter(Boolean).join(' ');
  return { type, os, browser };
}
