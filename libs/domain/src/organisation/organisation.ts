import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { conflict } from '../shared/domain-error';
import { cleanText } from '../shared/text';

export type OrganisationEvent = DomainEvent<
  'OrganisationRegistered',
  { orgId: string; name: string; website: string; ownerUserId: string; registeredAt: string }
>;

export type OrganisationCommand = {
  type: 'RegisterOrganisation';
  orgId: string;
  name: string;
  website: string;
  ownerUserId: string;
  now: string;
};

export interface OrganisationState {
  registered: boolean;
  name: string;
  ownerUserId?: string;
}

export const organisation: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  streamPrefix: 'org',
  initialState: { registered: false, name: '' },
  decide(cmd, state) {
    switch (cmd.type) {
      case 'RegisterOrganisation': {
        if (state.registered) {
          // A retry by the same owner is answered as the first time; anyone else is refused.
          if (state.ownerUserId === cmd.ownerUserId) return [];
          throw conflict('this organisation is already registered');
        }
        return [
          {
            type: 'OrganisationRegistered',
            data: {
              orgId: cmd.orgId,
              name: cleanText(cmd.name, 'organisation name', 100),
              website: cleanText(cmd.website, 'website', 200),
              ownerUserId: cmd.ownerUserId,
              registeredAt: cmd.now,
            },
          },
        ];
      }
      default:
        return unreachable(cmd.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered':
        return { registered: true, name: event.data.name, ownerUserId: event.data.ownerUserId };
      default:
        return unreachable(event.type);
    }
  },
};
