import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { account, DomainError } from '@kefu/domain';
import type { ReadStore } from '@kefu/read-store';
import { SESSIONS, USERS, type SessionDoc, type UserDoc } from '@kefu/projections';
import type { SessionView } from '@kefu/contracts';
import type { ServerConfig } from '../config';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { sha256 } from '../platform/ids';
import { ProjectorService } from '../platform/projector.service';
import { READ_STORE, SERVER_CONFIG } from '../platform/tokens';
import type { Principal } from './principal';

/**
 * Session tokens: 32 random bytes given to the client once; the store keeps only their SHA-256
 * (the session id), in `SessionStarted` events of the account's stream.
 */
@Injectable()
export class Sessions {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly projector: ProjectorService,
    private readonly clock: Clock,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

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

  /** The principal for a token, or UNAUTHENTICATED (unknown, ended or expired). */
  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token || token.length > 200) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    const sessionId = sha256(token);
    const session = await this.reads.get<SessionDoc>(SESSIONS, sessionId);
    if (!session || session.endedAt || session.expiresAt <= this.clock.now()) throw new DomainError('UNAUTHENTICATED', 'your session has ended; sign in again');
    const user = await this.reads.get<UserDoc>(USERS, session.userId);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    return { userId: user.userId, orgId: user.orgId, email: user.email, name: user.name, roles: user.roles, sessionId };
  }
}
