import type { Role } from '@kefu/contracts';

/** The roles an organisation gives its people (A3); `auditor` belongs to the audit issue. */
export const STAFF_ROLES: readonly Role[] = ['owner', 'admin', 'agent'];
