import type { AccountEvent, EmailClaimEvent, PhoneClaimEvent } from './account/account';
import type { InstallCheckEvent } from './install-check/install-check';
import type { SeatsEvent } from './seats/seats';
import type { ChatEvent } from './chat/chat';
import type { OrganisationEvent } from './organisation/organisation';
import type { PresenceEvent } from './presence/presence';
import type { RoutingEvent } from './routing/routing';
import type { SiteEvent } from './site/site';
import type { VisitEvent } from './visit/visit';
import type { InvitationEvent } from './invitation/invitation';
import type { LeaveMessageEvent } from './leave-message/leave-message';
import type { ChatSettingsEvent } from './chat-settings/chat-settings';

/** Every event the product records. Projections narrow on `type`. */
export type AnyDomainEvent =
  | OrganisationEvent
  | AccountEvent
  | EmailClaimEvent
  | SiteEvent
  | PresenceEvent
  | VisitEvent
  | RoutingEvent
  | ChatEvent
  | PhoneClaimEvent
  | SeatsEvent
  | InstallCheckEvent
  | InvitationEvent
  | LeaveMessageEvent
  | ChatSettingsEvent;
export type EventType = AnyDomainEvent['type'];
export type EventOf<T extends EventType> = Extract<AnyDomainEvent, { type: T }>;
export type DataOf<T extends EventType> = EventOf<T>['data'];
