import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import {
  type AttachmentView,
  type ChatEventView,
  type ChatRequest,
  type ChatRequestResult,
  type ChatSummaryView,
  type InvitationOutcomeView,
  type InvitationView,
  type LeaveMessageRequest,
  Limits,
  Namespace,
  type ServerToVisitor,
  type TypingView,
  type VisitorSessionRequest,
  type VisitorSessionResponse,
  type VisitorToServer,
  type VisitorTypingRequest,
  type WidgetSettingsView,
} from '@kefu/contracts';
import {
  type AckDataOf,
  type AckOutcome,
  ApiClient,
  BROWSER_STORAGE,
  MessageOutbox,
  type OutgoingMessage,
  type RequestOf,
  SOCKET_CONNECTOR,
  Throttle,
  type UiError,
  isAuthRefusal,
  isClosedEvent,
  lastPosition,
  mergeEvents,
  request,
  toUiError,
} from '@kefu/ui';
import type { Socket } from 'socket.io-client';
import { HOST_PAGE } from './host-page';
import { continueVisit, storageKeys, touchVisit } from './visit';

/**
 * idle: no chat. requesting: chat:request sent, no answer yet. queued / active: a chat is open.
 * leave_message: no agent online. ended: the chat was closed (its transcript stays visible).
 */
export type ChatPhase = 'idle' | 'requesting' | 'queued' | 'active' | 'leave_message' | 'ended';
export type WidgetState = 'starting' | 'ready' | 'unavailable';

/** The visitor's leave-message form (C6), kept here so reopening the window does not lose it. */
export interface LeaveMessageForm {
  name: string;
  phone: string;
  email: string;
  content: string;
}
export type LeaveMessageState = 'editing' | 'sending' | 'sent';
export type RatingState = 'hidden' | 'open' | 'sending' | 'done';

const RETRY_MS = 3000;
/** Drafts go to the agent at most this often (the server drops anything faster than Limits.typingIntervalMs). */
export const DRAFT_INTERVAL_MS = 500;
/** The agent's "typing" fades when nothing confirms it for this long. */
export const AGENT_TYPING_STALE_MS = 6000;
const EMPTY_FORM: LeaveMessageForm = { name: '', phone: '', email: '', content: '' };

/** The visitor's side of a chat over the `/visitor` socket, surviving reloads and navigation (C8). */
@Injectable()
export class VisitorChat {
  private readonly api = inject(ApiClient);
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly connector = inject(SOCKET_CONNECTOR);
  private readonly transloco = inject(TranslocoService);
  private readonly page = inject(HOST_PAGE);

  private socket: Socket<ServerToVisitor, VisitorToServer> | null = null;
  private token: Promise<string> | null = null;
  private visitorId: string | null = null;
  private visitId = '';
  private pageReported = false;
  private reportingPage = false;
  private markPageReported!: () => void;
  /** Resolves once the server has this page view: a chat request waits for it (the chat records the page). */
  private readonly pageReady = new Promise<void>((resolve) => (this.markPageReported = resolve));
  /** Position up to which we hold every event of the chat (see AgentDesk for the same rule). */
  private lastSeen: number | undefined;
  private synced = false;
  private liveMax: number | undefined;
  private stopped = false;
  private requesting = false;
  private authRetries = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  readonly state = signal<WidgetState>('starting');
  readonly connection = signal<'connecting' | 'online' | 'offline'>('connecting');
  readonly open = signal(false);
  /** C5: the window was opened by an agent (the direct chat window, sized and placed by the site's settings). */
  readonly direct = signal(false);
  readonly phase = signal<ChatPhase>('idle');
  readonly chatId = signal<string | null>(null);
  readonly agent = signal<{ id: string; name: string } | null>(null);
  readonly events = signal<readonly ChatEventView[]>([]);
  /** Agent messages that arrived while the window was closed. */
  readonly unread = signal(0);
  readonly error = signal<UiError | null>(null);
  readonly canSend = computed(() => this.phase() === 'active' || this.phase() === 'queued');
  /** From `widget:settings`: preview notice (B4), rating (I7), greeting. */
  readonly settings = signal<WidgetSettingsView | null>(null);
  /** C3: the invitation window on screen. */
  readonly invitation = signal<InvitationView | null>(null);
  readonly answeringInvitation = signal(false);
  /** While queued: the chat's place (1 = next). */
  readonly queuePosition = signal<number | null>(null);
  readonly agentTyping = signal(false);
  readonly leaveForm = signal<LeaveMessageForm>(EMPTY_FORM);
  readonly leaveState = signal<LeaveMessageState>('editing');
  readonly leaveError = signal<UiError | null>(null);
  readonly rating = signal<RatingState>('hidden');
  readonly ratingError = signal<UiError | null>(null);
  /** B4: tell the visitor the agent may read their draft (only when the site turned the preview on). */
  readonly previewNotice = computed(() => !!this.settings()?.typingPreview && this.canSend());
  /** The window or the invitation is showing: the host page's iframe must be big. */
  readonly expanded = computed(() => this.open() || this.invitation() !== null);
  private leaveMessageId: string | null = null;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly draftThrottle = new Throttle<VisitorTypingRequest>((req) => void this.call('chat:typing', req), DRAFT_INTERVAL_MS);
  /** An assigned agent served this chat, so it can be rated. */
  private served = false;

  readonly outbox = new MessageOutbox({
    send: (req) => this.call('chat:send', req),
    delivered: (message, position) => this.addOwnMessage(message, position),
    retryDelayMs: RETRY_MS,
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  private get keys() {
    return storageKeys(this.page.siteId ?? '');
  }

  async start(): Promise<void> {
    const siteId = this.page.siteId;
    if (!siteId) {
      this.state.set('unavailable');
      return;
    }
    this.visitorId = this.storage.getItem(this.keys.visitor);
    this.token = this.fetchToken();
    // The socket.io chunk downloads while the session request is in flight; the handshake awaits the token.
    const connecting = this.connector.connect<ServerToVisitor, VisitorToServer>(Namespace.visitor, () => this.currentToken());
    try {
      await this.token;
    } catch (e) {
      console.warn('[kefu] chat unavailable on this page:', toUiError(e).message);
      this.state.set('unavailable');
      (await connecting).disconnect();
      return;
    }
    this.visitId = continueVisit(this.storage, siteId, Date.now()).visitId;
    const storedChat = this.storage.getItem(this.keys.chat);
    if (storedChat) this.chatId.set(storedChat);
    this.state.set('ready');

    const socket = await connecting;
    if (this.stopped) {
      socket.disconnect();
      return;
    }
    this.socket = socket;
    socket.on('connect', () => void this.onConnect());
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on('connect_error', (error) => {
      this.connection.set('offline');
      // An expired visitor token: get a fresh one and try again (socket.io does not retry this itself).
      if (isAuthRefusal(error)) {
        this.token = this.fetchToken();
        this.token.catch(() => undefined);
        this.authRetries++;
        this.later(() => this.socket?.connect(), Math.min(30_000, 1000 * 2 ** this.authRetries));
      }
    });
    socket.on('chat:event', (event) => this.onEvent(event));
    socket.on('chat:updated', (summary) => this.onUpdated(summary));
    socket.on('chat:typing', (typing) => this.onTyping(typing));
    socket.on('chat:queue', ({ chatId, queuePosition }) => {
      if (chatId === this.chatId() && this.phase() === 'queued') this.queuePosition.set(queuePosition);
    });
    socket.on('chat:opened', (summary) => this.onOpened(summary));
    socket.on('chat:rating-requested', ({ chatId }) => {
      if (chatId === this.chatId() && this.rating() === 'hidden') {
        this.rating.set('open');
        this.open.set(true);
      }
    });
    socket.on('invitation:received', (invitation) => this.onInvitation(invitation));
    socket.on('invitation:closed', (outcome) => this.onInvitationClosed(outcome));
    if (socket.connected) void this.onConnect();
    // A fixed link (C7) opens a page that is nothing but the chat: ask at once.
    if (this.page.standalone) this.openWindow();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.draftThrottle.cancel();
    if (this.agentTypingTimer) clearTimeout(this.agentTypingTimer);
    this.outbox.dispose();
    this.socket?.off();
    this.socket?.disconnect();
    this.socket = null;
  }

  /** The consult icon: opens the window and, when there is no chat going on, asks for one. */
  openWindow(): void {
    this.direct.set(false);
    this.open.set(true);
    this.unread.set(0);
    const phase = this.phase();
    // A stored chat being restored (idle with an id) is not replaced by a new one; a message already left stays thanked.
    if ((phase === 'idle' && !this.chatId()) || (phase === 'leave_message' && this.leaveState() === 'editing')) void this.requestChat();
  }

  minimize(): void {
    this.open.set(false);
  }

  startNewChat(): void {
    this.events.set([]);
    this.agent.set(null);
    this.rating.set('hidden');
    this.served = false;
    void this.requestChat();
  }

  /** A message needs text or an attachment (an image or file sent by its web address). */
  send(text: string, attachment?: AttachmentView): OutgoingMessage | null {
    const chatId = this.chatId();
    const body = text.trim();
    if (!chatId || (!body && !attachment) || !this.canSend()) return null;
    touchVisit(this.storage, this.page.siteId ?? '', this.visitId, Date.now());
    // The draft became a message: the agent's preview empties now, not after the throttle.
    // (An attached link leaves the text being typed where it is.)
    if (body) {
      this.draftThrottle.cancel();
      if (this.settings()) void this.call('chat:typing', { chatId, typing: false, draft: '' });
    }
    return this.outbox.enqueue(chatId, body, attachment);
  }

  /**
   * B4: the draft goes to the agent, throttled, only when the site turned the preview on (and the
   * widget says so). Otherwise the text stays in the browser: the agent only learns that the visitor is typing.
   */
  draftChanged(draft: string): void {
    const chatId = this.chatId();
    if (!chatId || !this.canSend() || !this.settings()) return;
    const typing = draft.trim().length > 0;
    const shown = typing && this.settings()?.typingPreview ? draft.slice(0, Limits.draftMaxChars) : '';
    this.draftThrottle.push({ chatId, typing, draft: shown });
  }

  /** The visitor ends the chat themself; the rating follows when the site asks for one. */
  async endChat(): Promise<void> {
    const chatId = this.chatId();
    if (!chatId || !this.canSend()) return;
    const answer = await this.call('chat:close', { chatId });
    if (answer.kind === 'ok') {
      if (this.chatId() === chatId && this.phase() !== 'ended') this.end();
    } else {
      this.error.set(answer.kind === 'rejected' ? answer.error : { code: 'TIMEOUT', message: '' });
    }
  }

  // ---- invitation (C3) ----

  async acceptInvitation(): Promise<void> {
    const invitation = this.invitation();
    if (!invitation || this.answeringInvitation()) return;
    this.answeringInvitation.set(true);
    const chatId = crypto.randomUUID();
    await this.pageReady;
    const answer = await this.call('invitation:accept', { invitationId: invitation.invitationId, chatId, visitId: this.visitId });
    this.answeringInvitation.set(false);
    if (answer.kind !== 'ok') {
      this.error.set(answer.kind === 'rejected' ? answer.error : { code: 'TIMEOUT', message: '' });
      if (answer.kind === 'rejected') this.invitation.set(null);
      return;
    }
    this.invitation.set(null);
    this.events.set([]);
    this.rating.set('hidden');
    this.served = false;
    this.open.set(true);
    this.applyRequestResult(answer.data);
  }

  async declineInvitation(): Promise<void> {
    const invitation = this.invitation();
    if (!invitation) return;
    // Gone from the page at once; the server hears about it as soon as it can.
    this.invitation.set(null);
    const answer = await this.call('invitation:decline', { invitationId: invitation.invitationId });
    if (answer.kind === 'unreachable') this.later(() => void this.call('invitation:decline', { invitationId: invitation.invitationId }), RETRY_MS);
  }

  // ---- leave a message (C6) ----

  updateLeaveForm(change: Partial<LeaveMessageForm>): void {
    this.leaveForm.update((form) => ({ ...form, ...change }));
  }

  /** Sent with one id per message: a retry after a lost answer does not leave it twice. */
  async leaveMessage(): Promise<void> {
    if (this.leaveState() !== 'editing') return;
    const form = this.leaveForm();
    this.leaveMessageId ??= crypto.randomUUID();
    const req: LeaveMessageRequest = { leaveMessageId: this.leaveMessageId, name: form.name.trim(), content: form.content.trim() };
    if (this.visitId) req.visitId = this.visitId;
    if (form.phone.trim()) req.phone = form.phone.trim();
    if (form.email.trim()) req.email = form.email.trim();
    this.leaveState.set('sending');
    this.leaveError.set(null);
    await this.pageReady;
    const answer = await this.call('leave-message:send', req);
    if (answer.kind === 'ok') {
      this.leaveState.set('sent');
      this.leaveForm.set(EMPTY_FORM);
      this.leaveMessageId = null;
      return;
    }
    this.leaveState.set('editing');
    this.leaveError.set(answer.kind === 'rejected' ? answer.error : { code: 'TIMEOUT', message: '' });
  }

  // ---- rating (I7) ----

  async rate(score: number, suggestion: string): Promise<void> {
    const chatId = this.chatId();
    if (!chatId || this.rating() !== 'open') return;
    this.rating.set('sending');
    this.ratingError.set(null);
    const text = suggestion.trim().slice(0, Limits.suggestionMaxChars);
    const answer = await this.call('chat:rate', text ? { chatId, score, suggestion: text } : { chatId, score });
    if (answer.kind === 'ok' || (answer.kind === 'rejected' && answer.error.code === 'CONFLICT')) {
      // CONFLICT: already rated (another tab): the visitor's rating is in, which is what they wanted.
      this.rating.set('done');
      return;
    }
    this.rating.set('open');
    this.ratingError.set(answer.kind === 'rejected' ? answer.error : { code: 'TIMEOUT', message: '' });
  }

  skipRating(): void {
    this.rating.set('done');
  }

  // ---- connection ----

  private async fetchToken(): Promise<string> {
    const body: VisitorSessionRequest = { siteId: this.page.siteId ?? '', pageUrl: this.page.url };
    if (this.visitorId) body.visitorId = this.visitorId;
    const session = await this.api.post<VisitorSessionResponse>('/visitor/session', body, { anonymous: true });
    this.visitorId = session.visitorId;
    this.storage.setItem(this.keys.visitor, session.visitorId);
    this.transloco.setActiveLang(session.site.language);
    return session.token;
  }

  private currentToken(): Promise<string> {
    return this.token ?? Promise.reject(new Error('no session'));
  }

  private async onConnect(): Promise<void> {
    this.connection.set('online');
    this.authRetries = 0;
    void this.reportPage();
    void this.loadSettings();
    const chatId = this.chatId();
    if (chatId && this.phase() === 'requesting') void this.requestChat(chatId);
    else if (chatId && this.phase() !== 'ended') await this.resume(chatId);
    else if (!chatId && this.phase() === 'idle') void this.adoptOpenChat();
    this.outbox.flush();
  }

  private async loadSettings(): Promise<void> {
    const answer = await this.call('widget:settings', {});
    if (answer.kind === 'ok') this.settings.set(answer.data);
  }

  /** C8/C5: a chat opened in another tab or by an agent while this page loaded is picked up. */
  private async adoptOpenChat(): Promise<void> {
    const answer = await this.call('chat:mine', {});
    if (answer.kind !== 'ok' || this.chatId() || this.phase() !== 'idle') return;
    const open = answer.data.chats.filter((chat) => chat.status !== 'closed').sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))[0];
    if (!open) return;
    this.chatId.set(open.chatId);
    this.storage.setItem(this.keys.chat, open.chatId);
    await this.resume(open.chatId);
  }

  private onDisconnect(reason: string): void {
    this.connection.set('offline');
    this.synced = false;
    // The server closed the socket (e.g. a restart): reconnect ourselves, socket.io will not.
    if (reason === 'io server disconnect') this.later(() => this.socket?.connect(), RETRY_MS);
  }

  /** Once per page load (a reconnect is not a new page view). */
  private async reportPage(): Promise<void> {
    if (this.pageReported || this.reportingPage) return;
    this.reportingPage = true;
    const answer = await this.call('visit:page', {
      visitId: this.visitId,
      url: this.page.url,
      title: this.page.title,
      referrer: this.page.referrer,
    });
    this.reportingPage = false;
    if (answer.kind === 'ok') {
      this.pageReported = true;
      if (answer.data.visitId && answer.data.visitId !== this.visitId) {
        this.visitId = answer.data.visitId;
        touchVisit(this.storage, this.page.siteId ?? '', this.visitId, Date.now());
      }
      this.markPageReported();
    } else if (answer.kind === 'rejected') {
      // Not retried (the server said no); chatting must not hang on it.
      this.pageReported = true;
      this.markPageReported();
    } else if (this.socket?.connected) {
      this.later(() => void this.reportPage(), RETRY_MS);
    }
  }

  // ---- chat ----

  /** chat:request with a client-made id: retried with the same id, so never two chats. */
  private async requestChat(chatId: string = crypto.randomUUID()): Promise<void> {
    if (this.requesting) return;
    this.chatId.set(chatId);
    this.phase.set('requesting');
    this.error.set(null);
    this.requesting = true;
    await this.pageReady;
    const req: ChatRequest = { chatId, visitId: this.visitId };
    if (this.page.target) req.target = this.page.target;
    const answer = await this.call('chat:request', req);
    this.requesting = false;
    // Events of the new chat may arrive before its ack (the server pushes in store order): the
    // ack still settles the request, unless the chat already ended or another one replaced it.
    if (this.chatId() !== chatId || this.phase() === 'ended') return;
    if (answer.kind === 'unreachable') {
      // Resent on reconnect (onConnect) or after a pause if the socket stayed up.
      this.later(() => {
        if (this.socket?.connected && this.phase() === 'requesting' && this.chatId() === chatId) void this.requestChat(chatId);
      }, RETRY_MS);
      return;
    }
    if (answer.kind === 'rejected') {
      this.error.set(answer.error);
      this.phase.set('idle');
      this.chatId.set(null);
      return;
    }
    this.applyRequestResult(answer.data);
  }

  private applyRequestResult(result: ChatRequestResult): void {
    if (result.status === 'leave_message') {
      this.phase.set('leave_message');
      this.events.set([]);
      this.chatId.set(null);
      this.storage.removeItem(this.keys.chat);
      return;
    }
    this.storage.setItem(this.keys.chat, result.chatId);
    this.chatId.set(result.chatId);
    this.agent.set(result.agent ?? null);
    if (result.agent) this.served = true;
    this.phase.set(result.status);
    this.queuePosition.set(result.status === 'queued' ? (result.queuePosition ?? null) : null);
    this.synced = false;
    this.lastSeen = undefined;
    void this.resume(result.chatId);
  }

  private async resume(chatId: string): Promise<void> {
    const after = this.lastSeen;
    const answer = await this.call('chat:resume', after === undefined ? { chatId } : { chatId, after });
    if (this.chatId() !== chatId) return;
    if (answer.kind === 'unreachable') {
      this.later(() => {
        if (this.socket?.connected && !this.synced && this.chatId() === chatId) void this.resume(chatId);
      }, RETRY_MS);
      return;
    }
    if (answer.kind === 'rejected') {
      // The stored chat is gone (or not ours): start afresh.
      this.abandonStoredChat();
      return;
    }
    const { summary, events } = answer.data;
    const restoring = this.phase() === 'idle';
    this.absorb(events, 'catch-up');
    if (summary.status === 'closed') {
      if (restoring) {
        // Closed while the visitor was away: nothing to restore.
        this.abandonStoredChat();
      } else {
        this.end();
      }
      return;
    }
    this.applySummary(summary);
    if (restoring) this.open.set(true);
  }

  private onEvent(event: ChatEventView): void {
    if (event.chatId !== this.chatId()) return;
    const known = this.events().some((e) => e.id === event.id);
    this.absorb([event], 'live');
    touchVisit(this.storage, this.page.siteId ?? '', this.visitId, Date.now());
    if (event.kind === 'message' && event.from.role === 'agent' && !known && !this.open()) this.unread.update((n) => n + 1);
    if (event.kind === 'system' && (event.what === 'assigned' || event.what === 'transferred')) {
      const agent = event.what === 'assigned' ? event.agent : event.transfer?.to;
      if (agent) {
        this.agent.set(agent);
        this.served = true;
      }
      if (this.phase() === 'queued') {
        this.phase.set('active');
        this.queuePosition.set(null);
      }
    }
    if (event.kind === 'message' && event.from.role === 'agent') this.setAgentTyping(false);
    if (event.kind === 'system' && event.what === 'rated') this.rating.set('done');
    // While requesting, the ack decides: nobody online closes the chat at once and answers `leave_message`.
    if (isClosedEvent(event) && this.phase() !== 'requesting') this.end();
  }

  private onTyping(typing: TypingView): void {
    if (typing.chatId === this.chatId() && typing.from.role === 'agent') this.setAgentTyping(typing.typing);
  }

  private setAgentTyping(typing: boolean): void {
    if (this.agentTypingTimer) clearTimeout(this.agentTypingTimer);
    this.agentTypingTimer = undefined;
    this.agentTyping.set(typing);
    if (typing && !this.stopped) this.agentTypingTimer = setTimeout(() => this.agentTyping.set(false), AGENT_TYPING_STALE_MS);
  }

  /** C5: an agent opened a chat on this page; the window pops open with it. */
  private onOpened(summary: ChatSummaryView): void {
    const phase = this.phase();
    if (summary.chatId === this.chatId() || phase === 'active' || phase === 'queued' || phase === 'requesting') return;
    this.events.set([]);
    this.rating.set('hidden');
    this.served = false;
    this.invitation.set(null);
    this.chatId.set(summary.chatId);
    this.storage.setItem(this.keys.chat, summary.chatId);
    this.phase.set(summary.status === 'queued' ? 'queued' : 'active');
    if (summary.agent) {
      this.agent.set(summary.agent);
      this.served = true;
    }
    this.synced = false;
    this.lastSeen = undefined;
    this.direct.set(true);
    this.open.set(true);
    void this.resume(summary.chatId);
  }

  private onInvitation(invitation: InvitationView): void {
    // Someone already chatting is not interrupted by an invitation.
    const phase = this.phase();
    if (phase === 'active' || phase === 'queued' || phase === 'requesting') return;
    this.invitation.set(invitation);
  }

  private onInvitationClosed(outcome: InvitationOutcomeView): void {
    if (this.invitation()?.invitationId === outcome.invitationId) this.invitation.set(null);
    // Accepted in another tab: this one shows the same chat.
    if (outcome.status === 'accepted' && outcome.chatId && outcome.chatId !== this.chatId() && this.phase() !== 'active' && this.phase() !== 'queued') {
      this.events.set([]);
      this.chatId.set(outcome.chatId);
      this.storage.setItem(this.keys.chat, outcome.chatId);
      this.phase.set('idle');
      this.synced = false;
      this.lastSeen = undefined;
      void this.resume(outcome.chatId);
    }
  }

  private onUpdated(summary: ChatSummaryView): void {
    // While requesting, the ack decides (a resume right after it catches anything it missed).
    if (summary.chatId !== this.chatId() || this.phase() === 'requesting') return;
    if (summary.status === 'closed') this.end();
    else this.applySummary(summary);
  }

  /** A chat only moves forward (queued → active → ended): a late summary never takes it back. */
  private applySummary(summary: ChatSummaryView): void {
    const phase = this.phase();
    if (phase === 'ended' || (phase === 'active' && summary.status === 'queued')) return;
    this.phase.set(summary.status === 'active' ? 'active' : 'queued');
    this.queuePosition.set(summary.status === 'queued' ? (summary.queuePosition ?? this.queuePosition()) : null);
    if (summary.agent) {
      this.agent.set(summary.agent);
      this.served = true;
    }
    if (summary.rating) this.rating.set('done');
  }

  /** The chat was closed: show "chat ended", keep the transcript on screen, forget the stored id. */
  private end(): void {
    const chatId = this.chatId();
    this.phase.set('ended');
    this.queuePosition.set(null);
    this.setAgentTyping(false);
    this.draftThrottle.cancel();
    this.forgetChat();
    if (chatId) this.outbox.discardChat(chatId);
    // I7: a chat someone served is rated once, at its end, when the site asks for ratings.
    if (this.served && this.settings()?.ratingEnabled === true && this.rating() === 'hidden') this.rating.set('open');
  }

  private abandonStoredChat(): void {
    this.served = false;
    this.forgetChat();
    this.chatId.set(null);
    this.events.set([]);
    this.agent.set(null);
    this.phase.set('idle');
    // The visitor already opened the window meanwhile: they want a chat, so ask for one.
    if (this.open()) void this.requestChat();
  }

  private forgetChat(): void {
    this.storage.removeItem(this.keys.chat);
    this.synced = false;
    this.lastSeen = undefined;
    this.liveMax = undefined;
  }

  private absorb(events: readonly ChatEventView[], source: 'catch-up' | 'live'): void {
    this.events.update((current) => mergeEvents(current, events));
    if (source === 'live') {
      if (this.synced) this.lastSeen = lastPosition(events, this.lastSeen);
      else this.liveMax = lastPosition(events, this.liveMax);
      return;
    }
    this.lastSeen = lastPosition(events, this.lastSeen);
    if (this.liveMax !== undefined && (this.lastSeen === undefined || this.liveMax > this.lastSeen)) this.lastSeen = this.liveMax;
    this.liveMax = undefined;
    this.synced = true;
  }

  private addOwnMessage(message: OutgoingMessage, position: number): void {
    if (message.chatId !== this.chatId() || this.events().some((e) => e.id === message.clientId)) return;
    const own: ChatEventView = {
      kind: 'message',
      id: message.clientId,
      chatId: message.chatId,
      position,
      at: message.createdAt,
      from: { role: 'visitor', id: this.visitorId ?? '', name: '' },
      text: message.text,
      ...(message.attachment ? { attachment: message.attachment } : {}),
    };
    this.events.update((current) => mergeEvents(current, [own]));
  }

  private call<E extends keyof VisitorToServer & string>(event: E, req: RequestOf<VisitorToServer[E]>): Promise<AckOutcome<AckDataOf<VisitorToServer[E]>>> {
    if (!this.socket) return Promise.resolve({ kind: 'unreachable' });
    return request(this.socket, event, req);
  }

  private later(run: () => void, ms: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) run();
    }, ms);
    this.timers.add(timer);
  }
}
