import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import type { Role } from '@kefu/contracts';
import { SessionStore } from '@kefu/ui';

export const signedInOnly: CanActivateFn = () => inject(SessionStore).signedIn() || inject(Router).createUrlTree(['/login']);

export const guestOnly: CanActivateFn = () => !inject(SessionStore).signedIn() || inject(Router).createUrlTree(['/sites']);

/** A3: the console's settings are for owners and admins; an agent only manages its own account here. */
export function isAdmin(roles: readonly Role[] | undefined): boolean {
  return !!roles && (roles.includes('owner') || roles.includes('admin'));
}

export const adminOnly: CanActivateFn = () => isAdmin(inject(SessionStore).user()?.roles) || inject(Router).createUrlTree(['/account']);
