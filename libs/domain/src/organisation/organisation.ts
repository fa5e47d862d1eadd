import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/domain-error';
import { cleanText } from '../shared/text';

export type OrganisationEvent =
  | DomainEvent<'OrganisationRegistered', { orgId: string; name: string; website: string; ownerUserId: string; registeredAt: string }>
  | DomainEvent<'OrganisationProfileChanged', { orgId: string; changes: { name?: string; website?: string }; by: string; at: string }>;

export type OrganisationCommand =
  | {
      type: 'RegisterOrganisation';
      orgId: string;
      name: string;
      website: string;
      ownerUserId: string;
      now: string;
    }
  | { type: 'ChangeOrganisationProfile'; orgId: string; name?: string; website?: string; by: string; now: string };

export interface OrganisationState {
  registered: boolean;
  name: string;
  website?: string;
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
      case 'ChangeOrganisationProfile': {
        if (!state.registered) throw notFound('no such organisation');
        const changes: { name?: string; website?: string } = {};
        if (cmd.name !== undefined) {
          const name = cleanText(cmd.name, 'organisation name', 100);
          if (name !== state.name) changes.name = name;
        }
        if (cmd.website !== undefined) {
          const website = cleanText(cmd.website, 'website', 200);
          if (website !== state.website) changes.website = website;
        }
        if (cmd.name === undefined && cmd.website === undefined) throw invalid('nothing to change: give a name or a website');
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'OrganisationProfileChanged', data: { orgId: cmd.orgId, changes, by: cmd.by, at: cmd.now } }];
      }
      default:
        return unreachable(cmd);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered':
        return { registered: true, name: event.data.name, website: event.data.website, ownerUserId: event.data.ownerUserId };
      case 'OrganisationProfileChanged':
        return { ...state, ...event.data.changes };
      default:
        return unreachable(event);
    }
  },
};
