import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { forbidden, invalid, ruleViolated } from '../shared/domain-error';
import { cleanText } from '../shared/text';

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
      }
    >
  | DomainEvent<'PageViewed', { orgId: string; siteId: string; visitId: string; visitorId: string; url: string; title: string; at: string }>
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
    }
  | { type: 'EndVisit'; visitId: string; reason: 'inactive' | 'closed'; now: string };

export interface VisitState {
  started: boolean;
  ended: boolean;
  orgId: string;
  siteId: string;
  visitorId: string;
  pages: number;
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
        const viewed: VisitEvent = { type: 'PageViewed', data: { ...ids, url, title, at: cmd.now } };
        if (!s.started) {
          return [
            {
              type: 'VisitStarted',
              data: {
                ...ids,
                returning: cmd.returning,
                entryUrl: url,
                entryTitle: title,
                referrer: cleanText(cmd.referrer, 'referrer', 2000, { allowEmpty: true }),
                userAgent: cmd.userAgent.slice(0, 500),
                ip: cmd.ip,
                startedAt: cmd.now,
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
        return { ...s, started: true, orgId: e.data.orgId, siteId: e.data.siteId, visitorId: e.data.visitorId };
      case 'PageViewed':
        return { ...s, pages: s.pages + 1 };
      case 'VisitEnded':
        return { ...s, ended: true };
      default:
        return unreachable(e);
    }
  },
};
