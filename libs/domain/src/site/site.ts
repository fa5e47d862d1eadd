import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { conflict, invalid, notFound, ruleViolated } from '../shared/domain-error';
import { cleanText, httpUrl } from '../shared/text';

export type Language = 'zh-CN' | 'zh-TW' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'zh-TW', 'en'];
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export type Distribution = 'auto' | 'regional';

/** An agent of a site (D3), as routing reads it. `groupId` '' = no group: not offered to visitors (D2). */
export interface SiteAgent {
  nickname: string;
  jobNumber: string;
  email: string;
  phone: string;
  groupId: string;
  distribution: Distribution;
  /** Province/city names as ip2region gives them (江苏省, 南京市). */
  regions: string[];
  order: number;
  /** Concurrent chats this agent may hold; null = no cap. */
  maxChats: number | null;
}
export interface SiteGroup {
  name: string;
  order: number;
}
/** Settings an admin can change after creation (D1, G3 language, G4 custom title). */
export interface SiteSettings {
  name: string;
  url: string;
  language: Language;
  timeZone: string;
  allowedDomains: string[];
  /** G4: shown instead of the product's name; '' = the product's name. */
  customTitle: string;
}
export type AgentSettingsChange = Partial<Omit<SiteAgent, 'order'>>;

export const DEFAULT_GROUP_NAME = '默认分组';
export const CUSTOM_TITLE_MAX_CHARS = 20;
const GROUPS_MAX = 100;
const REGIONS_MAX = 100;
const MAX_CHATS_MAX = 1000;

/** A site of an organisation (stream `site-{siteId}`): its settings, its groups and its agents. */
export type SiteEvent =
  | DomainEvent<
      'SiteCreated',
      {
        orgId: string;
        siteId: string;
        name: string;
        url: string;
        language: Language;
        timeZone: string;
        allowedDomains: string[];
        createdAt: string;
        /** The group agents join when none is chosen (absent on sites created before groups existed). */
        defaultGroup?: { groupId: string; name: string };
      }
    >
  | DomainEvent<'SiteSettingsChanged', { orgId: string; siteId: string; changes: Partial<SiteSettings>; at: string }>
  | DomainEvent<'SiteDeleted', { orgId: string; siteId: string; at: string }>
  | DomainEvent<'GroupAdded', { orgId: string; siteId: string; groupId: string; name: string; order: number; at: string }>
  | DomainEvent<'GroupRenamed', { orgId: string; siteId: string; groupId: string; name: string; at: string }>
  | DomainEvent<'GroupsReordered', { orgId: string; siteId: string; groupIds: string[]; at: string }>
  /** The deleted group's agents are left without a group (not offered to visitors until given one). */
  | DomainEvent<'GroupDeleted', { orgId: string; siteId: string; groupId: string; ungroupedAgents: string[]; at: string }>
  | DomainEvent<
      'AgentAssignedToSite',
      // Optional fields are absent only on events of the first slice; new assignments carry them all.
      { orgId: string; siteId: string; userId: string; nickname: string; assignedAt: string } & Partial<Omit<SiteAgent, 'nickname'>>
    >
  | DomainEvent<'SiteAgentUpdated', { orgId: string; siteId: string; userId: string; changes: AgentSettingsChange; at: string }>
  | DomainEvent<'SiteAgentsReordered', { orgId: string; siteId: string; userIds: string[]; at: string }>
  | DomainEvent<'AgentUnassignedFromSite', { orgId: string; siteId: string; userId: string; at: string }>;

export interface AgentFields {
  nickname?: string;
  jobNumber?: string;
  email?: string;
  phone?: string;
  /** '' = no group. */
  groupId?: string;
  distribution?: Distribution;
  regions?: string[];
  maxChats?: number | null;
}

export type SiteCommand =
  | {
      type: 'CreateSite';
      orgId: string;
      siteId: string;
      name: string;
      url: string;
      language?: Language;
      timeZone?: string;
      allowedDomains?: string[];
      /** Id of the default group (derived from the site id by the handler). */
      defaultGroupId?: string;
      now: string;
    }
  | { type: 'ChangeSiteSettings'; orgId: string; changes: Partial<SiteSettings>; now: string }
  | { type: 'DeleteSite'; orgId: string; now: string }
  | { type: 'AddGroup'; orgId: string; groupId: string; name: string; now: string }
  | { type: 'RenameGroup'; orgId: string; groupId: string; name: string; now: string }
  | { type: 'ReorderGroups'; orgId: string; groupIds: string[]; now: string }
  | { type: 'DeleteGroup'; orgId: string; groupId: string; now: string }
  | ({
      type: 'AssignAgent';
      orgId: string;
      userId: string;
      /** Organisation of the person being assigned, read from their account stream. */
      userOrgId: string;
      nickname: string;
      now: string;
    } & Omit<AgentFields, 'nickname'>)
  | { type: 'UpdateAgent'; orgId: string; userId: string; changes: AgentFields; now: string }
  | { type: 'ReorderAgents'; orgId: string; userIds: string[]; now: string }
  | { type: 'UnassignAgent'; orgId: string; userId: string; now: string };

export interface SiteState extends SiteSettings {
  exists: boolean;
  deleted: boolean;
  orgId: string;
  siteId: string;
  /** '' on sites created before groups existed. */
  defaultGroupId: string;
  agents: Record<string, SiteAgent>;
  groups: Record<string, SiteGroup>;
}

const HOST = /^(?=.{1,253}$)(localhost|(\d{1,3}\.){3}\d{1,3}|([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(:\d{1,5})?$/;

/** The host name of an http(s) URL, lower-cased; throws INVALID otherwise. */
export function hostOf(url: string): string {
  return httpUrl(url, 'url').hostname.toLowerCase();
}

/** A host name the widget may run on; a port typed with it is dropped (pages are matched by host). */
export function normaliseDomain(domain: string): string {
  const d = domain
    .trim()
    .toLowerCase()
    .replace(/^\*\./, '')
    .replace(/:\d{1,5}$/, '');
  if (!HOST.test(d)) throw invalid(`"${domain.slice(0, 100)}" is not a host name (example: www.example.com)`);
  return d;
}

/** True when `host` is one of the allowed domains or a sub-domain of one. */
export function isAllowedHost(host: string, allowedDomains: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowedDomains.some((d) => h === d || h.endsWith(`.${d}`));
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function checkLanguage(language: Language): Language {
  if (!LANGUAGES.includes(language)) throw invalid(`language must be one of ${LANGUAGES.join(', ')}`);
  return language;
}

function checkTimeZone(timeZone: string): string {
  if (!isValidTimeZone(timeZone)) throw invalid(`unknown time zone "${timeZone.slice(0, 64)}" (example: Asia/Shanghai)`);
  return timeZone;
}

function checkDomains(domains: readonly string[]): string[] {
  if (domains.length > 50) throw invalid('at most 50 allowed domains');
  return [...new Set(domains.map(normaliseDomain))];
}

/** G4: at most 20 characters (counted as people see them), '' = the product's name. */
export function checkCustomTitle(title: string): string {
  return cleanText(title, 'custom title', CUSTOM_TITLE_MAX_CHARS, { allowEmpty: true });
}

const CONTACT_PHONE = /^[0-9+\-() ]{0,32}$/;
const CONTACT_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Normalise the agent fields an admin typed; only those given are returned. */
function checkAgentFields(f: AgentFields, s: SiteState): AgentFields {
  const out: AgentFields = {};
  if (f.nickname !== undefined) out.nickname = cleanText(f.nickname, 'nickname', 32);
  if (f.jobNumber !== undefined) out.jobNumber = cleanText(f.jobNumber, 'job number', 32, { allowEmpty: true });
  if (f.email !== undefined) {
    const email = f.email.trim().toLowerCase();
    if (email && (email.length > 254 || !CONTACT_EMAIL.test(email))) throw invalid('email is not a valid e-mail address');
    out.email = email;
  }
  if (f.phone !== undefined) {
    const phone = f.phone.trim();
    if (!CONTACT_PHONE.test(phone)) throw invalid('phone may hold digits, spaces, +, -, ( and ) only, at most 32');
    out.phone = phone;
  }
  if (f.groupId !== undefined) {
    if (f.groupId !== '' && !s.groups[f.groupId]) throw notFound('no such group on this site');
    out.groupId = f.groupId;
  }
  if (f.distribution !== undefined) {
    if (f.distribution !== 'auto' && f.distribution !== 'regional') throw invalid('distribution must be auto or regional');
    out.distribution = f.distribution;
  }
  if (f.regions !== undefined) {
    if (f.regions.length > REGIONS_MAX) throw invalid(`at most ${REGIONS_MAX} regions`);
    out.regions = [...new Set(f.regions.map((r) => cleanText(r, 'region', 32)))];
  }
  if (f.maxChats !== undefined) {
    if (f.maxChats !== null && (!Number.isInteger(f.maxChats) || f.maxChats < 1 || f.maxChats > MAX_CHATS_MAX)) {
      throw invalid(`maxChats must be a whole number from 1 to ${MAX_CHATS_MAX}, or null for no cap`);
    }
    out.maxChats = f.maxChats;
  }
  return out;
}

function checkRegional(agent: Pick<SiteAgent, 'distribution' | 'regions'>): void {
  if (agent.distribution === 'regional' && agent.regions.length === 0) throw invalid('regional distribution needs at least one region (e.g. 江苏省)');
}

/** A site the caller may change: it exists, is not deleted and belongs to the caller's organisation. */
function live(s: SiteState, orgId: string): void {
  if (!s.exists || s.deleted || s.orgId !== orgId) throw notFound('no such site');
}

function group(s: SiteState, groupId: string): SiteGroup {
  const g = s.groups[groupId];
  if (!g) throw notFound('no such group on this site');
  return g;
}

/** The list must name every current id exactly once (a stale screen reorders nothing). */
function checkPermutation(ids: readonly string[], current: readonly string[], what: string): void {
  const set = new Set(ids);
  if (set.size !== ids.length || ids.length !== current.length || !current.every((id) => set.has(id))) {
    throw conflict(`the new order must list every ${what} of this site exactly once; reload and try again`);
  }
}

const nextOrder = (items: { order: number }[]): number => items.reduce((m, i) => Math.max(m, i.order + 1), 0);

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export const site: Decider<SiteCommand, SiteEvent, SiteState> = {
  streamPrefix: 'site',
  initialState: {
    exists: false,
    deleted: false,
    orgId: '',
    siteId: '',
    name: '',
    url: '',
    language: 'zh-CN',
    timeZone: DEFAULT_TIME_ZONE,
    allowedDomains: [],
    customTitle: '',
    defaultGroupId: '',
    agents: {},
    groups: {},
  },
  decide(cmd, s) {
    switch (cmd.type) {
      case 'CreateSite': {
        if (s.exists) {
          if (s.orgId === cmd.orgId) return [];
          throw conflict('this site id is taken');
        }
        const url = cleanText(cmd.url, 'url', 500);
        const host = hostOf(url);
        const allowed = checkDomains(cmd.allowedDomains ?? []);
        return [
          {
            type: 'SiteCreated',
            data: {
              orgId: cmd.orgId,
              siteId: cmd.siteId,
              name: cleanText(cmd.name, 'site name', 100),
              url,
              language: checkLanguage(cmd.language ?? 'zh-CN'),
              timeZone: checkTimeZone(cmd.timeZone ?? DEFAULT_TIME_ZONE),
              allowedDomains: allowed.length > 0 ? allowed : [host],
              createdAt: cmd.now,
              ...(cmd.defaultGroupId ? { defaultGroup: { groupId: cmd.defaultGroupId, name: DEFAULT_GROUP_NAME } } : {}),
            },
          },
        ];
      }
      case 'ChangeSiteSettings': {
        live(s, cmd.orgId);
        const c = cmd.changes;
        const next: Partial<SiteSettings> = {};
        if (c.name !== undefined) next.name = cleanText(c.name, 'site name', 100);
        if (c.url !== undefined) {
          next.url = cleanText(c.url, 'url', 500);
          hostOf(next.url);
        }
        if (c.language !== undefined) next.language = checkLanguage(c.language);
        if (c.timeZone !== undefined) next.timeZone = checkTimeZone(c.timeZone);
        if (c.allowedDomains !== undefined) {
          next.allowedDomains = checkDomains(c.allowedDomains);
          if (next.allowedDomains.length === 0) throw invalid('the widget needs at least one allowed domain');
        }
        if (c.customTitle !== undefined) next.customTitle = checkCustomTitle(c.customTitle);
        if (Object.keys(next).length === 0) throw invalid('nothing to change: give at least one setting');
        const changes: Partial<SiteSettings> = {};
        for (const [key, value] of Object.entries(next) as [keyof SiteSettings, SiteSettings[keyof SiteSettings]][]) {
          const before = s[key];
          const same = Array.isArray(value) && Array.isArray(before) ? sameList(value, before) : value === before;
          if (!same) (changes as Record<string, unknown>)[key] = value;
        }
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'SiteSettingsChanged', data: { orgId: s.orgId, siteId: s.siteId, changes, at: cmd.now } }];
      }
      case 'DeleteSite': {
        if (s.exists && s.deleted && s.orgId === cmd.orgId) return [];
        live(s, cmd.orgId);
        return [{ type: 'SiteDeleted', data: { orgId: s.orgId, siteId: s.siteId, at: cmd.now } }];
      }
      case 'AddGroup': {
        live(s, cmd.orgId);
        const name = cleanText(cmd.name, 'group name', 32);
        const existing = s.groups[cmd.groupId];
        if (existing) {
          if (existing.name === name) return [];
          throw conflict('this group id is taken');
        }
        if (Object.keys(s.groups).length >= GROUPS_MAX) throw ruleViolated(`a site has at most ${GROUPS_MAX} groups`);
        if (Object.values(s.groups).some((g) => g.name === name)) throw conflict(`a group named "${name}" already exists on this site`);
        const order = nextOrder(Object.values(s.groups));
        return [{ type: 'GroupAdded', data: { orgId: s.orgId, siteId: s.siteId, groupId: cmd.groupId, name, order, at: cmd.now } }];
      }
      case 'RenameGroup': {
        live(s, cmd.orgId);
        const g = group(s, cmd.groupId);
        const name = cleanText(cmd.name, 'group name', 32);
        if (g.name === name) return [];
        if (Object.entries(s.groups).some(([id, other]) => id !== cmd.groupId && other.name === name)) {
          throw conflict(`a group named "${name}" already exists on this site`);
        }
        return [{ type: 'GroupRenamed', data: { orgId: s.orgId, siteId: s.siteId, groupId: cmd.groupId, name, at: cmd.now } }];
      }
      case 'ReorderGroups': {
        live(s, cmd.orgId);
        const current = groupsInOrder(s);
        checkPermutation(cmd.groupIds, current, 'group');
        if (sameList(cmd.groupIds, current)) return [];
        return [{ type: 'GroupsReordered', data: { orgId: s.orgId, siteId: s.siteId, groupIds: [...cmd.groupIds], at: cmd.now } }];
      }
      case 'DeleteGroup': {
        live(s, cmd.orgId);
        group(s, cmd.groupId);
        if (cmd.groupId === s.defaultGroupId) throw ruleViolated('the default group cannot be deleted; rename it instead');
        const ungroupedAgents = Object.entries(s.agents)
          .filter(([, a]) => a.groupId === cmd.groupId)
          .map(([id]) => id);
        return [{ type: 'GroupDeleted', data: { orgId: s.orgId, siteId: s.siteId, groupId: cmd.groupId, ungroupedAgents, at: cmd.now } }];
      }
      case 'AssignAgent': {
        live(s, cmd.orgId);
        if (cmd.userOrgId !== s.orgId) throw notFound('no such employee in this organisation');
        const { type: _t, orgId: _o, userId, userOrgId: _u, now, ...fields } = cmd;
        const given = checkAgentFields(fields, s);
        const current = s.agents[userId];
        if (current) {
          const changes = changedFields(current, given);
          checkRegional({ ...current, ...changes });
          if (Object.keys(changes).length === 0) return [];
          return [{ type: 'SiteAgentUpdated', data: { orgId: s.orgId, siteId: s.siteId, userId, changes, at: now } }];
        }
        const agent: SiteAgent = {
          nickname: given.nickname ?? '',
          jobNumber: given.jobNumber ?? '',
          email: given.email ?? '',
          phone: given.phone ?? '',
          groupId: given.groupId ?? s.defaultGroupId,
          distribution: given.distribution ?? 'auto',
          regions: given.regions ?? [],
          order: nextOrder(Object.values(s.agents)),
          maxChats: given.maxChats ?? null,
        };
        checkRegional(agent);
        return [{ type: 'AgentAssignedToSite', data: { orgId: s.orgId, siteId: s.siteId, userId, assignedAt: now, ...agent } }];
      }
      case 'UpdateAgent': {
        live(s, cmd.orgId);
        const current = s.agents[cmd.userId];
        if (!current) throw notFound('no such agent on this site');
        const given = checkAgentFields(cmd.changes, s);
        if (Object.keys(given).length === 0) throw invalid('nothing to change: give at least one field');
        const changes = changedFields(current, given);
        checkRegional({ ...current, ...changes });
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'SiteAgentUpdated', data: { orgId: s.orgId, siteId: s.siteId, userId: cmd.userId, changes, at: cmd.now } }];
      }
      case 'ReorderAgents': {
        live(s, cmd.orgId);
        const current = agentsInOrder(s);
        checkPermutation(cmd.userIds, current, 'agent');
        if (sameList(cmd.userIds, current)) return [];
        return [{ type: 'SiteAgentsReordered', data: { orgId: s.orgId, siteId: s.siteId, userIds: [...cmd.userIds], at: cmd.now } }];
      }
      case 'UnassignAgent': {
        live(s, cmd.orgId);
        // Nothing to unassign answers like an unknown id (also another organisation's person): 404, never a silent success.
        if (!s.agents[cmd.userId]) throw notFound('no such agent on this site');
        return [{ type: 'AgentUnassignedFromSite', data: { orgId: s.orgId, siteId: s.siteId, userId: cmd.userId, at: cmd.now } }];
      }
      default:
        return unreachable(cmd);
    }
  },
  evolve(s, e) {
    switch (e.type) {
      case 'SiteCreated': {
        const d = e.data;
        return {
          ...s,
          exists: true,
          orgId: d.orgId,
          siteId: d.siteId,
          name: d.name,
          url: d.url,
          language: d.language,
          timeZone: d.timeZone,
          allowedDomains: d.allowedDomains,
          defaultGroupId: d.defaultGroup?.groupId ?? '',
          groups: d.defaultGroup ? { [d.defaultGroup.groupId]: { name: d.defaultGroup.name, order: 0 } } : {},
        };
      }
      case 'SiteSettingsChanged':
        return { ...s, ...e.data.changes };
      case 'SiteDeleted':
        return { ...s, deleted: true };
      case 'GroupAdded':
        return { ...s, groups: { ...s.groups, [e.data.groupId]: { name: e.data.name, order: e.data.order } } };
      case 'GroupRenamed': {
        const g = s.groups[e.data.groupId];
        return g ? { ...s, groups: { ...s.groups, [e.data.groupId]: { ...g, name: e.data.name } } } : s;
      }
      case 'GroupsReordered': {
        const groups = { ...s.groups };
        e.data.groupIds.forEach((id, order) => {
          const g = groups[id];
          if (g) groups[id] = { ...g, order };
        });
        return { ...s, groups };
      }
      case 'GroupDeleted': {
        const groups = { ...s.groups };
        delete groups[e.data.groupId];
        const agents = { ...s.agents };
        for (const [id, a] of Object.entries(agents)) if (a.groupId === e.data.groupId) agents[id] = { ...a, groupId: '' };
        return { ...s, groups, agents };
      }
      case 'AgentAssignedToSite': {
        const d = e.data;
        const before = s.agents[d.userId];
        const agent: SiteAgent = {
          nickname: d.nickname,
          jobNumber: d.jobNumber ?? before?.jobNumber ?? '',
          email: d.email ?? before?.email ?? '',
          phone: d.phone ?? before?.phone ?? '',
          groupId: d.groupId ?? before?.groupId ?? s.defaultGroupId,
          distribution: d.distribution ?? before?.distribution ?? 'auto',
          regions: d.regions ?? before?.regions ?? [],
          order: d.order ?? before?.order ?? nextOrder(Object.values(s.agents)),
          maxChats: d.maxChats === undefined ? (before?.maxChats ?? null) : d.maxChats,
        };
        return { ...s, agents: { ...s.agents, [d.userId]: agent } };
      }
      case 'SiteAgentUpdated': {
        const a = s.agents[e.data.userId];
        return a ? { ...s, agents: { ...s.agents, [e.data.userId]: { ...a, ...e.data.changes } } } : s;
      }
      case 'SiteAgentsReordered': {
        const agents = { ...s.agents };
        e.data.userIds.forEach((id, order) => {
          const a = agents[id];
          if (a) agents[id] = { ...a, order };
        });
        return { ...s, agents };
      }
      case 'AgentUnassignedFromSite': {
        const agents = { ...s.agents };
        delete agents[e.data.userId];
        return { ...s, agents };
      }
      default:
        return unreachable(e);
    }
  },
};

function changedFields(current: SiteAgent, given: AgentFields): AgentSettingsChange {
  const changes: AgentSettingsChange = {};
  for (const [key, value] of Object.entries(given) as [keyof AgentFields, unknown][]) {
    const before = current[key];
    const same = Array.isArray(value) && Array.isArray(before) ? sameList(value as string[], before) : value === before;
    if (!same) (changes as Record<string, unknown>)[key] = value;
  }
  return changes;
}

export function groupsInOrder(s: Pick<SiteState, 'groups'>): string[] {
  return Object.entries(s.groups)
    .sort(([a, x], [b, y]) => x.order - y.order || a.localeCompare(b))
    .map(([id]) => id);
}

export function agentsInOrder(s: Pick<SiteState, 'agents'>): string[] {
  return Object.entries(s.agents)
    .sort(([a, x], [b, y]) => x.order - y.order || a.localeCompare(b))
    .map(([id]) => id);
}

/**
 * D2: the agents a visitor may be offered, in the admin's order. An agent without a group (never
 * given one, or whose group was deleted) is not offered; legacy sites without groups offer everyone.
 */
export function agentsOfferedToVisitors(s: Pick<SiteState, 'agents' | 'groups' | 'deleted'>): string[] {
  if (s.deleted) return [];
  const hasGroups = Object.keys(s.groups).length > 0;
  return agentsInOrder(s).filter((id) => {
    const a = s.agents[id];
    if (!a) return false;
    return hasGroups ? a.groupId !== '' && s.groups[a.groupId] !== undefined : true;
  });
}

/** Guard used by handlers: a site must exist, not be deleted and belong to the caller's organisation (else 404, never data). */
export function assertSiteOfOrg(s: SiteState, orgId: string): void {
  live(s, orgId);
}
