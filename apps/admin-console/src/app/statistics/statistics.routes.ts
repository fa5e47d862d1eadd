import type { Routes } from '@angular/router';
import { provideEchartsCore } from 'ngx-echarts';
import { InvitationsReport } from './invitations-report';
import { KeywordsReport } from './keywords-report';
import { PagesReport } from './pages-report';
import { RatingsReport } from './ratings-report';
import { RegionsReport } from './regions-report';
import { SourcesReport } from './sources-report';
import { StatisticsLayout } from './statistics-layout';
import { VisitorsReport } from './visitors-report';

/** Lazy (with the chart library a further chunk), so the console's first download holds none of it. */
export const statisticsRoutes: Routes = [
  {
    path: '',
    component: StatisticsLayout,
    providers: [provideEchartsCore({ echarts: () => import('./echarts-setup') })],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'visitors' },
      { path: 'visitors', component: VisitorsReport },
      { path: 'pages', component: PagesReport },
      { path: 'sources', component: SourcesReport },
      { path: 'keywords', component: KeywordsReport },
      { path: 'regions', component: RegionsReport },
      { path: 'ratings', component: RatingsReport },
      { path: 'invitations', component: InvitationsReport },
    ],
  },
];
