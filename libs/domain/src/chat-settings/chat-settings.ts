import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { invalid, notFound } from '../shared/domain-error';
import { cleanText } from '../shared/text';
import { CATEGORY_MAX_CHARS } from '../chat/chat';

/** Conversation settings of one site (stream `chat-settings-{siteId}`): F2 invitations, B4 typing preview, I7 ratings, chat-request limit, C6 forwarding, H3 categories. */
export interface ChatSettings {
  invitation: {
    auto: { enabled: boolean; afterSeconds: number; maxRefusals: number; waitAfterRefusalSeconds: number };
    manualMaxPerVisitor: number;
    greeting: string;
  };
  typingPreview: boolean;
  rating: { enabled: boolean; alertBelow: number; alertRecipients: string[] };
  chatRequestLimit: { max: number; windowSeconds: number } | null;
  leaveMessage: { forwardTo: string[] };
  /** H3: the categories agents choose from when they categorise a chat (B11), in the admin's order; empty = free text. */
  categories: string[];
}

/** H3: how many categories one site may define. */
export const CATEGORIES_MAX = 100;

export const DEFAULT_CHAT_SETTINGS: ChatSettings = {
  invitation: {
    auto: { enabled: false, afterSeconds: 30, maxRefusals: 3, waitAfterRefusalSeconds: 300 },
    manualMaxPerVisitor: 3,
    greeting: '您好，请问有什么可以帮您？',
  },
  typingPreview: true,
  rating: { enabled: true, alertBelow: 3, alertRecipients: [] },
  chatRequestLimit: null,
  leaveMessage: { forwardTo: [] },
  categories: [],
};

export interface ChatSettingsChanges {
  invitation?: { auto?: Partial<ChatSettings['invitation']['auto']>; manualMaxPerVisitor?: number; greeting?: string };
  typingPreview?: boolean;
  rating?: Partial<ChatSettings['rating']>;
  chatRequestLimit?: ChatSettings['chatRequestLimit'];
  leaveMessage?: { forwardTo: string[] };
  /** H3: the whole list in its new order (adding, renaming, removing and reordering all send the list). */
  categories?: string[];
}

export type ChatSettingsEvent = DomainEvent<'ChatSettingsChanged', { orgId: string; siteId: string; changes: ChatSettingsChanges; at: string }>;
export type ChatSettingsCommand = { type: 'ChangeChatSettings'; orgId: string; siteId: string; siteOrgId: string; changes: ChatSettingsChanges; now: string };
export interface ChatSettingsState {
  orgId: string;
  siteId: string;
  settings: ChatSettings;
}

const EMAIL = /^[^\s@<>()",;:]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

function wholeNumber(value: number | undefined, field: string, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(`${field} must be a whole number from ${min} to ${max}`);
}

function emails(list: string[] | undefined, field: string): string[] | undefined {
  if (list === undefined) return undefined;
  if (list.length > 20) throw invalid(`${field}: at most 20 addresses`);
  const cleaned = list.map((e) => e.trim().toLowerCase());
  const bad = cleaned.find((e) => e.length > 254 || !EMAIL.test(e));
  if (bad !== undefined) throw invalid(`${field}: "${bad.slice(0, 100)}" is not an e-mail address`);
  return [...new Set(cleaned)];
}

/** Only the fields given: an absent or undefined field keeps its current value. */
function given<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Apply changes to settings (also used by evolve and by readers folding the stream). */
export function applyChatSettings(s: ChatSettings, c: ChatSettingsChanges): ChatSettings {
  return {
    invitation: {
      auto: { ...s.invitation.auto, ...given(c.invitation?.auto) },
      manualMaxPerVisitor: c.invitation?.manualMaxPerVisitor ?? s.invitation.manualMaxPerVisitor,
      greeting: c.invitation?.greeting ?? s.invitation.greeting,
    },
    typingPreview: c.typingPreview ?? s.typingPreview,
    rating: { ...s.rating, ...given(c.rating) },
    chatRequestLimit: c.chatRequestLimit === undefined ? s.chatRequestLimit : c.chatRequestLimit,
    leaveMessage: { forwardTo: c.leaveMessage?.forwardTo ?? s.leaveMessage.forwardTo },
    // Streams written before H3 have no list: they read as the empty one.
    categories: c.categories ?? s.categories ?? [],
  };
}

function categoryList(list: string[] | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  if (list.length > CATEGORIES_MAX) throw invalid(`categories: at most ${CATEGORIES_MAX}`);
  const cleaned = list.map((name) => cleanText(name, 'category', CATEGORY_MAX_CHARS));
  const seen = new Set<string>();
  for (const name of cleaned) {
    if (seen.has(name)) throw invalid(`categories: "${name}" appears twice`);
    seen.add(name);
  }
  return cleaned;
}

function validated(c: ChatSettingsChanges): ChatSettingsChanges {
  const auto = c.invitation?.auto;
  wholeNumber(auto?.afterSeconds, 'invitation.auto.afterSeconds', 0, 86_400);
  wholeNumber(auto?.maxRefusals, 'invitation.auto.maxRefusals', 0, 100);
  wholeNumber(auto?.waitAfterRefusalSeconds, 'invitation.auto.waitAfterRefusalSeconds', 0, 86_400 * 30);
  wholeNumber(c.invitation?.manualMaxPerVisitor, 'invitation.manualMaxPerVisitor', 0, 100);
  wholeNumber(c.rating?.alertBelow, 'rating.alertBelow', 0, 5);
  if (c.chatRequestLimit) {
    wholeNumber(c.chatRequestLimit.max, 'chatRequestLimit.max', 1, 100_000);
    wholeNumber(c.chatRequestLimit.windowSeconds, 'chatRequestLimit.windowSeconds', 1, 86_400 * 30);
  }
  const greeting = c.invitation?.greeting === undefined ? undefined : cleanText(c.invitation.greeting, 'invitation.greeting', 200);
  const recipients = emails(c.rating?.alertRecipients, 'rating.alertRecipients');
  const forwardTo = emails(c.leaveMessage?.forwardTo, 'leaveMessage.forwardTo');
  const categories = categoryList(c.categories);
  return {
    ...c,
    ...(c.invitation ? { invitation: { ...c.invitation, ...(greeting !== undefined ? { greeting } : {}) } } : {}),
    ...(c.rating ? { rating: { ...c.rating, ...(recipients ? { alertRecipients: recipients } : {}) } } : {}),
    ...(forwardTo ? { leaveMessage: { forwardTo } } : {}),
    ...(categories ? { categories } : {}),
  };
}

export const chatSettings: Decider<ChatSettingsCommand, ChatSettingsEvent, ChatSettingsState> = {
  streamPrefix: 'chat-settings',
  initialState: { orgId: '', siteId: '', settings: DEFAULT_CHAT_SETTINGS },
  decide(cmd, s) {
    switch (cmd.type) {
      case 'ChangeChatSettings': {
        if (cmd.siteOrgId !== cmd.orgId) throw notFound('no such site');
        const changes = JSON.parse(JSON.stringify(validated(cmd.changes))) as ChatSettingsChanges;
        const next = applyChatSettings(s.settings, changes);
        if (JSON.stringify(next) === JSON.stringify(s.settings)) return [];
        return [{ type: 'ChatSettingsChanged', data: { orgId: cmd.orgId, siteId: cmd.siteId, changes, at: cmd.now } }];
      }
      default:
        return unreachable(cmd.type);
    }
  },
  evolve(s, e) {
    return { orgId: e.data.orgId, siteId: e.data.siteId, settings: applyChatSettings(s.settings, e.data.changes) };
  },
};
