import type { VisitRowView } from '@kefu/contracts';
import { docProjection } from '@kefu/projector';
import { addTo, setTo, type Doc } from '@kefu/read-store';
import { agreed, deviceOf, regionOf, sourceOf } from '../conversation-events';
import { dataOf } from '../event-data';
import { leftContacts, profileId, visitorKindOf, type VisitorProfileDoc } from '../visitor-kinds';

export const SITE_VISITS = 'site_visits';
export const SITE_VISITS_PROFILES = 'site_visits_profiles';

export type SiteVisitDoc = Doc & VisitRowView & { orgId: string };

/** I3 site-visitor monitor: every visit of a site, with what became of it. Kind is the visitor's kind when the visit started. */
export const visitsProjection = docProjection({
  name: 'visits',
  version: 2,
  handles: ['VisitStarted', 'PageViewed', 'VisitEnded', 'ChatRequested', 'LeaveMessageLeft'],
  collections: [SITE_VISITS, SITE_VISITS_PROFILES],
  project(e, docs) {
    switch (e.type) {
      case 'VisitStarted': {
        const d = agreed(e, 'VisitStarted');
        const profile = docs.get<VisitorProfileDoc>(SITE_VISITS_PROFILES, profileId(d.siteId, d.visitorId));
        // One literal of the document's full size (see DocumentSet.edit); an existing document gets the same fields.
        const fresh: SiteVisitDoc = {
          _id: d.visitId,
          _position: e.position,
          visitId: d.visitId,
          visitorId: d.visitorId,
          orgId: d.orgId,
          siteId: d.siteId,
          kind: visitorKindOf(profile ?? null, d.visitorKind ? d.visitorKind === 'returning' : d.returning),
          status: 'online',
          startedAt: d.startedAt,
          // Two objects: `lastPage` is replaced by each page view, `entryPage` stays.
          entryPage: { url: d.entryUrl, title: d.entryTitle },
          lastPage: { url: d.entryUrl, title: d.entryTitle },
          pages: 0,
          region: regionOf(d),
          source: sourceOf(d),
          device: deviceOf(d),
          chatted: false,
          chats: 0,
          leftMessage: false,
        };
        const row = docs.edit<SiteVisitDoc>(SITE_VISITS, d.visitId, e.position, fresh);
        if (row && row !== fresh) Object.assign(row, fresh);
        return;
      }
      case 'PageViewed': {
        const d = dataOf(e, 'PageViewed');
        const row = docs.edit<SiteVisitDoc>(SITE_VISITS, d.visitId, e.position);
        if (!row) return;
        row.lastPage = { url: d.url, title: d.title };
        row.pages = (row.pages ?? 0) + 1;
        return;
      }
      case 'VisitEnded': {
        const d = dataOf(e, 'VisitEnded');
        const row = docs.edit<SiteVisitDoc>(SITE_VISITS, d.visitId, e.position);
        if (!row) return;
        row.status = 'ended';
        setTo(row, 'endedAt', d.endedAt);
        return;
      }
      case 'ChatRequested': {
        const d = agreed(e, 'ChatRequested');
        const row = docs.edit<SiteVisitDoc>(SITE_VISITS, d.visitId, e.position);
        if (row) {
          row.chatted = true;
          addTo(row, 'chats', 1);
        }
        const profile = docs.edit<VisitorProfileDoc>(SITE_VISITS_PROFILES, profileId(d.siteId, d.visitorId), e.position, true);
        if (profile) addTo(profile, 'chats', 1);
        return;
      }
      case 'LeaveMessageLeft': {
        const d = agreed(e, 'LeaveMessageLeft');
        if (d.visitId) {
          const row = docs.edit<SiteVisitDoc>(SITE_VISITS, d.visitId, e.position);
          if (row) row.leftMessage = true;
        }
        const profile = docs.edit<VisitorProfileDoc>(SITE_VISITS_PROFILES, profileId(d.siteId, d.visitorId), e.position, true);
        if (profile) {
          addTo(profile, 'leaveMessages', 1);
          if (leftContacts(d)) profile.member = true;
        }
        return;
      }
    }
  },
});
