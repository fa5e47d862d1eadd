import { Body, Controller, HttpCode, Inject, Logger, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../platform/validation';
import { assertSiteOfOrg, DomainError, leaveMessage, replyAddress, site, type DataOf } from '@kefu/domain';
import type { ReplyLeaveMessageRequest } from '@kefu/contracts';
import { CurrentPrincipal, Roles } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { ChatSettingsReader } from '../chat-settings/chat-settings';
import type { VisitorIdentity } from '../conversations/conversation-commands';
import { Mailer, SMS_PROVIDER, type SmsProvider } from '../notifications/mailer';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';

export class LeaveMessageCommand {
  constructor(
    readonly visitor: VisitorIdentity,
    readonly leaveMessageId: string,
    readonly form: { visitId?: string; name: string; phone: string; email: string; content: string },
    readonly page: { url: string; title: string },
  ) {}
}
export class MarkLeaveMessageHandledCommand {
  constructor(
    readonly principal: Principal,
    readonly siteId: string,
    readonly leaveMessageId: string,
  ) {}
}
export class ReplyLeaveMessageCommand {
  constructor(
    readonly principal: Principal,
    readonly siteId: string,
    readonly leaveMessageId: string,
    readonly reply: ReplyLeaveMessageRequest,
  ) {}
}

/** C6: the visitor's form; forwarded by e-mail to the site's chosen addresses when set. */
@CommandHandler(LeaveMessageCommand)
export class LeaveMessageHandler implements ICommandHandler<LeaveMessageCommand, { position: number; leaveMessageId: string }> {
  private readonly logger = new Logger('leave-messages');
  constructor(
    private readonly streams: DeciderStreams,
    private readonly settings: ChatSettingsReader,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  async execute({ visitor, leaveMessageId, form, page }: LeaveMessageCommand): Promise<{ position: number; leaveMessageId: string }> {
    const now = this.clock.now();
    const result = await this.streams.handle(
      leaveMessage,
      leaveMessageId,
      { type: 'LeaveMessage', ...visitor, leaveMessageId, ...form, page, now },
      { actor: { kind: 'visitor', id: visitor.visitorId }, now, eventId: () => leaveMessageId },
    );
    const forwardTo = (await this.settings.of(visitor.siteId)).leaveMessage.forwardTo;
    const left = result.appended[0];
    if (left?.type === 'LeaveMessageLeft' && forwardTo.length > 0) {
      const d = left.data as DataOf<'LeaveMessageLeft'>;
      this.mailer
        .send({
          to: forwardTo,
          subject: `新留言：${d.name}`,
          text: `${d.content}\n\n姓名：${d.name}\n电话：${d.phone}\n邮箱：${d.email}\n页面：${d.page.title} ${d.page.url}\n时间：${d.at}`,
        })
        .catch((error: unknown) => this.logger.warn(`forwarding ${leaveMessageId} failed: ${String(error)}`));
    }
    return { position: result.position, leaveMessageId };
  }
}

async function assertOwnMessage(streams: DeciderStreams, principal: Principal, siteId: string, leaveMessageId: string) {
  const siteState = (await streams.load(site, siteId)).state;
  assertSiteOfOrg(siteState, principal.orgId);
  const state = (await streams.load(leaveMessage, leaveMessageId)).state;
  if (!state.exists || state.siteId !== siteId) throw new DomainError('NOT_FOUND', 'no such leave-message');
  return state;
}

@CommandHandler(MarkLeaveMessageHandledCommand)
export class MarkLeaveMessageHandledHandler implements ICommandHandler<MarkLeaveMessageHandledCommand, { position: number }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, siteId, leaveMessageId }: MarkLeaveMessageHandledCommand): Promise<{ position: number }> {
    const now = this.clock.now();
    await assertOwnMessage(this.streams, principal, siteId, leaveMessageId);
    const result = await this.streams.handle(
      leaveMessage,
      leaveMessageId,
      { type: 'MarkHandled', orgId: principal.orgId, by: principal.userId, now },
      { actor: { kind: 'user', id: principal.userId }, now },
    );
    return { position: result.position };
  }
}

/** I6: reply by e-mail (nodemailer, SMTP_URL) or SMS (the provider); recorded only once the channel accepted it. */
@CommandHandler(ReplyLeaveMessageCommand)
export class ReplyLeaveMessageHandler implements ICommandHandler<ReplyLeaveMessageCommand, { position: number }> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly mailer: Mailer,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, siteId, leaveMessageId, reply }: ReplyLeaveMessageCommand): Promise<{ position: number }> {
    const now = this.clock.now();
    const state = await assertOwnMessage(this.streams, principal, siteId, leaveMessageId);
    const to = replyAddress(state, reply.channel);
    const command = { type: 'RecordReply' as const, orgId: principal.orgId, channel: reply.channel, by: principal.userId, content: reply.content, now };
    const subject = reply.subject ?? '回复：您的留言';
    // Validate before sending: a reply the decider would refuse must not go out.
    leaveMessage.decide({ ...command, subject }, state);
    if (reply.channel === 'email') {
      const sent = await this.mailer.send({ to, subject, text: reply.content });
      if (!sent) throw new DomainError('RULE_VIOLATED', 'e-mail is not configured on this server (SMTP_URL)');
    } else {
      await this.sms.send(to, reply.content);
    }
    const result = await this.streams.handle(
      leaveMessage,
      leaveMessageId,
      { ...command, ...(reply.channel === 'email' ? { subject } : {}) },
      {
        actor: { kind: 'user', id: principal.userId },
        now,
      },
    );
    return { position: result.position };
  }
}

export class ReplyLeaveMessageDto implements ReplyLeaveMessageRequest {
  @IsIn(['email', 'sms']) channel!: 'email' | 'sms';
  @OptionalField() @IsString() @MaxLength(200) subject?: string;
  @IsString() @MaxLength(5000) content!: string;
}

/** I6 actions (the inbox list itself is the records read model: GET /api/sites/:siteId/leave-messages). */
@Controller('sites/:siteId/leave-messages/:leaveMessageId')
export class LeaveMessagesController {
  constructor(private readonly commands: CommandBus) {}

  @Post('handled')
  @HttpCode(200)
  @Roles('owner', 'admin', 'agent')
  handled(
    @CurrentPrincipal() principal: Principal,
    @Param('siteId', ParseUUIDPipe) siteId: string,
    @Param('leaveMessageId', ParseUUIDPipe) leaveMessageId: string,
  ): Promise<{ position: number }> {
    return this.commands.execute(new MarkLeaveMessageHandledCommand(principal, siteId, leaveMessageId));
  }

  @Post('reply')
  @HttpCode(200)
  @Roles('owner', 'admin', 'agent')
  reply(
    @CurrentPrincipal() principal: Principal,
    @Param('siteId', ParseUUIDPipe) siteId: string,
    @Param('leaveMessageId', ParseUUIDPipe) leaveMessageId: string,
    @Body() body: ReplyLeaveMessageDto,
  ): Promise<{ position: number }> {
    return this.commands.execute(new ReplyLeaveMessageCommand(principal, siteId, leaveMessageId, body));
  }
}
