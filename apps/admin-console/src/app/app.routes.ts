import type { EnvironmentProviders } from '@angular/core';
import { type Routes, provideRouter, withComponentInputBinding } from '@angular/router';
import { guestOnly, signedInOnly } from './auth/auth.guards';
import { Shell } from './shell/shell';

export const routes: Routes = [
  { path: 'login', canActivate: [guestOnly], loadComponent: () => import('./auth/auth-page').then((m) => m.AuthPage) },
  { path: 'register', redirectTo: 'login' },
  {
    path: '',
    component: Shell,
    canActivate: [signedInOnly],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'sites' },
      { path: 'sites', loadComponent: () => import('./sites/sites-page').then((m) => m.SitesPage) },
      {
        path: 'sites/:siteId/chats',
        loadComponent: () => import('./records/chat-records-page').then((m) => m.ChatRecordsPage),
      },
      {
        path: 'sites/:siteId/chats/:chatId',
        loadComponent: () => import('./records/chat-record-page').then((m) => m.ChatRecordPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];

/** Route parameters arrive as component inputs (`siteId`, `chatId`). */
export function provideAdminRouter(): EnvironmentProviders {
  return provideRouter(routes, withComponentInputBinding());
}
