import type { ParallelCatchUp, Projection } from '@kefu/projector';
import { accountsProjection } from './accounts/accounts.projection';
import { chatRecordsProjection } from './chat-records/chat-records.projection';
import { presenceProjection } from './presence/presence.projection';
import { sitesProjection } from './sites/sites.projection';
import { organisationsProjection } from './organisations/organisations.projection';
import { reportingProjections } from './reporting';
import { liveConversationsProjection } from './live-conversations/live-conversations.projection';

export * from './accounts/accounts.projection';
export * from './sites/sites.projection';
export * from './organisations/organisations.projection';
export * from './presence/presence.projection';
export * from './chat-records/chat-records.projection';
export * from './chat-records/chat-views';
export * from './reporting';
export * from './live-conversations/live-conversations.projection';
export * from './region-english';

/** Every read model of the product, each with its one owner projection. */
export const allProjections: readonly Projection[] = [
  accountsProjection,
  sitesProjection,
  organisationsProjection,
  presenceProjection,
  chatRecordsProjection,
  ...reportingProjections,
  liveConversationsProjection,
];

/**
 * At boot, these catch up in a worker thread while the server's thread catches up the rest (the projector's
 * `parallel` option). Chosen by measuring the rebuild of 1M generated events (`npm run bench -- --only=rebuild`,
 * and each split in turn): the server's thread keeps the projections whose collections are large (every visit,
 * every chat record, and the ratings and leave messages, cheap to build and bulky to copy), so that what the
 * worker hands over at the end stays small (buckets, funnels, profiles, open visitors: ~0.4 s to copy), and
 * each side gets about half of the work.
 */
export const parallelCatchUp: ParallelCatchUp = {
  module: __filename,
  exportName: 'allProjections',
  inWorker: [
    'accounts',
    'sites',
    'organisations',
    'presence',
    'live-visitors',
    'team-monitor',
    'stats-visitors',
    'stats-pages',
    'stats-sources',
    'stats-keywords',
    'stats-regions',
    'stats-ratings',
    'invitation-funnel',
  ],
};
