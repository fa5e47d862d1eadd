import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { dataOf } from '../event-data';

export const ORGANISATIONS = 'organisations';

/** One document per organisation: its profile and its seats (A1, D4/G11). */
export interface OrganisationDoc extends Doc {
  orgId: string;
  name: string;
  website: string;
  ownerUserId: string;
  registeredAt: string;
  /** null = unlimited. */
  seatLimit: number | null;
  /** userId -> since when the seat is held. */
  seatHolders: Record<string, string>;
}

export const organisationsProjection = projection({
  name: 'organisations',
  version: 1,
  handles: ['OrganisationRegistered', 'OrganisationProfileChanged', 'SeatLimitSet', 'SeatTaken', 'SeatReleased'],
  collections: [ORGANISATIONS],
  async apply(e, store) {
    const at = { upsert: true, atPosition: e.position };
    switch (e.type) {
      case 'OrganisationRegistered': {
        const d = dataOf(e, 'OrganisationRegistered');
        await store.update(
          ORGANISATIONS,
          d.orgId,
          { $set: { orgId: d.orgId, name: d.name, website: d.website, ownerUserId: d.ownerUserId, registeredAt: d.registeredAt } },
          at,
        );
        return;
      }
      case 'OrganisationProfileChanged': {
        const d = dataOf(e, 'OrganisationProfileChanged');
        await store.update(ORGANISATIONS, d.orgId, { $set: { ...d.changes } }, at);
        return;
      }
      case 'SeatLimitSet': {
        const d = dataOf(e, 'SeatLimitSet');
        await store.update(ORGANISATIONS, d.orgId, { $set: { orgId: d.orgId, seatLimit: d.limit } }, at);
        return;
      }
      case 'SeatTaken': {
        const d = dataOf(e, 'SeatTaken');
        await store.update(ORGANISATIONS, d.orgId, { $set: { orgId: d.orgId, [`seatHolders.${d.userId}`]: d.at } }, at);
        return;
      }
      case 'SeatReleased': {
        const d = dataOf(e, 'SeatReleased');
        await store.update(ORGANISATIONS, d.orgId, { $unset: { [`seatHolders.${d.userId}`]: '' } }, at);
        return;
      }
    }
  },
});
