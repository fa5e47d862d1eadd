import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Namespace } from 'socket.io';
import type { ServerConfig } from '../config';
import { AutoInvitationTimers } from '../invitations/invitation-commands';
import { SERVER_CONFIG } from '../platform/tokens';
import { EndVisitCommand } from './view-page';

export const visitRoom = (visitId: string) => `visit:${visitId}`;
export const visitorRoom = (siteId: string, visitorId: string) => `visitor:${siteId}:${visitorId}`;

/**
 * When visits end (K1): after VISIT_INACTIVE_MINUTES without a page, or when no tab of the visit is
 * connected anywhere (every process, through the socket.io adapter) for VISIT_CLOSE_GRACE_SECONDS, so
 * moving to the next page of the site, which reconnects at once, does not end it.
 */
@Injectable()
export class VisitLifecycle implements OnModuleDestroy {
  private readonly logger = new Logger('visits');
  private readonly inactive = new Map<string, NodeJS.Timeout>();
  private readonly closing = new Map<string, NodeJS.Timeout>();
  private ns?: Namespace;

  constructor(
    private readonly commands: CommandBus,
    private readonly invitations: AutoInvitationTimers,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  attach(ns: Namespace): void {
    this.ns = ns;
  }

  /** A page was viewed: the visit is alive. */
  touch(visitId: string): void {
    this.clear(this.closing, visitId);
    this.clear(this.inactive, visitId);
    const timer = setTimeout(() => this.end(visitId, 'inactive'), this.config.visitInactiveMs ?? 30 * 60_000);
    timer.unref();
    this.inactive.set(visitId, timer);
  }

  /**
   * A tab of the visit disconnected or said it is leaving: end the visit if no tab is back within the grace.
   * A tab that reconnected (to any process) sends no page view: it is in the visitor's room without a visit
   * of its own, and keeps the visit (another tab of the visitor on another visit does not).
   */
  gone(visitId: string, visitor?: { siteId: string; visitorId: string }): void {
    if (this.closing.has(visitId)) return;
    const timer = setTimeout(() => {
      this.closing.delete(visitId);
      void this.stillConnected(visitId, visitor).then((connected) => {
        if (!connected) this.end(visitId, 'closed');
      });
    }, this.config.visitCloseGraceMs ?? 30_000);
    timer.unref();
    this.closing.set(visitId, timer);
  }

  private async stillConnected(visitId: string, visitor?: { siteId: string; visitorId: string }): Promise<boolean> {
    if (!this.ns) return false;
    const room = visitRoom(visitId);
    const rooms = [room, ...(visitor ? [visitorRoom(visitor.siteId, visitor.visitorId)] : [])];
    const keeps = (socket: { rooms: Set<string>; data: unknown }) => socket.rooms.has(room) || !(socket.data as { visitId?: string } | undefined)?.visitId;
    try {
      return (await this.ns.in(rooms).fetchSockets()).some(keeps);
    } catch {
      return [...this.ns.sockets.values()].some((s) => rooms.some((r) => s.rooms.has(r)) && keeps(s));
    }
  }

  private end(visitId: string, reason: 'inactive' | 'closed'): void {
    this.clear(this.inactive, visitId);
    this.clear(this.closing, visitId);
    this.invitations.cancel(visitId);
    this.commands.execute(new EndVisitCommand(visitId, reason)).catch((error: unknown) => this.logger.warn(`ending visit ${visitId}: ${String(error)}`));
  }

  private clear(timers: Map<string, NodeJS.Timeout>, visitId: string): void {
    const t = timers.get(visitId);
    if (t) clearTimeout(t);
    timers.delete(visitId);
  }

  onModuleDestroy(): void {
    for (const t of [...this.inactive.values(), ...this.closing.values()]) clearTimeout(t);
    this.inactive.clear();
    this.closing.clear();
  }
}
