import type { Decider, DomainEvent } from '../shared/decider';
import { unreachable } from '../shared/decider';
import { conflict, notFound, ruleViolated } from '../shared/domain-error';

/**
 * Invitations of one visitor on one site (stream `visitor-{visitorId}`), F2/B2/C3. Every rule is decided
 * here from the visitor's own events: the refusals so far, when the last one was, how often each agent
 * invited. Each InvitationSent names the rule or the agent that caused it (the invitation funnel, J).
 */
export type InvitationSource = { kind: 'rule'; rule: string } | { kind: 'agent'; agentId: string };

/** The automatic rule's name in InvitationSent.by (the funnel report groups by it). */
export const AUTO_INVITATION_RULE = 'auto_after_seconds';

interface Ids {
  orgId: string;
  siteId: string;
  visitId: string;
  visitorId: string;
  invitationId: string;
}

export type InvitationEvent =
  | DomainEvent<'InvitationSent', Ids & { by: InvitationSource; agentName?: string; greeting: string; at: string }>
  | DomainEvent<'InvitationAccepted', Ids & { chatId: string; at: string }>
  | DomainEvent<'InvitationDeclined', Ids & { at: string }>;

export interface AutoInvitationRule {
  enabled: boolean;
  afterSeconds: number;
  maxRefusals: number;
  waitAfterRefusalSeconds: number;
}

interface VisitorIds {
  orgId: string;
  siteId: string;
  visitorId: string;
  visitId: string;
}

export type InvitationCommand =
  | (VisitorIds & {
      type: 'OfferAutoInvitation';
      invitationId: string;
      rule: AutoInvitationRule;
      greeting: string;
      visitStartedAt: string;
      /** False when no agent is online or every online agent is at capacity. */
      agentsAvailable: boolean;
      /** The visitor already has a chat going (no invitation then). */
      chatting: boolean;
      now: string;
    })
  | (VisitorIds & {
      type: 'SendInvitation';
      invitationId: string;
      agentId: string;
      agentName: string;
      /** The site's cap: one agent invites one visitor at most this many times. */
      maxPerVisitor: number;
      greeting: string;
      now: string;
    })
  | { type: 'AcceptInvitation'; siteId: string; visitorId: string; invitationId: string; chatId: string; now: string }
  | { type: 'DeclineInvitation'; siteId: string; visitorId: string; invitationId: string; now: string };

export interface InvitationRecord {
  visitId: string;
  by: InvitationSource;
  agentName?: string;
  status: 'sent' | 'accepted' | 'declined';
  chatId?: string;
  at: string;
}

export interface InvitationState {
  orgId: string;
  siteId: string;
  visitorId: string;
  invitations: Record<string, InvitationRecord>;
  refusals: number;
  lastRefusalAt?: string;
  /** agentId -> manual invitations sent to this visitor. */
  manualBy: Record<string, number>;
}

export type AutoVerdict =
  | { send: true; rule: string }
  | { send: false; because: 'disabled' | 'already_open' | 'chatting' | 'max_refusals' | 'too_early' | 'waiting_after_refusal' | 'no_agent_available' };

const addSeconds = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** The invitation now shown to the visitor, if any. */
export function openInvitation(s: InvitationState): (InvitationRecord & { invitationId: string }) | undefined {
  for (const [invitationId, r] of Object.entries(s.invitations)) if (r.status === 'sent') return { ...r, invitationId };
  return undefined;
}

/** Whether the automatic rule invites now, and if not, which rule says no (each rule has a spec). */
export function autoInvitationVerdict(s: InvitationState, cmd: Extract<InvitationCommand, { type: 'OfferAutoInvitation' }>): AutoVerdict {
  const rule = cmd.rule;
  if (!rule.enabled) return { send: false, because: 'disabled' };
  if (openInvitation(s)) return { send: false, because: 'already_open' };
  if (cmd.chatting) return { send: false, because: 'chatting' };
  if (s.refusals >= rule.maxRefusals) return { send: false, because: 'max_refusals' };
  if (cmd.now < addSeconds(cmd.visitStartedAt, rule.afterSeconds)) return { send: false, because: 'too_early' };
  if (s.lastRefusalAt && cmd.now < addSeconds(s.lastRefusalAt, rule.waitAfterRefusalSeconds)) return { send: false, because: 'waiting_after_refusal' };
  if (!cmd.agentsAvailable) return { send: false, because: 'no_agent_available' };
  return { send: true, rule: AUTO_INVITATION_RULE };
}

/** When the automatic rule could invite next (for the server's timer); undefined = never on this visit as things stand. */
export function nextAutoInvitationAt(s: InvitationState, rule: AutoInvitationRule, visitStartedAt: string): string | undefined {
  if (!rule.enabled || openInvitation(s) || s.refusals >= rule.maxRefusals) return undefined;
  const afterStart = addSeconds(visitStartedAt, rule.afterSeconds);
  const afterRefusal = s.lastRefusalAt ? addSeconds(s.lastRefusalAt, rule.waitAfterRefusalSeconds) : afterStart;
  return afterStart > afterRefusal ? afterStart : afterRefusal;
}

function inScope(s: InvitationState, siteId: string, visitorId: string): boolean {
  return s.siteId === '' || (s.siteId === siteId && s.visitorId === visitorId);
}

export const invitation: Decider<InvitationCommand, InvitationEvent, InvitationState> = {
  streamPrefix: 'visitor',
  initialState: { orgId: '', siteId: '', visitorId: '', invitations: {}, refusals: 0, manualBy: {} },
  decide(cmd, s) {
    if (!inScope(s, cmd.siteId, cmd.visitorId)) throw notFound('no such visitor');
    switch (cmd.type) {
      case 'OfferAutoInvitation': {
        if (s.invitations[cmd.invitationId]) return [];
        const verdict = autoInvitationVerdict(s, cmd);
        if (!verdict.send) return [];
        const ids = { orgId: cmd.orgId, siteId: cmd.siteId, visitId: cmd.visitId, visitorId: cmd.visitorId, invitationId: cmd.invitationId };
        return [{ type: 'InvitationSent', data: { ...ids, by: { kind: 'rule', rule: verdict.rule }, greeting: cmd.greeting, at: cmd.now } }];
      }
      case 'SendInvitation': {
        if (s.invitations[cmd.invitationId]) return [];
        const sent = s.manualBy[cmd.agentId] ?? 0;
        if (sent >= cmd.maxPerVisitor) {
          throw ruleViolated(`you have invited this visitor ${sent} time(s): the site allows ${cmd.maxPerVisitor} per agent`, { sent, max: cmd.maxPerVisitor });
        }
        if (openInvitation(s)) throw conflict('this visitor already has an open invitation: wait for the answer');
        const ids = { orgId: cmd.orgId, siteId: cmd.siteId, visitId: cmd.visitId, visitorId: cmd.visitorId, invitationId: cmd.invitationId };
        return [
          {
            type: 'InvitationSent',
            data: { ...ids, by: { kind: 'agent', agentId: cmd.agentId }, agentName: cmd.agentName, greeting: cmd.greeting, at: cmd.now },
          },
        ];
      }
      case 'AcceptInvitation': {
        const r = s.invitations[cmd.invitationId];
        if (!r) throw notFound('no such invitation');
        // Two tabs accepting at once: the second one joins the chat the first one opened.
        if (r.status === 'accepted') return [];
        if (r.status === 'declined') throw ruleViolated('this invitation was declined');
        const ids = { orgId: s.orgId, siteId: s.siteId, visitId: r.visitId, visitorId: s.visitorId, invitationId: cmd.invitationId };
        return [{ type: 'InvitationAccepted', data: { ...ids, chatId: cmd.chatId, at: cmd.now } }];
      }
      case 'DeclineInvitation': {
        const r = s.invitations[cmd.invitationId];
        if (!r) throw notFound('no such invitation');
        if (r.status === 'declined') return [];
        if (r.status === 'accepted') throw ruleViolated('this invitation was accepted: its chat is open');
        const ids = { orgId: s.orgId, siteId: s.siteId, visitId: r.visitId, visitorId: s.visitorId, invitationId: cmd.invitationId };
        return [{ type: 'InvitationDeclined', data: { ...ids, at: cmd.now } }];
      }
      default:
        return unreachable(cmd);
    }
  },
  evolve(s, e) {
    const d = e.data;
    switch (e.type) {
      case 'InvitationSent': {
        const manualBy = e.data.by.kind === 'agent' ? { ...s.manualBy, [e.data.by.agentId]: (s.manualBy[e.data.by.agentId] ?? 0) + 1 } : s.manualBy;
        const record: InvitationRecord = {
          visitId: d.visitId,
          by: e.data.by,
          ...(e.data.agentName ? { agentName: e.data.agentName } : {}),
          status: 'sent',
          at: e.data.at,
        };
        return { ...s, orgId: d.orgId, siteId: d.siteId, visitorId: d.visitorId, manualBy, invitations: { ...s.invitations, [d.invitationId]: record } };
      }
      case 'InvitationAccepted': {
        const r = s.invitations[d.invitationId];
        if (!r) return s;
        return { ...s, invitations: { ...s.invitations, [d.invitationId]: { ...r, status: 'accepted', chatId: e.data.chatId } } };
      }
      case 'InvitationDeclined': {
        const r = s.invitations[d.invitationId];
        if (!r) return s;
        return { ...s, refusals: s.refusals + 1, lastRefusalAt: e.data.at, invitations: { ...s.invitations, [d.invitationId]: { ...r, status: 'declined' } } };
      }
      default:
        return unreachable(e);
    }
  },
};
