import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { dataOf } from '../event-data';

export const USERS = 'users';
export const SESSIONS = 'sessions';

/** One document per account: the employees list (A2) and the principal behind a session (A3, A4). */
export interface UserDoc extends Doc {
  userId: string;
  orgId: string;
  /** '' when the person signs in by phone only. */
  email: string;
  /** '' when the person signs in by e-mail only. */
  phone?: string;
  name: string;
  roles: ('owner' | 'admin' | 'agent' | 'auditor')[];
  registeredAt: string;
  /** false after deactivation: no sign-in, no live session. Absent on documents of version 1 = true. */
  active?: boolean;
  deactivatedAt?: string;
  passwordChangedAt?: string;
  addedBy?: string;
}

/** Keyed by the session id (SHA-256 of the token): the token itself is never stored. */
export interface SessionDoc extends Doc {
  sessionId: string;
  userId: string;
  orgId: string;
  startedAt: string;
  expiresAt: string;
  endedAt?: string;
  endReason?: 'sign_out' | 'sign_out_everywhere' | 'password_changed' | 'deactivated';
}

/** Accounts and sessions: who can sign in, with which roles, and which tokens are alive (A1–A4). */
export const accountsProjection = projection({
  name: 'accounts',
  version: 2,
  handles: ['UserRegistered', 'SessionStarted', 'SessionEnded', 'PasswordChanged', 'RolesChanged', 'AccountDeactivated', 'AccountReactivated'],
  collections: [USERS, SESSIONS],
  async apply(e, store) {
    const at = { upsert: true, atPosition: e.position };
    switch (e.type) {
      case 'UserRegistered': {
        const d = dataOf(e, 'UserRegistered');
        await store.update(
          USERS,
          d.userId,
          {
            $set: {
              userId: d.userId,
              orgId: d.orgId,
              email: d.email,
              phone: d.phone ?? '',
              name: d.name,
              roles: d.roles,
              registeredAt: d.registeredAt,
              active: true,
              ...(d.addedBy ? { addedBy: d.addedBy } : {}),
            },
          },
          at,
        );
        return;
      }
      case 'SessionStarted': {
        const d = dataOf(e, 'SessionStarted');
        await store.update(
          SESSIONS,
          d.sessionId,
          { $set: { sessionId: d.sessionId, userId: d.userId, orgId: d.orgId, startedAt: d.startedAt, expiresAt: d.expiresAt } },
          at,
        );
        return;
      }
      case 'SessionEnded': {
        const d = dataOf(e, 'SessionEnded');
        await store.update(SESSIONS, d.sessionId, { $set: { endedAt: d.endedAt, endReason: d.reason } }, at);
        return;
      }
      case 'PasswordChanged': {
        const d = dataOf(e, 'PasswordChanged');
        await store.update(USERS, d.userId, { $set: { passwordChangedAt: d.changedAt } }, at);
        return;
      }
      case 'RolesChanged': {
        const d = dataOf(e, 'RolesChanged');
        await store.update(USERS, d.userId, { $set: { roles: d.roles } }, at);
        return;
      }
      case 'AccountDeactivated': {
        const d = dataOf(e, 'AccountDeactivated');
        await store.update(USERS, d.userId, { $set: { active: false, deactivatedAt: d.deactivatedAt } }, at);
        return;
      }
      case 'AccountReactivated': {
        const d = dataOf(e, 'AccountReactivated');
        await store.update(USERS, d.userId, { $set: { active: true }, $unset: { deactivatedAt: '' } }, at);
        return;
      }
    }
  },
});
