import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { account, DomainError, type SessionEndReason } from '@kefu/domain';
import type { EventStore, RecordedEvent } from '@kefu/event-store';
import type { ReadStore } from '@kefu/read-store';
import { SESSIONS, USERS, type SessionDoc, type UserDoc } from '@kefu/projections';
import type { OwnSessionView, SessionView } from '@kefu/contracts';
import type { ServerConfig } from '../config';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { sha256 } from '../platform/ids';
import { LivePushes } from '../platform/live-pushes';
import { ProjectorService } from '../platform/projector.service';
import { EVENT_STORE, READ_STORE, SERVER_CONFIG } from '../platform/tokens';
import { hashPassword, verifyPassword } from './passwords';
import type { Principal } from './principal';

export interface EndedSession {
  userId: string;
  sessionId: string;
  reason: SessionEndReason;
}

/**
 * Session tokens: 32 random bytes given to the client once; the store keeps only their SHA-256
 * (the session id), in `SessionStarted` events of the account's stream. Every process follows the
 * store for `SessionEnded`, so sockets of a session ended anywhere are closed everywhere (A4).
 */
@Injectable()
export class Sessions extends LivePushes {
  private readonly endedListeners = new Set<(ended: EndedSession) => void>();

  constructor(
    private readonly streams: DeciderStreams,
    private readonly projector: ProjectorService,
    private readonly clock: Clock,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {
    super(events, new Logger('sessions'));
  }

  async start(userId: string): Promise<SessionView & { position: number }> {
    const token = randomBytes(32).toString('base64url');
    const sessionId = sha256(token);
    const now = this.clock.now();
    const expiresAt = new Date(Date.parse(now) + this.config.sessionTtlHours * 3_600_000).toISOString();
    const result = await this.streams.handle(
      account,
      userId,
      { type: 'StartSession', sessionId, now, expiresAt },
      { actor: { kind: 'user', id: userId }, now },
    );
    // The token must work on the very next request: wait until the sessions read model has it.
    await this.projector.waitFor(result.position);
    const s = result.state;
    return { token, expiresAt, position: result.position, user: { userId: s.userId, orgId: s.orgId, email: s.email, name: s.name, roles: s.roles } };
  }

  async end(principal: Principal): Promise<number> {
    const now = this.clock.now();
    const result = await this.streams.handle(
      account,
      principal.userId,
      { type: 'EndSession', sessionId: principal.sessionId, now },
      { actor: { kind: 'user', id: principal.userId }, now },
    );
    await this.projector.waitFor(result.position);
    return result.position;
  }

  /** A4 sign out everywhere: every live session of the account ends, this one included. */
  async endAll(principal: Principal): Promise<number> {
    const now = this.clock.now();
    const result = await this.streams.handle(
      account,
      principal.userId,
      { type: 'EndAllSessions', now },
      { actor: { kind: 'user', id: principal.userId }, now },
    );
    await this.projector.waitFor(result.position);
    return result.position;
  }

  /** A2 change one's own password; A4 every other session ends (CVE-2021-3740: sessions must not outlive a password change). */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<number> {
    const { state } = await this.streams.load(account, principal.userId);
    const currentPasswordVerified = await verifyPassword(state.passwordHash, currentPassword);
    const passwordHash = await hashPassword(newPassword);
    const now = this.clock.now();
    const result = await this.streams.handle(
      account,
      principal.userId,
      { type: 'ChangePassword', currentPasswordVerified, passwordHash, keepSessionId: principal.sessionId, now },
      { actor: { kind: 'user', id: principal.userId }, now },
    );
    await this.projector.waitFor(result.position);
    return result.position;
  }

  /** The account's live sessions, for "where am I signed in". */
  async list(principal: Principal): Promise<OwnSessionView[]> {
    const now = this.clock.now();
    const docs = await this.reads.find<SessionDoc>(SESSIONS, { userId: principal.userId, endedAt: { $exists: false } }, { sort: { startedAt: -1 } });
    return docs
      .filter((d) => d.expiresAt > now)
      .map((d) => ({ sessionRef: d.sessionId.slice(0, 12), startedAt: d.startedAt, expiresAt: d.expiresAt, current: d.sessionId === principal.sessionId }));
  }

  /** The principal for a token, or UNAUTHENTICATED (unknown, ended or expired, or a deactivated account). */
  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token || token.length > 200) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    const sessionId = sha256(token);
    const session = await this.reads.get<SessionDoc>(SESSIONS, sessionId);
    if (!session || session.endedAt || session.expiresAt <= this.clock.now()) throw new DomainError('UNAUTHENTICATED', 'your session has ended; sign in again');
    const user = await this.reads.get<UserDoc>(USERS, session.userId);
    if (!user || user.active === false) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    return { userId: user.userId, orgId: user.orgId, email: user.email, name: user.name, roles: user.roles, sessionId };
  }

  /** Called for every session that ends from now on, in any process (the agent gateway disconnects its sockets). */
  onEnded(listener: (ended: EndedSession) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  protected wants(e: RecordedEvent): boolean {
    return e.type === 'SessionEnded';
  }

  protected async push(e: RecordedEvent): Promise<void> {
    const d = e.data as EndedSession;
    // Wait for the sessions read model too, so a reconnect after the disconnect is refused.
    await this.projector.waitFor(e.position);
    for (const listener of this.endedListeners) {
      try {
        listener({ userId: d.userId, sessionId: d.sessionId, reason: d.reason });
      } catch (error) {
        this.logger.warn(`session-ended listener failed: ${String(error)}`);
      }
    }
  }
}
