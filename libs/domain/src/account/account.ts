import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { conflict, DomainError, forbidden, invalid, notFound, ruleViolated } from '../shared/domain-error';
import { cleanText } from '../shared/text';
import { type CannedResponse, checkCannedResponses } from '../chat-settings/chat-settings';

/** A3 owner (everything), admin (the customer-service side), agent (the workspace); K4 auditor (reads and replays history). */
export type Role = 'owner' | 'admin' | 'agent' | 'auditor';
export const ROLES: readonly Role[] = ['owner', 'admin', 'agent', 'auditor'];

export const PASSWORD_MIN_CHARS = 8;
/** A person's name (what the console, the account page and the team panel show). */
export const USER_NAME_MAX_CHARS = 64;
export const PASSWORD_MAX_CHARS = 200;

/** Why a session ended: signing out, signing out everywhere, a password change (every other session) or deactivation. */
export type SessionEndReason = 'sign_out' | 'sign_out_everywhere' | 'password_changed' | 'deactivated';

/**
 * A person's account (stream `user-{userId}`): identity, roles, password hash and sessions.
 * Only hashes are stored: the password hash (argon2id, computed at the edge) and the session
 * token's SHA-256 (the token itself is only ever in the client's hands).
 */
export type AccountEvent =
  | DomainEvent<
      'UserRegistered',
      {
        userId: string;
        orgId: string;
        /** '' for an employee who signs in by phone only. */
        email: string;
        name: string;
        roles: Role[];
        passwordHash: string;
        registeredAt: string;
        /** Normalised phone number when the employee was added with one (A2). */
        phone?: string;
        /** The admin who added this employee (absent for the organisation's registrant). */
        addedBy?: string;
      }
    >
  | DomainEvent<'SessionStarted', { userId: string; orgId: string; sessionId: string; startedAt: string; expiresAt: string }>
  | DomainEvent<'SessionEnded', { userId: string; orgId: string; sessionId: string; endedAt: string; reason: SessionEndReason }>
  | DomainEvent<
      'PasswordChanged',
      {
        userId: string;
        orgId: string;
        passwordHash: string;
        changedAt: string;
        /** The owner or admin who set it (A2 reset); absent when the person changed it themselves. */
        by?: string;
      }
    >
  | DomainEvent<'RolesChanged', { userId: string; orgId: string; roles: Role[]; previous: Role[]; by: string; changedAt: string }>
  | DomainEvent<'UserRenamed', { userId: string; orgId: string; name: string; previous: string; by: string; renamedAt: string }>
  /** B5: the person's own canned responses (the whole list, in their order). */
  | DomainEvent<'PersonalCannedResponsesSet', { userId: string; orgId: string; responses: CannedResponse[]; at: string }>
  | DomainEvent<'AccountDeactivated', { userId: string; orgId: string; by: string; deactivatedAt: string }>
  | DomainEvent<'AccountReactivated', { userId: string; orgId: string; by: string; reactivatedAt: string }>;

/** Who asks for a change to someone's account (an admin or owner of an organisation). */
export interface AccountActor {
  userId: string;
  orgId: string;
  roles: Role[];
}

export type AccountCommand =
  | {
      type: 'RegisterUser';
      userId: string;
      orgId: string;
      /** '' when the person signs in by phone only (then `phone` is required). */
      email: string;
      phone?: string;
      name: string;
      roles: Role[];
      passwordHash: string;
      addedBy?: string;
      now: string;
    }
  | { type: 'StartSession'; sessionId: string; now: string; expiresAt: string }
  | { type: 'EndSession'; sessionId: string; now: string }
  | { type: 'EndAllSessions'; now: string }
  | {
      type: 'ChangePassword';
      /** The current password was checked against the stored hash at the edge (argon2 is I/O-bound work). */
      currentPasswordVerified: boolean;
      passwordHash: string;
      /** The session asking: it stays; every other one ends. */
      keepSessionId: string;
      now: string;
    }
  | { type: 'SetRoles'; actor: AccountActor; roles: Role[]; founder: boolean; now: string }
  | { type: 'Deactivate'; actor: AccountActor; founder: boolean; now: string }
  /** A2: an owner or admin sets a new password for someone who lost theirs; every session of theirs ends. */
  | { type: 'ResetPassword'; actor: AccountActor; passwordHash: string; now: string }
  | { type: 'Reactivate'; actor: AccountActor; now: string }
  /** A2: an owner or admin corrects an employee's name (the one the console and the team panel show). */
  | { type: 'Rename'; actor: AccountActor; name: string; now: string }
  /** B5: a signed-in person replaces their own canned responses. */
  | { type: 'SetCannedResponses'; responses: CannedResponse[]; now: string };

export interface AccountState {
  exists: boolean;
  userId: string;
  orgId: string;
  email: string;
  phone: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  active: boolean;
  /** Open sessions by id with their expiry. */
  sessions: Record<string, string>;
  /** B5: their own canned responses. */
  cannedResponses: CannedResponse[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !EMAIL.test(e)) throw new DomainError('INVALID', 'email is not a valid e-mail address');
  return e;
}

/**
 * A phone number people sign in with: separators dropped; a mainland China mobile number is kept as
 * its 11 digits (with or without +86), any other number as `+` and 8–15 digits.
 */
export function normalisePhone(phone: string): string {
  const p = phone.trim().replace(/[\s\-().]/g, '');
  const mainland = /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(p);
  if (mainland?.[1]) return mainland[1];
  const international = /^(?:\+|00)([1-9]\d{7,14})$/.exec(p);
  if (international?.[1]) return `+${international[1]}`;
  throw new DomainError('INVALID', 'phone is not a phone number (examples: 13800138000, +85291234567)');
}

/** True when the text looks like an e-mail address rather than a phone number (sign-in accepts either). */
export const looksLikeEmail = (login: string): boolean => login.includes('@');

/** Passwords are checked for length only; they are hashed at the edge and never stored. */
export function checkPassword(password: string, field = 'password'): void {
  const n = [...password].length;
  if (n < PASSWORD_MIN_CHARS) throw invalid(`${field} is too short: at least ${PASSWORD_MIN_CHARS} characters`, { field, min: PASSWORD_MIN_CHARS });
  if (n > PASSWORD_MAX_CHARS) throw invalid(`${field} is too long: at most ${PASSWORD_MAX_CHARS} characters`, { field, max: PASSWORD_MAX_CHARS });
}

function checkRoles(roles: readonly Role[]): Role[] {
  if (roles.length === 0) throw invalid(`an account needs at least one role (${ROLES.join(', ')})`);
  for (const r of roles) if (!ROLES.includes(r)) throw invalid(`unknown role "${String(r).slice(0, 20)}": roles are ${ROLES.join(', ')}`);
  return ROLES.filter((r) => roles.includes(r));
}

/** Another organisation's account looks exactly like one that does not exist. */
function assertSameOrg(s: AccountState, actor: AccountActor): void {
  if (!s.exists || s.orgId !== actor.orgId) throw notFound('no such employee');
}

function liveSessions(s: AccountState, now: string, except?: string): string[] {
  return Object.entries(s.sessions)
    .filter(([id, expiresAt]) => id !== except && expiresAt > now)
    .map(([id]) => id);
}

function endSessions(s: AccountState, ids: string[], now: string, reason: SessionEndReason): AccountEvent[] {
  return ids.map((sessionId) => ({ type: 'SessionEnded', data: { userId: s.userId, orgId: s.orgId, sessionId, endedAt: now, reason } }));
}

export const account: Decider<AccountCommand, AccountEvent, AccountState> = {
  streamPrefix: 'user',
  initialState: {
    exists: false,
    userId: '',
    orgId: '',
    email: '',
    phone: '',
    name: '',
    roles: [],
    passwordHash: '',
    active: false,
    sessions: {},
    cannedResponses: [],
  },
  decide(cmd, s) {
    switch (cmd.type) {
      case 'RegisterUser': {
        const email = cmd.email === '' ? '' : normaliseEmail(cmd.email);
        const phone = cmd.phone ? normalisePhone(cmd.phone) : '';
        if (s.exists) {
          if (s.email === email && s.phone === phone && s.orgId === cmd.orgId) return [];
          throw conflict('this account already exists');
        }
        if (!email && !phone) throw invalid('an account needs an e-mail address or a phone number to sign in with');
        const roles = checkRoles(cmd.roles);
        return [
          {
            type: 'UserRegistered',
            data: {
              userId: cmd.userId,
              orgId: cmd.orgId,
              email,
              name: cleanText(cmd.name, 'name', USER_NAME_MAX_CHARS),
              roles,
              passwordHash: cmd.passwordHash,
              registeredAt: cmd.now,
              ...(phone ? { phone } : {}),
              ...(cmd.addedBy ? { addedBy: cmd.addedBy } : {}),
            },
          },
        ];
      }
      case 'StartSession': {
        if (!s.exists) throw notFound('no such account');
        if (s.sessions[cmd.sessionId]) return [];
        if (!s.active) throw new DomainError('UNAUTHENTICATED', 'this account is deactivated');
        return [
          {
            type: 'SessionStarted',
            data: { userId: s.userId, orgId: s.orgId, sessionId: cmd.sessionId, startedAt: cmd.now, expiresAt: cmd.expiresAt },
          },
        ];
      }
      case 'EndSession': {
        if (!s.sessions[cmd.sessionId]) return [];
        return endSessions(s, [cmd.sessionId], cmd.now, 'sign_out');
      }
      case 'EndAllSessions':
        return endSessions(s, liveSessions(s, cmd.now), cmd.now, 'sign_out_everywhere');
      case 'ChangePassword': {
        if (!s.exists || !s.active) throw new DomainError('UNAUTHENTICATED', 'sign in first');
        if (!cmd.currentPasswordVerified) throw new DomainError('FORBIDDEN', 'the current password is wrong');
        return [
          { type: 'PasswordChanged', data: { userId: s.userId, orgId: s.orgId, passwordHash: cmd.passwordHash, changedAt: cmd.now } },
          ...endSessions(s, liveSessions(s, cmd.now, cmd.keepSessionId), cmd.now, 'password_changed'),
        ];
      }
      case 'SetRoles': {
        assertSameOrg(s, cmd.actor);
        const roles = checkRoles(cmd.roles);
        if (cmd.actor.userId === s.userId) throw forbidden('you cannot change your own roles; ask another owner or admin');
        const touchesOwner = s.roles.includes('owner') || roles.includes('owner');
        if (touchesOwner && !cmd.actor.roles.includes('owner')) throw forbidden("only an owner can give, take or change an owner's roles");
        if (cmd.founder && !roles.includes('owner')) throw ruleViolated('the person who registered the organisation stays its owner');
        if (roles.length === s.roles.length && roles.every((r) => s.roles.includes(r))) return [];
        return [{ type: 'RolesChanged', data: { userId: s.userId, orgId: s.orgId, roles, previous: s.roles, by: cmd.actor.userId, changedAt: cmd.now } }];
      }
      case 'Deactivate': {
        assertSameOrg(s, cmd.actor);
        if (cmd.actor.userId === s.userId) throw ruleViolated('you cannot deactivate your own account');
        if (cmd.founder) throw ruleViolated('the person who registered the organisation cannot be deactivated');
        if (s.roles.includes('owner') && !cmd.actor.roles.includes('owner')) throw forbidden('only an owner can deactivate an owner');
        if (!s.active) return [];
        return [
          { type: 'AccountDeactivated', data: { userId: s.userId, orgId: s.orgId, by: cmd.actor.userId, deactivatedAt: cmd.now } },
          ...endSessions(s, liveSessions(s, cmd.now), cmd.now, 'deactivated'),
        ];
      }
      case 'ResetPassword': {
        assertSameOrg(s, cmd.actor);
        if (cmd.actor.userId === s.userId) throw ruleViolated('change your own password with your current one (My account)');
        if (s.roles.includes('owner') && !cmd.actor.roles.includes('owner')) throw forbidden("only an owner can reset an owner's password");
        return [
          { type: 'PasswordChanged', data: { userId: s.userId, orgId: s.orgId, passwordHash: cmd.passwordHash, changedAt: cmd.now, by: cmd.actor.userId } },
          ...endSessions(s, liveSessions(s, cmd.now), cmd.now, 'password_changed'),
        ];
      }
      case 'Rename': {
        assertSameOrg(s, cmd.actor);
        if (s.roles.includes('owner') && !cmd.actor.roles.includes('owner') && cmd.actor.userId !== s.userId) {
          throw forbidden('only an owner can rename an owner');
        }
        const name = cleanText(cmd.name, 'name', USER_NAME_MAX_CHARS);
        if (name === s.name) return [];
        return [{ type: 'UserRenamed', data: { userId: s.userId, orgId: s.orgId, name, previous: s.name, by: cmd.actor.userId, renamedAt: cmd.now } }];
      }
      case 'SetCannedResponses': {
        if (!s.exists || !s.active) throw new DomainError('UNAUTHENTICATED', 'sign in first');
        const responses = checkCannedResponses(cmd.responses);
        if (JSON.stringify(responses) === JSON.stringify(s.cannedResponses)) return [];
        return [{ type: 'PersonalCannedResponsesSet', data: { userId: s.userId, orgId: s.orgId, responses, at: cmd.now } }];
      }
      case 'Reactivate': {
        assertSameOrg(s, cmd.actor);
        if (s.roles.includes('owner') && !cmd.actor.roles.includes('owner')) throw forbidden('only an owner can reactivate an owner');
        if (s.active) return [];
        return [{ type: 'AccountReactivated', data: { userId: s.userId, orgId: s.orgId, by: cmd.actor.userId, reactivatedAt: cmd.now } }];
      }
      default:
        return unreachable(cmd);
    }
  },
  evolve(s, e) {
    switch (e.type) {
      case 'UserRegistered': {
        const { phone, addedBy: _addedBy, registeredAt: _at, ...d } = e.data;
        return { ...s, ...d, exists: true, phone: phone ?? '', active: true, sessions: {} };
      }
      case 'SessionStarted':
        return { ...s, sessions: { ...s.sessions, [e.data.sessionId]: e.data.expiresAt } };
      case 'SessionEnded': {
        const sessions = { ...s.sessions };
        delete sessions[e.data.sessionId];
        return { ...s, sessions };
      }
      case 'PasswordChanged':
        return { ...s, passwordHash: e.data.passwordHash };
      case 'RolesChanged':
        return { ...s, roles: e.data.roles };
      case 'UserRenamed':
        return { ...s, name: e.data.name };
      case 'PersonalCannedResponsesSet':
        return { ...s, cannedResponses: e.data.responses };
      case 'AccountDeactivated':
        return { ...s, active: false };
      case 'AccountReactivated':
        return { ...s, active: true };
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

/** Phone numbers are unique sign-in names too (`phone-{sha256(number)}`), claimed like e-mail addresses. */
export type PhoneClaimEvent = DomainEvent<'PhoneClaimed', { phone: string; userId: string; orgId: string; claimedAt: string }>;
export type PhoneClaimCommand = { type: 'ClaimPhone'; phone: string; userId: string; orgId: string; now: string };
export interface PhoneClaimState {
  userId?: string;
}

export const phoneClaim: Decider<PhoneClaimCommand, PhoneClaimEvent, PhoneClaimState> = {
  streamPrefix: 'phone',
  initialState: {},
  decide(cmd, s) {
    if (s.userId) {
      if (s.userId === cmd.userId) return [];
      throw conflict('this phone number is already registered');
    }
    return [{ type: 'PhoneClaimed', data: { phone: normalisePhone(cmd.phone), userId: cmd.userId, orgId: cmd.orgId, claimedAt: cmd.now } }];
  },
  evolve(_s, e) {
    return { userId: e.data.userId };
  },
};
