/** The read models of monitoring, records, statistics and the invitation funnel (issue 6), registered in index.ts. */
import type { Projection } from '@kefu/projector';
import { invitationFunnelProjection } from './invitation-funnel/invitation-funnel.projection';
import { leaveMessagesProjection } from './leave-messages/leave-messages.projection';
import { liveVisitorsProjection } from './live-visitors/live-visitors.projection';
import { ratingsProjection } from './ratings/ratings.projection';
import { statsKeywordsProjection } from './stats-keywords/stats-keywords.projection';
import { statsPagesProjection } from './stats-pages/stats-pages.projection';
import { statsRatingsProjection } from './stats-ratings/stats-ratings.projection';
import { statsRegionsProjection } from './stats-regions/stats-regions.projection';
import { statsSourcesProjection } from './stats-sources/stats-sources.projection';
import { statsVisitorsProjection } from './stats-visitors/stats-visitors.projection';
import { teamMonitorProjection } from './team-monitor/team-monitor.projection';
import { visitsProjection } from './visits/visits.projection';

export * from './conversation-events';
export * from './day-buckets';
export * from './local-time';
export * from './search-text';
export * from './visit-dimension';
export * from './visitor-kinds';
export * from './invitation-funnel/invitation-funnel.projection';
export * from './leave-messages/leave-messages.projection';
export * from './live-visitors/live-visitors.projection';
export * from './ratings/ratings.projection';
export * from './stats-keywords/stats-keywords.projection';
export * from './stats-pages/stats-pages.projection';
export * from './stats-ratings/stats-ratings.projection';
export * from './stats-regions/stats-regions.projection';
export * from './stats-sources/stats-sources.projection';
export * from './stats-visitors/stats-visitors.projection';
export * from './team-monitor/team-monitor.projection';
export * from './visits/visits.projection';

export const reportingProjections: readonly Projection[] = [
  liveVisitorsProjection,
  teamMonitorProjection,
  visitsProjection,
  leaveMessagesProjection,
  ratingsProjection,
  statsVisitorsProjection,
  statsPagesProjection,
  statsSourcesProjection,
  statsKeywordsProjection,
  statsRegionsProjection,
  statsRatingsProjection,
  invitationFunnelProjection,
];
