import type { EnvironmentProviders } from '@angular/core';
import { type Routes, provideRouter, withComponentInputBinding, withRouterConfig } from '@angular/router';
import { auditorOnly } from './audit/audit-access';
import { adminOnly, guestOnly, signedInOnly } from './auth/auth.guards';
import { Shell } from './shell/shell';

/** Every page is its own lazy chunk: the initial bundle holds the shell and the sign-in only. */
export const routes: Routes = [
  { path: 'login', canActivate: [guestOnly], loadComponent: () => import('./auth/auth-page').then((m) => m.AuthPage) },
  { path: 'register', redirectTo: 'login' },
  {
    path: '',
    component: Shell,
    canActivate: [signedInOnly],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'sites' },
      { path: 'account', loadComponent: () => import('./account/account-page').then((m) => m.AccountPage) },
      { path: 'audit', canActivate: [auditorOnly], loadComponent: () => import('./audit/audit-page').then((m) => m.AuditPage) },
      {
        path: '',
        canActivateChild: [adminOnly],
        children: [
          { path: 'organisation', loadComponent: () => import('./organisation/organisation-page').then((m) => m.OrganisationPage) },
          { path: 'employees', loadComponent: () => import('./employees/employees-page').then((m) => m.EmployeesPage) },
          { path: 'sites', loadComponent: () => import('./sites/sites-page').then((m) => m.SitesPage) },
          { path: 'monitoring', loadComponent: () => import('./monitoring/monitoring-page').then((m) => m.MonitoringPage) },
          {
            path: 'sites/:siteId',
            loadComponent: () => import('./site/site-layout').then((m) => m.SiteLayout),
            children: [
              { path: '', pathMatch: 'full', redirectTo: 'settings' },
              { path: 'settings', loadComponent: () => import('./site/site-settings-page').then((m) => m.SiteSettingsPage) },
              { path: 'conversation', loadComponent: () => import('./site/conversation-settings-page').then((m) => m.ConversationSettingsPage) },
              { path: 'groups', loadComponent: () => import('./site/groups-page').then((m) => m.GroupsPage) },
              { path: 'agents', loadComponent: () => import('./site/agents-page').then((m) => m.AgentsPage) },
              { path: 'install', loadComponent: () => import('./site/install-page').then((m) => m.InstallPage) },
              { path: 'fixed-links', loadComponent: () => import('./site/fixed-links-page').then((m) => m.FixedLinksPage) },
              { path: 'chats', loadComponent: () => import('./records/chat-records-page').then((m) => m.ChatRecordsPage) },
              { path: 'chats/:chatId', loadComponent: () => import('./records/chat-record-page').then((m) => m.ChatRecordPage) },
              { path: 'visits', loadComponent: () => import('./visits/visits-page').then((m) => m.VisitsPage) },
              { path: 'leave-messages', loadComponent: () => import('./leave-messages/leave-messages-page').then((m) => m.LeaveMessagesPage) },
              { path: 'ratings', loadComponent: () => import('./ratings/ratings-page').then((m) => m.RatingsPage) },
              { path: 'statistics', loadChildren: () => import('./statistics/statistics.routes').then((m) => m.statisticsRoutes) },
            ],
          },
        ],
      },
    ],
  },
  { path: '**', redirectTo: '' },
];

/** Route parameters arrive as component inputs (`siteId`, `chatId`); a site's pages inherit `siteId`. */
export function provideAdminRouter(): EnvironmentProviders {
  return provideRouter(routes, withComponentInputBinding(), withRouterConfig({ paramsInheritanceStrategy: 'always' }));
}
