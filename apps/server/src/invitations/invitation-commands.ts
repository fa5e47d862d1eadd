import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { anyAgentAvailable, DomainError, invitation, nextAutoInvitationAt, routing, site, visit, type InvitationState, type VisitState } from '@kefu/domain';
import type { ChatRequestResult } from '@kefu/contracts';
import type { ReadStore } from '@kefu/read-store';
import { LIVE_VISITS, type LiveVisitDoc } from '@kefu/projections';
import type { Principal } from '../auth/principal';
import { ChatSettingsReader } from '../chat-settings/chat-settings';
import { RequestChatCommand, type VisitorIdentity } from '../conversations/conversation-commands';
import { RoutingCandidates } from '../conversations/routing-candidates';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { derivedId } from '../platform/ids';
import { READ_STORE } from '../platform/tokens';

export class SendInvitationCommand {
  constructor(
    readonly principal: Principal,
    readonly invitationId: string,
    readonly visitId: string,
  ) {}
}
export class OfferAutoInvitationCommand {
  constructor(readonly visitId: string) {}
}
export class AcceptInvitationCommand {
  constructor(
    readonly visitor: VisitorIdentity,
    readonly invitationId: string,
    readonly chatId: string,
    readonly visitId: string,
    readonly page: { url: string; title: string },
  ) {}
}
export class DeclineInvitationCommand {
  constructor(
    readonly visitor: VisitorIdentity,
    readonly invitationId: string,
  ) {}
}

async function liveVisit(streams: DeciderStreams, visitId: string, orgId?: string): Promise<VisitState> {
  const { state } = await streams.load(visit, visitId);
  if (!state.started || (orgId !== undefined && state.orgId !== orgId)) throw new DomainError('NOT_FOUND', 'no such visit');
  if (state.ended) throw new DomainError('RULE_VIOLATED', 'this visitor has left the site');
  return state;
}

/** B2: an agent of the visitor's site invites them; F2's cap J per agent and visitor is the decider's. */
@CommandHandler(SendInvitationCommand)
export class SendInvitationHandler implements ICommandHandler<SendInvitationCommand, { position: number; invitationId: string }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly settings: ChatSettingsReader,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, invitationId, visitId }: SendInvitationCommand): Promise<{ position: number; invitationId: string }> {
    const now = this.clock.now();
    const v = await liveVisit(this.streams, visitId, principal.orgId);
    const siteState = (await this.streams.load(site, v.siteId)).state;
    const me = siteState.agents[principal.userId];
    if (!me) throw new DomainError('FORBIDDEN', 'only an agent of this site can invite its visitors');
    const settings = await this.settings.of(v.siteId);
    const result = await this.streams.handle(
      invitation,
      v.visitorId,
      {
        type: 'SendInvitation',
        orgId: v.orgId,
        siteId: v.siteId,
        visitorId: v.visitorId,
        visitId,
        invitationId,
        agentId: principal.userId,
        agentName: me.nickname,
        maxPerVisitor: settings.invitation.manualMaxPerVisitor,
        greeting: settings.invitation.greeting,
        now,
      },
      { actor: { kind: 'user', id: principal.userId }, now, eventId: () => invitationId },
    );
    return { position: result.position, invitationId };
  }
}

/** F2 automatic rule, fired by a timer: the decider decides; a timer firing twice appends nothing new. */
@CommandHandler(OfferAutoInvitationCommand)
export class OfferAutoInvitationHandler implements ICommandHandler<OfferAutoInvitationCommand, { sent: boolean; next?: string }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly settings: ChatSettingsReader,
    private readonly candidates: RoutingCandidates,
    private readonly clock: Clock,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  async execute({ visitId }: OfferAutoInvitationCommand): Promise<{ sent: boolean; next?: string }> {
    const now = this.clock.now();
    const v = (await this.streams.load(visit, visitId)).state;
    if (!v.started || v.ended || !v.startedAt) return { sent: false };
    const settings = await this.settings.of(v.siteId);
    const routed = (await this.streams.load(routing, v.siteId)).state;
    const agentsAvailable = anyAgentAvailable(routed, await this.candidates.of(v.siteId));
    const doc = await this.reads.get<LiveVisitDoc>(LIVE_VISITS, visitId);
    const chatting = doc?.chatState === 'queued' || doc?.chatState === 'chatting';
    const before = (await this.streams.load(invitation, v.visitorId)).state;
    const ofThisVisit = Object.values(before.invitations).filter((i) => i.visitId === visitId).length;
    const invitationId = derivedId('auto-invitation', visitId, String(ofThisVisit));
    const result = await this.streams.handle(
      invitation,
      v.visitorId,
      {
        type: 'OfferAutoInvitation',
        orgId: v.orgId,
        siteId: v.siteId,
        visitorId: v.visitorId,
        visitId,
        invitationId,
        rule: settings.invitation.auto,
        greeting: settings.invitation.greeting,
        visitStartedAt: v.startedAt,
        agentsAvailable,
        chatting,
        now,
      },
      { actor: { kind: 'system', id: 'auto-invitation' }, now, eventId: () => invitationId },
    );
    const next = nextAutoInvitationAt(result.state, settings.invitation.auto, v.startedAt);
    return { sent: result.appended.length > 0, ...(next ? { next } : {}) };
  }
}

/** C3 accept: the invitation opens a chat with the inviting agent (or routing, for a rule's invitation); a second tab joins the same chat. */
@CommandHandler(AcceptInvitationCommand)
export class AcceptInvitationHandler implements ICommandHandler<AcceptInvitationCommand, ChatRequestResult> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  async execute({ visitor, invitationId, chatId, visitId, page }: AcceptInvitationCommand): Promise<ChatRequestResult> {
    const now = this.clock.now();
    const result = await this.streams.handle(
      invitation,
      visitor.visitorId,
      { type: 'AcceptInvitation', siteId: visitor.siteId, visitorId: visitor.visitorId, invitationId, chatId, now },
      { actor: { kind: 'visitor', id: visitor.visitorId }, now, eventId: () => derivedId('invitation-accepted', invitationId) },
    );
    const record = result.state.invitations[invitationId];
    if (!record?.chatId) throw new DomainError('NOT_FOUND', 'no such invitation');
    const by = record.by;
    return this.commands.execute(
      new RequestChatCommand(visitor, record.chatId, record.visitId || visitId, page, {
        invitationId,
        ...(by.kind === 'agent' ? { preferred: { agentId: by.agentId, reason: 'invited' as const } } : {}),
      }),
    );
  }
}

@CommandHandler(DeclineInvitationCommand)
export class DeclineInvitationHandler implements ICommandHandler<DeclineInvitationCommand, { position: number; state: InvitationState }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ visitor, invitationId }: DeclineInvitationCommand): Promise<{ position: number; state: InvitationState }> {
    const now = this.clock.now();
    const result = await this.streams.handle(
      invitation,
      visitor.visitorId,
      { type: 'DeclineInvitation', siteId: visitor.siteId, visitorId: visitor.visitorId, invitationId, now },
      { actor: { kind: 'visitor', id: visitor.visitorId }, now, eventId: () => derivedId('invitation-declined', invitationId) },
    );
    return { position: result.position, state: result.state };
  }
}

/**
 * The automatic rule's timers, in the process holding the visitor's socket. A timer only asks the
 * decider; whatever it answers is the decision (a timer firing twice appends nothing new).
 */
@Injectable()
export class AutoInvitationTimers implements OnModuleDestroy {
  private readonly logger = new Logger('auto-invitations');
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly commands: CommandBus,
    private readonly streams: DeciderStreams,
    private readonly settings: ChatSettingsReader,
  ) {}

  /** (Re)arm the visit's timer for the next time the rule could invite. */
  async schedule(visitId: string): Promise<void> {
    const v = (await this.streams.load(visit, visitId)).state;
    if (!v.started || v.ended || !v.startedAt) return this.cancel(visitId);
    const settings = await this.settings.of(v.siteId);
    const state = (await this.streams.load(invitation, v.visitorId)).state;
    const next = nextAutoInvitationAt(state, settings.invitation.auto, v.startedAt);
    this.arm(visitId, next);
  }

  /** Visits whose timer is armed in this process (the sweeper re-arms the others it holds a socket of). */
  armed(): ReadonlySet<string> {
    return new Set(this.timers.keys());
  }

  cancel(visitId: string): void {
    const t = this.timers.get(visitId);
    if (t) clearTimeout(t);
    this.timers.delete(visitId);
  }

  private arm(visitId: string, at: string | undefined): void {
    this.cancel(visitId);
    if (!at) return;
    const delay = Math.max(0, Date.parse(at) - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(visitId);
      this.commands
        .execute<OfferAutoInvitationCommand, { sent: boolean; next?: string }>(new OfferAutoInvitationCommand(visitId))
        .then((r) => {
          // Not sent because nobody was free: try again a little later while the visit lasts.
          if (!r.sent && r.next) this.arm(visitId, new Date(Math.max(Date.parse(r.next), Date.now() + 15_000)).toISOString());
        })
        .catch((error: unknown) => this.logger.warn(`auto invitation for ${visitId}: ${String(error)}`));
    }, delay);
    timer.unref();
    this.timers.set(visitId, timer);
  }

  onModuleDestroy(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
