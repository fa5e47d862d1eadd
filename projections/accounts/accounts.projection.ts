import { docProjection } from '@kefu/projector';
import { type Doc, setTo } from '@kefu/read-store';
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
export const accountsProjection = docProjection({
  name: 'accounts',
  version: 2,
  handles: ['UserRegistered', 'SessionStarted', 'SessionEnded', 'PasswordChanged', 'RolesChanged', 'UserRenamed', 'AccountDeactivated', 'AccountReactivated'],
  collections: [USERS, SESSIONS],
  project(e, docs) {
    // Every event creates its document when it is missing (upsert), as the update operators did.
    const user = (userId: string) => docs.edit<UserDoc>(USERS, userId, e.position, true);
    switch (e.type) {
      case 'UserRegistered': {
        const d = dataOf(e, 'UserRegistered');
        const doc = user(d.userId);
        if (!doc) return;
        setTo(doc, 'userId', d.userId);
        setTo(doc, 'orgId', d.orgId);
        setTo(doc, 'email', d.email);
        doc.phone = d.phone ?? '';
        setTo(doc, 'name', d.name);
        // The event's array is stored as it is: no event changes it in place (RolesChanged replaces it).
        setTo(doc, 'roles', d.roles);
        setTo(doc, 'registeredAt', d.registeredAt);
        doc.active = true;
        if (d.addedBy) doc.addedBy = d.addedBy;
        return;
      }
      case 'SessionStarted': {
        const d = dataOf(e, 'SessionStarted');
        const doc = docs.edit<SessionDoc>(SESSIONS, d.sessionId, e.position, true);
        if (!doc) return;
        setTo(doc, 'sessionId', d.sessionId);
        setTo(doc, 'userId', d.userId);
        setTo(doc, 'orgId', d.orgId);
        setTo(doc, 'startedAt', d.startedAt);
        setTo(doc, 'expiresAt', d.expiresAt);
        return;
      }
      case 'SessionEnded': {
        const d = dataOf(e, 'SessionEnded');
        const doc = docs.edit<SessionDoc>(SESSIONS, d.sessionId, e.position, true);
        if (!doc) return;
        setTo(doc, 'endedAt', d.endedAt);
        setTo(doc, 'endReason', d.reason);
        return;
      }
      case 'PasswordChanged': {
        const d = dataOf(e, 'PasswordChanged');
        const doc = user(d.userId);
        if (doc) setTo(doc, 'passwordChangedAt', d.changedAt);
        return;
      }
      case 'RolesChanged': {
        const d = dataOf(e, 'RolesChanged');
        const doc = user(d.userId);
        if (doc) setTo(doc, 'roles', d.roles);
        return;
      }
      case 'UserRenamed': {
        const d = dataOf(e, 'UserRenamed');
        const doc = user(d.userId);
        if (doc) setTo(doc, 'name', d.name);
        return;
      }
      case 'AccountDeactivated': {
        const d = dataOf(e, 'AccountDeactivated');
        const doc = user(d.userId);
        if (!doc) return;
        doc.active = false;
        setTo(doc, 'deactivatedAt', d.deactivatedAt);
        return;
      }
      case 'AccountReactivated': {
        const d = dataOf(e, 'AccountReactivated');
        const doc = user(d.userId);
        if (!doc) return;
        doc.active = true;
        delete doc.deactivatedAt;
        return;
      }
    }
  },
});
