import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { dataOf } from '../event-data';

export const SITES = 'sites';

export interface SiteAgentDoc {
  nickname: string;
  assignedAt: string;
  jobNumber?: string;
  email?: string;
  phone?: string;
  groupId?: string;
  distribution?: 'auto' | 'regional';
  regions?: string[];
  order?: number;
  maxChats?: number | null;
}

export interface SiteDoc extends Doc {
  siteId: string;
  orgId: string;
  name: string;
  url: string;
  language: 'zh-CN' | 'zh-TW' | 'en';
  timeZone: string;
  allowedDomains: string[];
  /** userId -> agent settings on this site. */
  agents: Record<string, SiteAgentDoc>;
  /** groupId -> group (D2). */
  groups?: Record<string, { name: string; order: number }>;
  defaultGroupId?: string;
  /** G4: '' or absent = the product's name. */
  customTitle?: string;
  createdAt: string;
  /** Soft delete (D1): the site leaves every list and the widget refuses it; its history stays. */
  deletedAt?: string;
  /** E1 install check: when and where the snippet last ran. */
  lastSeenAt?: string;
  lastSeenPage?: string;
}

/** Sites with their settings, groups, agents and install check (D1, D2, D3, E1, G3, G4). */
export const sitesProjection = projection({
  name: 'sites',
  version: 2,
  handles: [
    'SiteCreated',
    'SiteSettingsChanged',
    'SiteDeleted',
    'GroupAdded',
    'GroupRenamed',
    'GroupsReordered',
    'GroupDeleted',
    'AgentAssignedToSite',
    'SiteAgentUpdated',
    'SiteAgentsReordered',
    'AgentUnassignedFromSite',
    'SnippetSeen',
  ],
  collections: [SITES],
  async apply(e, store) {
    const at = { upsert: true, atPosition: e.position };
    switch (e.type) {
      case 'SiteCreated': {
        const { defaultGroup, ...d } = dataOf(e, 'SiteCreated');
        const groups = defaultGroup ? { [defaultGroup.groupId]: { name: defaultGroup.name, order: 0 } } : {};
        await store.update(SITES, d.siteId, { $set: { ...d, customTitle: '', agents: {}, groups, defaultGroupId: defaultGroup?.groupId ?? '' } }, at);
        return;
      }
      case 'SiteSettingsChanged': {
        const d = dataOf(e, 'SiteSettingsChanged');
        await store.update(SITES, d.siteId, { $set: { ...d.changes } }, at);
        return;
      }
      case 'SiteDeleted': {
        const d = dataOf(e, 'SiteDeleted');
        await store.update(SITES, d.siteId, { $set: { deletedAt: d.at } }, at);
        return;
      }
      case 'GroupAdded': {
        const d = dataOf(e, 'GroupAdded');
        await store.update(SITES, d.siteId, { $set: { [`groups.${d.groupId}`]: { name: d.name, order: d.order } } }, at);
        return;
      }
      case 'GroupRenamed': {
        const d = dataOf(e, 'GroupRenamed');
        await store.update(SITES, d.siteId, { $set: { [`groups.${d.groupId}.name`]: d.name } }, at);
        return;
      }
      case 'GroupsReordered': {
        const d = dataOf(e, 'GroupsReordered');
        await store.update(SITES, d.siteId, { $set: Object.fromEntries(d.groupIds.map((id, order) => [`groups.${id}.order`, order])) }, at);
        return;
      }
      case 'GroupDeleted': {
        const d = dataOf(e, 'GroupDeleted');
        const ungrouped = Object.fromEntries(d.ungroupedAgents.map((id) => [`agents.${id}.groupId`, '']));
        await store.update(SITES, d.siteId, { $unset: { [`groups.${d.groupId}`]: '' }, ...(d.ungroupedAgents.length ? { $set: ungrouped } : {}) }, at);
        return;
      }
      case 'AgentAssignedToSite': {
        const { orgId: _o, siteId, userId, ...agent } = dataOf(e, 'AgentAssignedToSite');
        await store.update(SITES, siteId, { $set: { [`agents.${userId}`]: agent } }, at);
        return;
      }
      case 'SiteAgentUpdated': {
        const d = dataOf(e, 'SiteAgentUpdated');
        await store.update(SITES, d.siteId, { $set: Object.fromEntries(Object.entries(d.changes).map(([k, v]) => [`agents.${d.userId}.${k}`, v])) }, at);
        return;
      }
      case 'SiteAgentsReordered': {
        const d = dataOf(e, 'SiteAgentsReordered');
        await store.update(SITES, d.siteId, { $set: Object.fromEntries(d.userIds.map((id, order) => [`agents.${id}.order`, order])) }, at);
        return;
      }
      case 'AgentUnassignedFromSite': {
        const d = dataOf(e, 'AgentUnassignedFromSite');
        await store.update(SITES, d.siteId, { $unset: { [`agents.${d.userId}`]: '' } }, at);
        return;
      }
      case 'SnippetSeen': {
        const d = dataOf(e, 'SnippetSeen');
        await store.update(SITES, d.siteId, { $set: { lastSeenAt: d.at, lastSeenPage: d.page } }, at);
        return;
      }
    }
  },
});
