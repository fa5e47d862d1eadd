/**
 * K4 what-if: replays the recorded visits and chat requests of one site over a period through the pure
 * invitation and routing deciders, once under the rules that were in force (to show how well the replay
 * reproduces what happened) and once under other rules, and compares the outcomes. No I/O and no clock
 * here: every instant comes from the events; the CLI reads the events and prints the report.
 *
 * Rules file (JSON), every field optional:
 *   { "invitation": { "auto": { "enabled": true, "afterSeconds": 60, "maxRefusals": 3, "waitAfterRefusalSeconds": 300 } },
 *     "agentCaps": { "<agent user id>": 1, "*": 3 } }
 * `invitation` has the shape of the chat-settings changes (validated by the chat-settings decider) and is
 * applied over the settings in force at the start of the period; `agentCaps` overrides agents' concurrent-chat
 * caps (null = no cap; "*" = every agent not named).
 */
import {
  applyChatSettings,
  anyAgentAvailable,
  AUTO_INVITATION_RULE,
  chatSettings,
  DEFAULT_CHAT_SETTINGS,
  invitation,
  nextAutoInvitationAt,
  routing,
  site,
  type AgentStatus,
  type ChatSettings,
  type ChatSettingsChanges,
  type ChatTarget,
  type InvitationEvent,
  type InvitationSource,
  type InvitationState,
  type PreferredAgent,
  type RoutingCandidate,
  type RoutingCommand,
  type RoutingEvent,
  type RoutingState,
  type SiteEvent,
  type SiteState,
  type VisitorRegion,
} from '@kefu/domain';

/** One recorded event as the store gives it (position order). */
export interface HistoryEvent {
  type: string;
  data: unknown;
}

export interface WhatIfRules {
  invitation?: ChatSettingsChanges['invitation'];
  agentCaps?: Record<string, number | null>;
}

export interface WhatIfOptions {
  siteId: string;
  from: string;
  to: string;
  /** A simulated rule invitation is answered like the recorded one of the same visit sent within this many seconds of it. */
  answerToleranceSeconds?: number;
}

export interface RunMetrics {
  visits: number;
  /** Rule name (or `agent` for agents' own invitations, replayed as recorded) -> invitations sent. */
  invitationsSent: Record<string, number>;
  invitationsAccepted: number;
  invitationsDeclined: number;
  chatsRequested: number;
  chatsRoutedAtOnce: number;
  chatsQueued: number;
  chatsUnrouted: number;
  /** Queued chats the visitor left before an agent took them. */
  chatsAbandoned: number;
  /** Seconds from request to assignment, chats that were assigned. */
  waitMeanSeconds: number | null;
  waitP90Seconds: number | null;
  waitMaxSeconds: number | null;
}

export interface Reproduction {
  visits: number;
  /** Visits whose rule invitations the replay sent as recorded (same count, first one within 2 s). */
  visitsMatched: number;
  chats: number;
  /** Chats whose routing outcome (at once / queued / unrouted) and agent the replay reproduced. */
  chatsMatched: number;
  /** Assigned chats whose replayed wait is within 2 s of the recorded one. */
  waitsMatched: number;
  waits: number;
}

export interface WhatIfReport {
  siteId: string;
  from: string;
  to: string;
  recorded: RunMetrics;
  replay: RunMetrics;
  whatIf: RunMetrics;
  reproduction: Reproduction;
  rulesInForce: ChatSettings['invitation']['auto'];
  rulesWhatIf: ChatSettings['invitation']['auto'];
  agentCaps: { agentId: string; name: string; recorded: number | null; whatIf: number | null }[];
  assumptions: string[];
}

// ---------------------------------------------------------------------------------------------------------
// The recorded history of the site, as the simulation needs it.

interface VisitRecord {
  visitId: string;
  visitorId: string;
  orgId: string;
  startedAt: number;
  endedAt?: number;
  region?: VisitorRegion;
}

interface ChatRecord {
  chatId: string;
  visitId: string;
  visitorId: string;
  requestedAt: number;
  target?: ChatTarget;
  invitationId?: string;
  openedBy?: string;
  assignedAt?: number;
  agentId?: string;
  queued: boolean;
  unrouted: boolean;
  closedAt?: number;
  closedByVisitorOrAgent: boolean;
}

interface InvitationRecordOf {
  invitationId: string;
  visitId: string;
  visitorId: string;
  by: InvitationSource;
  sentAt: number;
  answer?: { accepted: boolean; at: number; chatId?: string };
}

interface Timeline {
  orgId: string;
  site: SiteState;
  settings: ChatSettings;
  settingsChanges: { at: number; changes: ChatSettingsChanges }[];
  siteEvents: { at: number; event: SiteEvent }[];
  presence: Record<string, AgentStatus>;
  presenceChanges: { at: number; agentId: string; status: AgentStatus }[];
  routing: RoutingState;
  invitationStates: Record<string, InvitationState>;
  visits: VisitRecord[];
  visitIds: Set<string>;
  chats: Map<string, ChatRecord>;
  invitations: Map<string, InvitationRecordOf>;
}

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
const dataOf = <T>(e: HistoryEvent) => e.data as T;

function readTimeline(events: readonly HistoryEvent[], o: WhatIfOptions): Timeline {
  const from = ms(o.from);
  const to = ms(o.to);
  let siteState: SiteState = site.initialState;
  let settings = DEFAULT_CHAT_SETTINGS;
  let routingState: RoutingState = routing.initialState;
  const siteEvents: Timeline['siteEvents'] = [];
  const settingsChanges: Timeline['settingsChanges'] = [];
  const statusEvents: { at: number; agentId: string; status: AgentStatus }[] = [];
  const invitationStates: Record<string, InvitationState> = {};
  const visits = new Map<string, VisitRecord>();
  const chats = new Map<string, ChatRecord>();
  const invitations = new Map<string, InvitationRecordOf>();
  let orgId = '';
  for (const e of events) {
    const d = e.data as { siteId?: string; orgId?: string };
    if (e.type === 'AgentStatusChanged') {
      const s = dataOf<{ userId: string; status: AgentStatus; at: string }>(e);
      statusEvents.push({ at: ms(s.at), agentId: s.userId, status: s.status });
      continue;
    }
    if (d.siteId !== o.siteId) continue;
    orgId ||= d.orgId ?? '';
    switch (e.type) {
      case 'SiteCreated':
      case 'SiteSettingsChanged':
      case 'SiteDeleted':
      case 'GroupAdded':
      case 'GroupRenamed':
      case 'GroupsReordered':
      case 'GroupDeleted':
      case 'AgentAssignedToSite':
      case 'SiteAgentUpdated':
      case 'SiteAgentsReordered':
      case 'AgentUnassignedFromSite': {
        const event = e as SiteEvent;
        const at = ms(
          (event.data as { at?: string; createdAt?: string; assignedAt?: string }).at ??
            (event.data as { createdAt?: string }).createdAt ??
            (event.data as { assignedAt?: string }).assignedAt ??
            o.from,
        );
        if (at < from) siteState = site.evolve(siteState, event);
        else siteEvents.push({ at, event });
        break;
      }
      case 'ChatSettingsChanged': {
        const c = dataOf<{ changes: ChatSettingsChanges; at: string }>(e);
        if (ms(c.at) < from) settings = applyChatSettings(settings, c.changes);
        else settingsChanges.push({ at: ms(c.at), changes: c.changes });
        break;
      }
      case 'ChatRouted':
      case 'ChatQueued':
      case 'ChatUnrouted':
      case 'ChatReleased':
      case 'ChatRerouted': {
        const r = e as RoutingEvent;
        const at = ms(r.data.at);
        if (at < from) routingState = routing.evolve(routingState, r);
        const chat = chats.get(r.data.chatId);
        if (!chat) break;
        if (r.type === 'ChatQueued') chat.queued = true;
        if (r.type === 'ChatUnrouted') chat.unrouted = true;
        if (r.type === 'ChatRouted' && chat.assignedAt === undefined) {
          chat.assignedAt = at;
          chat.agentId = r.data.agentId;
        }
        break;
      }
      case 'VisitStarted': {
        const v = dataOf<{ visitId: string; visitorId: string; orgId: string; startedAt: string; region?: { province: string; city: string } }>(e);
        const at = ms(v.startedAt);
        if (at < from || at >= to) break;
        visits.set(v.visitId, {
          visitId: v.visitId,
          visitorId: v.visitorId,
          orgId: v.orgId,
          startedAt: at,
          ...(v.region ? { region: { province: v.region.province, city: v.region.city } } : {}),
        });
        break;
      }
      case 'VisitEnded': {
        const v = dataOf<{ visitId: string; endedAt: string }>(e);
        const visit = visits.get(v.visitId);
        if (visit) visit.endedAt = ms(v.endedAt);
        break;
      }
      case 'ChatRequested': {
        const c = dataOf<{
          chatId: string;
          visitId: string;
          visitorId: string;
          requestedAt: string;
          target?: ChatTarget;
          invitationId?: string;
          openedBy?: { id: string };
        }>(e);
        const at = ms(c.requestedAt);
        chats.set(c.chatId, {
          chatId: c.chatId,
          visitId: c.visitId,
          visitorId: c.visitorId,
          requestedAt: at,
          ...(c.target ? { target: c.target } : {}),
          ...(c.invitationId ? { invitationId: c.invitationId } : {}),
          ...(c.openedBy ? { openedBy: c.openedBy.id } : {}),
          queued: false,
          unrouted: false,
          closedByVisitorOrAgent: false,
        });
        break;
      }
      case 'ChatClosed': {
        const c = dataOf<{ chatId: string; at: string; reason: string }>(e);
        const chat = chats.get(c.chatId);
        if (chat) {
          chat.closedAt = ms(c.at);
          chat.closedByVisitorOrAgent = c.reason !== 'no_agent_available';
        }
        break;
      }
      case 'InvitationSent':
      case 'InvitationAccepted':
      case 'InvitationDeclined': {
        const i = e as InvitationEvent;
        const at = ms(i.data.at);
        if (at < from) {
          invitationStates[i.data.visitorId] = invitation.evolve(invitationStates[i.data.visitorId] ?? invitation.initialState, i);
          break;
        }
        if (i.type === 'InvitationSent') {
          invitations.set(i.data.invitationId, {
            invitationId: i.data.invitationId,
            visitId: i.data.visitId,
            visitorId: i.data.visitorId,
            by: i.data.by,
            sentAt: at,
          });
        } else {
          const r = invitations.get(i.data.invitationId);
          if (r && !r.answer)
            r.answer = { accepted: i.type === 'InvitationAccepted', at, ...(i.type === 'InvitationAccepted' ? { chatId: i.data.chatId } : {}) };
        }
        break;
      }
      default:
        break;
    }
  }
  const agents = new Set([
    ...Object.keys(siteState.agents),
    ...siteEvents.flatMap((s) => (s.event.type === 'AgentAssignedToSite' ? [s.event.data.userId] : [])),
  ]);
  const presence: Record<string, AgentStatus> = {};
  const presenceChanges: Timeline['presenceChanges'] = [];
  for (const s of statusEvents) {
    if (!agents.has(s.agentId)) continue;
    if (s.at < from) presence[s.agentId] = s.status;
    else presenceChanges.push(s);
  }
  return {
    orgId,
    site: siteState,
    settings,
    settingsChanges,
    siteEvents,
    presence,
    presenceChanges,
    routing: routingState,
    invitationStates,
    visits: [...visits.values()],
    visitIds: new Set(visits.keys()),
    chats,
    invitations,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The simulation: a discrete-event loop in time order (ties: recorded order first).

type Item =
  | { kind: 'site'; event: SiteEvent }
  | { kind: 'settings'; changes: ChatSettingsChanges }
  | { kind: 'presence'; agentId: string; status: AgentStatus }
  | { kind: 'visit-start'; visit: VisitRecord }
  | { kind: 'visit-end'; visitId: string }
  | { kind: 'auto-invite'; visitId: string; generation: number }
  | { kind: 'manual-invitation'; record: InvitationRecordOf }
  | { kind: 'answer'; visitId: string; invitationId: string; accepted: boolean; chat?: ChatRecord }
  | { kind: 'request'; chat: ChatRecord }
  | { kind: 'close'; chatId: string }
  | { kind: 'abandon'; chatId: string };

class Agenda {
  private readonly heap: { at: number; seq: number; item: Item }[] = [];
  private seq = 0;
  push(at: number, item: Item): void {
    const h = this.heap;
    h.push({ at, seq: this.seq++, item });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): { at: number; item: Item } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (!top || !last || h.length === 0) return top;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
    return top;
  }
  private less(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

interface SimChat {
  record: ChatRecord;
  requestedAt: number;
  outcome?: 'at_once' | 'queued' | 'unrouted';
  assignedAt?: number;
  agentId?: string;
  abandoned?: boolean;
}

interface RunResult {
  metrics: RunMetrics;
  chats: Map<string, SimChat>;
  /** visitId -> send times of rule invitations. */
  ruleInvitations: Map<string, number[]>;
}

const RETRY_MS = 15_000;

function simulate(
  t: Timeline,
  o: WhatIfOptions,
  rules: { initial: ChatSettings; followRecordedChanges: boolean; caps?: Record<string, number | null> },
): RunResult {
  const tolerance = (o.answerToleranceSeconds ?? 60) * 1000;
  const agenda = new Agenda();
  let siteState = t.site;
  let settings = rules.initial;
  let routed = t.routing;
  const presence = { ...t.presence };
  const invitationStates: Record<string, InvitationState> = { ...t.invitationStates };
  const visits = new Map<string, VisitRecord & { live: boolean; generation: number; autoCount: number }>();
  const chats = new Map<string, SimChat>();
  const chatOfVisit = new Map<string, string>();
  const ruleInvitations = new Map<string, number[]>();
  const usedAnswers = new Set<string>();
  const m = noMetrics(t.visits.length);
  const serviceTimes = [...t.chats.values()].flatMap((c) => (c.assignedAt !== undefined && c.closedAt !== undefined ? [c.closedAt - c.assignedAt] : []));
  const medianService = median(serviceTimes) ?? 0;

  const candidates = (): RoutingCandidate[] =>
    Object.entries(siteState.agents)
      .sort(([, a], [, b]) => a.order - b.order)
      .map(([agentId, a]) => {
        const cap = rules.caps ? (agentId in rules.caps ? rules.caps[agentId] : '*' in rules.caps ? rules.caps['*'] : a.maxChats) : a.maxChats;
        return {
          agentId,
          name: a.nickname,
          status: presence[agentId] ?? 'offline',
          ...(cap !== null && cap !== undefined ? { cap } : {}),
          // A site created before groups existed has none: its agents are not "without a group" (RoutingCandidate.groupId).
          ...(Object.keys(siteState.groups).length > 0 ? { groupId: a.groupId } : {}),
          distribution: a.distribution,
          regions: a.regions,
        };
      });

  const routingDecide = (cmd: RoutingCommand, now: number) => {
    const events = routing.decide(cmd, routed);
    for (const e of events) {
      routed = routing.evolve(routed, e);
      const chat = chats.get(e.data.chatId);
      if (!chat) {
        // A chat already waiting when the period starts: once served it holds the slot until its recorded close.
        const earlier = t.chats.get(e.data.chatId);
        if (e.type === 'ChatRouted' && earlier?.closedAt !== undefined) agenda.push(Math.max(earlier.closedAt, now), { kind: 'close', chatId: e.data.chatId });
        continue;
      }
      if (e.type === 'ChatRouted' && chat.assignedAt === undefined) {
        chat.assignedAt = now;
        chat.agentId = e.data.agentId;
        chat.outcome ??= 'at_once';
        // The conversation lasts as long as it did (or as a typical one, when it never had an agent).
        const service =
          chat.record.assignedAt !== undefined && chat.record.closedAt !== undefined ? chat.record.closedAt - chat.record.assignedAt : medianService;
        if (chat.record.closedAt !== undefined || chat.record.assignedAt === undefined)
          agenda.push(now + service, { kind: 'close', chatId: chat.record.chatId });
      } else if (e.type === 'ChatQueued') {
        chat.outcome = 'queued';
        // A visitor who gave up waiting in reality gives up after as long here.
        if (chat.record.closedByVisitorOrAgent && chat.record.assignedAt === undefined && chat.record.closedAt !== undefined)
          agenda.push(now + (chat.record.closedAt - chat.record.requestedAt), { kind: 'abandon', chatId: chat.record.chatId });
      } else if (e.type === 'ChatUnrouted') {
        chat.outcome = 'unrouted';
        chatOfVisit.delete(chat.record.visitId);
      }
    }
  };

  const release = (chatId: string, now: number) => {
    routingDecide({ type: 'ReleaseChat', orgId: t.orgId, siteId: o.siteId, chatId, candidates: candidates(), now: iso(now) }, now);
    const chat = chats.get(chatId);
    if (chat && chatOfVisit.get(chat.record.visitId) === chatId) chatOfVisit.delete(chat.record.visitId);
  };

  const arm = (visitId: string, at: number | undefined) => {
    const v = visits.get(visitId);
    if (!v) return;
    v.generation++;
    if (at !== undefined) agenda.push(at, { kind: 'auto-invite', visitId, generation: v.generation });
  };
  const schedule = (visitId: string, now: number) => {
    const v = visits.get(visitId);
    if (!v || !v.live) return;
    const next = nextAutoInvitationAt(invitationStates[v.visitorId] ?? invitation.initialState, settings.invitation.auto, iso(v.startedAt));
    arm(visitId, next === undefined ? undefined : Math.max(ms(next), now));
  };

  const request = (record: ChatRecord, now: number, preferred?: PreferredAgent) => {
    const chat: SimChat = { record, requestedAt: now };
    chats.set(record.chatId, chat);
    chatOfVisit.set(record.visitId, record.chatId);
    const v = visits.get(record.visitId);
    routingDecide(
      {
        type: 'RouteChat',
        orgId: t.orgId,
        siteId: o.siteId,
        chatId: record.chatId,
        candidates: candidates(),
        now: iso(now),
        ...(record.target ? { target: record.target } : {}),
        ...(v?.region ? { region: v.region } : {}),
        ...(preferred ? { preferred } : {}),
      },
      now,
    );
  };

  // The recorded facts, in their order.
  for (const s of t.siteEvents) agenda.push(s.at, { kind: 'site', event: s.event });
  if (rules.followRecordedChanges) for (const c of t.settingsChanges) agenda.push(c.at, { kind: 'settings', changes: c.changes });
  for (const p of t.presenceChanges) agenda.push(p.at, { kind: 'presence', agentId: p.agentId, status: p.status });
  for (const v of t.visits) {
    agenda.push(v.startedAt, { kind: 'visit-start', visit: v });
    if (v.endedAt !== undefined) agenda.push(v.endedAt, { kind: 'visit-end', visitId: v.visitId });
  }
  for (const r of t.invitations.values()) if (r.by.kind === 'agent' && visitsHas(t, r.visitId)) agenda.push(r.sentAt, { kind: 'manual-invitation', record: r });
  for (const c of t.chats.values()) {
    const by = c.invitationId ? t.invitations.get(c.invitationId)?.by : undefined;
    // Chats answering a rule's invitation happen only if the replay invites (and the visitor accepts).
    if (by?.kind === 'rule') continue;
    if (c.requestedAt < ms(o.from)) {
      // Chats already under way when the period starts keep their slot until their recorded close.
      if (routed.active[c.chatId] !== undefined && c.closedAt !== undefined) agenda.push(c.closedAt, { kind: 'close', chatId: c.chatId });
      continue;
    }
    if (by?.kind === 'agent') continue; // requested when the replayed manual invitation is accepted
    if (visitsHas(t, c.visitId) || c.requestedAt < ms(o.to)) agenda.push(c.requestedAt, { kind: 'request', chat: c });
  }

  for (let next = agenda.pop(); next; next = agenda.pop()) {
    const { at: now, item } = next;
    switch (item.kind) {
      case 'site':
        siteState = site.evolve(siteState, item.event);
        break;
      case 'settings':
        settings = applyChatSettings(settings, item.changes);
        break;
      case 'presence': {
        presence[item.agentId] = item.status;
        if (item.status === 'online') routingDecide({ type: 'DrainQueue', orgId: t.orgId, siteId: o.siteId, candidates: candidates(), now: iso(now) }, now);
        break;
      }
      case 'visit-start':
        visits.set(item.visit.visitId, { ...item.visit, live: true, generation: 0, autoCount: 0 });
        schedule(item.visit.visitId, now);
        break;
      case 'visit-end': {
        const v = visits.get(item.visitId);
        if (v) {
          v.live = false;
          v.generation++;
        }
        break;
      }
      case 'auto-invite': {
        const v = visits.get(item.visitId);
        if (!v || !v.live || v.generation !== item.generation) break;
        const before = invitationStates[v.visitorId] ?? invitation.initialState;
        const invitationId = `${v.visitId}:auto:${v.autoCount}`;
        const events = invitation.decide(
          {
            type: 'OfferAutoInvitation',
            orgId: v.orgId,
            siteId: o.siteId,
            visitorId: v.visitorId,
            visitId: v.visitId,
            invitationId,
            rule: settings.invitation.auto,
            greeting: settings.invitation.greeting,
            visitStartedAt: iso(v.startedAt),
            agentsAvailable: anyAgentAvailable(routed, candidates()),
            chatting: chatOfVisit.has(v.visitId),
            now: iso(now),
          },
          before,
        );
        const after = events.reduce((s, e) => invitation.evolve(s, e), before);
        invitationStates[v.visitorId] = after;
        const sent = events.find((e) => e.type === 'InvitationSent');
        if (sent && sent.type === 'InvitationSent' && sent.data.by.kind === 'rule') {
          v.autoCount++;
          m.invitationsSent[sent.data.by.rule] = (m.invitationsSent[sent.data.by.rule] ?? 0) + 1;
          ruleInvitations.set(v.visitId, [...(ruleInvitations.get(v.visitId) ?? []), now]);
          const answer = recordedAnswer(t, v.visitId, now, tolerance, usedAnswers);
          if (answer?.answer) {
            const chat = answer.answer.chatId ? t.chats.get(answer.answer.chatId) : undefined;
            agenda.push(now + (answer.answer.at - answer.sentAt), {
              kind: 'answer',
              visitId: v.visitId,
              invitationId,
              accepted: answer.answer.accepted,
              ...(chat ? { chat } : {}),
            });
          }
        } else {
          const next = nextAutoInvitationAt(after, settings.invitation.auto, iso(v.startedAt));
          // The server's timer tries again a little later while nobody is free or the visitor is chatting.
          if (next !== undefined) arm(v.visitId, Math.max(ms(next), now + RETRY_MS));
        }
        break;
      }
      case 'manual-invitation': {
        const r = item.record;
        const v = visits.get(r.visitId);
        const state = invitationStates[r.visitorId] ?? invitation.initialState;
        if (!v || !v.live || r.by.kind !== 'agent') break;
        let sent: InvitationEvent[];
        try {
          sent = invitation.decide(
            {
              type: 'SendInvitation',
              orgId: v.orgId,
              siteId: o.siteId,
              visitorId: r.visitorId,
              visitId: r.visitId,
              invitationId: r.invitationId,
              agentId: r.by.agentId,
              agentName: '',
              maxPerVisitor: settings.invitation.manualMaxPerVisitor,
              greeting: settings.invitation.greeting,
              now: iso(now),
            },
            state,
          );
        } catch {
          // Not possible under these rules (a rule's invitation is showing, or the agent's cap): the agent could not have invited.
          break;
        }
        invitationStates[r.visitorId] = sent.reduce((s, e) => invitation.evolve(s, e), state);
        m.invitationsSent['agent'] = (m.invitationsSent['agent'] ?? 0) + 1;
        if (r.answer) {
          const chat = r.answer.chatId ? t.chats.get(r.answer.chatId) : undefined;
          agenda.push(r.answer.at, {
            kind: 'answer',
            visitId: r.visitId,
            invitationId: r.invitationId,
            accepted: r.answer.accepted,
            ...(chat ? { chat } : {}),
          });
        }
        break;
      }
      case 'answer': {
        const v = visits.get(item.visitId);
        if (!v || !v.live) break;
        const state = invitationStates[v.visitorId] ?? invitation.initialState;
        const record = state.invitations[item.invitationId];
        if (!record || record.status !== 'sent') break;
        const cmd = item.accepted
          ? ({
              type: 'AcceptInvitation',
              siteId: o.siteId,
              visitorId: v.visitorId,
              invitationId: item.invitationId,
              chatId: item.chat?.chatId ?? `${item.invitationId}:chat`,
              now: iso(now),
            } as const)
          : ({ type: 'DeclineInvitation', siteId: o.siteId, visitorId: v.visitorId, invitationId: item.invitationId, now: iso(now) } as const);
        invitationStates[v.visitorId] = invitation.decide(cmd, state).reduce((s, e) => invitation.evolve(s, e), state);
        if (item.accepted) {
          m.invitationsAccepted++;
          if (item.chat && !chats.has(item.chat.chatId))
            request(item.chat, now, record.by.kind === 'agent' ? { agentId: record.by.agentId, reason: 'invited' } : undefined);
        } else {
          m.invitationsDeclined++;
          schedule(v.visitId, now);
        }
        break;
      }
      case 'request': {
        const c = item.chat;
        request(c, now, c.openedBy ? { agentId: c.openedBy, reason: 'direct' } : undefined);
        break;
      }
      case 'close':
        release(item.chatId, now);
        break;
      case 'abandon': {
        const chat = chats.get(item.chatId);
        if (!chat || chat.assignedAt !== undefined || !routed.queue.includes(item.chatId)) break;
        chat.abandoned = true;
        release(item.chatId, now);
        break;
      }
    }
  }

  const waits: number[] = [];
  for (const c of chats.values()) {
    if (!visitsHas(t, c.record.visitId)) continue;
    m.chatsRequested++;
    if (c.outcome === 'at_once') m.chatsRoutedAtOnce++;
    if (c.outcome === 'queued') m.chatsQueued++;
    if (c.outcome === 'unrouted') m.chatsUnrouted++;
    if (c.abandoned) m.chatsAbandoned++;
    if (c.assignedAt !== undefined) waits.push((c.assignedAt - c.requestedAt) / 1000);
  }
  Object.assign(m, waitStats(waits));
  return { metrics: m, chats, ruleInvitations };
}

function visitsHas(t: Timeline, visitId: string): boolean {
  return t.visitIds.has(visitId);
}

/** The recorded rule invitation of this visit sent nearest to `at` (within the tolerance), each used once. */
function recordedAnswer(t: Timeline, visitId: string, at: number, tolerance: number, used: Set<string>): InvitationRecordOf | undefined {
  let best: InvitationRecordOf | undefined;
  for (const r of t.invitations.values()) {
    if (r.visitId !== visitId || r.by.kind !== 'rule' || used.has(r.invitationId)) continue;
    const distance = Math.abs(r.sentAt - at);
    if (distance <= tolerance && (!best || distance < Math.abs(best.sentAt - at))) best = r;
  }
  if (best) used.add(best.invitationId);
  return best;
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

function waitStats(waits: number[]): Pick<RunMetrics, 'waitMeanSeconds' | 'waitP90Seconds' | 'waitMaxSeconds'> {
  if (waits.length === 0) return { waitMeanSeconds: null, waitP90Seconds: null, waitMaxSeconds: null };
  const s = [...waits].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  // Nearest rank: the smallest wait at least 90% of the chats did not exceed.
  return {
    waitMeanSeconds: round(s.reduce((a, b) => a + b, 0) / s.length),
    waitP90Seconds: round(s[Math.ceil(0.9 * s.length) - 1]!),
    waitMaxSeconds: round(s[s.length - 1]!),
  };
}

/** The metrics of a period before anything in it is counted. */
function noMetrics(visits: number): RunMetrics {
  return {
    visits,
    invitationsSent: {},
    invitationsAccepted: 0,
    invitationsDeclined: 0,
    chatsRequested: 0,
    chatsRoutedAtOnce: 0,
    chatsQueued: 0,
    chatsUnrouted: 0,
    chatsAbandoned: 0,
    waitMeanSeconds: null,
    waitP90Seconds: null,
    waitMaxSeconds: null,
  };
}

function recordedMetrics(t: Timeline): RunMetrics {
  const m = noMetrics(t.visits.length);
  for (const r of t.invitations.values()) {
    if (!visitsHas(t, r.visitId)) continue;
    const key = r.by.kind === 'rule' ? r.by.rule : 'agent';
    m.invitationsSent[key] = (m.invitationsSent[key] ?? 0) + 1;
    if (r.answer?.accepted) m.invitationsAccepted++;
    else if (r.answer) m.invitationsDeclined++;
  }
  const waits: number[] = [];
  for (const c of periodChats(t)) {
    m.chatsRequested++;
    if (c.unrouted) m.chatsUnrouted++;
    else if (c.queued) m.chatsQueued++;
    else if (c.assignedAt !== undefined) m.chatsRoutedAtOnce++;
    if (c.queued && c.assignedAt === undefined && c.closedByVisitorOrAgent) m.chatsAbandoned++;
    if (c.assignedAt !== undefined) waits.push((c.assignedAt - c.requestedAt) / 1000);
  }
  return { ...m, ...waitStats(waits) };
}

/** The chats of the period's visits (those are the ones compared; others only take agents' slots). */
function periodChats(t: Timeline): ChatRecord[] {
  return [...t.chats.values()].filter((c) => visitsHas(t, c.visitId));
}

function reproduction(t: Timeline, replay: RunResult): Reproduction {
  const close = (a: number, b: number) => Math.abs(a - b) <= 2000;
  let visitsMatched = 0;
  const sentByVisit = new Map<string, number[]>();
  for (const r of t.invitations.values()) if (r.by.kind === 'rule') sentByVisit.set(r.visitId, [...(sentByVisit.get(r.visitId) ?? []), r.sentAt]);
  for (const v of t.visits) {
    const recorded = sentByVisit.get(v.visitId) ?? [];
    const replayed = replay.ruleInvitations.get(v.visitId) ?? [];
    if (recorded.length === replayed.length && (recorded.length === 0 || close(Math.min(...recorded), replayed[0]!))) visitsMatched++;
  }
  const chats = periodChats(t);
  let chatsMatched = 0;
  let waits = 0;
  let waitsMatched = 0;
  for (const c of chats) {
    const s = replay.chats.get(c.chatId);
    const outcome = c.unrouted ? 'unrouted' : c.queued ? 'queued' : 'at_once';
    if (s && s.outcome === outcome && s.agentId === c.agentId) chatsMatched++;
    if (c.assignedAt !== undefined) {
      waits++;
      if (s?.assignedAt !== undefined && close(s.assignedAt - s.requestedAt, c.assignedAt - c.requestedAt)) waitsMatched++;
    }
  }
  return { visits: t.visits.length, visitsMatched, chats: chats.length, chatsMatched, waits, waitsMatched };
}

/** Checks the rules file and gives the settings it makes out of those in force at the start of the period. */
export function parseRules(json: unknown): WhatIfRules {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('the rules file must hold a JSON object');
  const unknownKeys = Object.keys(json).filter((k) => k !== 'invitation' && k !== 'agentCaps');
  if (unknownKeys.length > 0) throw new Error(`the rules file has unknown field(s): ${unknownKeys.join(', ')} (allowed: invitation, agentCaps)`);
  const rules = json as WhatIfRules;
  if (rules.invitation !== undefined) {
    // The chat-settings decider validates exactly as the admin console's changes are validated.
    chatSettings.decide(
      { type: 'ChangeChatSettings', orgId: 'o', siteOrgId: 'o', siteId: 's', changes: { invitation: rules.invitation }, now: new Date(0).toISOString() },
      chatSettings.initialState,
    );
  }
  if (rules.agentCaps !== undefined) {
    if (typeof rules.agentCaps !== 'object' || rules.agentCaps === null || Array.isArray(rules.agentCaps))
      throw new Error('agentCaps must map agent ids (or "*") to a cap');
    for (const [agentId, cap] of Object.entries(rules.agentCaps))
      if (cap !== null && (!Number.isInteger(cap) || cap < 0 || cap > 1000))
        throw new Error(`agentCaps.${agentId} must be null (no cap) or a whole number from 0 to 1000`);
  }
  return rules;
}

/** Replays the period twice (recorded rules, then `rules`) and compares. */
export function whatIf(events: readonly HistoryEvent[], rules: WhatIfRules, o: WhatIfOptions): WhatIfReport {
  if (Number.isNaN(ms(o.from)) || Number.isNaN(ms(o.to))) throw new Error('--from and --to must be ISO instants (e.g. 2026-11-01T00:00:00Z)');
  if (ms(o.from) >= ms(o.to)) throw new Error('--from must be before --to');
  const t = readTimeline(events, o);
  if (t.orgId === '') throw new Error(`no events of site ${o.siteId}`);
  const replay = simulate(t, o, { initial: t.settings, followRecordedChanges: true });
  const changed = rules.invitation ? applyChatSettings(t.settings, { invitation: rules.invitation }) : t.settings;
  const what = simulate(t, o, { initial: changed, followRecordedChanges: false, ...(rules.agentCaps ? { caps: rules.agentCaps } : {}) });
  const tolerance = o.answerToleranceSeconds ?? 60;
  const agentCaps = Object.entries(t.site.agents)
    .sort(([, a], [, b]) => a.order - b.order)
    .map(([agentId, a]) => {
      const caps = rules.agentCaps;
      const whatIfCap = caps ? (agentId in caps ? caps[agentId]! : '*' in caps ? caps['*']! : a.maxChats) : a.maxChats;
      return { agentId, name: a.nickname, recorded: a.maxChats, whatIf: whatIfCap };
    });
  return {
    siteId: o.siteId,
    from: o.from,
    to: o.to,
    recorded: recordedMetrics(t),
    replay: replay.metrics,
    whatIf: what.metrics,
    reproduction: reproduction(t, replay),
    rulesInForce: t.settings.invitation.auto,
    rulesWhatIf: changed.invitation.auto,
    agentCaps,
    assumptions: [
      'Visits, visitor-initiated chats, agents\u2019 own invitations, presence changes and site changes happen as recorded.',
      `A visitor answers a simulated rule invitation as they answered the recorded rule invitation of the same visit sent nearest to it (within ${tolerance} s), after the same delay; without one it stays unanswered.`,
      'An accepted rule invitation leads to the chat that followed it in reality; a rule invitation not sent (or not accepted) loses that chat.',
      'A conversation lasts as long after assignment as it did; a chat never assigned in reality lasts the median conversation of the period.',
      'A visitor who left the queue in reality leaves after as long a wait; others wait until an agent is free. Transfers are not replayed.',
      'The what-if rules hold for the whole period (recorded rule changes inside the period are replayed only in the first run).',
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------

export function formatWhatIf(r: WhatIfReport): string {
  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${Math.round((a / b) * 1000) / 10}%`);
  const rule = (a: ChatSettings['invitation']['auto']) =>
    a.enabled
      ? `auto invite after ${a.afterSeconds} s, at most ${a.maxRefusals} refusals, ${a.waitAfterRefusalSeconds} s after a refusal`
      : 'auto invitation off';
  const secs = (x: number | null) => (x === null ? '-' : `${x} s`);
  const rows: [string, (m: RunMetrics) => string][] = [
    ['visits', (m) => String(m.visits)],
    ...[...new Set([...Object.keys(r.recorded.invitationsSent), ...Object.keys(r.replay.invitationsSent), ...Object.keys(r.whatIf.invitationsSent)])]
      .sort()
      .map((k): [string, (m: RunMetrics) => string] => [`invitations sent (${k})`, (m) => String(m.invitationsSent[k] ?? 0)]),
    ['invitations accepted', (m) => String(m.invitationsAccepted)],
    ['invitations declined', (m) => String(m.invitationsDeclined)],
    ['chats requested', (m) => String(m.chatsRequested)],
    ['chats routed at once', (m) => String(m.chatsRoutedAtOnce)],
    ['chats queued', (m) => String(m.chatsQueued)],
    ['chats left the queue', (m) => String(m.chatsAbandoned)],
    ['chats unrouted', (m) => String(m.chatsUnrouted)],
    ['wait to assignment: mean', (m) => secs(m.waitMeanSeconds)],
    ['wait to assignment: p90', (m) => secs(m.waitP90Seconds)],
    ['wait to assignment: max', (m) => secs(m.waitMaxSeconds)],
  ];
  const head = ['', 'recorded', 'replay (rules in force)', 'what-if'];
  const table = [head, ...rows.map(([label, f]) => [label, f(r.recorded), f(r.replay), f(r.whatIf)])];
  const widths = head.map((_, i) => Math.max(...table.map((row) => displayWidth(row[i]!))));
  const pad = (c: string, i: number) => ' '.repeat(widths[i]! - displayWidth(c));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c + pad(c, i) : pad(c, i) + c)).join('  ');
  const rp = r.reproduction;
  const unmodelled = Object.keys(r.recorded.invitationsSent).filter((k) => k !== 'agent' && k !== AUTO_INVITATION_RULE);
  const caps = r.agentCaps.filter((a) => a.recorded !== a.whatIf);
  return [
    `what-if: site ${r.siteId}, ${r.from} .. ${r.to}`,
    `  rules in force: ${rule(r.rulesInForce)}`,
    `  what-if rules:  ${rule(r.rulesWhatIf)}`,
    ...caps.map((a) => `  cap of ${a.name || a.agentId}: ${a.recorded ?? 'none'} -> ${a.whatIf ?? 'none'}`),
    `reproduction of the recorded period by the replay under the rules in force:`,
    `  rule invitations per visit ${rp.visitsMatched}/${rp.visits} (${pct(rp.visitsMatched, rp.visits)}), routing outcome and agent ${rp.chatsMatched}/${rp.chats} (${pct(rp.chatsMatched, rp.chats)}), waits within 2 s ${rp.waitsMatched}/${rp.waits} (${pct(rp.waitsMatched, rp.waits)})`,
    ...(unmodelled.length > 0
      ? [`  note: recorded invitations of rule(s) the invitation decider does not have (${unmodelled.join(', ')}) are not replayed`]
      : []),
    '',
    ...table.map(line),
    '',
    'assumptions:',
    ...r.assumptions.map((a) => `  - ${a}`),
  ].join('\n');
}

/** Columns a terminal gives the text: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}
