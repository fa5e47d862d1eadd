/**
 * HTTP API shapes (all under /api). Bodies are validated on the server by DTO classes with
 * the same fields; unknown fields are refused. Auth: `Authorization: Bearer <token>`.
 * Any GET that reads a read model accepts `?waitFor=<position>` (read-your-writes).
 */
import type { CannedResponseView } from './conversation';
import type { Language, SessionView, SiteView, UserView } from './views';

/** POST /api/orgs — register an organisation; the registrant becomes its owner (A1). */
export interface RegisterOrgRequest {
  orgName: string;
  website: string;
  email: string;
  password: string;
  name?: string;
}
export type RegisterOrgResponse = SessionView & { orgId: string; position: number };

/** POST /api/auth/login */
export interface LoginRequest {
  email: string;
  password: string;
}
export type LoginResponse = SessionView;
/** POST /api/auth/logout (204). GET /api/auth/me -> UserView */
export type MeResponse = UserView;

/** GET /api/auth/canned-responses, PUT with the whole list (B5: one's own canned responses; checked as a site's, H1). */
export interface OwnCannedResponses {
  cannedResponses: CannedResponseView[];
}

/** POST /api/sites (D1) -> SiteView & { position } ; GET /api/sites -> SiteView[] ; GET /api/sites/:siteId -> SiteView */
export interface CreateSiteRequest {
  name: string;
  url: string;
  language?: Language;
  timeZone?: string;
  /** Host names the widget may run on; empty = the host of `url` only. */
  allowedDomains?: string[];
}
export type CreateSiteResponse = SiteView & { position: number };

/** POST /api/sites/:siteId/agents (D3) -> { position } */
export interface AssignAgentRequest {
  userId: string;
  nickname: string;
}

/** GET /api/sites/:siteId/chats -> ChatSummaryView[] (newest first); GET /api/sites/:siteId/chats/:chatId -> ChatRecordView */

/** POST /api/visitor/session: the widget asks for a visitor token scoped to one site. */
export interface VisitorSessionRequest {
  siteId: string;
  /** The id kept in the visitor's browser for this site, if any. */
  visitorId?: string;
  /** URL of the host page (its host must be one of the site's allowed domains). */
  pageUrl: string;
}
export interface VisitorSessionResponse {
  token: string;
  visitorId: string;
  returning: boolean;
  /** customTitle (G4): shown instead of the product's name; '' = the product's name. */
  site: { siteId: string; name: string; language: Language; customTitle?: string };
}

/** Where each app and the snippet's loader are served. */
export const Paths = {
  api: '/api',
  admin: '/admin/',
  agent: '/agent/',
  widget: '/widget/',
  loader: '/loader.js',
  demo: '/demo',
} as const;
