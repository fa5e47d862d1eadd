import type { Projection } from '@kefu/projector';
import { accountsProjection } from './accounts/accounts.projection';
import { chatRecordsProjection } from './chat-records/chat-records.projection';
import { presenceProjection } from './presence/presence.projection';
import { sitesProjection } from './sites/sites.projection';

export * from './accounts/accounts.projection';
export * from './sites/sites.projection';
export * from './presence/presence.projection';
export * from './chat-records/chat-records.projection';
export * from './chat-records/chat-views';

/** Every read model of the product, each with its one owner projection. */
export const allProjections: readonly Projection[] = [accountsProjection, sitesProjection, presenceProjection, chatRecordsProjection];
