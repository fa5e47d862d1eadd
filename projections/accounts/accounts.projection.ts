import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { dataOf } from '../event-data';

export const USERS = 'users';
export const SESSIONS = 'sessions';

export interface UserDoc extends Doc {
  userId: string;
  orgId: string;
  email: string;
  name: string;
  roles: ('owner' | 'admin' | 'agent')[];
  registeredAt: string;
}

/** Keyed by the session id (SHA-256 of the token): the token itself is never stored. */
export interface SessionDoc extends Doc {
  sessionId: string;
  userId: string;
  orgId: string;
  startedAt: string;
  expiresAt: string;
  endedAt?: string;
}

/** Accounts and sessions: who can sign in, and which tokens are alive (A1, A4). */
export const accountsProjection = projection({
  name: 'accounts',
  version: 1,
  handles: ['UserRegistered', 'SessionStarted', 'SessionEnded'],
  collections: [USERS, SESSIONS],
  async apply(e, store) {
    const at = { upsert: true, atPosition: e.position };
    switch (e.type) {
      case 'UserRegistered': {
        const d = dataOf(e, 'UserRegistered');
        await store.update(
          USERS,
          d.userId,
          { $set: { userId: d.userId, orgId: d.orgId, email: d.email, name: d.name, roles: d.roles, registeredAt: d.registeredAt } },
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
        await store.update(SESSIONS, d.sessionId, { $set: { endedAt: d.endedAt } }, at);
        return;
      }
    }
  },
});
