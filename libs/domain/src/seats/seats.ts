import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { invalid, ruleViolated } from '../shared/domain-error';

export const SEAT_LIMIT_MAX = 100_000;

/**
 * Seats of an organisation (stream `seats-{orgId}`, D4/G11): how many agents may be online at once.
 * An agent takes a seat when going from offline to online/away/busy and releases it when going
 * offline. Both the limit and the holders live in this one stream, so appending with its expected
 * revision makes it impossible for two agents to take the last seat at once.
 */
export type SeatsEvent =
  | DomainEvent<'SeatLimitSet', { orgId: string; limit: number | null; previous: number | null; by: string; at: string }>
  | DomainEvent<'SeatTaken', { orgId: string; userId: string; inUse: number; limit: number | null; at: string }>
  | DomainEvent<'SeatReleased', { orgId: string; userId: string; inUse: number; at: string }>;

export type SeatsCommand =
  | { type: 'SetSeatLimit'; orgId: string; limit: number | null; by: string; now: string }
  | { type: 'TakeSeat'; orgId: string; userId: string; now: string }
  | { type: 'ReleaseSeat'; orgId: string; userId: string; now: string };

export interface SeatsState {
  /** null = unlimited (the default). */
  limit: number | null;
  /** userId -> since when the seat is held. */
  holders: Record<string, string>;
}

export const seats: Decider<SeatsCommand, SeatsEvent, SeatsState> = {
  streamPrefix: 'seats',
  initialState: { limit: null, holders: {} },
  decide(cmd, s) {
    switch (cmd.type) {
      case 'SetSeatLimit': {
        if (cmd.limit !== null && (!Number.isInteger(cmd.limit) || cmd.limit < 0 || cmd.limit > SEAT_LIMIT_MAX)) {
          throw invalid(`the seat limit must be a whole number from 0 to ${SEAT_LIMIT_MAX}, or null for unlimited`);
        }
        if (cmd.limit === s.limit) return [];
        return [{ type: 'SeatLimitSet', data: { orgId: cmd.orgId, limit: cmd.limit, previous: s.limit, by: cmd.by, at: cmd.now } }];
      }
      case 'TakeSeat': {
        if (s.holders[cmd.userId]) return [];
        const inUse = Object.keys(s.holders).length;
        if (s.limit !== null && inUse >= s.limit) {
          throw ruleViolated(`all ${s.limit} seats of your organisation are in use: you can go online when another agent goes offline or an owner adds seats`, {
            reason: 'SEAT_LIMIT',
            limit: s.limit,
            inUse,
          });
        }
        return [{ type: 'SeatTaken', data: { orgId: cmd.orgId, userId: cmd.userId, inUse: inUse + 1, limit: s.limit, at: cmd.now } }];
      }
      case 'ReleaseSeat': {
        if (!s.holders[cmd.userId]) return [];
        const inUse = Object.keys(s.holders).length - 1;
        return [{ type: 'SeatReleased', data: { orgId: cmd.orgId, userId: cmd.userId, inUse, at: cmd.now } }];
      }
      default:
        return unreachable(cmd);
    }
  },
  evolve(s, e) {
    switch (e.type) {
      case 'SeatLimitSet':
        return { ...s, limit: e.data.limit };
      case 'SeatTaken':
        return { ...s, holders: { ...s.holders, [e.data.userId]: e.data.at } };
      case 'SeatReleased': {
        const holders = { ...s.holders };
        delete holders[e.data.userId];
        return { ...s, holders };
      }
      default:
        return unreachable(e);
    }
  },
};

/** Does a status change from `previous` to `next` take a seat (true), release one (false) or neither (undefined)? */
export function seatChange(previous: string, next: string): 'take' | 'release' | undefined {
  if (previous === 'offline' && next !== 'offline') return 'take';
  if (previous !== 'offline' && next === 'offline') return 'release';
  return undefined;
}
