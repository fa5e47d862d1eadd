import { Inject, Logger, OnModuleDestroy, UseFilters, UsePipes } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ConnectedSocket, MessageBody, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  Limits,
  Namespace as Namespaces,
  type Ack,
  type AgentStatus,
  type AgentToServer,
  type ChatRequestResult,
  type CannedResponseView,
  type ChatSummaryView,
  type LiveVisitView,
  type PositionResult,
  type ResumeResult,
  type ServerToAgent,
  type TransferTargetsView,
  type TypingResult,
} from '@kefu/contracts';
import { chatSettings, DomainError, loadOf, routing, site, visit } from '@kefu/domain';
import type { ReadStore } from '@kefu/read-store';
import {
  AGENT_PRESENCE,
  LIVE_CHATS,
  LIVE_VISITS,
  SITES,
  toLiveVisit,
  type LiveChatDoc,
  type LiveVisitDoc,
  type PresenceDoc,
  type SiteDoc,
} from '@kefu/projections';
import type { Principal } from '../auth/principal';
import { Sessions } from '../auth/sessions';
import { ChatAccess, toSummary } from '../conversations/chat-access';
import {
  CategoriseChatCommand,
  CloseChatCommand,
  DrainQueueCommand,
  PostMessageCommand,
  RequestChatCommand,
  TransferChatCommand,
} from '../conversations/conversation-commands';
import { ChatFanout, agentRoom, chatRoom, siteAgentsRoom } from '../conversations/fanout';
import { RoutingCandidates } from '../conversations/routing-candidates';
import {
  AgentTypingDto,
  assertEmpty,
  CategoriseChatDto,
  ChatIdDto,
  CloseChatDto,
  OpenChatDto,
  ResumeDto,
  SendInvitationDto,
  SendMessageWithAttachmentDto,
  SetStatusDto,
  TransferChatDto,
  VisitDto,
  VisitorsDto,
} from '../conversations/socket.dto';
import type { ServerConfig } from '../config';
import { SendInvitationCommand } from '../invitations/invitation-commands';
import { DeciderStreams } from '../platform/decider-streams';
import { ErrorFilter, toErrorBody } from '../platform/errors';
import { SERVER_CONFIG, READ_STORE } from '../platform/tokens';
import { createValidationPipe } from '../platform/validation';
import { SetAgentStatusCommand } from './set-agent-status';

interface AgentData {
  principal: Principal;
  /** Sites this agent serves (B1: their visitors are pushed to the agent). */
  siteIds: string[];
  lastTypingAt?: number;
}
type AgentSocket = Socket<AgentToServer, ServerToAgent, Record<string, never>, AgentData>;
const ok = <T>(data: T): Ack<T> => ({ ok: true, data });

/** The `/agent` namespace: the workspace (B1–B4, B8, B10, B11, C5, F2 manual invitations). Authenticated by the user's session token. */
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
    private readonly streams: DeciderStreams,
    private readonly candidates: RoutingCandidates,
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
          const siteIds = await this.sitesOf(principal);
          socket.data = { principal, siteIds };
          await socket.join([agentRoom(principal.userId), ...siteIds.map(siteAgentsRoom)]);
          const open = await this.reads.find<LiveChatDoc>(LIVE_CHATS, { 'agent.id': principal.userId, status: 'active' });
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
    // A4 (issue 4): a session ended anywhere (sign-out everywhere, password change, deactivation) closes its sockets here.
    this.sessions.onEnded(({ sessionId }) => {
      for (const socket of ns.sockets.values()) if ((socket.data as { principal?: Principal }).principal?.sessionId === sessionId) socket.disconnect(true);
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
    if (body.status === 'online') {
      // Back online: visitors already waiting in a queue get this agent's free slots first.
      socket.data.siteIds = await this.sitesOf(socket.data.principal);
      for (const siteId of socket.data.siteIds) await this.commands.execute(new DrainQueueCommand(socket.data.principal.orgId, siteId));
    }
    return ok({ ...result, status: body.status });
  }

  @SubscribeMessage('agent:chats')
  async chats(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: unknown): Promise<Ack<{ chats: ChatSummaryView[]; status: AgentStatus }>> {
    assertEmpty(body);
    const { userId } = socket.data.principal;
    const docs = await this.reads.find<LiveChatDoc>(LIVE_CHATS, { 'agent.id': userId, status: 'active' }, { sort: { requestedAt: 1 } });
    await socket.join(docs.map((d) => chatRoom(d.chatId)));
    const presence = await this.reads.get<PresenceDoc>(AGENT_PRESENCE, userId);
    return ok({ chats: docs.map(toSummary), status: presence?.status ?? 'offline' });
  }

  @SubscribeMessage('chat:send')
  async send(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: SendMessageWithAttachmentDto): Promise<Ack<PositionResult>> {
    const p = socket.data.principal;
    const state = await this.access.participantState(body.chatId, { role: 'agent', id: p.userId, orgId: p.orgId });
    const from = { role: 'agent' as const, id: p.userId, name: state.agentId === p.userId ? (state.agentName ?? p.name) : p.name };
    const result: PositionResult = await this.commands.execute(new PostMessageCommand(body.chatId, body.clientId, from, body.text, body.attachment));
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

  @SubscribeMessage('visitors:list')
  async visitors(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: VisitorsDto): Promise<Ack<{ visitors: LiveVisitView[] }>> {
    // Sites assigned since the socket connected count too.
    socket.data.siteIds = await this.sitesOf(socket.data.principal);
    await socket.join(socket.data.siteIds.map(siteAgentsRoom));
    const mine = socket.data.siteIds;
    if (body.siteId && !mine.includes(body.siteId)) throw new DomainError('NOT_FOUND', 'no such site');
    const siteIds = body.siteId ? [body.siteId] : mine;
    const docs = await this.reads.find<LiveVisitDoc>(LIVE_VISITS, { siteId: { $in: siteIds }, online: true }, { sort: { startedAt: -1 }, limit: 500 });
    return ok({ visitors: docs.map(toLiveVisit) });
  }

  @SubscribeMessage('visitor:get')
  async visitor(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: VisitDto): Promise<Ack<LiveVisitView>> {
    const doc = await this.reads.get<LiveVisitDoc>(LIVE_VISITS, body.visitId);
    if (!doc || doc.orgId !== socket.data.principal.orgId || !socket.data.siteIds.includes(doc.siteId)) throw new DomainError('NOT_FOUND', 'no such visit');
    return ok(toLiveVisit(doc));
  }

  @SubscribeMessage('invitation:send')
  async invite(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: SendInvitationDto): Promise<Ack<PositionResult & { invitationId: string }>> {
    const result: PositionResult & { invitationId: string } = await this.commands.execute(
      new SendInvitationCommand(socket.data.principal, body.invitationId, body.visitId),
    );
    return ok(result);
  }

  /** C5: open a chat on the visitor's page, served by this agent. */
  @SubscribeMessage('chat:open')
  async open(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: OpenChatDto): Promise<Ack<ChatRequestResult>> {
    const p = socket.data.principal;
    const v = (await this.streams.load(visit, body.visitId)).state;
    if (!v.started || v.orgId !== p.orgId) throw new DomainError('NOT_FOUND', 'no such visit');
    if (v.ended) throw new DomainError('RULE_VIOLATED', 'this visitor has left the site');
    const me = (await this.streams.load(site, v.siteId)).state.agents[p.userId];
    if (!me) throw new DomainError('FORBIDDEN', 'only an agent of this site can open a chat with its visitors');
    const doc = await this.reads.get<LiveVisitDoc>(LIVE_VISITS, body.visitId);
    const page = doc ? { url: doc.currentPage.url, title: doc.currentPage.title } : { url: '', title: '' };
    await socket.join(chatRoom(body.chatId));
    const result: ChatRequestResult = await this.commands.execute(
      new RequestChatCommand({ orgId: v.orgId, siteId: v.siteId, visitorId: v.visitorId }, body.chatId, body.visitId, page, {
        openedBy: { id: p.userId, name: me.nickname },
        preferred: { agentId: p.userId, reason: 'direct' },
      }),
    );
    return ok(result);
  }

  @SubscribeMessage('chat:transfer-targets')
  async transferTargets(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: ChatIdDto): Promise<Ack<TransferTargetsView>> {
    const p = socket.data.principal;
    const state = await this.access.participantState(body.chatId, { role: 'agent', id: p.userId, orgId: p.orgId });
    const routed = (await this.streams.load(routing, state.siteId)).state;
    const candidates = await this.candidates.of(state.siteId);
    return ok({
      agents: candidates
        .filter((c) => c.agentId !== p.userId)
        .map((c) => ({ id: c.agentId, name: c.name, status: c.status, load: loadOf(routed, c.agentId), cap: c.cap ?? null, groupId: c.groupId ?? '' })),
      groups: await this.candidates.groups(state.siteId),
    });
  }

  @SubscribeMessage('chat:transfer')
  async transfer(
    @ConnectedSocket() socket: AgentSocket,
    @MessageBody() body: TransferChatDto,
  ): Promise<Ack<PositionResult & { agent: { id: string; name: string } }>> {
    const p = socket.data.principal;
    await this.access.participantState(body.chatId, { role: 'agent', id: p.userId, orgId: p.orgId });
    const to =
      body.to.kind === 'agent'
        ? { kind: 'agent' as const, agentId: body.to.agentId ?? this.missing('to.agentId') }
        : { kind: 'group' as const, groupId: body.to.groupId ?? this.missing('to.groupId') };
    const result: PositionResult & { agent: { id: string; name: string } } = await this.commands.execute(
      new TransferChatCommand(body.chatId, { role: 'agent', id: p.userId, name: p.name }, to, body.reason ?? ''),
    );
    return ok(result);
  }

  @SubscribeMessage('chat:categorise')
  async categorise(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: CategoriseChatDto): Promise<Ack<PositionResult>> {
    const p = socket.data.principal;
    await this.access.participantState(body.chatId, { role: 'agent', id: p.userId, orgId: p.orgId });
    const result: PositionResult = await this.commands.execute(new CategoriseChatCommand(body.chatId, p.userId, body.category));
    return ok(result);
  }

  /** H3: the categories of the chat's site for the categorise select (agents cannot read the site's chat settings). */
  @SubscribeMessage('chat:categories')
  async categories(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: ChatIdDto): Promise<Ack<{ categories: string[] }>> {
    const p = socket.data.principal;
    const state = await this.access.participantState(body.chatId, { role: 'agent', id: p.userId, orgId: p.orgId });
    return ok({ categories: (await this.streams.load(chatSettings, state.siteId)).state.settings.categories });
  }

  /** B5: the canned responses of the chat's site (H1), for the composer's picker. */
  @SubscribeMessage('chat:canned')
  async canned(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: ChatIdDto): Promise<Ack<{ responses: CannedResponseView[] }>> {
    const p = socket.data.principal;
    const state = await this.access.participantState(body.chatId, { role: 'agent', id: p.userId, orgId: p.orgId });
    return ok({ responses: (await this.streams.load(chatSettings, state.siteId)).state.settings.cannedResponses });
  }

  @SubscribeMessage('chat:ask-rating')
  async askRating(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: ChatIdDto): Promise<Ack<{ sent: boolean }>> {
    const p = socket.data.principal;
    const state = await this.access.participantState(body.chatId, { role: 'agent', id: p.userId, orgId: p.orgId });
    if (state.agentId !== p.userId) throw new DomainError('FORBIDDEN', 'only the agent serving this chat can ask for a rating');
    if (state.rating) return ok({ sent: false });
    this.fanout.askRating(body.chatId);
    return ok({ sent: true });
  }

  @SubscribeMessage('chat:typing')
  async typing(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: AgentTypingDto): Promise<Ack<TypingResult>> {
    const p = socket.data.principal;
    const state = await this.access.participantState(body.chatId, { role: 'agent', id: p.userId, orgId: p.orgId });
    if (state.agentId !== p.userId) throw new DomainError('FORBIDDEN', 'only the agent serving this chat can type in it');
    const now = Date.now();
    if (socket.data.lastTypingAt !== undefined && now - socket.data.lastTypingAt < Limits.typingIntervalMs) return ok({ delivered: false });
    socket.data.lastTypingAt = now;
    this.fanout.typingToVisitor({ chatId: body.chatId, from: { role: 'agent', id: p.userId, name: state.agentName ?? p.name }, typing: body.typing });
    return ok({ delivered: true });
  }

  private missing(field: string): never {
    throw new DomainError('INVALID', `${field} is required`);
  }

  private async sitesOf(principal: Principal): Promise<string[]> {
    const docs = await this.reads.find<SiteDoc>(SITES, { orgId: principal.orgId, [`agents.${principal.userId}`]: { $exists: true } });
    return docs.filter((d) => !(d as { deletedAt?: string }).deletedAt).map((d) => d.siteId);
  }
}
