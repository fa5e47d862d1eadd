import type { Role } from '@kefu/domain';

/** The signed-in person behind a request or an agent socket. */
export interface Principal {
  userId: string;
  orgId: string;
  email: string;
  name: string;
  roles: Role[];
  sessionId: string;
}
