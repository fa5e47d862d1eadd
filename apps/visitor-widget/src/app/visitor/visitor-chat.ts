import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import {
  type ChatEventView,
  type ChatRequestResult,
  type ChatSummaryView,
  Namespace,
  type ServerToVisitor,
  type VisitorSessionRequest,
  type VisitorSessionResponse,
  type VisitorToServer,
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

const RETRY_MS = 3000;

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
  readonly phase = signal<ChatPhase>('idle');
  readonly chatId = signal<string | null>(null);
  readonly agent = signal<{ id: string; name: string } | null>(null);
  readonly events = signal<readonly ChatEventView[]>([]);
  /** Agent messages that arrived while the window was closed. */
  readonly unread = signal(0);
  readonly error = signal<UiError | null>(null);
  readonly canSend = computed(() => this.phase() === 'active' || this.phase() === 'queued');

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
    if (socket.connected) void this.onConnect();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.outbox.dispose();
    this.socket?.off();
    this.socket?.disconnect();
    this.socket = null;
  }

  /** The consult icon: opens the window and, when there is no chat going on, asks for one. */
  openWindow(): void {
    this.open.set(true);
    this.unread.set(0);
    const phase = this.phase();
    // A stored chat being restored (idle with an id) is not replaced by a new one.
    if ((phase === 'idle' && !this.chatId()) || phase === 'leave_message') void this.requestChat();
  }

  minimize(): void {
    this.open.set(false);
  }

  startNewChat(): void {
    this.events.set([]);
    this.agent.set(null);
    void this.requestChat();
  }

  send(text: string): OutgoingMessage | null {
    const chatId = this.chatId();
    const body = text.trim();
    if (!chatId || !body || !this.canSend()) return null;
    touchVisit(this.storage, this.page.siteId ?? '', this.visitId, Date.now());
    return this.outbox.enqueue(chatId, body);
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
    const chatId = this.chatId();
    if (chatId && this.phase() === 'requesting') void this.requestChat(chatId);
    else if (chatId && this.phase() !== 'ended') await this.resume(chatId);
    this.outbox.flush();
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
    const answer = await this.call('chat:request', { chatId, visitId: this.visitId });
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
      this.chatId.set(null);
      this.storage.removeItem(this.keys.chat);
      return;
    }
    this.storage.setItem(this.keys.chat, result.chatId);
    this.chatId.set(result.chatId);
    this.agent.set(result.agent ?? null);
    this.phase.set(result.status);
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
    if (event.kind === 'system' && event.what === 'assigned' && event.agent) {
      this.agent.set(event.agent);
      if (this.phase() === 'queued') this.phase.set('active');
    }
    if (isClosedEvent(event)) this.end();
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
    if (summary.agent) this.agent.set(summary.agent);
  }

  /** The chat was closed: show "chat ended", keep the transcript on screen, forget the stored id. */
  private end(): void {
    const chatId = this.chatId();
    this.phase.set('ended');
    this.forgetChat();
    if (chatId) this.outbox.discardChat(chatId);
  }

  private abandonStoredChat(): void {
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
