import type { Projection } from '@kefu/projector';
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
