import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { chat, DomainError, visit, type DomainEvent } from '@kefu/domain';
import type { AuditEventView, AuditHistory, AuditStateAsOf, RoutingDecisionView, RoutingTraceView } from '@kefu/contracts';
import type { EventStore, RecordedEvent } from '@kefu/event-store';
import type { ReadStore } from '@kefu/read-store';
import { allProjections, CHAT_RECORDS, LEAVE_MESSAGES, SITE_VISITS, SITES, type SiteDoc } from '@kefu/projections';
import { CurrentPrincipal, Roles } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { parseId } from '../platform/http';
import { ProjectorService } from '../platform/projector.service';
import { EVENT_STORE, READ_STORE } from '../platform/tokens';
import { verifyReadModels, type VerifyReport } from './verify';

/** How many visits, chats and leave-messages of one visitor a history gathers at most. */
const VISITOR_STREAMS = 500;

/** An event as the auditor sees it: everything that was recorded, with who and when. */
export function toAuditView(e: RecordedEvent): AuditEventView {
  const m = e.metadata;
  return {
    position: e.position,
    streamId: e.streamId,
    revision: e.revision,
    id: e.id,
    type: e.type,
    occurredAt: m.occurredAt,
    ...(m.actor ? { actor: m.actor } : {}),
    ...(m.correlationId ? { correlationId: m.correlationId } : {}),
    ...(m.causationId ? { causationId: m.causationId } : {}),
    data: e.data,
  };
}

/** A decider state as JSON (Sets become sorted arrays). */
function plain(state: unknown): unknown {
  return JSON.parse(JSON.stringify(state, (_k, v: unknown) => (v instanceof Set ? [...(v as Set<unknown>)].map(String).sort() : v))) as unknown;
}

/** The state of a stream as of an instant: its events up to and including `at`, folded. */
export function foldAsOf<S>(
  decider: { initialState: S; evolve(s: S, e: never): S },
  events: readonly RecordedEvent[],
  at: string,
): { state: S; position: number; applied: number } {
  const limit = Date.parse(at);
  let state = decider.initialState;
  let position = 0;
  let applied = 0;
  for (const e of events) {
    if (Date.parse(e.metadata.occurredAt) > limit) break;
    state = decider.evolve(state, { type: e.type, data: e.data } as DomainEvent as never);
    position = e.position;
    applied++;
  }
  return { state, position, applied };
}

/** Who was considered, who was eligible, who was chosen and why, for each routing decision about a chat. */
export function routingTrace(chatId: string, siteId: string, routingEvents: readonly RecordedEvent[]): RoutingTraceView {
  const decisions: RoutingDecisionView[] = [];
  for (const e of routingEvents) {
    const d = e.data as {
      chatId?: string;
      agentId?: string | null;
      agentName?: string;
      reason?: string;
      queuePosition?: number;
      at: string;
      considered?: { agentId: string; status: string; load: number; cap: number | null; excluded?: string }[];
    };
    if (d.chatId !== chatId) continue;
    if (e.type !== 'ChatRouted' && e.type !== 'ChatQueued' && e.type !== 'ChatUnrouted' && e.type !== 'ChatReleased') continue;
    const considered = (d.considered ?? []).map((c) => ({
      agentId: c.agentId,
      status: c.status,
      load: c.load,
      cap: c.cap,
      eligible: !c.excluded,
      ...(c.excluded ? { excluded: c.excluded } : {}),
    }));
    decisions.push({
      position: e.position,
      type: e.type,
      at: d.at,
      ...(e.type === 'ChatRouted' && d.agentId ? { chosen: { agentId: d.agentId, agentName: d.agentName ?? '', reason: d.reason ?? '' } } : {}),
      ...(d.queuePosition !== undefined ? { queuePosition: d.queuePosition } : {}),
      considered,
      eligible: considered.filter((c) => c.eligible).map((c) => c.agentId),
    });
  }
  return { chatId, siteId, decisions };
}

/**
 * K4 auditor's replay: the full event history of a conversation, visit, visitor or site with actor and time,
 * the state of a conversation or visit as of any instant, the ★ routing trace, and verify (rebuild == live).
 * Another organisation's ids answer 404.
 */
@Controller('audit')
@Roles('owner', 'auditor')
export class AuditController {
  constructor(
    private readonly projector: ProjectorService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  @Get('chats/:chatId/events')
  async chatEvents(@Param('chatId') chatId: string, @CurrentPrincipal() p: Principal): Promise<AuditHistory> {
    const id = parseId(chatId, 'chat');
    const own = await this.ownStream(p, `chat-${id}`, 'chat');
    const siteId = (own[0]!.data as { siteId: string }).siteId;
    const routing = (await this.events.read(`routing-${siteId}`)).filter((e) => (e.data as { chatId?: string }).chatId === id);
    return { subject: { kind: 'chat', id }, events: merge(own, routing).map(toAuditView) };
  }

  @Get('visits/:visitId/events')
  async visitEvents(@Param('visitId') visitId: string, @CurrentPrincipal() p: Principal): Promise<AuditHistory> {
    const id = parseId(visitId, 'visit');
    return { subject: { kind: 'visit', id }, events: (await this.ownStream(p, `visit-${id}`, 'visit')).map(toAuditView) };
  }

  @Get('visitors/:visitorId/events')
  async visitorEvents(@Param('visitorId') visitorId: string, @CurrentPrincipal() p: Principal): Promise<AuditHistory> {
    const id = parseId(visitorId, 'visitor');
    const scope = { orgId: p.orgId, visitorId: id };
    const [visits, chats, messages] = await Promise.all([
      this.reads.find(SITE_VISITS, scope, { projection: { visitId: 1 }, limit: VISITOR_STREAMS }),
      this.reads.find(CHAT_RECORDS, scope, { projection: { chatId: 1 }, limit: VISITOR_STREAMS }),
      this.reads.find(LEAVE_MESSAGES, scope, { projection: { leaveMessageId: 1 }, limit: VISITOR_STREAMS }),
    ]);
    const streams = [...visits.map((v) => `visit-${v._id}`), ...chats.map((c) => `chat-${c._id}`), ...messages.map((m) => `leave-message-${m._id}`)];
    if (streams.length === 0) throw new DomainError('NOT_FOUND', 'no such visitor');
    const all = (await Promise.all(streams.map((s) => this.events.read(s)))).flat();
    return { subject: { kind: 'visitor', id }, events: merge(all).map(toAuditView) };
  }

  @Get('sites/:siteId/events')
  async siteEvents(@Param('siteId') siteId: string, @CurrentPrincipal() p: Principal): Promise<AuditHistory> {
    const id = parseId(siteId, 'site');
    const site = await this.reads.get<SiteDoc>(SITES, id);
    if (!site || site.orgId !== p.orgId) throw new DomainError('NOT_FOUND', 'no such site');
    const [settings, chatSettings] = await Promise.all([this.events.read(`site-${id}`), this.events.read(`chat-settings-${id}`)]);
    return { subject: { kind: 'site', id }, events: merge(settings, chatSettings).map(toAuditView) };
  }

  @Get('chats/:chatId/state')
  async chatState(@Param('chatId') chatId: string, @Query('at') at: string | undefined, @CurrentPrincipal() p: Principal): Promise<AuditStateAsOf> {
    const id = parseId(chatId, 'chat');
    const instant = parseInstant(at);
    const folded = foldAsOf(chat, await this.ownStream(p, `chat-${id}`, 'chat'), instant);
    return { subject: { kind: 'chat', id }, at: instant, position: folded.position, eventsApplied: folded.applied, state: plain(folded.state) };
  }

  @Get('visits/:visitId/state')
  async visitState(@Param('visitId') visitId: string, @Query('at') at: string | undefined, @CurrentPrincipal() p: Principal): Promise<AuditStateAsOf> {
    const id = parseId(visitId, 'visit');
    const instant = parseInstant(at);
    const folded = foldAsOf(visit, await this.ownStream(p, `visit-${id}`, 'visit'), instant);
    return { subject: { kind: 'visit', id }, at: instant, position: folded.position, eventsApplied: folded.applied, state: plain(folded.state) };
  }

  @Get('chats/:chatId/routing')
  async routing(@Param('chatId') chatId: string, @CurrentPrincipal() p: Principal): Promise<RoutingTraceView> {
    const id = parseId(chatId, 'chat');
    const own = await this.ownStream(p, `chat-${id}`, 'chat');
    const siteId = (own[0]!.data as { siteId: string }).siteId;
    return routingTrace(id, siteId, await this.events.read(`routing-${siteId}`));
  }

  /** Rebuilds every read model into a scratch store and compares it with the live one (K4). */
  @Get('verify')
  async verify(): Promise<VerifyReport> {
    const head = await this.events.headPosition();
    await this.projector.waitFor(head);
    return verifyReadModels(this.events, this.reads, allProjections);
  }

  /** A stream of the caller's organisation, else 404 (never another organisation's data). */
  private async ownStream(p: Principal, streamId: string, what: string): Promise<RecordedEvent[]> {
    const events = await this.events.read(streamId);
    const first = events[0];
    if (!first || (first.data as { orgId?: string }).orgId !== p.orgId) throw new DomainError('NOT_FOUND', `no such ${what}`);
    return events;
  }
}

function merge(...lists: RecordedEvent[][]): RecordedEvent[] {
  return lists.flat().sort((a, b) => a.position - b.position);
}

function parseInstant(at: string | undefined): string {
  if (at === undefined || at === '') throw new DomainError('INVALID', 'at must be an ISO instant, e.g. 2026-03-02T09:30:00Z');
  if (typeof at !== 'string' || at.length > 40 || !/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(at) || Number.isNaN(Date.parse(at))) {
    throw new DomainError('INVALID', 'at must be an ISO instant with a zone, e.g. 2026-03-02T09:30:00Z');
  }
  return new Date(Date.parse(at)).toISOString();
}
