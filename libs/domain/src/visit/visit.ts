import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { forbidden, invalid, ruleViolated } from '../shared/domain-error';
import { cleanText } from '../shared/text';
import { parseReferrer, type VisitSource } from './referrer';

/** Where the visitor's IP address is (ip2region's Chinese names; '' unknown; private addresses say 内网IP). */
export interface VisitRegion {
  country: string;
  province: string;
  city: string;
  isp: string;
  /** The same place in English (romanised by the server when the visit starts). */
  en?: { country: string; province: string; city: string };
}
export interface VisitDevice {
  type: 'desktop' | 'mobile' | 'tablet' | 'other';
  os: string;
  browser: string;
}
export const UNKNOWN_REGION: VisitRegion = { country: '', province: '', city: '', isp: '' };
export const UNKNOWN_DEVICE: VisitDevice = { type: 'other', os: '', browser: '' };

/** One visit of a visitor to a site (stream `visit-{visitId}`): K1. */
export type VisitEvent =
  | DomainEvent<
      'VisitStarted',
      {
        orgId: string;
        siteId: string;
        visitId: string;
        visitorId: string;
        returning: boolean;
        entryUrl: string;
        entryTitle: string;
        referrer: string;
        userAgent: string;
        ip: string;
        startedAt: string;
        visitorKind: 'new' | 'returning';
        region: VisitRegion;
        source: VisitSource;
        device: VisitDevice;
      }
    >
  | DomainEvent<'PageViewed', { orgId: string; siteId: string; visitId: string; visitorId: string; url: string; title: string; at: string; referrer?: string }>
  | DomainEvent<'VisitEnded', { orgId: string; siteId: string; visitId: string; visitorId: string; endedAt: string; reason: 'inactive' | 'closed' }>;

export type VisitCommand =
  | {
      type: 'ViewPage';
      orgId: string;
      siteId: string;
      visitId: string;
      visitorId: string;
      returning: boolean;
      url: string;
      title: string;
      referrer: string;
      userAgent: string;
      ip: string;
      now: string;
      /** Looked up by the server from the IP address and the user agent (I/O stays outside the decider). */
      region?: VisitRegion;
      device?: VisitDevice;
    }
  | { type: 'EndVisit'; visitId: string; reason: 'inactive' | 'closed'; now: string };

export interface VisitState {
  started: boolean;
  ended: boolean;
  orgId: string;
  siteId: string;
  visitorId: string;
  pages: number;
  startedAt?: string;
  /** Where the visitor is, for regional routing (G10). */
  region?: VisitRegion;
}

function pageUrl(url: string): string {
  const u = cleanText(url, 'page url', 2000);
  if (!/^https?:\/\//i.test(u)) throw invalid('page url must be an http(s) URL');
  return u;
}

export const visit: Decider<VisitCommand, VisitEvent, VisitState> = {
  streamPrefix: 'visit',
  initialState: { started: false, ended: false, orgId: '', siteId: '', visitorId: '', pages: 0 },
  decide(cmd, s) {
    switch (cmd.type) {
      case 'ViewPage': {
        const url = pageUrl(cmd.url);
        const title = cleanText(cmd.title, 'page title', 300, { allowEmpty: true });
        const ids = { orgId: cmd.orgId, siteId: cmd.siteId, visitId: cmd.visitId, visitorId: cmd.visitorId };
        const referrer = cleanText(cmd.referrer, 'referrer', 2000, { allowEmpty: true });
        const viewed: VisitEvent = { type: 'PageViewed', data: { ...ids, url, title, at: cmd.now, ...(referrer ? { referrer } : {}) } };
        if (!s.started) {
          return [
            {
              type: 'VisitStarted',
              data: {
                ...ids,
                returning: cmd.returning,
                entryUrl: url,
                entryTitle: title,
                referrer,
                userAgent: cmd.userAgent.slice(0, 500),
                ip: cmd.ip,
                startedAt: cmd.now,
                visitorKind: cmd.returning ? 'returning' : 'new',
                region: cmd.region ?? UNKNOWN_REGION,
                source: parseReferrer(referrer, new URL(url).hostname),
                device: cmd.device ?? UNKNOWN_DEVICE,
              },
            },
            viewed,
          ];
        }
        // A visit id is the visitor's own: another visitor or site may not write into it.
        if (s.visitorId !== cmd.visitorId || s.siteId !== cmd.siteId) throw forbidden('this visit belongs to someone else');
        if (s.ended) throw ruleViolated('this visit has ended; start a new visit');
        return [viewed];
      }
      case 'EndVisit': {
        if (!s.started || s.ended) return [];
        return [
          {
            type: 'VisitEnded',
            data: { orgId: s.orgId, siteId: s.siteId, visitId: cmd.visitId, visitorId: s.visitorId, endedAt: cmd.now, reason: cmd.reason },
          },
        ];
      }
      default:
        return unreachable(cmd);
    }
  },
  evolve(s, e) {
    switch (e.type) {
      case 'VisitStarted':
        return {
          ...s,
          started: true,
          orgId: e.data.orgId,
          siteId: e.data.siteId,
          visitorId: e.data.visitorId,
          startedAt: e.data.startedAt,
          ...(e.data.region ? { region: e.data.region } : {}),
        };
      case 'PageViewed':
        return { ...s, pages: s.pages + 1 };
      case 'VisitEnded':
        return { ...s, ended: true };
      default:
        return unreachable(e);
    }
  },
};
