import { docProjection } from '@kefu/projector';
import { childOf, type Doc, setTo } from '@kefu/read-store';
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

/** The defined fields of an event's object, in a new object (a `$set` of it dropped undefined fields and stored a copy). */
function definedFields(source: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(source)) setTo(out, field, value);
  return out;
}

/** Sites with their settings, groups, agents and install check (D1, D2, D3, E1, G3, G4). */
export const sitesProjection = docProjection({
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
  project(e, docs) {
    // Every event creates the site's document when it is missing (upsert), as the update operators did.
    // Arrays taken from the events (allowedDomains, an agent's regions) are stored as they are: every later
    // event replaces them, none changes them in place. Objects changed later (groups, agents) are new objects.
    const site = docs.edit<SiteDoc>(SITES, (e.data as { siteId: string }).siteId, e.position, true);
    if (!site) return;
    const groups = () => childOf<Record<string, { name: string; order: number }>>(site, 'groups');
    const agents = () => childOf<Record<string, SiteAgentDoc>>(site, 'agents');
    switch (e.type) {
      case 'SiteCreated': {
        const { defaultGroup, ...d } = dataOf(e, 'SiteCreated');
        for (const [field, value] of Object.entries(d)) setTo(site, field, value);
        site.customTitle = '';
        site.agents = {};
        site.groups = defaultGroup ? { [defaultGroup.groupId]: { name: defaultGroup.name, order: 0 } } : {};
        site.defaultGroupId = defaultGroup?.groupId ?? '';
        return;
      }
      case 'SiteSettingsChanged': {
        const d = dataOf(e, 'SiteSettingsChanged');
        for (const [field, value] of Object.entries(d.changes)) setTo(site, field, value);
        return;
      }
      case 'SiteDeleted': {
        setTo(site, 'deletedAt', dataOf(e, 'SiteDeleted').at);
        return;
      }
      case 'GroupAdded': {
        const d = dataOf(e, 'GroupAdded');
        setTo(groups(), d.groupId, definedFields({ name: d.name, order: d.order }));
        return;
      }
      case 'GroupRenamed': {
        const d = dataOf(e, 'GroupRenamed');
        if (d.name !== undefined) setTo(childOf(groups(), d.groupId), 'name', d.name);
        return;
      }
      case 'GroupsReordered': {
        const d = dataOf(e, 'GroupsReordered');
        d.groupIds.forEach((id, order) => setTo(childOf(groups(), id), 'order', order));
        return;
      }
      case 'GroupDeleted': {
        const d = dataOf(e, 'GroupDeleted');
        const current: unknown = site.groups;
        if (current !== null && typeof current === 'object') delete (current as Record<string, unknown>)[d.groupId];
        for (const id of d.ungroupedAgents) setTo(childOf(agents(), id), 'groupId', '');
        return;
      }
      case 'AgentAssignedToSite': {
        const { orgId: _o, siteId: _s, userId, ...agent } = dataOf(e, 'AgentAssignedToSite');
        setTo(agents(), userId, definedFields(agent));
        return;
      }
      case 'SiteAgentUpdated': {
        const d = dataOf(e, 'SiteAgentUpdated');
        let agent: Record<string, unknown> | undefined;
        for (const [field, value] of Object.entries(d.changes)) {
          if (value !== undefined) setTo((agent ??= childOf<Record<string, unknown>>(agents(), d.userId)), field, value);
        }
        return;
      }
      case 'SiteAgentsReordered': {
        const d = dataOf(e, 'SiteAgentsReordered');
        d.userIds.forEach((id, order) => setTo(childOf(agents(), id), 'order', order));
        return;
      }
      case 'AgentUnassignedFromSite': {
        const d = dataOf(e, 'AgentUnassignedFromSite');
        const current: unknown = site.agents;
        if (current !== null && typeof current === 'object') delete (current as Record<string, unknown>)[d.userId];
        return;
      }
      case 'SnippetSeen': {
        const d = dataOf(e, 'SnippetSeen');
        setTo(site, 'lastSeenAt', d.at);
        setTo(site, 'lastSeenPage', d.page);
        return;
      }
    }
  },
});
