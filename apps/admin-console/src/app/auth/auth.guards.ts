import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { SessionStore } from '@kefu/ui';

export const signedInOnly: CanActivateFn = () => inject(SessionStore).signedIn() || inject(Router).createUrlTree(['/login']);

export const guestOnly: CanActivateFn = () => !inject(SessionStore).signedIn() || inject(Router).createUrlTree(['/sites']);
