import { docProjection } from '@kefu/projector';
import { childOf, type Doc, setTo } from '@kefu/read-store';
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

export const organisationsProjection = docProjection({
  name: 'organisations',
  version: 1,
  handles: ['OrganisationRegistered', 'OrganisationProfileChanged', 'SeatLimitSet', 'SeatTaken', 'SeatReleased'],
  collections: [ORGANISATIONS],
  project(e, docs) {
    // Every event creates the organisation's document when it is missing (a seat event may come first).
    const doc = docs.edit<OrganisationDoc>(ORGANISATIONS, (e.data as { orgId: string }).orgId, e.position, true);
    if (!doc) return;
    switch (e.type) {
      case 'OrganisationRegistered': {
        const d = dataOf(e, 'OrganisationRegistered');
        setTo(doc, 'orgId', d.orgId);
        setTo(doc, 'name', d.name);
        setTo(doc, 'website', d.website);
        setTo(doc, 'ownerUserId', d.ownerUserId);
        setTo(doc, 'registeredAt', d.registeredAt);
        return;
      }
      case 'OrganisationProfileChanged': {
        const d = dataOf(e, 'OrganisationProfileChanged');
        for (const [field, value] of Object.entries(d.changes)) setTo(doc, field, value);
        return;
      }
      case 'SeatLimitSet': {
        const d = dataOf(e, 'SeatLimitSet');
        doc.orgId = d.orgId;
        setTo(doc, 'seatLimit', d.limit);
        return;
      }
      case 'SeatTaken': {
        const d = dataOf(e, 'SeatTaken');
        doc.orgId = d.orgId;
        if (d.at !== undefined) setTo(childOf(doc, 'seatHolders'), d.userId, d.at);
        return;
      }
      case 'SeatReleased': {
        const d = dataOf(e, 'SeatReleased');
        const holders: unknown = doc.seatHolders;
        if (holders !== null && typeof holders === 'object') delete (holders as Record<string, string>)[d.userId];
        return;
      }
    }
  },
});
