import { Inject, Logger, OnModuleDestroy, UseFilters, UsePipes } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ConnectedSocket, MessageBody, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  Namespace as Namespaces,
  type Ack,
  type AgentStatus,
  type AgentToServer,
  type ChatSummaryView,
  type PositionResult,
  type ResumeResult,
  type ServerToAgent,
} from '@kefu/contracts';
import { DomainError } from '@kefu/domain';
import type { ReadStore } from '@kefu/read-store';
import { AGENT_PRESENCE, CHAT_RECORDS, type ChatRecordDoc, type PresenceDoc } from '@kefu/projections';
import type { Principal } from '../auth/principal';
import { Sessions } from '../auth/sessions';
import { ChatAccess, toSummary } from '../conversations/chat-access';
import { CloseChatCommand, PostMessageCommand } from '../conversations/conversation-commands';
import { ChatFanout, agentRoom, chatRoom } from '../conversations/fanout';
import { assertEmpty, CloseChatDto, ResumeDto, SendMessageDto, SetStatusDto } from '../conversations/socket.dto';
import type { ServerConfig } from '../config';
import { ErrorFilter, toErrorBody } from '../platform/errors';
import { SERVER_CONFIG, READ_STORE } from '../platform/tokens';
import { createValidationPipe } from '../platform/validation';
import { SetAgentStatusCommand } from './set-agent-status';

type AgentSocket = Socket<AgentToServer, ServerToAgent, Record<string, never>, { principal: Principal }>;
const ok = <T>(data: T): Ack<T> => ({ ok: true, data });

/** The `/agent` namespace: the workspace (B3, B10, B11). Authenticated by the user's session token. */
@WebSocketGateway({ namespace: Namespaces.agent })
@UsePipes(createValidationPipe())
@UseFilters(ErrorFilter)
export class AgentGateway implements OnGatewayInit, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('agent-gateway');
  /** Pending "went offline" timers of agents whose last socket closed (B10 grace period). */
  private readonly offlineTimers = new Map<string, NodeJS.Timeout>();
  @WebSocketServer() server!: Namespace;

  constructor(
    private readonly commands: CommandBus,
    private readonly sessions: Sessions,
    private readonly access: ChatAccess,
    private readonly fanout: ChatFanout,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  afterInit(ns: Namespace): void {
    this.fanout.attach('agent', ns);
    ns.use((socket, next) => {
      this.sessions
        .authenticate((socket.handshake.auth as { token?: string }).token)
        .then(async (principal) => {
          if (!principal.roles.includes('agent')) throw new DomainError('FORBIDDEN', 'the agent workspace needs the agent role');
          socket.data = { principal };
          await socket.join(agentRoom(principal.userId));
          const open = await this.reads.find<ChatRecordDoc>(CHAT_RECORDS, { 'agent.id': principal.userId, status: 'active' });
          await socket.join(open.map((c) => chatRoom(c.chatId)));
          const timer = this.offlineTimers.get(principal.userId);
          if (timer) clearTimeout(timer);
          this.offlineTimers.delete(principal.userId);
          next();
        })
        .catch((error: unknown) => {
          const body = toErrorBody(error);
          next(Object.assign(new Error(body.message), { data: body }));
        });
    });
    this.logger.log('agent namespace ready');
  }

  handleDisconnect(socket: AgentSocket): void {
    const principal = socket.data?.principal;
    if (!principal) return;
    const stillHere = [...this.server.sockets.values()].some(
      (s) => s.id !== socket.id && (s.data as { principal?: Principal }).principal?.userId === principal.userId,
    );
    if (stillHere || this.offlineTimers.has(principal.userId)) return;
    // A closed workspace goes offline after a grace period, so a reload does not drop the agent.
    const timer = setTimeout(() => {
      this.offlineTimers.delete(principal.userId);
      this.commands
        .execute(new SetAgentStatusCommand(principal, 'offline', 'disconnected'))
        .catch((error: unknown) => this.logger.warn(`could not mark ${principal.userId} offline: ${String(error)}`));
    }, this.config.agentOfflineGraceMs);
    timer.unref();
    this.offlineTimers.set(principal.userId, timer);
  }

  onModuleDestroy(): void {
    for (const t of this.offlineTimers.values()) clearTimeout(t);
    this.offlineTimers.clear();
  }

  @SubscribeMessage('agent:status')
  async status(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: SetStatusDto): Promise<Ack<PositionResult & { status: AgentStatus }>> {
    const result: PositionResult = await this.commands.execute(new SetAgentStatusCommand(socket.data.principal, body.status, 'chosen'));
    return ok({ ...result, status: body.status });
  }

  @SubscribeMessage('agent:chats')
  async chats(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: unknown): Promise<Ack<{ chats: ChatSummaryView[]; status: AgentStatus }>> {
    assertEmpty(body);
    const { userId } = socket.data.principal;
    const docs = await this.reads.find<ChatRecordDoc>(CHAT_RECORDS, { 'agent.id': userId, status: 'active' }, { sort: { requestedAt: 1 } });
    await socket.join(docs.map((d) => chatRoom(d.chatId)));
    const presence = await this.reads.get<PresenceDoc>(AGENT_PRESENCE, userId);
    return ok({ chats: docs.map(toSummary), status: presence?.status ?? 'offline' });
  }

  @SubscribeMessage('chat:send')
  async send(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: SendMessageDto): Promise<Ack<PositionResult>> {
    const p = socket.data.principal;
    const state = await this.access.participantState(body.chatId, { role: 'agent', id: p.userId, orgId: p.orgId });
    const from = { role: 'agent' as const, id: p.userId, name: state.agentName ?? p.name };
    const result: PositionResult = await this.commands.execute(new PostMessageCommand(body.chatId, body.clientId, from, body.text));
    return ok(result);
  }

  @SubscribeMessage('chat:close')
  async close(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: CloseChatDto): Promise<Ack<PositionResult>> {
    const p = socket.data.principal;
    const state = await this.access.participantState(body.chatId, { role: 'agent', id: p.userId, orgId: p.orgId });
    const result: PositionResult = await this.commands.execute(
      new CloseChatCommand(body.chatId, { role: 'agent', id: p.userId, name: state.agentName ?? p.name }),
    );
    return ok(result);
  }

  @SubscribeMessage('chat:resume')
  async resume(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: ResumeDto): Promise<Ack<ResumeResult>> {
    const p = socket.data.principal;
    const result = await this.access.resume(body.chatId, body.after, { role: 'agent', id: p.userId, orgId: p.orgId });
    await socket.join(chatRoom(body.chatId));
    return ok(result);
  }
}
