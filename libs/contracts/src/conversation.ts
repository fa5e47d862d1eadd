/**
 * The live conversation engine (issue 5): shapes of visits, invitations, routing targets, chats,
 * transfers, typing preview, leave-messages, ratings and per-site chat settings, as the visitor
 * widget, the agent workspace and the admin console see them. Socket events using them are typed in
 * sockets.ts; HTTP routes are documented here next to their bodies.
 */
import type { DeviceView, RegionView, SourceView } from './reports';

// ---- chats ----

/** Who a chat request is for: automatic routing, a group, or one agent (a fixed link C7, an invitation F2). */
export type ChatTarget = { kind: 'auto' } | { kind: 'group'; groupId: string } | { kind: 'agent'; agentId: string };

/**
 * A message's text cut into safe parts, so UIs show links without innerHTML: a `link` part's `href`
 * is always http:, https: or mailto: (a `javascript:` link never becomes a link, it stays text).
 */
export type MessagePart = { text: string } | { link: string; text: string };

/** An image or file sent in a chat, by reference (uploads are another issue). */
export interface AttachmentView {
  kind: 'image' | 'file';
  /** An http(s) URL or an upload id. */
  ref: string;
  name: string;
  size?: number;
  mime?: string;
}

/** Why a routing decision chose its agent (the routing trace, D3/D4/G10). */
export type RoutingChoiceReason = 'only_eligible' | 'least_loaded' | 'longest_idle' | 'regional' | 'invited' | 'direct' | 'target_agent' | 'transferred';

export interface TransferView {
  from: { id: string; name: string };
  to: { id: string; name: string };
  toGroupId?: string;
  reason: string;
}

export interface RatingValue {
  score: number;
  suggestion: string;
}

// ---- visits (B1, B3) ----

export interface PageTrailItem {
  url: string;
  title: string;
  at: string;
}

export type LiveVisitChatState = 'browsing' | 'invited' | 'queued' | 'chatting' | 'chatted' | 'left_message';

/** One visit as the agent workspace shows it live: who, where from, the page trail, the chat state. */
export interface LiveVisitView {
  visitId: string;
  visitorId: string;
  orgId: string;
  siteId: string;
  /** The site's name as its events set it (renames included), for an agent serving several sites. */
  siteName: string;
  visitorName: string;
  kind: 'new' | 'returning';
  startedAt: string;
  lastSeenAt: string;
  endedAt?: string;
  /** False once VisitEnded (inactivity or tab closed). */
  online: boolean;
  currentPage: { url: string; title: string; since: string };
  /** Every page of the visit with its time, oldest first (at most the last 100). */
  trail: PageTrailItem[];
  pages: number;
  referrer: string;
  region: RegionView;
  source: SourceView;
  device: DeviceView;
  chatState: LiveVisitChatState;
  chatId?: string;
  agentId?: string;
  /** The open invitation shown on the visitor's page, if any. */
  invitation?: { invitationId: string; by: { kind: 'rule'; rule: string } | { kind: 'agent'; agentId: string } };
  invitationsSent: number;
  invitationsDeclined: number;
}

// ---- invitations (F2, C3, B2) ----

/** What the visitor's page shows when invited (C3). */
export interface InvitationView {
  invitationId: string;
  siteId: string;
  visitId: string;
  /** The inviting agent (manual invitation), absent for a rule's invitation. */
  agent?: { id: string; name: string };
  greeting: string;
  at: string;
}

export interface InvitationOutcomeView {
  invitationId: string;
  visitId: string;
  visitorId: string;
  status: 'accepted' | 'declined';
  chatId?: string;
  at: string;
}

// ---- chat settings per site (F2, B4, I7, rate limit, C6): GET/PUT /api/sites/:siteId/chat-settings ----

/** Where a window opens on the visitor's page. */
export type WindowPosition = 'center' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
export const WINDOW_POSITIONS: readonly WindowPosition[] = ['center', 'top-left', 'top-right', 'bottom-left', 'bottom-right'];
/** C3: colour themes of the invitation window. */
export type WindowTheme = 'blue' | 'green' | 'orange' | 'red' | 'purple' | 'gray';
export const WINDOW_THEMES: readonly WindowTheme[] = ['blue', 'green', 'orange', 'red', 'purple', 'gray'];
/** An invitation button: its words ('' = the widget's own, in the visitor's language); width or height 0 hides it; a picture (http/https, '' none) drawn as the button. */
export interface WindowButtonView {
  text: string;
  width: number;
  height: number;
  imageUrl: string;
}
/** C3 invitation window (manual 3.4.2, 3.5.7) and C5 direct chat window (manual 3.5.6). */
export interface WindowSettingsView {
  invitation: {
    position: WindowPosition;
    /** true: stays in view while the page scrolls; false: scrolls away with the page. */
    floating: boolean;
    theme: WindowTheme;
    /** Custom background picture (http/https), '' for none. */
    imageUrl: string;
    showTitle: boolean;
    showGreeting: boolean;
    accept: WindowButtonView;
    decline: WindowButtonView;
  };
  /** The chat window an agent opens on the visitor's page. */
  directChat: { width: number; height: number; position: WindowPosition };
}
/** PUT: any subset, nested objects partial too. */
export interface ChangeWindowSettingsRequest {
  invitation?: Partial<Omit<WindowSettingsView['invitation'], 'accept' | 'decline'>> & {
    accept?: Partial<WindowButtonView>;
    decline?: Partial<WindowButtonView>;
  };
  directChat?: Partial<WindowSettingsView['directChat']>;
}

export interface ChatSettingsView {
  siteId: string;
  invitation: {
    /** F2 automatic rule: invite after `afterSeconds` on the site; never again after `maxRefusals`; wait `waitAfterRefusalSeconds` after a refusal. */
    auto: { enabled: boolean; afterSeconds: number; maxRefusals: number; waitAfterRefusalSeconds: number };
    /** F2 manual cap: one agent invites one visitor at most this many times. */
    manualMaxPerVisitor: number;
    greeting: string;
  };
  /** B4: agents see the visitor's draft; the widget tells the visitor so. */
  typingPreview: boolean;
  /** I7: rating on/off; alert `alertRecipients` (e-mail addresses) when a score is below `alertBelow` (0 = never). */
  rating: { enabled: boolean; alertBelow: number; alertRecipients: string[] };
  /** Chat requests per visitor IP on this site; null = the server default (CHAT_REQUEST_LIMIT per CHAT_REQUEST_WINDOW_SECONDS). */
  chatRequestLimit: { max: number; windowSeconds: number } | null;
  /** C6: leave-messages are also forwarded to these e-mail addresses. */
  leaveMessage: { forwardTo: string[] };
  /** H3: categories agents choose from (B11), in order; empty = agents type a category freely. */
  categories: string[];
  /** C3, C5: the invitation and direct chat windows. */
  windows: WindowSettingsView;
  /** H1: replies every agent of the site can use (B5), in order. */
  cannedResponses: CannedResponseView[];
}

/** H1/B5: a canned response; `shortcut` ('' or one word) is what an agent types after `/` to find it. */
export interface CannedResponseView {
  shortcut: string;
  text: string;
}
/** PUT body: any subset; nested objects may be partial too. Answers ChatSettingsView & { position }. */
export interface ChangeChatSettingsRequest {
  invitation?: { auto?: Partial<ChatSettingsView['invitation']['auto']>; manualMaxPerVisitor?: number; greeting?: string };
  typingPreview?: boolean;
  rating?: Partial<ChatSettingsView['rating']>;
  chatRequestLimit?: { max: number; windowSeconds: number } | null;
  leaveMessage?: { forwardTo: string[] };
  /** H3: the whole list in its new order (at most 100 names of at most Limits.categoryMaxChars characters, no duplicates). */
  categories?: string[];
  windows?: ChangeWindowSettingsRequest;
  /** H1: the whole list in its new order (at most Limits.cannedMax; shortcuts unique, without spaces). */
  cannedResponses?: CannedResponseView[];
}

/** What the widget needs to know at start (answer of `widget:settings`). */
export interface WidgetSettingsView {
  siteId: string;
  /** Drafts are visible to agents: the widget says so (B4). */
  typingPreview: boolean;
  ratingEnabled: boolean;
  greeting: string;
  /** Someone can take a chat now; false = show the leave-message form (C6). */
  agentsAvailable: boolean;
  /** C3, C5: how the invitation and direct chat windows look and where they open. */
  windows: WindowSettingsView;
}

// ---- leave-messages (C6, I6) ----

/** POST /api/sites/:siteId/leave-messages/:leaveMessageId/handled -> { position } */
/** POST /api/sites/:siteId/leave-messages/:leaveMessageId/reply -> { position } */
export interface ReplyLeaveMessageRequest {
  channel: 'email' | 'sms';
  /** E-mail subject (e-mail only; default "Re: your message"). */
  subject?: string;
  content: string;
}

/** Leave-message limits both ends enforce. */
export const LeaveMessageLimits = {
  nameMaxChars: 64,
  phoneMaxChars: 32,
  emailMaxChars: 254,
  contentMaxChars: 2000,
} as const;

// ---- transfer targets (B8) ----

export interface TransferTargetsView {
  agents: { id: string; name: string; status: 'online' | 'away' | 'busy' | 'offline'; load: number; cap: number | null; groupId: string }[];
  groups: { id: string; name: string }[];
}

// ---- the team on the workspace home (B1, B10, D3, I4): GET /api/workspace/team; `team:changed` on /agent ----

/** One agent of a site as colleagues see them: status, and chats now on this site against the site's cap for them. */
export interface WorkspaceTeamMemberView {
  agentId: string;
  /** The nickname visitors of this site see. */
  name: string;
  status: 'online' | 'away' | 'busy' | 'offline';
  statusSince: string;
  /** Open chats this agent serves on this site. */
  chatsNow: number;
  /** The site's cap of concurrent chats for this agent; null = none. */
  cap: number | null;
}

/** One site the agent serves: every agent of it (in the site's order) and how many chats wait in its queue. */
export interface WorkspaceTeamSiteView {
  siteId: string;
  siteName: string;
  queueLength: number;
  agents: WorkspaceTeamMemberView[];
}

/**
 * The sites the caller serves, oldest first. A `team:changed` push carries one site as it is now; a site
 * whose `agents` no longer include the receiving agent (unassigned, site deleted) leaves their view.
 */
export interface WorkspaceTeamView {
  sites: WorkspaceTeamSiteView[];
}
