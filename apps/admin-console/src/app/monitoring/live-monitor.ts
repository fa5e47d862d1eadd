import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { type AdminToServer, type LiveVisitorView, Namespace, type ServerToAdmin, type TeamMemberView } from '@kefu/contracts';
import { SOCKET_CONNECTOR, SessionStore, type UiError, toUiError } from '@kefu/ui';
import type { Socket } from 'socket.io-client';
import { ReportsApi } from '../reporting/reports-api';

/** While the live connection is down, the lists are read again this often. */
export const POLL_MS = 5000;

export type MonitorMode = 'connecting' | 'live' | 'polling';

/**
 * B1/I4: the visitors now on the organisation's sites and the team, kept current by the `/admin` namespace's
 * pushes. Until pushes are seen to arrive (a server without them, the connection not up, dropped or refused)
 * the HTTP lists are polled instead, and a (re)connection reads them once more so nothing pushed during the
 * gap is missed.
 */
@Injectable()
export class LiveMonitor {
  private readonly api = inject(ReportsApi);
  private readonly connector = inject(SOCKET_CONNECTOR);
  private readonly session = inject(SessionStore);

  private readonly visitorMap = signal(new Map<string, LiveVisitorView>());
  private readonly teamMap = signal(new Map<string, TeamMemberView>());
  readonly visitors = computed(() => [...this.visitorMap().values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt)));
  readonly team = computed(() => [...this.teamMap().values()].sort((a, b) => a.name.localeCompare(b.name)));
  readonly mode = signal<MonitorMode>('connecting');
  readonly error = signal<UiError | null>(null);
  readonly loadedAt = signal<string | null>(null);

  private socket: Socket<ServerToAdmin, AdminToServer> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  private reads = 0;
  /** A connected socket alone proves nothing: only a push received shows that this server pushes. */
  private pushesSeen = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.startPolling();
    await this.refresh();
    try {
      const socket = await this.connector.connect<ServerToAdmin, AdminToServer>(Namespace.admin, () => this.session.token() ?? '');
      if (this.stopped) {
        socket.disconnect();
        return;
      }
      this.socket = socket;
      socket.on('connect', () => {
        if (this.pushesSeen) this.goLive();
        void this.refresh();
      });
      socket.on('disconnect', () => {
        if (!this.stopped) this.startPolling();
      });
      socket.on('connect_error', () => {
        if (!this.stopped) this.startPolling();
      });
      socket.on('monitor:visitor', (visitor) => {
        this.pushed();
        this.visitorMap.update((m) => new Map(m).set(visitor.visitId, visitor));
      });
      socket.on('monitor:visitor-left', ({ visitId }) => {
        this.pushed();
        this.visitorMap.update((m) => {
          const next = new Map(m);
          next.delete(visitId);
          return next;
        });
      });
      socket.on('monitor:agent', (member) => {
        this.pushed();
        this.teamMap.update((m) => new Map(m).set(member.agentId, member));
      });
    } catch {
      this.startPolling();
    }
  }

  stop(): void {
    this.stopped = true;
    this.stopPolling();
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  /** Both lists from the read models (a snapshot; pushes then keep it current). */
  async refresh(): Promise<void> {
    const read = ++this.reads;
    try {
      const [visitors, team] = await Promise.all([this.api.liveVisitors(), this.api.team()]);
      if (read !== this.reads || this.stopped) return;
      this.visitorMap.set(new Map(visitors.map((v) => [v.visitId, v])));
      this.teamMap.set(new Map(team.map((t) => [t.agentId, t])));
      this.loadedAt.set(new Date().toISOString());
      this.error.set(null);
    } catch (e) {
      if (read === this.reads) this.error.set(toUiError(e));
    }
  }

  private pushed(): void {
    this.pushesSeen = true;
    if (this.mode() !== 'live') this.goLive();
  }

  private goLive(): void {
    this.mode.set('live');
    this.stopPolling();
  }

  private startPolling(): void {
    this.mode.set('polling');
    if (!this.timer) this.timer = setInterval(() => void this.refresh(), POLL_MS);
  }

  private stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
