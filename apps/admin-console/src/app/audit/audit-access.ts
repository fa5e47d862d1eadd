import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import type { Role } from '@kefu/contracts';
import { SessionStore } from '@kefu/ui';

/** K4: histories are read by auditors and by the owner (who may do everything, A3). */
export function canAudit(roles: readonly Role[] | undefined): boolean {
  return !!roles && (roles.includes('owner') || roles.includes('auditor'));
}

export const auditorOnly: CanActivateFn = () => canAudit(inject(SessionStore).user()?.roles) || inject(Router).createUrlTree(['/account']);
