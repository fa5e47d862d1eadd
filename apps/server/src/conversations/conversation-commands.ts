import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  chat,
  routing,
  visit,
  type Attachment,
  type ChatState,
  type ChatTarget,
  type CloseReason,
  type DataOf,
  type Participant,
  type PreferredAgent,
  type RoutingState,
} from '@kefu/domain';
import type { Actor, RecordedEvent } from '@kefu/event-store';
import type { ChatRequestResult } from '@kefu/contracts';
import { ChatSettingsReader } from '../chat-settings/chat-settings';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { derivedId } from '../platform/ids';
import { RoutingCandidates } from './routing-candidates';
import { RoutingQueue } from './routing-queue';

export interface VisitorIdentity {
  orgId: string;
  siteId: string;
  visitorId: string;
}

export interface RequestOptions {
  target?: ChatTarget;
  invitationId?: string;
  /** The agent this chat goes to first (the inviting agent, or the agent who opened it). */
  preferred?: PreferredAgent;
  openedBy?: { id: string; name: string };
}

export class RequestChatCommand {
  constructor(
    readonly visitor: VisitorIdentity,
    readonly chatId: string,
    readonly visitId: string,
    readonly page: { url: string; title: string },
    readonly options: RequestOptions = {},
  ) {}
}

export class PostMessageCommand {
  constructor(
    readonly chatId: string,
    readonly messageId: string,
    readonly from: Participant,
    readonly text: string,
    readonly attachment?: Attachment,
  ) {}
}

export class CloseChatCommand {
  constructor(
    readonly chatId: string,
    readonly by: Participant,
  ) {}
}

export class TransferChatCommand {
  constructor(
    readonly chatId: string,
    readonly from: Participant,
    readonly to: { kind: 'agent'; agentId: string } | { kind: 'group'; groupId: string },
    readonly reason: string,
  ) {}
}

export class CategoriseChatCommand {
  constructor(
    readonly chatId: string,
    readonly agentId: string,
    readonly category: string,
  ) {}
}

/** A slot may have opened without a release (an agent came online or back from away). */
export class DrainQueueCommand {
  constructor(
    readonly orgId: string,
    readonly siteId: string,
  ) {}
}

const actorOf = (p: Participant): Actor => ({ kind: p.role === 'visitor' ? 'visitor' : 'user', id: p.id });
export const visitorName = (visitorId: string): string => `#${visitorId.replace(/-/g, '').slice(-6).toUpperCase()}`;
const ROUTING: Actor = { kind: 'system', id: 'routing' };

/**
 * Record each routing decision on the chat it routed, with an id derived from the chat and the
 * agent: running this twice (a retry, or a crash before it) appends nothing new.
 */
export async function assignRouted(streams: DeciderStreams, decisions: readonly RecordedEvent[], now: string): Promise<void> {
  for (const e of decisions) {
    if (e.type !== 'ChatRouted') continue;
    const d = e.data as DataOf<'ChatRouted'>;
    await streams.handle(
      chat,
      d.chatId,
      { type: 'AssignAgent', agentId: d.agentId, agentName: d.agentName, now },
      { actor: ROUTING, now, correlationId: d.chatId, causationId: e.id, eventId: () => derivedId('assigned', d.chatId, d.agentId) },
    );
  }
}

function statusOf(state: ChatState): ChatRequestResult['status'] {
  if (state.phase === 'active') return 'active';
  if (state.phase === 'closed') return 'leave_message';
  return 'queued';
}

export function requestResult(state: ChatState, position: number, routed?: RoutingState): ChatRequestResult {
  const place = routed ? routed.queue.indexOf(state.chatId) : -1;
  return {
    chatId: state.chatId,
    status: statusOf(state),
    ...(state.agentId ? { agent: { id: state.agentId, name: state.agentName ?? '' } } : {}),
    position,
    ...(state.phase === 'waiting' && place >= 0 ? { queuePosition: place + 1 } : {}),
  };
}

/**
 * C-flow: record the request on the chat's stream, take the routing decision on the site's
 * routing stream (expected revision: no over-assignment across processes), then record the
 * outcome on the chat's stream with an id derived from the decision (a retry appends nothing).
 */
@CommandHandler(RequestChatCommand)
export class RequestChatHandler implements ICommandHandler<RequestChatCommand, ChatRequestResult> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly candidates: RoutingCandidates,
    private readonly queue: RoutingQueue,
    private readonly clock: Clock,
  ) {}

  async execute({ visitor, chatId, visitId, page, options }: RequestChatCommand): Promise<ChatRequestResult> {
    const now = this.clock.now();
    const actor: Actor = options.openedBy ? { kind: 'user', id: options.openedBy.id } : { kind: 'visitor', id: visitor.visitorId };
    const requested = await this.streams.handle(
      chat,
      chatId,
      {
        type: 'RequestChat',
        ...visitor,
        chatId,
        visitId,
        visitorName: visitorName(visitor.visitorId),
        page,
        now,
        ...(options.target ? { target: options.target } : {}),
        ...(options.invitationId ? { invitationId: options.invitationId } : {}),
        ...(options.openedBy ? { openedBy: options.openedBy } : {}),
      },
      { actor, now, eventId: () => chatId },
    );
    if (requested.state.phase !== 'waiting') return requestResult(requested.state, requested.position);

    const visitState = (await this.streams.load(visit, visitId)).state;
    const region =
      visitState.visitorId === visitor.visitorId && visitState.region ? { province: visitState.region.province, city: visitState.region.city } : undefined;
    const candidates = await this.candidates.of(visitor.siteId);
    const routed = await this.queue.run(visitor.siteId, () =>
      this.streams.handle(
        routing,
        visitor.siteId,
        {
          type: 'RouteChat',
          orgId: visitor.orgId,
          siteId: visitor.siteId,
          chatId,
          candidates,
          now,
          ...(options.target ? { target: options.target } : {}),
          ...(region ? { region } : {}),
          ...(options.preferred ? { preferred: options.preferred } : {}),
        },
        { actor: ROUTING, now, correlationId: chatId },
      ),
    );
    await assignRouted(this.streams, routed.appended, now);
    const agentId = routed.state.active[chatId];
    if (agentId !== undefined) {
      // Routed by an earlier attempt that stopped before recording it on the chat: finish it.
      const agentName = candidates.find((c) => c.agentId === agentId)?.name ?? '';
      const assigned = await this.streams.handle(
        chat,
        chatId,
        { type: 'AssignAgent', agentId, agentName, now },
        { actor: ROUTING, now, correlationId: chatId, eventId: () => derivedId('assigned', chatId, agentId) },
      );
      return requestResult(assigned.state, assigned.position);
    }
    if (!routed.state.queue.includes(chatId) && routed.state.decided[chatId]) {
      // Nobody online: the chat ends and the widget offers the leave-message form (C6).
      const closed = await this.streams.handle(
        chat,
        chatId,
        { type: 'CloseChat', by: null, reason: 'no_agent_available', now },
        { actor: ROUTING, now, correlationId: chatId, eventId: () => derivedId('unrouted', chatId) },
      );
      return requestResult(closed.state, closed.position);
    }
    return requestResult(requested.state, routed.position, routed.state);
  }
}

@CommandHandler(PostMessageCommand)
export class PostMessageHandler implements ICommandHandler<PostMessageCommand, { position: number }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ chatId, messageId, from, text, attachment }: PostMessageCommand): Promise<{ position: number }> {
    const now = this.clock.now();
    const result = await this.streams.handle(
      chat,
      chatId,
      { type: 'PostMessage', messageId, from, text, now, ...(attachment ? { attachment } : {}) },
      { actor: actorOf(from), now, eventId: () => messageId },
    );
    if (result.appended.length > 0) return { position: result.position };
    // A retry of a message already recorded: answer with the position it got the first time.
    const original = await this.streams.findEvent(`chat-${chatId}`, messageId);
    return { position: original?.position ?? result.position };
  }
}

/** B11: close; the routing stream releases the agent's slot, and the oldest queued chat may take it. */
@CommandHandler(CloseChatCommand)
export class CloseChatHandler implements ICommandHandler<CloseChatCommand, { position: number }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly candidates: RoutingCandidates,
    private readonly queue: RoutingQueue,
    private readonly clock: Clock,
  ) {}

  async execute({ chatId, by }: CloseChatCommand): Promise<{ position: number }> {
    const now = this.clock.now();
    const reason: CloseReason = by.role === 'agent' ? 'closed_by_agent' : 'closed_by_visitor';
    const closed = await this.streams.handle(chat, chatId, { type: 'CloseChat', by, reason, now }, { actor: actorOf(by), now });
    const { orgId, siteId } = closed.state;
    const candidates = await this.candidates.of(siteId);
    const released = await this.queue.run(siteId, () =>
      this.streams.handle(routing, siteId, { type: 'ReleaseChat', orgId, siteId, chatId, candidates, now }, { actor: ROUTING, now, correlationId: chatId }),
    );
    await assignRouted(this.streams, released.appended, now);
    return { position: closed.position };
  }
}

/**
 * B8: the routing stream moves the chat (expected revision: the new agent's cap holds across
 * processes), then the chat records the transfer; the old agent keeps reading, stops writing.
 */
@CommandHandler(TransferChatCommand)
export class TransferChatHandler implements ICommandHandler<TransferChatCommand, { position: number; agent: { id: string; name: string } }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly candidates: RoutingCandidates,
    private readonly queue: RoutingQueue,
    private readonly clock: Clock,
  ) {}

  async execute({ chatId, from, to, reason }: TransferChatCommand): Promise<{ position: number; agent: { id: string; name: string } }> {
    const now = this.clock.now();
    const before = (await this.streams.load(chat, chatId)).state;
    const { orgId, siteId } = before;
    const candidates = await this.candidates.of(siteId);
    const routed = await this.queue.run(siteId, () =>
      this.streams.handle(
        routing,
        siteId,
        { type: 'TransferChat', orgId, siteId, chatId, fromAgentId: from.id, to, candidates, now },
        { actor: actorOf(from), now, correlationId: chatId },
      ),
    );
    const toAgentId = routed.state.active[chatId] ?? '';
    const toAgentName = candidates.find((c) => c.agentId === toAgentId)?.name ?? '';
    const transferred = await this.streams.handle(
      chat,
      chatId,
      { type: 'TransferChat', fromAgentId: from.id, toAgentId, toAgentName, ...(to.kind === 'group' ? { toGroupId: to.groupId } : {}), reason, now },
      { actor: actorOf(from), now, correlationId: chatId, eventId: () => derivedId('transferred', chatId, from.id, toAgentId) },
    );
    await assignRouted(this.streams, routed.appended, now);
    return { position: transferred.position, agent: { id: toAgentId, name: toAgentName } };
  }
}

@CommandHandler(CategoriseChatCommand)
export class CategoriseChatHandler implements ICommandHandler<CategoriseChatCommand, { position: number }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly settings: ChatSettingsReader,
    private readonly clock: Clock,
  ) {}

  async execute({ chatId, agentId, category }: CategoriseChatCommand): Promise<{ position: number }> {
    const now = this.clock.now();
    const { state } = await this.streams.load(chat, chatId);
    // H3: a site with a list of categories takes only those (the decider checks against it).
    const allowed = state.siteId ? (await this.settings.of(state.siteId)).categories : [];
    const result = await this.streams.handle(
      chat,
      chatId,
      { type: 'CategoriseChat', agentId, category, allowed, now },
      { actor: { kind: 'user', id: agentId }, now },
    );
    return { position: result.position };
  }
}

@CommandHandler(DrainQueueCommand)
export class DrainQueueHandler implements ICommandHandler<DrainQueueCommand, { position: number }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly candidates: RoutingCandidates,
    private readonly queue: RoutingQueue,
    private readonly clock: Clock,
  ) {}

  async execute({ orgId, siteId }: DrainQueueCommand): Promise<{ position: number }> {
    const now = this.clock.now();
    const candidates = await this.candidates.of(siteId);
    const drained = await this.queue.run(siteId, () =>
      this.streams.handle(routing, siteId, { type: 'DrainQueue', orgId, siteId, candidates, now }, { actor: ROUTING, now }),
    );
    await assignRouted(this.streams, drained.appended, now);
    return { position: drained.position };
  }
}
