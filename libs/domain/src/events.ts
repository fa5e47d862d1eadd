import type { AccountEvent, EmailClaimEvent } from './account/account';
import type { ChatEvent } from './chat/chat';
import type { OrganisationEvent } from './organisation/organisation';
import type { PresenceEvent } from './presence/presence';
import type { RoutingEvent } from './routing/routing';
import type { SiteEvent } from './site/site';
import type { VisitEvent } from './visit/visit';

/** Every event the product records. Projections narrow on `type`. */
export type AnyDomainEvent = OrganisationEvent | AccountEvent | EmailClaimEvent | SiteEvent | PresenceEvent | VisitEvent | RoutingEvent | ChatEvent;
export type EventType = AnyDomainEvent['type'];
export type EventOf<T extends EventType> = Extract<AnyDomainEvent, { type: T }>;
export type DataOf<T extends EventType> = EventOf<T>['data'];
