import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { invitation, routing, type DataOf } from '@kefu/domain';
import type { InvitationOutcomeView, TypingView } from '@kefu/contracts';
import type { EventStore, RecordedEvent } from '@kefu/event-store';
import type { ReadStore } from '@kefu/read-store';
import { CHAT_EVENT_TYPES, LIVE_VISITS, toChatEventView, toLiveVisit, type LiveVisitDoc } from '@kefu/projections';
import { DeciderStreams } from '../platform/decider-streams';
import { LivePushes } from '../platform/live-pushes';
import { ProjectorService } from '../platform/projector.service';
import { EVENT_STORE, READ_STORE } from '../platform/tokens';
import { visitorRoom } from '../visitors/visit-lifecycle';
import { ChatAccess } from './chat-access';

export const chatRoom = (chatId: string) => `chat:${chatId}`;
export const agentRoom = (userId: string) => `agent:${userId}`;
/** Agents serving a site: they see its visitors live (B1, B2). */
export const siteAgentsRoom = (siteId: string) => `site-agents:${siteId}`;

const CHAT_TYPES = new Set<string>(CHAT_EVENT_TYPES);
const ROUTING_TYPES = new Set(['ChatQueued', 'ChatRouted', 'ChatReleased', 'ChatRerouted']);
const INVITATION_TYPES = new Set(['InvitationSent', 'InvitationAccepted', 'InvitationDeclined']);
/** Events that change what an agent sees of a visit. */
const VISIT_TYPES = new Set([
  'VisitStarted',
  'PageViewed',
  'VisitEnded',
  'InvitationSent',
  'InvitationAccepted',
  'InvitationDeclined',
  'ChatRequested',
  'ChatAssigned',
  'ChatTransferred',
  'ChatClosed',
  'LeaveMessageLeft',
]);

/**
 * Live delivery driven by the event store, not by the handler that wrote: every process follows
 * `$all` and pushes each event to its own sockets (`.local`, so with the Redis adapter a message is
 * not pushed once per process). Whatever process appended an event, every participant connected
 * anywhere receives it, in store order. Typing previews are not events: they go through the adapter.
 */
@Injectable()
export class ChatFanout extends LivePushes {
  private visitors?: Namespace;
  private agents?: Namespace;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly access: ChatAccess,
    private readonly streams: DeciderStreams,
    private readonly projector: ProjectorService,
  ) {
    super(events, new Logger('fanout'));
  }

  attach(kind: 'visitor' | 'agent', ns: Namespace): void {
    if (kind === 'visitor') this.visitors = ns;
    else this.agents = ns;
  }

  /** B4: a visitor's draft (or typing on/off) to the agents of the chat, on every process. */
  typingToAgents(typing: TypingView): void {
    this.agents?.to(chatRoom(typing.chatId)).emit('chat:typing', typing);
  }

  /** The agent types: the visitor sees an indicator (never a draft). */
  typingToVisitor(typing: TypingView): void {
    const { draft, ...indicator } = typing;
    void draft;
    this.visitors?.to(chatRoom(typing.chatId)).emit('chat:typing', indicator);
  }

  /** B11: the agent asks for a rating. */
  askRating(chatId: string): void {
    this.visitors?.to(chatRoom(chatId)).emit('chat:rating-requested', { chatId });
  }

  // Live delivery starts at the head at boot; clients that were away catch up with `chat:resume`.
  protected wants(e: RecordedEvent): boolean {
    return CHAT_TYPES.has(e.type) || ROUTING_TYPES.has(e.type) || INVITATION_TYPES.has(e.type) || VISIT_TYPES.has(e.type);
  }

  protected async push(e: RecordedEvent): Promise<void> {
    const steps: Promise<void>[] = [];
    if (CHAT_TYPES.has(e.type)) steps.push(this.deliver(e));
    if (ROUTING_TYPES.has(e.type)) steps.push(this.queuePositions(e));
    if (INVITATION_TYPES.has(e.type)) steps.push(this.invitation(e));
    if (VISIT_TYPES.has(e.type)) steps.push(this.visitUpdate(e));
    for (const step of steps) await step.catch((error: unknown) => this.logger.error(`delivery of ${e.type}@${e.position} failed: ${String(error)}`));
  }

  private async deliver(e: RecordedEvent): Promise<void> {
    const view = toChatEventView(e);
    if (!view) return;
    const room = chatRoom(view.chatId);
    if (e.type === 'ChatAssigned') this.agents?.local.in(agentRoom((e.data as DataOf<'ChatAssigned'>).agentId)).socketsJoin(room);
    if (e.type === 'ChatTransferred') this.agents?.local.in(agentRoom((e.data as DataOf<'ChatTransferred'>).toAgentId)).socketsJoin(room);
    const requested = e.type === 'ChatRequested' ? (e.data as DataOf<'ChatRequested'>) : undefined;
    // C5: an agent opened the chat on the visitor's page: every tab of the visitor joins it.
    if (requested?.openedBy) this.visitors?.local.in(visitorRoom(requested.siteId, requested.visitorId)).socketsJoin(room);
    this.visitors?.local.to(room).emit('chat:event', view);
    this.agents?.local.to(room).emit('chat:event', view);
    if (e.type === 'MessagePosted') return;
    const summary = await this.access.summary(view.chatId, e.position);
    this.visitors?.local.to(room).emit('chat:updated', summary);
    this.agents?.local.to(room).emit('chat:updated', summary);
    if (requested?.openedBy) this.visitors?.local.to(visitorRoom(requested.siteId, requested.visitorId)).emit('chat:opened', summary);
    if ((e.type === 'ChatAssigned' || e.type === 'ChatTransferred') && summary.agent)
      this.agents?.local.to(agentRoom(summary.agent.id)).emit('chat:assigned', summary);
  }

  /** Every queued chat of the site hears its place whenever the queue moves. */
  private async queuePositions(e: RecordedEvent): Promise<void> {
    const { siteId } = e.data as { siteId: string };
    const { state } = await this.streams.load(routing, siteId);
    state.queue.forEach((chatId, i) => this.visitors?.local.to(chatRoom(chatId)).emit('chat:queue', { chatId, queuePosition: i + 1 }));
  }

  private async invitation(e: RecordedEvent): Promise<void> {
    const d = e.data as DataOf<'InvitationSent'>;
    const visitor = visitorRoom(d.siteId, d.visitorId);
    if (e.type === 'InvitationSent') {
      const agent = d.by.kind === 'agent' ? { agent: { id: d.by.agentId, name: d.agentName ?? '' } } : {};
      this.visitors?.local
        .to(visitor)
        .emit('invitation:received', { invitationId: d.invitationId, siteId: d.siteId, visitId: d.visitId, greeting: d.greeting, at: d.at, ...agent });
      return;
    }
    const accepted = e.type === 'InvitationAccepted' ? (e.data as DataOf<'InvitationAccepted'>) : undefined;
    const outcome: InvitationOutcomeView = {
      invitationId: d.invitationId,
      visitId: d.visitId,
      visitorId: d.visitorId,
      status: accepted ? 'accepted' : 'declined',
      ...(accepted ? { chatId: accepted.chatId } : {}),
      at: (e.data as { at: string }).at,
    };
    this.visitors?.local.to(visitor).emit('invitation:closed', outcome);
    const { state } = await this.streams.load(invitation, d.visitorId);
    const by = state.invitations[d.invitationId]?.by;
    if (by?.kind === 'agent') this.agents?.local.to(agentRoom(by.agentId)).emit('invitation:answered', outcome);
  }

  /** B1/B2/B3: agents of the site see the visit as it is now. */
  private async visitUpdate(e: RecordedEvent): Promise<void> {
    const data = e.data as { siteId: string; visitId?: string; chatId?: string };
    await this.projector.waitFor(e.position);
    let visitId = data.visitId;
    if (!visitId && data.chatId) visitId = (await this.access.summary(data.chatId, undefined).catch(() => undefined))?.visitId;
    if (!visitId) return;
    const doc = await this.reads.get<LiveVisitDoc>(LIVE_VISITS, visitId);
    if (!doc) return;
    const room = siteAgentsRoom(doc.siteId);
    if (e.type === 'VisitEnded') this.agents?.local.to(room).emit('visitor:left', { siteId: doc.siteId, visitId });
    else this.agents?.local.to(room).emit('visitor:updated', toLiveVisit(doc));
  }
}
