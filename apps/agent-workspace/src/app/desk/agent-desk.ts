import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  type AgentStatus,
  type AgentToServer,
  type AttachmentView,
  type CannedResponseView,
  type OwnCannedResponses,
  type ChatEventView,
  type ChatSummaryView,
  type ErrorBody,
  Namespace,
  type SeatLimitDetails,
  type ServerToAgent,
  type TransferChatRequest,
  type TransferTargetsView,
  type TypingView,
} from '@kefu/contracts';
import {
  type AckDataOf,
  type AckOutcome,
  ApiClient,
  MessageOutbox,
  type OutgoingMessage,
  SOCKET_CONNECTOR,
  SessionStore,
  type RequestOf,
  type UiError,
  isAuthRefusal,
  lastPosition,
  mergeEvents,
  request,
} from '@kefu/ui';
import type { Socket } from 'socket.io-client';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface DeskChat {
  readonly summary: ChatSummaryView;
  /** Server events plus local copies of our own acknowledged messages, by position, one per id. */
  readonly events: readonly ChatEventView[];
  /**
   * Position up to which this client holds every event of the chat: only a successful
   * `chat:resume` or a live event while in sync moves it, so a resume after it leaves no gap.
   */
  readonly lastSeen?: number;
  /** Full history fetched and no disconnect since. */
  readonly synced: boolean;
  readonly loaded: boolean;
  readonly unread: number;
  /** Assigned while the agent was looking elsewhere. */
  readonly fresh: boolean;
  readonly error?: UiError;
}

/** What the visitor is doing in a chat's composer (B4): their draft when the site allows the preview. */
export interface VisitorTyping {
  typing: boolean;
  draft: string;
}

const RETRY_MS = 3000;
/** A typing notice with no follow-up for this long is stale (the visitor left or the packet was lost). */
export const TYPING_STALE_MS = 8000;
/** While the agent keeps typing, "typing" is repeated this often so the visitor's indicator stays on. */
export const OWN_TYPING_REPEAT_MS = 2000;

export function seatLimitOf(error: ErrorBody | UiError | null): SeatLimitDetails | null {
  const details = (error as ErrorBody | null)?.details as Partial<SeatLimitDetails> | undefined;
  return details?.reason === 'SEAT_LIMIT' && typeof details.limit === 'number'
    ? { reason: 'SEAT_LIMIT', limit: details.limit, inUse: details.inUse ?? details.limit }
    : null;
}

type Handler = (...args: never[]) => void;

/**
 * The agent's live state over the `/agent` socket: status, open chats, transcripts, unread counts
 * and the outbox. Provided by the workspace, so signing out tears it all down.
 */
@Injectable()
export class AgentDesk {
  private readonly connector = inject(SOCKET_CONNECTOR);
  private readonly session = inject(SessionStore);
  private readonly api = inject(ApiClient);
  private socket: Socket<ServerToAgent, AgentToServer> | null = null;
  private stopped = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly liveMax = new Map<string, number>();

  readonly connection = signal<ConnectionState>('connecting');
  readonly status = signal<AgentStatus>('offline');
  readonly statusError = signal<UiError | null>(null);
  /** B10: going online was refused because every seat of the organisation is taken. */
  readonly seatLimit = computed(() => seatLimitOf(this.statusError()));
  /** The agent's choice is not yet acknowledged by the server. */
  readonly statusPending = signal(false);
  private desiredStatus: AgentStatus | null = null;
  private pushingStatus = false;
  private confirmedStatus: AgentStatus = 'offline';
  readonly actionError = signal<UiError | null>(null);
  readonly selectedId = signal<string | null>(null);
  private readonly byId = signal<Readonly<Record<string, DeskChat>>>({});
  /** B4: per chat, the visitor's live draft / typing state. */
  readonly typing = signal<Readonly<Record<string, VisitorTyping>>>({});
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly ownTyping = new Map<string, { typing: boolean; sentAt: number }>();
  private readonly extraHandlers: Array<[string, Handler]> = [];
  private readonly connectHooks: Array<() => void> = [];
  private readonly newChatHooks: Array<(summary: ChatSummaryView) => void> = [];
  readonly me = computed(() => this.session.user()?.userId ?? '');

  /** Open chats first, newest request first. */
  readonly chats = computed(() =>
    Object.values(this.byId()).sort((a, b) => {
      const closed = Number(a.summary.status === 'closed') - Number(b.summary.status === 'closed');
      return closed || b.summary.requestedAt.localeCompare(a.summary.requestedAt);
    }),
  );
  readonly selected = computed(() => {
    const id = this.selectedId();
    return id ? (this.byId()[id] ?? null) : null;
  });
  /** How many chats want the agent's attention (shown in the tab title). */
  readonly attention = computed(() => this.chats().filter((chat) => chat.unread > 0 || chat.fresh).length);

  readonly outbox = new MessageOutbox({
    send: (req) => (this.socket ? request(this.socket, 'chat:send', req) : Promise.resolve({ kind: 'unreachable' })),
    delivered: (message, position) => this.addOwnMessage(message, position),
    retryDelayMs: RETRY_MS,
  });

  constructor() {
    const onVisible = (): void => {
      if (!document.hidden) this.markRead(this.selectedId());
    };
    document.addEventListener('visibilitychange', onVisible);
    inject(DestroyRef).onDestroy(() => {
      document.removeEventListener('visibilitychange', onVisible);
      this.stop();
    });
  }

  async start(): Promise<void> {
    const socket = await this.connector.connect<ServerToAgent, AgentToServer>(Namespace.agent, () => this.session.token() ?? '');
    if (this.stopped) {
      socket.disconnect();
      return;
    }
    this.socket = socket;
    socket.on('connect', () => void this.onConnect());
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on('connect_error', (error) => {
      this.connection.set('offline');
      if (isAuthRefusal(error)) this.session.expire();
    });
    socket.on('chat:assigned', (summary) => this.onAssigned(summary));
    socket.on('chat:updated', (summary) => this.upsert(summary));
    socket.on('chat:event', (event) => this.onEvent(event));
    socket.on('chat:typing', (typing) => this.onTyping(typing));
    for (const [event, handler] of this.extraHandlers) (socket as unknown as FakeableSocket).on(event, handler);
    if (socket.connected) void this.onConnect();
  }

  /** Other parts of the workspace (the visitor board, alerts) listen on the same socket. */
  listen<E extends keyof ServerToAgent & string>(event: E, handler: ServerToAgent[E]): void {
    this.extraHandlers.push([event, handler as Handler]);
    (this.socket as unknown as FakeableSocket | null)?.on(event, handler as Handler);
  }

  /** Runs on every (re)connection, after the desk has reloaded its chats. */
  onConnected(hook: () => void): void {
    this.connectHooks.push(hook);
  }

  /** A chat this agent did not have arrived (assigned, transferred to them, an accepted invitation). */
  onNewChat(hook: (summary: ChatSummaryView) => void): void {
    this.newChatHooks.push(hook);
  }

  isConnected(): boolean {
    return !!this.socket?.connected;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.typingTimers.clear();
    this.outbox.dispose();
    if (this.socket) {
      this.socket.off();
      this.socket.disconnect();
      this.socket = null;
    }
  }

  select(chatId: string): void {
    this.selectedId.set(chatId);
    this.markRead(chatId);
    const chat = this.byId()[chatId];
    if (chat && !chat.loaded) void this.resume(chatId);
  }

  /** Shows a chat the agent just opened themselves (C5), fetching it when its push has not arrived yet. */
  async openOwn(chatId: string): Promise<void> {
    if (this.byId()[chatId]) {
      this.select(chatId);
      return;
    }
    this.selectedId.set(chatId);
    await this.resume(chatId);
  }

  /** A message needs text or an attachment (an image or file sent by its web address). */
  send(text: string, attachment?: AttachmentView): OutgoingMessage | null {
    const chat = this.selected();
    const body = text.trim();
    if (!chat || (!body && !attachment) || !this.canWrite(chat)) return null;
    if (!attachment) this.ownDraft(chat.summary.chatId, '');
    return this.outbox.enqueue(chat.summary.chatId, body, attachment);
  }

  /** Only the agent serving an open chat writes in it: after a transfer the old agent reads only (B8). */
  canWrite(chat: DeskChat): boolean {
    return chat.summary.status !== 'closed' && (!chat.summary.agent || chat.summary.agent.id === this.me());
  }

  /** B4: tells the visitor the agent is typing, at most every OWN_TYPING_REPEAT_MS, and once when they stop. */
  ownDraft(chatId: string, draft: string): void {
    const typing = draft.trim().length > 0;
    const last = this.ownTyping.get(chatId);
    const now = Date.now();
    if (typing ? last?.typing && now - last.sentAt < OWN_TYPING_REPEAT_MS : !last?.typing) return;
    this.ownTyping.set(chatId, { typing, sentAt: now });
    void this.call('chat:typing', { chatId, typing });
  }

  /** B8: who can take the chat now (agents with status and load, groups). */
  async transferTargets(chatId: string): Promise<AckOutcome<TransferTargetsView>> {
    return this.call('chat:transfer-targets', { chatId });
  }

  /** B8: hand the chat over; afterwards this agent reads but no longer writes. */
  async transfer(chatId: string, to: TransferChatRequest['to'], reason: string): Promise<AckOutcome<{ agent: { id: string; name: string } }>> {
    const req: TransferChatRequest = reason.trim() ? { chatId, to, reason: reason.trim() } : { chatId, to };
    const answer = await this.call('chat:transfer', req);
    if (answer.kind === 'ok') {
      const me = this.session.user();
      this.patch(chatId, (chat) => ({
        ...chat,
        summary: {
          ...chat.summary,
          agent: answer.data.agent,
          lastTransfer: { from: { id: me?.userId ?? '', name: chat.summary.agent?.name ?? me?.name ?? '' }, to: answer.data.agent, reason: req.reason ?? '' },
        },
      }));
      this.outbox.discardChat(chatId);
    }
    return answer;
  }

  /** B11: file the chat under a category (before or after closing it). */
  async categorise(chatId: string, category: string): Promise<AckOutcome<{ position: number }>> {
    const answer = await this.call('chat:categorise', { chatId, category: category.trim() });
    if (answer.kind === 'ok') this.patch(chatId, (chat) => ({ ...chat, summary: { ...chat.summary, category: category.trim() } }));
    return answer;
  }

  /** H3: the categories of the chat's site, in the admin's order (empty = the agent types one). */
  async categories(chatId: string): Promise<AckOutcome<{ categories: string[] }>> {
    return this.call('chat:categories', { chatId });
  }

  private ownCannedLoad: Promise<readonly CannedResponseView[]> | undefined;

  /** B5: the agent's own canned responses, read once (they edit them on their account page in the console). */
  ownCanned(): Promise<readonly CannedResponseView[]> {
    this.ownCannedLoad ??= this.api.get<OwnCannedResponses>('/auth/canned-responses').then(
      (answer) => answer.cannedResponses,
      () => {
        // Not now (a lost connection): asked again next time; the site's list still works meanwhile.
        this.ownCannedLoad = undefined;
        return [];
      },
    );
    return this.ownCannedLoad;
  }

  /** B5: the canned responses of the chat's site (H1), in the admin's order. */
  async canned(chatId: string): Promise<AckOutcome<{ responses: CannedResponseView[] }>> {
    return this.call('chat:canned', { chatId });
  }

  /** B11/I7: the visitor's window shows the rating form. */
  async askRating(chatId: string): Promise<AckOutcome<{ sent: boolean }>> {
    return this.call('chat:ask-rating', { chatId });
  }

  pendingFor(chatId: string): OutgoingMessage[] {
    return this.outbox.pending().filter((message) => message.chatId === chatId);
  }

  async close(chatId: string): Promise<void> {
    this.actionError.set(null);
    const answer = await this.call('chat:close', { chatId });
    if (answer.kind === 'ok') {
      this.patch(chatId, (chat) => ({ ...chat, summary: { ...chat.summary, status: 'closed' } }));
      this.outbox.discardChat(chatId);
    } else {
      this.actionError.set(answer.kind === 'rejected' ? answer.error : { code: 'TIMEOUT', message: 'No answer' });
    }
  }

  /** Removes a closed chat from the list. */
  dismiss(chatId: string): void {
    this.byId.update(({ [chatId]: _gone, ...rest }) => rest);
    if (this.selectedId() === chatId) this.selectedId.set(null);
  }

  /**
   * The select shows the choice at once; it reaches the server as soon as the socket is up (a
   * choice made right after signing in, before the connection, is not lost) and is resent if its
   * ack goes missing. A refusal puts back the status the server last confirmed.
   */
  async setStatus(status: AgentStatus): Promise<void> {
    this.desiredStatus = status;
    this.status.set(status);
    this.statusPending.set(true);
    this.statusError.set(null);
    await this.pushStatus();
  }

  private async pushStatus(): Promise<void> {
    const wanted = this.desiredStatus;
    if (wanted === null || !this.socket?.connected || this.pushingStatus) return;
    this.pushingStatus = true;
    const answer = await this.call('agent:status', { status: wanted });
    this.pushingStatus = false;
    if (this.desiredStatus !== wanted) {
      // The agent chose again meanwhile: send the newest choice.
      void this.pushStatus();
      return;
    }
    if (answer.kind === 'unreachable') {
      this.later(() => void this.pushStatus(), RETRY_MS);
      return;
    }
    this.desiredStatus = null;
    this.statusPending.set(false);
    if (answer.kind === 'ok') {
      this.confirmedStatus = answer.data.status;
      this.status.set(answer.data.status);
    } else {
      this.status.set(this.confirmedStatus);
      this.statusError.set(answer.error);
    }
  }

  // ---- socket events ----

  private async onConnect(): Promise<void> {
    if (!this.socket) return;
    this.connection.set('online');
    for (const hook of this.connectHooks) hook();
    const answer = await this.call('agent:chats', {});
    if (answer.kind === 'ok') {
      this.confirmedStatus = answer.data.status;
      if (this.desiredStatus === null) this.status.set(answer.data.status);
      for (const summary of answer.data.chats) this.upsert(summary);
    }
    void this.pushStatus();
    // Fill what was missed while disconnected: after the last position held, nothing twice.
    for (const chat of Object.values(this.byId())) {
      if (chat.loaded && chat.summary.status !== 'closed') void this.resume(chat.summary.chatId, chat.lastSeen);
    }
    const selected = this.selected();
    if (selected && !selected.loaded) void this.resume(selected.summary.chatId);
    this.outbox.flush();
  }

  private onDisconnect(reason: string): void {
    this.connection.set('offline');
    this.byId.update((all) => mapValues(all, (chat) => (chat.synced ? { ...chat, synced: false } : chat)));
    if (reason === 'io server disconnect') void this.afterServerKick();
  }

  /** The server closed the socket: a revoked session (the API says 401) or a restart (reconnect). */
  private async afterServerKick(): Promise<void> {
    try {
      await this.api.get('/auth/me');
    } catch {
      if (!this.session.signedIn()) return;
    }
    this.later(() => this.socket?.connect(), RETRY_MS);
  }

  private onAssigned(summary: ChatSummaryView): void {
    const known = this.byId()[summary.chatId];
    this.upsert(summary);
    if (!known && this.selectedId() !== summary.chatId) this.patch(summary.chatId, (chat) => ({ ...chat, fresh: true }));
    if (!known) for (const hook of this.newChatHooks) hook(summary);
  }

  private onEvent(event: ChatEventView): void {
    const chat = this.byId()[event.chatId];
    if (!chat) {
      // An event for a chat we have no summary of yet: fetch it whole.
      void this.resume(event.chatId);
      return;
    }
    this.absorb(event.chatId, [event], 'live');
    // The draft became a message: the preview is over.
    if (event.kind === 'message' && event.from.role === 'visitor') this.setTyping(event.chatId, null);
  }

  private onTyping(typing: TypingView): void {
    if (typing.from.role !== 'visitor') return;
    // The flag says whether the visitor types; the draft comes only when the site shows drafts.
    this.setTyping(typing.chatId, typing.typing ? { typing: true, draft: typing.draft ?? '' } : null);
  }

  private setTyping(chatId: string, value: VisitorTyping | null): void {
    const timer = this.typingTimers.get(chatId);
    if (timer) clearTimeout(timer);
    this.typingTimers.delete(chatId);
    this.typing.update(({ [chatId]: _old, ...rest }) => (value ? { ...rest, [chatId]: value } : rest));
    if (value && !this.stopped) {
      this.typingTimers.set(
        chatId,
        setTimeout(() => this.setTyping(chatId, null), TYPING_STALE_MS),
      );
    }
  }

  // ---- state ----

  private async resume(chatId: string, after?: number): Promise<void> {
    const answer = await this.call('chat:resume', after === undefined ? { chatId } : { chatId, after });
    if (answer.kind === 'ok') {
      this.upsert(answer.data.summary);
      this.absorb(chatId, answer.data.events, after === undefined ? 'history' : 'catch-up');
    } else if (answer.kind === 'rejected') {
      this.patch(chatId, (chat) => ({ ...chat, error: answer.error }));
    } else {
      this.later(() => {
        const chat = this.byId()[chatId];
        if (this.socket?.connected && chat && !chat.synced) void this.resume(chatId, chat.loaded ? chat.lastSeen : undefined);
      }, RETRY_MS);
    }
  }

  /**
   * `history`: the whole transcript; `catch-up`: what followed lastSeen; `live`: one pushed event.
   * Live events only move lastSeen while the chat is in sync; otherwise they are remembered and
   * counted in once the catch-up that closes the gap has arrived.
   */
  private absorb(chatId: string, events: readonly ChatEventView[], source: 'history' | 'catch-up' | 'live'): void {
    this.patch(chatId, (chat) => {
      const known = new Set(chat.events.map((event) => event.id));
      const fresh = events.filter((event) => !known.has(event.id));
      const looking = this.selectedId() === chatId && !document.hidden;
      const unseen = source === 'history' || looking ? 0 : fresh.filter((event) => event.kind === 'message' && event.from.role === 'visitor').length;
      let lastSeen = chat.lastSeen;
      let synced = chat.synced;
      if (source === 'live') {
        if (chat.synced) lastSeen = lastPosition(events, lastSeen);
        else this.liveMax.set(chatId, Math.max(this.liveMax.get(chatId) ?? 0, lastPosition(events) ?? 0));
      } else {
        lastSeen = lastPosition(events, lastSeen);
        const live = this.liveMax.get(chatId);
        if (live !== undefined && (lastSeen === undefined || live > lastSeen)) lastSeen = live;
        this.liveMax.delete(chatId);
        synced = true;
      }
      return {
        ...chat,
        events: mergeEvents(chat.events, events),
        lastSeen,
        synced,
        loaded: chat.loaded || source !== 'live',
        unread: chat.unread + unseen,
        error: undefined,
      };
    });
  }

  private addOwnMessage(message: OutgoingMessage, position: number): void {
    const chat = this.byId()[message.chatId];
    if (!chat || chat.events.some((event) => event.id === message.clientId)) return;
    const user = this.session.user();
    const own: ChatEventView = {
      kind: 'message',
      id: message.clientId,
      chatId: message.chatId,
      position,
      at: message.createdAt,
      from: { role: 'agent', id: user?.userId ?? '', name: chat.summary.agent?.name ?? user?.name ?? '' },
      text: message.text,
      ...(message.attachment ? { attachment: message.attachment } : {}),
    };
    // Not counted in lastSeen: events before `position` may still be on their way to us.
    this.patch(message.chatId, (current) => ({ ...current, events: mergeEvents(current.events, [own]) }));
  }

  private upsert(summary: ChatSummaryView): void {
    this.byId.update((all) => {
      const chat = all[summary.chatId];
      return {
        ...all,
        [summary.chatId]: chat ? { ...chat, summary } : { summary, events: [], synced: false, loaded: false, unread: 0, fresh: false },
      };
    });
  }

  private markRead(chatId: string | null): void {
    if (chatId) this.patch(chatId, (chat) => (chat.unread || chat.fresh ? { ...chat, unread: 0, fresh: false } : chat));
  }

  private patch(chatId: string, change: (chat: DeskChat) => DeskChat): void {
    this.byId.update((all) => {
      const chat = all[chatId];
      if (!chat) return all;
      const next = change(chat);
      return next === chat ? all : { ...all, [chatId]: next };
    });
  }

  call<E extends keyof AgentToServer & string>(event: E, req: RequestOf<AgentToServer[E]>): Promise<AckOutcome<AckDataOf<AgentToServer[E]>>> {
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

/** socket.io's typed `on` cannot take a handler for a generic event name; the `listen` signature can. */
type FakeableSocket = { on(event: string, handler: Handler): void };

function mapValues<T>(record: Readonly<Record<string, T>>, change: (value: T) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) out[key] = change(value);
  return out;
}
