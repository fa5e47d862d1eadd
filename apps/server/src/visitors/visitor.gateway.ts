import { Inject, Logger, UseFilters, UsePipes } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ConnectedSocket, MessageBody, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  Limits,
  Namespace as Namespaces,
  type Ack,
  type ChatRequestResult,
  type ChatSummaryView,
  type PositionResult,
  type ResumeResult,
  type ServerToVisitor,
  type TypingResult,
  type VisitorToServer,
  type WidgetSettingsView,
} from '@kefu/contracts';
import { anyAgentAvailable, DomainError, routing } from '@kefu/domain';
import type { ReadStore } from '@kefu/read-store';
import { LIVE_CHATS, SITES, toLiveChatSummary, type LiveChatDoc, type SiteDoc } from '@kefu/projections';
import { ChatSettingsReader } from '../chat-settings/chat-settings';
import { ErrorFilter, toErrorBody } from '../platform/errors';
import { createValidationPipe } from '../platform/validation';
import { ChatAccess } from '../conversations/chat-access';
import { ChatRequestLimiter } from '../conversations/chat-request-limiter';
import { CloseChatCommand, PostMessageCommand, RequestChatCommand, visitorName } from '../conversations/conversation-commands';
import { ChatFanout, chatRoom } from '../conversations/fanout';
import { RateChatCommand } from '../conversations/rate-chat';
import { RoutingCandidates } from '../conversations/routing-candidates';
import {
  AcceptInvitationDto,
  ChatIdDto,
  ChatRequestWithTargetDto,
  DeclineInvitationDto,
  LeaveMessageDto,
  LeaveVisitDto,
  RateChatDto,
  ResumeDto,
  SendMessageWithAttachmentDto,
  targetOf,
  VisitorTypingDto,
  assertEmpty,
} from '../conversations/socket.dto';
import { AcceptInvitationCommand, AutoInvitationTimers, DeclineInvitationCommand } from '../invitations/invitation-commands';
import { LeaveMessageCommand } from '../leave-messages/leave-messages';
import { DeciderStreams } from '../platform/decider-streams';
import { READ_STORE } from '../platform/tokens';
import { clientAddress } from './geo-region';
import { PageViewDto } from './visitor.dto';
import { ViewPageCommand } from './view-page';
import { VisitLifecycle, visitorRoom, visitRoom } from './visit-lifecycle';
import { VisitorTokens, type VisitorClaims } from './visitor-token';

interface VisitorData {
  claims: VisitorClaims;
  returning: boolean;
  userAgent: string;
  ip: string;
  page: { url: string; title: string };
  visitId?: string;
  lastTypingAt?: number;
}
type VisitorSocket = Socket<VisitorToServer, ServerToVisitor, Record<string, never>, VisitorData>;

const ok = <T>(data: T): Ack<T> => ({ ok: true, data });

/** The `/visitor` namespace: what the widget does (K1 visits, C chats, F2 invitations, C6, I7). Authenticated by the signed visitor token. */
@WebSocketGateway({ namespace: Namespaces.visitor, cors: { origin: true } })
@UsePipes(createValidationPipe())
@UseFilters(ErrorFilter)
export class VisitorGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly logger = new Logger('visitor-gateway');
  @WebSocketServer() server!: Namespace;

  constructor(
    private readonly commands: CommandBus,
    private readonly tokens: VisitorTokens,
    private readonly access: ChatAccess,
    private readonly fanout: ChatFanout,
    private readonly lifecycle: VisitLifecycle,
    private readonly invitations: AutoInvitationTimers,
    private readonly limiter: ChatRequestLimiter,
    private readonly settings: ChatSettingsReader,
    private readonly candidates: RoutingCandidates,
    private readonly streams: DeciderStreams,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  afterInit(ns: Namespace): void {
    this.fanout.attach('visitor', ns);
    this.lifecycle.attach(ns);
    ns.use(async (socket, next) => {
      try {
        const claims = this.tokens.verify((socket.handshake.auth as { token?: unknown }).token);
        // A token outlives its site (24 h): a site deleted since it was issued takes no more visitors.
        if ((await this.reads.get<SiteDoc>(SITES, claims.siteId))?.deletedAt) throw new DomainError('NOT_FOUND', 'no such site');
        const data: VisitorData = {
          claims,
          returning: claims.returning,
          userAgent: String(socket.handshake.headers['user-agent'] ?? ''),
          ip: clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for']),
          page: { url: '', title: '' },
        };
        socket.data = data;
        // Pushes for this visitor (invitations, a chat an agent opened) reach every tab.
        void socket.join(visitorRoom(claims.siteId, claims.visitorId));
        next();
      } catch (error) {
        const body = toErrorBody(error);
        next(Object.assign(new Error(body.message), { data: body }));
      }
    });
    this.logger.log('visitor namespace ready');
  }

  handleDisconnect(socket: VisitorSocket): void {
    const visitId = socket.data?.visitId;
    if (visitId) this.lifecycle.gone(visitId, socket.data.claims);
  }

  @SubscribeMessage('visit:page')
  async page(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: PageViewDto): Promise<Ack<PositionResult & { visitId: string }>> {
    const d = socket.data;
    const result: PositionResult & { visitId: string } = await this.commands.execute(
      new ViewPageCommand({ ...d.claims, returning: d.returning, userAgent: d.userAgent, ip: d.ip }, body.visitId, {
        url: body.url,
        title: body.title,
        referrer: body.referrer ?? '',
      }),
    );
    d.page = { url: body.url, title: body.title };
    if (d.visitId !== body.visitId) {
      d.visitId = body.visitId;
      await socket.join(visitRoom(body.visitId));
      await this.invitations.schedule(body.visitId);
    }
    this.lifecycle.touch(body.visitId);
    return ok(result);
  }

  @SubscribeMessage('visit:leave')
  leave(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: LeaveVisitDto): Ack<PositionResult> {
    if (socket.data.visitId === body.visitId) this.lifecycle.gone(body.visitId, socket.data.claims);
    return ok({ position: 0 });
  }

  @SubscribeMessage('widget:settings')
  async widgetSettings(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: unknown): Promise<Ack<WidgetSettingsView>> {
    assertEmpty(body);
    const { siteId } = socket.data.claims;
    const settings = await this.settings.of(siteId);
    const routed = (await this.streams.load(routing, siteId)).state;
    const candidates = await this.candidates.of(siteId);
    return ok({
      siteId,
      typingPreview: settings.typingPreview,
      ratingEnabled: settings.rating.enabled,
      greeting: settings.invitation.greeting,
      windows: settings.windows,
      agentsAvailable: anyAgentAvailable(routed, candidates) || candidates.some((c) => c.status === 'online'),
    });
  }

  @SubscribeMessage('chat:request')
  async request(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: ChatRequestWithTargetDto): Promise<Ack<ChatRequestResult>> {
    const { orgId, siteId, visitorId } = socket.data.claims;
    const target = targetOf(body.target);
    await this.limiter.consume(siteId, socket.data.ip, body.chatId);
    // Join first: the live push of the assignment must not race past this socket.
    const room = chatRoom(body.chatId);
    await socket.join(room);
    try {
      const result: ChatRequestResult = await this.commands.execute(
        new RequestChatCommand({ orgId, siteId, visitorId }, body.chatId, body.visitId, socket.data.page, target ? { target } : {}),
      );
      return ok(result);
    } catch (error) {
      // Someone else's chat id: never stay in its room.
      await socket.leave(room);
      throw error;
    }
  }

  @SubscribeMessage('chat:send')
  async send(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: SendMessageWithAttachmentDto): Promise<Ack<PositionResult>> {
    const { visitorId } = socket.data.claims;
    await this.access.participantState(body.chatId, this.reader(socket));
    const from = { role: 'visitor' as const, id: visitorId, name: visitorName(visitorId) };
    const result: PositionResult = await this.commands.execute(new PostMessageCommand(body.chatId, body.clientId, from, body.text, body.attachment));
    return ok(result);
  }

  @SubscribeMessage('chat:resume')
  async resume(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: ResumeDto): Promise<Ack<ResumeResult>> {
    const result = await this.access.resume(body.chatId, body.after, this.reader(socket));
    await socket.join(chatRoom(body.chatId));
    return ok(result);
  }

  @SubscribeMessage('chat:mine')
  async mine(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: unknown): Promise<Ack<{ chats: ChatSummaryView[] }>> {
    assertEmpty(body);
    const { siteId, visitorId } = socket.data.claims;
    const docs = await this.reads.find<LiveChatDoc>(LIVE_CHATS, { siteId, visitorId, status: { $ne: 'closed' } }, { sort: { requestedAt: 1 } });
    await socket.join(docs.map((d) => chatRoom(d.chatId)));
    return ok({ chats: docs.map(toLiveChatSummary) });
  }

  @SubscribeMessage('chat:typing')
  async typing(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: VisitorTypingDto): Promise<Ack<TypingResult>> {
    const state = await this.access.participantState(body.chatId, this.reader(socket));
    const now = Date.now();
    if (socket.data.lastTypingAt !== undefined && now - socket.data.lastTypingAt < Limits.typingIntervalMs) return ok({ delivered: false });
    socket.data.lastTypingAt = now;
    const preview = (await this.settings.of(state.siteId)).typingPreview;
    const { visitorId } = socket.data.claims;
    this.fanout.typingToAgents({
      chatId: body.chatId,
      from: { role: 'visitor', id: visitorId, name: visitorName(visitorId) },
      typing: body.typing,
      ...(preview ? { draft: body.draft } : {}),
    });
    return ok({ delivered: true });
  }

  @SubscribeMessage('chat:close')
  async close(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: ChatIdDto): Promise<Ack<PositionResult>> {
    const { visitorId } = socket.data.claims;
    await this.access.participantState(body.chatId, this.reader(socket));
    const result: PositionResult = await this.commands.execute(
      new CloseChatCommand(body.chatId, { role: 'visitor', id: visitorId, name: visitorName(visitorId) }),
    );
    return ok(result);
  }

  @SubscribeMessage('chat:rate')
  async rate(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: RateChatDto): Promise<Ack<PositionResult>> {
    await this.access.participantState(body.chatId, this.reader(socket));
    const result: { position: number } = await this.commands.execute(
      new RateChatCommand(body.chatId, socket.data.claims.visitorId, body.score, body.suggestion ?? ''),
    );
    return ok({ position: result.position });
  }

  @SubscribeMessage('invitation:accept')
  async accept(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: AcceptInvitationDto): Promise<Ack<ChatRequestResult>> {
    const { orgId, siteId, visitorId } = socket.data.claims;
    const result: ChatRequestResult = await this.commands.execute(
      new AcceptInvitationCommand({ orgId, siteId, visitorId }, body.invitationId, body.chatId, body.visitId, socket.data.page),
    );
    await socket.join(chatRoom(result.chatId));
    return ok(result);
  }

  @SubscribeMessage('invitation:decline')
  async decline(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: DeclineInvitationDto): Promise<Ack<PositionResult>> {
    const { orgId, siteId, visitorId } = socket.data.claims;
    const result: { position: number } = await this.commands.execute(new DeclineInvitationCommand({ orgId, siteId, visitorId }, body.invitationId));
    if (socket.data.visitId) await this.invitations.schedule(socket.data.visitId);
    return ok({ position: result.position });
  }

  @SubscribeMessage('leave-message:send')
  async leaveMessage(
    @ConnectedSocket() socket: VisitorSocket,
    @MessageBody() body: LeaveMessageDto,
  ): Promise<Ack<PositionResult & { leaveMessageId: string }>> {
    const { orgId, siteId, visitorId } = socket.data.claims;
    const result: PositionResult & { leaveMessageId: string } = await this.commands.execute(
      new LeaveMessageCommand(
        { orgId, siteId, visitorId },
        body.leaveMessageId,
        { ...(body.visitId ? { visitId: body.visitId } : {}), name: body.name, phone: body.phone ?? '', email: body.email ?? '', content: body.content },
        socket.data.page,
      ),
    );
    return ok(result);
  }

  private reader(socket: VisitorSocket) {
    return { role: 'visitor' as const, id: socket.data.claims.visitorId, siteId: socket.data.claims.siteId };
  }
}
