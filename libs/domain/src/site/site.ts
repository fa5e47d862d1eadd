import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/domain-error';
import { cleanText } from '../shared/text';

export type Language = 'zh-CN' | 'zh-TW' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'zh-TW', 'en'];
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A site of an organisation (stream `site-{siteId}`): its settings and its agents. */
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
      }
    >
  | DomainEvent<'AgentAssignedToSite', { orgId: string; siteId: string; userId: string; nickname: string; assignedAt: string }>;

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
      now: string;
    }
  | {
      type: 'AssignAgent';
      orgId: string;
      userId: string;
      /** Organisation of the person being assigned, read from their account stream. */
      userOrgId: string;
      nickname: string;
      now: string;
    };

export interface SiteState {
  exists: boolean;
  orgId: string;
  siteId: string;
  agents: Record<string, { nickname: string }>;
}

const HOST = /^(?=.{1,253}$)(localhost|(\d{1,3}\.){3}\d{1,3}|([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(:\d{1,5})?$/;

/** The host name of an http(s) URL, lower-cased; throws INVALID otherwise. */
export function hostOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('url must be an absolute http(s) URL, e.g. https://www.example.com');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid('url must start with http:// or https://');
  return parsed.hostname.toLowerCase();
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

export const site: Decider<SiteCommand, SiteEvent, SiteState> = {
  streamPrefix: 'site',
  initialState: { exists: false, orgId: '', siteId: '', agents: {} },
  decide(cmd, s) {
    switch (cmd.type) {
      case 'CreateSite': {
        if (s.exists) {
          if (s.orgId === cmd.orgId) return [];
          throw conflict('this site id is taken');
        }
        const url = cleanText(cmd.url, 'url', 500);
        const host = hostOf(url);
        const allowed = [...new Set((cmd.allowedDomains ?? []).map(normaliseDomain))];
        const timeZone = cmd.timeZone ?? DEFAULT_TIME_ZONE;
        if (!isValidTimeZone(timeZone)) throw invalid(`unknown time zone "${timeZone.slice(0, 64)}" (example: Asia/Shanghai)`);
        const language = cmd.language ?? 'zh-CN';
        if (!LANGUAGES.includes(language)) throw invalid(`language must be one of ${LANGUAGES.join(', ')}`);
        return [
          {
            type: 'SiteCreated',
            data: {
              orgId: cmd.orgId,
              siteId: cmd.siteId,
              name: cleanText(cmd.name, 'site name', 100),
              url,
              language,
              timeZone,
              allowedDomains: allowed.length > 0 ? allowed : [host],
              createdAt: cmd.now,
            },
          },
        ];
      }
      case 'AssignAgent': {
        if (!s.exists || s.orgId !== cmd.orgId) throw notFound('no such site');
        if (cmd.userOrgId !== s.orgId) throw notFound('no such employee in this organisation');
        const nickname = cleanText(cmd.nickname, 'nickname', 32);
        if (s.agents[cmd.userId]?.nickname === nickname) return [];
        return [{ type: 'AgentAssignedToSite', data: { orgId: s.orgId, siteId: s.siteId, userId: cmd.userId, nickname, assignedAt: cmd.now } }];
      }
      default:
        return unreachable(cmd);
    }
  },
  evolve(s, e) {
    switch (e.type) {
      case 'SiteCreated':
        return { ...s, exists: true, orgId: e.data.orgId, siteId: e.data.siteId };
      case 'AgentAssignedToSite':
        return { ...s, agents: { ...s.agents, [e.data.userId]: { nickname: e.data.nickname } } };
      default:
        return unreachable(e);
    }
  },
};

/** Guard used by handlers: a site must exist and belong to the caller's organisation (else 404, never data). */
export function assertSiteOfOrg(s: SiteState, orgId: string): void {
  if (!s.exists || s.orgId !== orgId) throw notFound('no such site');
}
