import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { dataOf } from '../event-data';

export const SITES = 'sites';

export interface SiteDoc extends Doc {
  siteId: string;
  orgId: string;
  name: string;
  url: string;
  language: 'zh-CN' | 'zh-TW' | 'en';
  timeZone: string;
  allowedDomains: string[];
  /** userId -> agent settings on this site. */
  agents: Record<string, { nickname: string; assignedAt: string }>;
  createdAt: string;
}

/** Sites with their settings and agents (D1, D3). */
export const sitesProjection = projection({
  name: 'sites',
  version: 1,
  handles: ['SiteCreated', 'AgentAssignedToSite'],
  collections: [SITES],
  async apply(e, store) {
    const at = { upsert: true, atPosition: e.position };
    switch (e.type) {
      case 'SiteCreated': {
        const d = dataOf(e, 'SiteCreated');
        await store.update(SITES, d.siteId, { $set: { ...d, agents: {} } }, at);
        return;
      }
      case 'AgentAssignedToSite': {
        const d = dataOf(e, 'AgentAssignedToSite');
        await store.update(SITES, d.siteId, { $set: { [`agents.${d.userId}`]: { nickname: d.nickname, assignedAt: d.assignedAt } } }, at);
        return;
      }
    }
  },
});
