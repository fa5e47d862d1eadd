import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { chat, routing, type ChatState, type CloseReason, type DataOf, type Participant } from '@kefu/domain';
import type { Actor, RecordedEvent } from '@kefu/event-store';
import type { ChatRequestResult } from '@kefu/contracts';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { derivedId } from '../platform/ids';
import { RoutingCandidates } from './routing-candidates';

export interface VisitorIdentity {
  orgId: string;
  siteId: string;
  visitorId: string;
}

export class RequestChatCommand {
  constructor(
    readonly visitor: VisitorIdentity,
    readonly chatId: string,
    readonly visitId: string,
    readonly page: { url: string; title: string },
  ) {}
}

export class PostMessageCommand {
  constructor(
    readonly chatId: string,
    readonly messageId: string,
    readonly from: Participant,
    readonly text: string,
  ) {}
}

export class CloseChatCommand {
  constructor(
    readonly chatId: string,
    readonly by: Participant,
  ) {}
}

const actorOf = (p: Participant): Actor => ({ kind: p.role === 'visitor' ? 'visitor' : 'user', id: p.id });
export const visitorName = (visitorId: string): string => `#${visitorId.replace(/-/g, '').slice(-6).toUpperCase()}`;

/**
 * Record each routing decision on the chat it routed, with an id derived from the chat and the
 * agent: running this twice (a retry, or a crash before it) appends nothing new.
 */
async function assignRouted(streams: DeciderStreams, decisions: readonly RecordedEvent[], now: string): Promise<void> {
  for (const e of decisions) {
    if (e.type !== 'ChatRouted') continue;
    const d = e.data as DataOf<'ChatRouted'>;
    await streams.handle(
      chat,
      d.chatId,
      { type: 'AssignAgent', agentId: d.agentId, agentName: d.agentName, now },
      { actor: { kind: 'system', id: 'routing' }, now, correlationId: d.chatId, causationId: e.id, eventId: () => derivedId('assigned', d.chatId, d.agentId) },
    );
  }
}

function statusOf(state: ChatState): ChatRequestResult['status'] {
  if (state.phase === 'active') return 'active';
  if (state.phase === 'closed') return 'leave_message';
  return 'queued';
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
    private readonly clock: Clock,
  ) {}

  async execute({ visitor, chatId, visitId, page }: RequestChatCommand): Promise<ChatRequestResult> {
    const now = this.clock.now();
    const actor: Actor = { kind: 'visitor', id: visitor.visitorId };
    const requested = await this.streams.handle(
      chat,
      chatId,
      { type: 'RequestChat', ...visitor, chatId, visitId, visitorName: visitorName(visitor.visitorId), page, now },
      { actor, now, eventId: () => chatId },
    );
    if (requested.state.phase !== 'waiting') return this.result(requested.state, requested.position);

    const candidates = await this.candidates.of(visitor.siteId);
    const routed = await this.streams.handle(
      routing,
      visitor.siteId,
      { type: 'RouteChat', orgId: visitor.orgId, siteId: visitor.siteId, chatId, candidates, now },
      { actor: { kind: 'system', id: 'routing' }, now, correlationId: chatId },
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
        { actor: { kind: 'system', id: 'routing' }, now, correlationId: chatId, eventId: () => derivedId('assigned', chatId, agentId) },
      );
      return this.result(assigned.state, assigned.position);
    }
    const decision = routed.appended.find((e) => (e.data as { chatId: string }).chatId === chatId);
    if (decision?.type === 'ChatUnrouted' || (!routed.state.queue.includes(chatId) && routed.state.decided[chatId])) {
      // Nobody online: the chat ends and the widget offers the leave-message form (C6).
      const closed = await this.streams.handle(
        chat,
        chatId,
        { type: 'CloseChat', by: null, reason: 'no_agent_available', now },
        { actor: { kind: 'system', id: 'routing' }, now, correlationId: chatId, eventId: () => derivedId('unrouted', chatId) },
      );
      return this.result(closed.state, closed.position);
    }
    return this.result(requested.state, routed.position);
  }

  private result(state: ChatState, position: number): ChatRequestResult {
    return {
      chatId: state.chatId,
      status: statusOf(state),
      ...(state.agentId ? { agent: { id: state.agentId, name: state.agentName ?? '' } } : {}),
      position,
    };
  }
}

@CommandHandler(PostMessageCommand)
export class PostMessageHandler implements ICommandHandler<PostMessageCommand, { position: number }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ chatId, messageId, from, text }: PostMessageCommand): Promise<{ position: number }> {
    const now = this.clock.now();
    const result = await this.streams.handle(
      chat,
      chatId,
      { type: 'PostMessage', messageId, from, text, now },
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
    private readonly clock: Clock,
  ) {}

  async execute({ chatId, by }: CloseChatCommand): Promise<{ position: number }> {
    const now = this.clock.now();
    const reason: CloseReason = by.role === 'agent' ? 'closed_by_agent' : 'closed_by_visitor';
    const closed = await this.streams.handle(chat, chatId, { type: 'CloseChat', by, reason, now }, { actor: actorOf(by), now });
    const { orgId, siteId } = closed.state;
    const released = await this.streams.handle(
      routing,
      siteId,
      { type: 'ReleaseChat', orgId, siteId, chatId, candidates: await this.candidates.of(siteId), now },
      { actor: { kind: 'system', id: 'routing' }, now, correlationId: chatId },
    );
    await assignRouted(this.streams, released.appended, now);
    return { position: closed.position };
  }
}
