import type { VisitRowView } from '@kefu/contracts';
import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { agreed, deviceOf, regionOf, sourceOf } from '../conversation-events';
import { dataOf } from '../event-data';
import { leftContacts, profileId, visitorKindOf, type VisitorProfileDoc } from '../visitor-kinds';

export const SITE_VISITS = 'site_visits';
export const SITE_VISITS_PROFILES = 'site_visits_profiles';

export type SiteVisitDoc = Doc & VisitRowView & { orgId: string };

/** I3 site-visitor monitor: every visit of a site, with what became of it. Kind is the visitor's kind when the visit started. */
export const visitsProjection = projection({
  name: 'visits',
  version: 2,
  handles: ['VisitStarted', 'PageViewed', 'VisitEnded', 'ChatRequested', 'LeaveMessageLeft'],
  collections: [SITE_VISITS, SITE_VISITS_PROFILES],
  async apply(e, store) {
    const at = { upsert: true, atPosition: e.position };
    const only = { atPosition: e.position };
    switch (e.type) {
      case 'VisitStarted': {
        const d = agreed(e, 'VisitStarted');
        const profile = await store.get<VisitorProfileDoc>(SITE_VISITS_PROFILES, profileId(d.siteId, d.visitorId));
        const page = { url: d.entryUrl, title: d.entryTitle };
        const row: Omit<SiteVisitDoc, '_id'> = {
          visitId: d.visitId,
          visitorId: d.visitorId,
          orgId: d.orgId,
          siteId: d.siteId,
          kind: visitorKindOf(profile, d.visitorKind ? d.visitorKind === 'returning' : d.returning),
          status: 'online',
          startedAt: d.startedAt,
          entryPage: page,
          lastPage: page,
          pages: 0,
          region: regionOf(d),
          source: sourceOf(d),
          device: deviceOf(d),
          chatted: false,
          chats: 0,
          leftMessage: false,
        };
        await store.update(SITE_VISITS, d.visitId, { $set: row }, at);
        return;
      }
      case 'PageViewed': {
        const d = dataOf(e, 'PageViewed');
        await store.update(SITE_VISITS, d.visitId, { $set: { lastPage: { url: d.url, title: d.title } }, $inc: { pages: 1 } }, only);
        return;
      }
      case 'VisitEnded': {
        const d = dataOf(e, 'VisitEnded');
        await store.update(SITE_VISITS, d.visitId, { $set: { status: 'ended', endedAt: d.endedAt } }, only);
        return;
      }
      case 'ChatRequested': {
        const d = agreed(e, 'ChatRequested');
        await store.update(SITE_VISITS, d.visitId, { $set: { chatted: true }, $inc: { chats: 1 } }, only);
        await store.update(SITE_VISITS_PROFILES, profileId(d.siteId, d.visitorId), { $inc: { chats: 1 } }, at);
        return;
      }
      case 'LeaveMessageLeft': {
        const d = agreed(e, 'LeaveMessageLeft');
        if (d.visitId) await store.update(SITE_VISITS, d.visitId, { $set: { leftMessage: true } }, only);
        await store.update(
          SITE_VISITS_PROFILES,
          profileId(d.siteId, d.visitorId),
          { $inc: { leaveMessages: 1 }, ...(leftContacts(d) ? { $set: { member: true } } : {}) },
          at,
        );
        return;
      }
    }
  },
});
