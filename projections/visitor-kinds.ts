/**
 * What a site knows of one visitor across visits, to tell the kind of each new visit (B1, I3, J1):
 * member (left contact details before) > intent (chatted or left a message before) > returning > new.
 * Each read model that shows kinds keeps its own profile collection, so it can be rebuilt alone.
 */
import type { VisitorKind } from '@kefu/contracts';
import type { Doc } from '@kefu/read-store';
import type { LeaveMessageLeftData } from './conversation-events';

export interface VisitorProfileDoc extends Doc {
  chats?: number;
  leaveMessages?: number;
  member?: boolean;
}

export const profileId = (siteId: string, visitorId: string): string => `${siteId}|${visitorId}`;

export function visitorKindOf(profile: VisitorProfileDoc | null, returning: boolean): VisitorKind {
  if (profile?.member) return 'member';
  if ((profile?.chats ?? 0) > 0 || (profile?.leaveMessages ?? 0) > 0) return 'intent';
  return returning ? 'returning' : 'new';
}

export function leftContacts(d: LeaveMessageLeftData): boolean {
  return [d.name, d.phone, d.email].some((v) => typeof v === 'string' && v.trim() !== '');
}
