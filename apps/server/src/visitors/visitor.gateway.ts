import { Logger, UseFilters, UsePipes } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  Namespace as Namespaces,
  type Ack,
  type ChatRequestResult,
  type PositionResult,
  type ResumeResult,
  type ServerToVisitor,
  type VisitorToServer,
} from '@kefu/contracts';
import { ErrorFilter, toErrorBody } from '../platform/errors';
import { createValidationPipe } from '../platform/validation';
import { ChatAccess } from '../conversations/chat-access';
import { PostMessageCommand, RequestChatCommand, visitorName } from '../conversations/conversation-commands';
import { ChatFanout, chatRoom } from '../conversations/fanout';
import { ResumeDto, SendMessageDto } from '../conversations/socket.dto';
import { ChatRequestDto, PageViewDto } from './visitor.dto';
import { ViewPageCommand } from './view-page';
import { VisitorTokens, type VisitorClaims } from './visitor-token';

interface VisitorData {
  claims: VisitorClaims;
  returning: boolean;
  userAgent: string;
  ip: string;
  page: { url: string; title: string };
}
type VisitorSocket = Socket<VisitorToServer, ServerToVisitor, Record<string, never>, VisitorData>;

const ok = <T>(data: T): Ack<T> => ({ ok: true, data });

/** The `/visitor` namespace: what the widget does (K1 visits, C chats). Authenticated by the signed visitor token. */
@WebSocketGateway({ namespace: Namespaces.visitor, cors: { origin: true } })
@UsePipes(createValidationPipe())
@UseFilters(ErrorFilter)
export class VisitorGateway implements OnGatewayInit {
  private readonly logger = new Logger('visitor-gateway');
  @WebSocketServer() server!: Namespace;

  constructor(
    private readonly commands: CommandBus,
    private readonly tokens: VisitorTokens,
    private readonly access: ChatAccess,
    private readonly fanout: ChatFanout,
  ) {}

  afterInit(ns: Namespace): void {
    this.fanout.attach('visitor', ns);
    ns.use((socket, next) => {
      try {
        const claims = this.tokens.verify((socket.handshake.auth as { token?: unknown }).token);
        const data: VisitorData = {
          claims,
          returning: claims.returning,
          userAgent: String(socket.handshake.headers['user-agent'] ?? ''),
          ip: socket.handshake.address,
          page: { url: '', title: '' },
        };
        socket.data = data;
        next();
      } catch (error) {
        const body = toErrorBody(error);
        next(Object.assign(new Error(body.message), { data: body }));
      }
    });
    this.logger.log('visitor namespace ready');
  }

  @SubscribeMessage('visit:page')
  async page(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: PageViewDto): Promise<Ack<PositionResult & { visitId: string }>> {
    const d = socket.data;
    const result = await this.commands.execute(
      new ViewPageCommand({ ...d.claims, returning: d.returning, userAgent: d.userAgent, ip: d.ip }, body.visitId, {
        url: body.url,
        title: body.title,
        referrer: body.referrer ?? '',
      }),
    );
    d.page = { url: body.url, title: body.title };
    return ok(result);
  }

  @SubscribeMessage('chat:request')
  async request(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: ChatRequestDto): Promise<Ack<ChatRequestResult>> {
    const { orgId, siteId, visitorId } = socket.data.claims;
    // Join first: the live push of the assignment must not race past this socket.
    const room = chatRoom(body.chatId);
    await socket.join(room);
    try {
      const result: ChatRequestResult = await this.commands.execute(
        new RequestChatCommand({ orgId, siteId, visitorId }, body.chatId, body.visitId, socket.data.page),
      );
      return ok(result);
    } catch (error) {
      // Someone else's chat id: never stay in its room.
      await socket.leave(room);
      throw error;
    }
  }

  @SubscribeMessage('chat:send')
  async send(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: SendMessageDto): Promise<Ack<PositionResult>> {
    const { visitorId } = socket.data.claims;
    await this.access.participantState(body.chatId, this.reader(socket));
    const from = { role: 'visitor' as const, id: visitorId, name: visitorName(visitorId) };
    const result: PositionResult = await this.commands.execute(new PostMessageCommand(body.chatId, body.clientId, from, body.text));
    return ok(result);
  }

  @SubscribeMessage('chat:resume')
  async resume(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: ResumeDto): Promise<Ack<ResumeResult>> {
    const result = await this.access.resume(body.chatId, body.after, this.reader(socket));
    await socket.join(chatRoom(body.chatId));
    return ok(result);
  }

  private reader(socket: VisitorSocket) {
    return { role: 'visitor' as const, id: socket.data.claims.visitorId, siteId: socket.data.claims.siteId };
  }
}
