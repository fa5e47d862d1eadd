/**
 * Issue 4 (A1–A4, D1–D4, E1, E2, G3, G4, G11): organisation, accounts, employees, sites, groups,
 * agents, seats, snippet install check and fixed links. HTTP shapes under /api; the server's DTO
 * classes have the same fields and refuse unknown ones. Mutations answer `{ position }` (plus the
 * id they created): read back with `?waitFor=<position>`.
 *
 * Roles per route (A3): `owner` may do everything; `admin` runs the customer-service side (sites,
 * groups, agents, employees except the owner role); `agent` signs in to the workspace and manages
 * its own account. Another organisation's ids always answer 404 `NOT_FOUND`, never data.
 */
import type { ErrorCode } from './errors';
import type { Language, Role, SiteAgentView, SiteView, UserView } from './views';

/** Limits both ends enforce (the server is authoritative). */
export const AdminLimits = {
  passwordMinChars: 8,
  passwordMaxChars: 200,
  nameMaxChars: 64,
  orgNameMaxChars: 100,
  websiteMaxChars: 200,
  siteNameMaxChars: 100,
  siteUrlMaxChars: 500,
  allowedDomainsMax: 50,
  /** G4: the custom title shown instead of the product's name. */
  customTitleMaxChars: 20,
  groupNameMaxChars: 32,
  groupsMax: 100,
  nicknameMaxChars: 32,
  jobNumberMaxChars: 32,
  regionsMax: 100,
  regionMaxChars: 32,
  maxChatsMax: 1000,
  seatLimitMax: 100_000,
  /** CSV import (A2): request size and rows per file. */
  csvMaxBytes: 1_048_576,
  csvMaxRows: 1000,
  fixedLinkTextMaxChars: 100,
} as const;

export interface PositionResponse {
  position: number;
}

// ---------------------------------------------------------------------------------------------
// A4 sign-in, sessions, own account
// ---------------------------------------------------------------------------------------------

/**
 * POST /api/auth/login also accepts `{ login, password }` where `login` is an e-mail address or a
 * phone number (the existing `{ email, password }` keeps working). Answers 401 UNAUTHENTICATED with
 * the same message for an unknown login, a wrong password and a deactivated account; 429
 * RATE_LIMITED with a `Retry-After` header (seconds) and `details: RateLimitedDetails` after too
 * many attempts from one IP address or for one account.
 */
export interface LoginByAnyRequest {
  /** An e-mail address or a phone number (e.g. 13800138000 or +8613800138000). */
  login: string;
  password: string;
}
export interface RateLimitedDetails {
  retryAfterSeconds: number;
}

/** POST /api/auth/password (any signed-in person, own account) -> PositionResponse. Ends every OTHER session. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** POST /api/auth/logout-everywhere (any signed-in person) -> 204. Ends every session of the account, this one included. */

/** GET /api/auth/sessions (any signed-in person) -> OwnSessionView[]: the account's live sessions. */
export interface OwnSessionView {
  /** First 12 hex characters of the session id (the SHA-256 of the token); enough to tell sessions apart. */
  sessionRef: string;
  startedAt: string;
  expiresAt: string;
  current: boolean;
}

/** Why a session ended (recorded on `SessionEnded`). */
export type SessionEndReason = 'sign_out' | 'sign_out_everywhere' | 'password_changed' | 'deactivated';

// ---------------------------------------------------------------------------------------------
// A1 organisation, D4/G11 seats
// ---------------------------------------------------------------------------------------------

export interface SeatHolderView {
  userId: string;
  name: string;
  /** When the seat was taken (the agent went from offline to online/away/busy). */
  since: string;
}
export interface SeatsView {
  /** How many agents may be online at once; null = unlimited (the default). */
  limit: number | null;
  inUse: number;
  holders: SeatHolderView[];
}

/** GET /api/organisation (owner, admin) -> OrganisationView */
export interface OrganisationView {
  orgId: string;
  name: string;
  website: string;
  ownerUserId: string;
  registeredAt: string;
  seats: SeatsView;
}

/** PATCH /api/organisation (owner) -> PositionResponse. At least one field. */
export interface UpdateOrganisationRequest {
  name?: string;
  website?: string;
}

/** PUT /api/organisation/seats (owner) -> PositionResponse. Lowering it below the seats in use signs nobody out; new agents wait. */
export interface SetSeatLimitRequest {
  /** A whole number >= 0, or null for unlimited. */
  limit: number | null;
}

/**
 * Going online beyond the seat limit (socket `agent:status` or any status change from offline)
 * answers RULE_VIOLATED with these details, so the workspace can say it clearly.
 */
export interface SeatLimitDetails {
  reason: 'SEAT_LIMIT';
  limit: number;
  inUse: number;
}

// ---------------------------------------------------------------------------------------------
// A2 employees, A3 roles
// ---------------------------------------------------------------------------------------------

export interface EmployeeView extends UserView {
  /** '' when the employee signs in by phone only. */
  email: string;
  /** '' when the employee signs in by e-mail only. Normalised: 11 digits for mainland China, else +digits. */
  phone: string;
  active: boolean;
  registeredAt: string;
  deactivatedAt?: string;
  passwordChangedAt?: string;
  /** The person who registered the organisation: keeps the owner role and cannot be deactivated. */
  isFounder: boolean;
}

/** GET /api/employees (owner, admin) -> EmployeeView[] ; GET /api/employees/:userId -> EmployeeView */

/** POST /api/employees (owner, admin; only an owner may give the owner role) -> AddEmployeeResponse. E-mail or phone (or both) required. */
export interface AddEmployeeRequest {
  email?: string;
  phone?: string;
  name: string;
  /** Initial password; the employee changes it with POST /api/auth/password. */
  password: string;
  roles: Role[];
}
export type AddEmployeeResponse = EmployeeView & { position: number };

/**
 * POST /api/employees/import (owner, admin): a CSV file, either as the raw body with
 * `Content-Type: text/csv` or as JSON `{ csv }`. At most `AdminLimits.csvMaxBytes` (413 otherwise)
 * and `csvMaxRows` rows. UTF-8, optional BOM, first line the header with these column names
 * (English or Chinese: 邮箱 手机 姓名 密码 角色); `roles` is a list separated by `;` or `|`
 * (owner/admin/agent or 超级管理员/管理员/客服), empty = agent. Each row is added or rejected on its
 * own: a bad row never stops the good ones.
 */
export interface ImportEmployeesRequest {
  csv: string;
}
export const EMPLOYEE_CSV_COLUMNS = ['email', 'phone', 'name', 'password', 'roles'] as const;
export interface ImportedRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  userId: string;
  email: string;
  phone: string;
  name: string;
  roles: Role[];
}
export interface RejectedRow {
  line: number;
  code: ErrorCode;
  /** What was wrong with the row, in plain English (the UI may translate by code and field). */
  reason: string;
  field?: string;
}
export interface ImportEmployeesReport {
  added: ImportedRow[];
  rejected: RejectedRow[];
  position: number;
}

/** PUT /api/employees/:userId/roles (owner, admin; only an owner changes the owner role; nobody changes their own roles) -> PositionResponse */
/** POST /api/employees/:userId/password (A2): an owner or admin sets a new password; the person's sessions end. */
export interface ResetPasswordRequest {
  password: string;
}

export interface SetRolesRequest {
  roles: Role[];
}

/** PUT /api/employees/:userId/name (A2; owner, admin; only an owner renames another owner) -> PositionResponse */
export interface RenameEmployeeRequest {
  name: string;
}

/** POST /api/employees/:userId/deactivate | /reactivate (owner, admin) -> PositionResponse. Deactivation ends every session of that person. */

// ---------------------------------------------------------------------------------------------
// D1 sites (+ G3 language, G4 custom title, E1 install check)
// ---------------------------------------------------------------------------------------------

export type Distribution = 'auto' | 'regional';

export interface SiteGroupView {
  groupId: string;
  /** The default group's stored name is 默认分组: UIs show a translation when `isDefault`. */
  name: string;
  order: number;
  isDefault: boolean;
  agentCount: number;
}

export interface SiteAgentDetailView extends SiteAgentView {
  jobNumber: string;
  email: string;
  phone: string;
  /** '' = no group: not offered to visitors (D2). */
  groupId: string;
  distribution: Distribution;
  /** Province/city names as ip2region gives them (江苏省, 南京市); used when distribution is regional. */
  regions: string[];
  order: number;
  /** Concurrent chats this agent may hold; null = no cap. */
  maxChats: number | null;
  /** E2/D3: the agent's own fixed link (opens the widget targeting this agent). */
  link: string;
}

export interface InstallCheckView {
  /** When the snippet was last seen running on a page (recorded at most once per page per hour). */
  lastSeenAt?: string;
  lastSeenPage?: string;
}

/**
 * Every site endpoint answers this superset of SiteView. GET /api/sites lists live sites;
 * `?deleted=include` (owner, admin) also lists deleted ones (with `deletedAt`).
 */
export interface SiteDetailView extends SiteView {
  agents: SiteAgentDetailView[];
  groups: SiteGroupView[];
  /** G4: '' = show the product's name. */
  customTitle: string;
  install: InstallCheckView;
  deletedAt?: string;
}

/** PATCH /api/sites/:siteId (owner, admin) -> PositionResponse. At least one field; each change is a `SiteSettingsChanged` event. */
export interface UpdateSiteRequest {
  name?: string;
  url?: string;
  language?: Language;
  timeZone?: string;
  /** Host names the widget may run on (sub-domains included); at least one. */
  allowedDomains?: string[];
  /** At most 20 characters; '' = the product's name. */
  customTitle?: string;
}

/** DELETE /api/sites/:siteId (owner, admin) -> PositionResponse. Soft: history stays readable; the widget refuses the site. */

// ---------------------------------------------------------------------------------------------
// D2 groups
// ---------------------------------------------------------------------------------------------

/** POST /api/sites/:siteId/groups (owner, admin) -> AddGroupResponse */
export interface AddGroupRequest {
  name: string;
}
export interface AddGroupResponse {
  groupId: string;
  position: number;
}
/** PATCH /api/sites/:siteId/groups/:groupId (owner, admin) -> PositionResponse */
export interface RenameGroupRequest {
  name: string;
}
/** PUT /api/sites/:siteId/groups/order (owner, admin) -> PositionResponse. Every group id of the site, once, in the new order. */
export interface ReorderGroupsRequest {
  groupIds: string[];
}
/** DELETE /api/sites/:siteId/groups/:groupId (owner, admin) -> PositionResponse. Its agents are left without a group; the default group cannot be deleted. */

// ---------------------------------------------------------------------------------------------
// D3 agents of a site
// ---------------------------------------------------------------------------------------------

/**
 * POST /api/sites/:siteId/agents (owner, admin) -> PositionResponse. Extends AssignAgentRequest
 * (userId, nickname) with optional fields; without `groupId` the agent joins the default group.
 */
export interface AssignAgentDetailsRequest {
  userId: string;
  nickname: string;
  jobNumber?: string;
  email?: string;
  phone?: string;
  /** '' = no group (not offered to visitors). */
  groupId?: string;
  distribution?: Distribution;
  regions?: string[];
  maxChats?: number | null;
}
/** PATCH /api/sites/:siteId/agents/:userId (owner, admin) -> PositionResponse. At least one field. */
export interface UpdateSiteAgentRequest {
  nickname?: string;
  jobNumber?: string;
  email?: string;
  phone?: string;
  groupId?: string;
  distribution?: Distribution;
  regions?: string[];
  maxChats?: number | null;
}
/** PUT /api/sites/:siteId/agents/order (owner, admin) -> PositionResponse. Every agent's userId, once, in the new order. */
export interface ReorderAgentsRequest {
  userIds: string[];
}
/** DELETE /api/sites/:siteId/agents/:userId (owner, admin) -> PositionResponse: unassign. */

// ---------------------------------------------------------------------------------------------
// E2 fixed links
// ---------------------------------------------------------------------------------------------

/**
 * Who a fixed link opens a chat with. In the URL it is the `target` query parameter of the widget
 * page: `auto`, `agent:<userId>`, `group:<groupId>` or `robot`, e.g.
 * `https://HOST/widget/?site=<siteId>&target=agent:<userId>`.
 */
export type FixedLinkTarget = { kind: 'auto' } | { kind: 'agent'; agentId: string } | { kind: 'group'; groupId: string } | { kind: 'robot' };

export function formatFixedLinkTarget(target: FixedLinkTarget): string {
  switch (target.kind) {
    case 'agent':
      return `agent:${target.agentId}`;
    case 'group':
      return `group:${target.groupId}`;
    default:
      return target.kind;
  }
}

const TARGET_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The target of a `target` query value; undefined when it is not one (the widget then routes automatically). */
export function parseFixedLinkTarget(value: string | null | undefined): FixedLinkTarget | undefined {
  if (!value || value === 'auto') return value === 'auto' ? { kind: 'auto' } : undefined;
  if (value === 'robot') return { kind: 'robot' };
  const [kind, id] = value.split(':', 2);
  if (!id || !TARGET_ID.test(id)) return undefined;
  if (kind === 'agent') return { kind: 'agent', agentId: id.toLowerCase() };
  if (kind === 'group') return { kind: 'group', groupId: id.toLowerCase() };
  return undefined;
}

/** The widget page URL a fixed link opens (origin without a trailing slash). */
export function fixedLinkUrl(origin: string, siteId: string, target: FixedLinkTarget): string {
  const q = new URLSearchParams({ site: siteId, target: formatFixedLinkTarget(target) });
  return `${origin}/widget/?${q.toString().replace(/%3A/g, ':')}`;
}

/** POST /api/sites/:siteId/fixed-links (owner, admin) -> FixedLinkView. Appends nothing; the target must belong to the site. */
export interface FixedLinkRequest {
  target: FixedLinkTarget;
  style: 'text' | 'image';
  /** Text of a text link (default: the custom title or 在线咨询), alt text of an image link. */
  text?: string;
  /** Image of an image link (required for `style: 'image'`): an absolute http(s) URL. */
  imageUrl?: string;
}
export interface FixedLinkView {
  url: string;
  /** Copyable HTML: an `<a target="_blank">` around the text or the image; every value escaped. */
  html: string;
}
