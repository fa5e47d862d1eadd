import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { invalid, notFound } from '../shared/domain-error';
import { cleanText, httpUrl } from '../shared/text';
import { CATEGORY_MAX_CHARS } from '../chat/chat';

/** Where a window opens on the visitor's page. */
export const WINDOW_POSITIONS = ['center', 'top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export type WindowPosition = (typeof WINDOW_POSITIONS)[number];
/** C3: the invitation window's colour themes. */
export const WINDOW_THEMES = ['blue', 'green', 'orange', 'red', 'purple', 'gray'] as const;
export type WindowTheme = (typeof WINDOW_THEMES)[number];

/** A button of the invitation window: its words ('' = the widget's own, in the visitor's language), size and picture; a width or height of 0 hides it (manual 3.5.7). */
export interface WindowButton {
  text: string;
  width: number;
  height: number;
  /** A picture drawn as the button (http/https), '' for a plain button; the words stay its accessible name. */
  imageUrl: string;
}

/** C3 (manual 3.4.2, 3.5.7) and C5 (manual 3.5.6): how the invitation window and the direct chat window look and where they open. */
export interface WindowSettings {
  invitation: {
    position: WindowPosition;
    /** true: stays in view while the page scrolls; false: stays where it opened and scrolls away with the page. */
    floating: boolean;
    theme: WindowTheme;
    /** A custom background picture (http/https), '' for none. */
    imageUrl: string;
    showTitle: boolean;
    showGreeting: boolean;
    accept: WindowButton;
    decline: WindowButton;
  };
  /** The chat window an agent opens on the visitor's page (B2 "Chat"). */
  directChat: { width: number; height: number; position: WindowPosition };
}

export const WINDOW_LIMITS = {
  buttonText: 20,
  buttonWidth: { min: 40, max: 400 },
  buttonHeight: { min: 20, max: 120 },
  chatWidth: { min: 300, max: 900 },
  chatHeight: { min: 360, max: 900 },
  imageUrl: 500,
} as const;

/** H1: a reply every agent of the site can drop into a chat (B5), picked from a list or by typing `/` and its shortcut. */
export interface CannedResponse {
  /** '' or a word without spaces, unique in the site's list. */
  shortcut: string;
  text: string;
}

export const CANNED_LIMITS = { max: 200, shortcut: 20, text: 1000 } as const;

/** Conversation settings of one site (stream `chat-settings-{siteId}`): F2 invitations, B4 typing preview, I7 ratings, chat-request limit, C6 forwarding, H3 categories, C3/C5 windows, H1 canned responses. */
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
  windows: WindowSettings;
  /** H1: the site's canned responses, in the admin's order. */
  cannedResponses: CannedResponse[];
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
  cannedResponses: [],
  windows: {
    invitation: {
      // The manual's default: in the middle of the page, floating.
      position: 'center',
      floating: true,
      theme: 'blue',
      imageUrl: '',
      showTitle: true,
      showGreeting: true,
      accept: { text: '', width: 120, height: 36, imageUrl: '' },
      decline: { text: '', width: 120, height: 36, imageUrl: '' },
    },
    directChat: { width: 380, height: 560, position: 'bottom-right' },
  },
};

/** Window changes: any subset, nested objects partial too. */
export interface WindowSettingsChanges {
  invitation?: Partial<Omit<WindowSettings['invitation'], 'accept' | 'decline'>> & { accept?: Partial<WindowButton>; decline?: Partial<WindowButton> };
  directChat?: Partial<WindowSettings['directChat']>;
}

export interface ChatSettingsChanges {
  invitation?: { auto?: Partial<ChatSettings['invitation']['auto']>; manualMaxPerVisitor?: number; greeting?: string };
  typingPreview?: boolean;
  rating?: Partial<ChatSettings['rating']>;
  chatRequestLimit?: ChatSettings['chatRequestLimit'];
  leaveMessage?: { forwardTo: string[] };
  /** H3: the whole list in its new order (adding, renaming, removing and reordering all send the list). */
  categories?: string[];
  windows?: WindowSettingsChanges;
  /** H1: the whole list in its new order (adding, editing, removing and reordering all send the list). */
  cannedResponses?: CannedResponse[];
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
    windows: applyWindows(s.windows ?? DEFAULT_CHAT_SETTINGS.windows, c.windows),
    // Streams written before H1 have no list: they read as the empty one.
    cannedResponses: c.cannedResponses ?? s.cannedResponses ?? [],
  };
}

/** A list of canned responses as stored (a site's, H1, or a person's own, B5): trimmed, checked, shortcuts unique. */
export function checkCannedResponses(list: readonly CannedResponse[]): CannedResponse[] {
  if (list.length > CANNED_LIMITS.max) throw invalid(`cannedResponses: at most ${CANNED_LIMITS.max}`);
  const seen = new Set<string>();
  return list.map((item, i) => {
    const text = cleanText(item.text, `cannedResponses[${i}].text`, CANNED_LIMITS.text);
    const shortcut = cleanText(item.shortcut, `cannedResponses[${i}].shortcut`, CANNED_LIMITS.shortcut, { allowEmpty: true }).replace(/^\/+/, '');
    if (/\s/.test(shortcut)) throw invalid(`cannedResponses[${i}].shortcut: no spaces ("${shortcut.slice(0, 20)}")`);
    const key = shortcut.toLowerCase();
    if (shortcut && seen.has(key)) throw invalid(`cannedResponses: the shortcut "${shortcut}" appears twice`);
    seen.add(key);
    return { shortcut, text };
  });
}

function applyWindows(w: WindowSettings, c: WindowSettingsChanges | undefined): WindowSettings {
  if (!c) return w;
  const { accept, decline, ...invitation } = c.invitation ?? {};
  return {
    invitation: {
      ...w.invitation,
      ...given(invitation),
      accept: { ...w.invitation.accept, ...given(accept) },
      decline: { ...w.invitation.decline, ...given(decline) },
    },
    directChat: { ...w.directChat, ...given(c.directChat) },
  };
}

function oneOf<T extends string>(value: T | undefined, allowed: readonly T[], field: string): void {
  if (value !== undefined && !allowed.includes(value)) throw invalid(`${field} must be one of ${allowed.join(', ')}`);
}

/** 0 (hidden) or a size within the limits. */
function buttonSize(value: number | undefined, field: string, limits: { min: number; max: number }): void {
  if (value === undefined || value === 0) return;
  if (!Number.isInteger(value) || value < limits.min || value > limits.max) {
    throw invalid(`${field} must be 0 (hidden) or a whole number from ${limits.min} to ${limits.max}`);
  }
}

function pictureUrl(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const url = value.trim();
  if (url === '') return '';
  if (url.length > WINDOW_LIMITS.imageUrl) throw invalid(`${field} must be an http or https address of at most ${WINDOW_LIMITS.imageUrl} characters`);
  return httpUrl(url, field).href;
}

function validatedWindows(c: WindowSettingsChanges | undefined): WindowSettingsChanges | undefined {
  if (!c) return undefined;
  const inv = c.invitation;
  oneOf(inv?.position, WINDOW_POSITIONS, 'windows.invitation.position');
  oneOf(inv?.theme, WINDOW_THEMES, 'windows.invitation.theme');
  oneOf(c.directChat?.position, WINDOW_POSITIONS, 'windows.directChat.position');
  wholeNumber(c.directChat?.width, 'windows.directChat.width', WINDOW_LIMITS.chatWidth.min, WINDOW_LIMITS.chatWidth.max);
  wholeNumber(c.directChat?.height, 'windows.directChat.height', WINDOW_LIMITS.chatHeight.min, WINDOW_LIMITS.chatHeight.max);
  const buttons: Partial<Record<'accept' | 'decline', Partial<WindowButton>>> = {};
  for (const name of ['accept', 'decline'] as const) {
    const b = inv?.[name];
    if (!b) continue;
    buttonSize(b.width, `windows.invitation.${name}.width`, WINDOW_LIMITS.buttonWidth);
    buttonSize(b.height, `windows.invitation.${name}.height`, WINDOW_LIMITS.buttonHeight);
    // '' is allowed: the widget's own words, in the visitor's language.
    const text = b.text === undefined ? undefined : cleanText(b.text, `windows.invitation.${name}.text`, WINDOW_LIMITS.buttonText, { allowEmpty: true });
    const imageUrl = pictureUrl(b.imageUrl, `windows.invitation.${name}.imageUrl`);
    buttons[name] = { ...b, ...(text !== undefined ? { text } : {}), ...(imageUrl !== undefined ? { imageUrl } : {}) };
  }
  const imageUrl = pictureUrl(inv?.imageUrl, 'windows.invitation.imageUrl');
  return {
    ...c,
    ...(inv ? { invitation: { ...inv, ...buttons, ...(imageUrl !== undefined ? { imageUrl } : {}) } } : {}),
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
  const windows = validatedWindows(c.windows);
  const cannedResponses = c.cannedResponses === undefined ? undefined : checkCannedResponses(c.cannedResponses);
  return {
    ...c,
    ...(c.invitation ? { invitation: { ...c.invitation, ...(greeting !== undefined ? { greeting } : {}) } } : {}),
    ...(c.rating ? { rating: { ...c.rating, ...(recipients ? { alertRecipients: recipients } : {}) } } : {}),
    ...(forwardTo ? { leaveMessage: { forwardTo } } : {}),
    ...(categories ? { categories } : {}),
    ...(windows ? { windows } : {}),
    ...(cannedResponses ? { cannedResponses } : {}),
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
