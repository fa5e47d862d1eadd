import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { AllSubscription, EventStore, RecordedEvent } from '@kefu/event-store';
import { CHAT_EVENT_TYPES, toChatEventView } from '@kefu/projections';
import { EVENT_STORE } from '../platform/tokens';
import { ChatAccess } from './chat-access';

export const chatRoom = (chatId: string) => `chat:${chatId}`;
export const agentRoom = (userId: string) => `agent:${userId}`;

const CHAT_TYPES = new Set<string>(CHAT_EVENT_TYPES);

/**
 * Live delivery driven by the event store, not by the handler that wrote: every process follows
 * `$all` and pushes each chat event to its own sockets in the chat's room (`.local`, so with the
 * Redis adapter a message is not pushed once per process). Whatever process appended an event,
 * every participant connected anywhere receives it, in store order.
 */
@Injectable()
export class ChatFanout implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('fanout');
  private subscription?: AllSubscription;
  private loop?: Promise<void>;
  private visitors?: Namespace;
  private agents?: Namespace;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly access: ChatAccess,
  ) {}

  attach(kind: 'visitor' | 'agent', ns: Namespace): void {
    if (kind === 'visitor') this.visitors = ns;
    else this.agents = ns;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Clients that were away catch up with `chat:resume`; live delivery starts at the current head.
    const head = await this.events.headPosition();
    this.subscription = this.events.subscribeToAll({ after: head });
    this.loop = this.follow(this.subscription);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    await this.loop;
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    try {
      for await (const e of subscription) {
        if (!CHAT_TYPES.has(e.type)) continue;
        await this.deliver(e).catch((error: unknown) => this.logger.error(`delivery of ${e.type}@${e.position} failed: ${String(error)}`));
      }
    } catch (error) {
      this.logger.error(`live delivery stopped: ${String(error)}`);
    }
  }

  private async deliver(e: RecordedEvent): Promise<void> {
    const view = toChatEventView(e);
    if (!view) return;
    const room = chatRoom(view.chatId);
    if (e.type === 'ChatAssigned') {
      const agentId = (e.data as { agentId: string }).agentId;
      this.agents?.local.in(agentRoom(agentId)).socketsJoin(room);
    }
    this.visitors?.local.to(room).emit('chat:event', view);
    this.agents?.local.to(room).emit('chat:event', view);
    if (e.type === 'ChatAssigned' || e.type === 'ChatClosed' || e.type === 'ChatRequested') {
      const summary = await this.access.summary(view.chatId, e.position);
      this.visitors?.local.to(room).emit('chat:updated', summary);
      this.agents?.local.to(room).emit('chat:updated', summary);
      if (e.type === 'ChatAssigned' && summary.agent) this.agents?.local.to(agentRoom(summary.agent.id)).emit('chat:assigned', summary);
    }
  }
}
