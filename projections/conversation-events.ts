/**
 * The agreed shapes of the events the read models of issue 6 consume (see the agreed shapes between
 * tasks): the visit enrichment, invitations, transfers, categories, ratings and leave-messages. They are
 * read through these types rather than `dataOf` because the deciders emitting some of them are written
 * in parallel; every field added by the enrichment is optional here, so events recorded before it (or by
 * an older server) still project, as "unknown".
 */
import type { RegionEnglishView } from '@kefu/contracts';
import type { DataOf } from '@kefu/domain';
import type { DataOnlyEvent } from '@kefu/event-store';
import { regionEnglish } from './region-english';

export interface Region {
  country: string;
  province: string;
  city: string;
  isp: string;
  en?: RegionEnglishView;
}
export interface Source {
  kind: 'direct' | 'search' | 'referral';
  host: string;
  engine: string;
  keyword: string;
}
export interface Device {
  type: 'desktop' | 'mobile' | 'tablet' | 'other';
  os: string;
  browser: string;
}

export type VisitStartedData = DataOf<'VisitStarted'> & {
  region?: Region;
  source?: Source;
  device?: Device;
  visitorKind?: 'new' | 'returning';
};
export type PageViewedData = DataOf<'PageViewed'> & { referrer?: string };
export type ChatTarget = { kind: 'auto' } | { kind: 'group'; groupId: string } | { kind: 'agent'; agentId: string };
export type ChatRequestedData = DataOf<'ChatRequested'> & { target?: ChatTarget; invitationId?: string; openedBy?: { id: string; name: string } };

interface SiteIds {
  orgId: string;
  siteId: string;
}
export type InvitationBy = { kind: 'rule'; rule: string } | { kind: 'agent'; agentId: string };
export interface InvitationSentData extends SiteIds {
  visitId: string;
  visitorId: string;
  invitationId: string;
  by: InvitationBy;
  at: string;
}
export interface InvitationAcceptedData extends SiteIds {
  visitId?: string;
  visitorId?: string;
  invitationId: string;
  chatId: string;
  at: string;
}
export interface InvitationDeclinedData extends SiteIds {
  visitId?: string;
  visitorId?: string;
  invitationId: string;
  at: string;
}
export interface ChatTransferredData extends SiteIds {
  chatId: string;
  fromAgentId: string;
  fromAgentName?: string;
  toAgentId: string;
  toAgentName?: string;
  toGroupId?: string;
  reason: string;
  at: string;
}
export interface ChatCategorisedData extends SiteIds {
  chatId: string;
  category: string;
  at: string;
}
export interface ChatRatedData extends SiteIds {
  chatId: string;
  agentId: string;
  score: number;
  suggestion: string;
  at: string;
}
export interface LeaveMessageLeftData extends SiteIds {
  leaveMessageId: string;
  visitorId: string;
  visitId?: string;
  name: string;
  phone: string;
  email: string;
  content: string;
  page: { url: string; title: string };
  at: string;
}
export interface LeaveMessageHandledData extends SiteIds {
  leaveMessageId: string;
  by: string;
  at: string;
}
export interface LeaveMessageRepliedData extends SiteIds {
  leaveMessageId: string;
  channel: 'email' | 'sms';
  by: string;
  at: string;
}

interface AgreedData {
  VisitStarted: VisitStartedData;
  PageViewed: PageViewedData;
  ChatRequested: ChatRequestedData;
  InvitationSent: InvitationSentData;
  InvitationAccepted: InvitationAcceptedData;
  InvitationDeclined: InvitationDeclinedData;
  ChatTransferred: ChatTransferredData;
  ChatCategorised: ChatCategorisedData;
  ChatRated: ChatRatedData;
  LeaveMessageLeft: LeaveMessageLeftData;
  LeaveMessageHandled: LeaveMessageHandledData;
  LeaveMessageReplied: LeaveMessageRepliedData;
}
export type AgreedType = keyof AgreedData;

/** Narrow a recorded event of one of the agreed types. */
export function agreed<T extends AgreedType>(event: DataOnlyEvent, type: T): AgreedData[T] {
  if (event.type !== type) throw new Error(`expected ${type}, got ${event.type}`);
  return event.data as AgreedData[T];
}

export const UNKNOWN_REGION: Region = { country: '', province: '', city: '', isp: '' };
// Frozen: DocProjections store them by reference in many documents, so a change in place must fail loudly.
export const DIRECT_SOURCE: Source = Object.freeze({ kind: 'direct', host: '', engine: '', keyword: '' });
export const UNKNOWN_DEVICE: Device = Object.freeze({ type: 'other', os: '', browser: '' });

/**
 * The visit's region with its English names: recorded on VisitStarted since they exist, computed the same way
 * for older visits. Interned: one frozen object per place, shared by every document that holds it (a rebuild
 * meets the same few thousand places in ~1M events; separate copies were ~7% of its allocations).
 */
export const regionOf = lastAnswered(function regionOf(d: VisitStartedData): Region {
  const r = d.region;
  const country = r?.country ?? '';
  const province = r?.province ?? '';
  const city = r?.city ?? '';
  const isp = r?.isp ?? '';
  const en = r?.en;
  const key = en ? `${country}|${province}|${city}|${isp}|${en.country}|${en.province}|${en.city}` : `${country}|${province}|${city}|${isp}`;
  return interned(regions, key, () => {
    const names = { country, province, city, isp };
    return { ...names, en: Object.freeze(en ? { country: en.country, province: en.province, city: en.city } : regionEnglish(names)) };
  });
});

/** The visit's source; before the enrichment existed only the raw referrer is known: its host, as a referral. Interned. */
export const sourceOf = lastAnswered(function sourceOf(d: VisitStartedData): Source {
  const s = d.source;
  if (s) {
    const host = s.host ?? '';
    const engine = s.engine ?? '';
    const keyword = s.keyword ?? '';
    return interned(sources, `${s.kind}|${host}|${engine}|${keyword}`, () => ({ kind: s.kind, host, engine, keyword }));
  }
  if (!d.referrer) return DIRECT_SOURCE;
  try {
    const host = new URL(d.referrer).hostname.toLowerCase();
    return interned(sources, `referral|${host}||`, () => ({ kind: 'referral', host, engine: '', keyword: '' }));
  } catch {
    return DIRECT_SOURCE;
  }
});

/** The visit's device. Interned. */
export const deviceOf = lastAnswered(function deviceOf(d: VisitStartedData): Device {
  const v = d.device;
  if (!v) return UNKNOWN_DEVICE;
  const os = v.os ?? '';
  const browser = v.browser ?? '';
  return interned(devices, `${v.type}|${os}|${browser}`, () => ({ type: v.type, os, browser }));
});

/**
 * `compute`, answering a call with the same argument as the last call from that call's answer: every
 * projection of a VisitStarted asks in turn with the same data object (never changed once read).
 */
function lastAnswered<A, R>(compute: (a: A) => R): (a: A) => R {
  let last: { arg: A; answer: R } | undefined;
  return (a) => {
    if (last !== undefined && last.arg === a) return last.answer;
    last = { arg: a, answer: compute(a) };
    return last.answer;
  };
}

const regions = new Map<string, Region>();
const sources = new Map<string, Source>();
const devices = new Map<string, Device>();
/** Distinct values kept per kind before the table starts over (visitors' keywords are open-ended). */
const INTERNED_MAX = 50_000;

/** The one frozen value for `key`, built once. Frozen: documents share it, so a change in place must fail loudly. */
function interned<T extends object>(table: Map<string, T>, key: string, build: () => T): T {
  let value = table.get(key);
  if (value === undefined) {
    value = Object.freeze(build());
    if (table.size >= INTERNED_MAX) table.clear();
    table.set(key, value);
  }
  return value;
}

/** `direct`, `search:<engine>` or `referral:<host>`: one row of the sources report (J3). */
export function sourceKey(s: Source): string {
  if (s.kind === 'search') return `search:${s.engine || s.host}`;
  if (s.kind === 'referral') return `referral:${s.host}`;
  return 'direct';
}
