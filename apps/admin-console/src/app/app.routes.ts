import type { Routes } from '@angular/router';
import { guestOnly, signedInOnly } from './auth/auth.guards';
import { Shell } from './shell/shell';

export const routes: Routes = [
  { path: 'login', canActivate: [guestOnly], loadComponent: () => import('./auth/login-page').then((m) => m.LoginPage) },
  {
    path: 'register',
    canActivate: [guestOnly],
    loadComponent: () => import('./auth/register-page').then((m) => m.RegisterPage),
  },
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
