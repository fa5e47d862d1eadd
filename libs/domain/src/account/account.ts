import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { conflict, DomainError, notFound } from '../shared/domain-error';
import { cleanText } from '../shared/text';

export type Role = 'owner' | 'admin' | 'agent' | 'auditor';

/**
 * A person's account (stream `user-{userId}`): identity, roles, password hash and sessions.
 * Only hashes are stored: the password hash (argon2id, computed at the edge) and the session
 * token's SHA-256 (the token itself is only ever in the client's hands).
 */
export type AccountEvent =
  | DomainEvent<'UserRegistered', { userId: string; orgId: string; email: string; name: string; roles: Role[]; passwordHash: string; registeredAt: string }>
  | DomainEvent<'SessionStarted', { userId: string; orgId: string; sessionId: string; startedAt: string; expiresAt: string }>
  | DomainEvent<'SessionEnded', { userId: string; orgId: string; sessionId: string; endedAt: string; reason: 'sign_out' }>;

export type AccountCommand =
  | { type: 'RegisterUser'; userId: string; orgId: string; email: string; name: string; roles: Role[]; passwordHash: string; now: string }
  | { type: 'StartSession'; sessionId: string; now: string; expiresAt: string }
  | { type: 'EndSession'; sessionId: string; now: string };

export interface AccountState {
  exists: boolean;
  userId: string;
  orgId: string;
  email: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  /** Open sessions by id with their expiry. */
  sessions: Record<string, string>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !EMAIL.test(e)) throw new DomainError('INVALID', 'email is not a valid e-mail address');
  return e;
}

export const account: Decider<AccountCommand, AccountEvent, AccountState> = {
  streamPrefix: 'user',
  initialState: { exists: false, userId: '', orgId: '', email: '', name: '', roles: [], passwordHash: '', sessions: {} },
  decide(cmd, s) {
    switch (cmd.type) {
      case 'RegisterUser': {
        if (s.exists) {
          if (s.email === normaliseEmail(cmd.email) && s.orgId === cmd.orgId) return [];
          throw conflict('this account already exists');
        }
        if (cmd.roles.length === 0) throw new DomainError('INVALID', 'an account needs at least one role');
        return [
          {
            type: 'UserRegistered',
            data: {
              userId: cmd.userId,
              orgId: cmd.orgId,
              email: normaliseEmail(cmd.email),
              name: cleanText(cmd.name, 'name', 64),
              roles: [...new Set(cmd.roles)],
              passwordHash: cmd.passwordHash,
              registeredAt: cmd.now,
            },
          },
        ];
      }
      case 'StartSession': {
        if (!s.exists) throw notFound('no such account');
        if (s.sessions[cmd.sessionId]) return [];
        return [
          {
            type: 'SessionStarted',
            data: { userId: s.userId, orgId: s.orgId, sessionId: cmd.sessionId, startedAt: cmd.now, expiresAt: cmd.expiresAt },
          },
        ];
      }
      case 'EndSession': {
        if (!s.sessions[cmd.sessionId]) return [];
        return [{ type: 'SessionEnded', data: { userId: s.userId, orgId: s.orgId, sessionId: cmd.sessionId, endedAt: cmd.now, reason: 'sign_out' } }];
      }
      default:
        return unreachable(cmd);
    }
  },
  evolve(s, e) {
    switch (e.type) {
      case 'UserRegistered':
        return { ...s, exists: true, ...e.data, sessions: {} };
      case 'SessionStarted':
        return { ...s, sessions: { ...s.sessions, [e.data.sessionId]: e.data.expiresAt } };
      case 'SessionEnded': {
        const sessions = { ...s.sessions };
        delete sessions[e.data.sessionId];
        return { ...s, sessions };
      }
      default:
        return unreachable(e);
    }
  },
};

/**
 * E-mail addresses are unique across the product. Each address has a tiny stream
 * (`email-{sha256(address)}`) whose first event claims it; appending with expected revision
 * `no_stream` makes two simultaneous registrations of one address impossible.
 */
export type EmailClaimEvent = DomainEvent<'EmailClaimed', { email: string; userId: string; orgId: string; claimedAt: string }>;
export type EmailClaimCommand = { type: 'ClaimEmail'; email: string; userId: string; orgId: string; now: string };
export interface EmailClaimState {
  userId?: string;
}

export const emailClaim: Decider<EmailClaimCommand, EmailClaimEvent, EmailClaimState> = {
  streamPrefix: 'email',
  initialState: {},
  decide(cmd, s) {
    if (s.userId) {
      if (s.userId === cmd.userId) return [];
      throw conflict('this e-mail address is already registered');
    }
    return [{ type: 'EmailClaimed', data: { email: normaliseEmail(cmd.email), userId: cmd.userId, orgId: cmd.orgId, claimedAt: cmd.now } }];
  },
  evolve(_s, e) {
    return { userId: e.data.userId };
  },
};
