import { Module } from '@nestjs/common';
import { AdminGateway } from '../admin/admin.gateway';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { AgentGateway } from '../agents/agent.gateway';
import { SetAgentStatusHandler } from '../agents/set-agent-status';
import { AuthModule } from '../auth/auth.module';
import { ChangeChatSettingsHandler, ChatSettingsController, ChatSettingsReader } from '../chat-settings/chat-settings';
import {
  AcceptInvitationHandler,
  AutoInvitationTimers,
  DeclineInvitationHandler,
  OfferAutoInvitationHandler,
  SendInvitationHandler,
} from '../invitations/invitation-commands';
import { LeaveMessageHandler, LeaveMessagesController, MarkLeaveMessageHandledHandler, ReplyLeaveMessageHandler } from '../leave-messages/leave-messages';
import { LoggingSmsProvider, Mailer, SMS_PROVIDER } from '../notifications/mailer';
import { RateLimitCountersModule } from '../security/security.module';
import { VisitLifecycle } from '../visitors/visit-lifecycle';
import { PresenceSweeper } from '../visitors/visit-sweeper';
import { VisitorGateway } from '../visitors/visitor.gateway';
import { VisitorSessionController } from '../visitors/visitor-session.controller';
import { VisitorTokens } from '../visitors/visitor-token';
import { EndVisitHandler, ViewPageHandler } from '../visitors/view-page';
import { ChatAccess } from './chat-access';
import { ChatRequestLimiter } from './chat-request-limiter';
import {
  CategoriseChatHandler,
  CloseChatHandler,
  DrainQueueHandler,
  PostMessageHandler,
  RequestChatHandler,
  TransferChatHandler,
} from './conversation-commands';
import { ChatFanout } from './fanout';
import { RateChatHandler } from './rate-chat';
import { RoutingCandidates } from './routing-candidates';
import { RoutingQueue } from './routing-queue';

/**
 * The live conversation engine: visits, presence, invitations, routing, chats, transfers, ratings,
 * leave-messages, conversation settings, and the visitor, agent and admin sockets.
 */
@Module({
  imports: [AuthModule, RateLimitCountersModule, MonitoringModule],
  controllers: [VisitorSessionController, ChatSettingsController, LeaveMessagesController],
  providers: [
    VisitorTokens,
    ChatAccess,
    ChatFanout,
    RoutingCandidates,
    RoutingQueue,
    ChatSettingsReader,
    ChatRequestLimiter,
    Mailer,
    { provide: SMS_PROVIDER, useClass: LoggingSmsProvider },
    RequestChatHandler,
    PostMessageHandler,
    CloseChatHandler,
    TransferChatHandler,
    CategoriseChatHandler,
    DrainQueueHandler,
    RateChatHandler,
    ChangeChatSettingsHandler,
    SendInvitationHandler,
    OfferAutoInvitationHandler,
    AcceptInvitationHandler,
    DeclineInvitationHandler,
    AutoInvitationTimers,
    LeaveMessageHandler,
    MarkLeaveMessageHandledHandler,
    ReplyLeaveMessageHandler,
    ViewPageHandler,
    EndVisitHandler,
    VisitLifecycle,
    PresenceSweeper,
    SetAgentStatusHandler,
    VisitorGateway,
    AgentGateway,
    AdminGateway,
  ],
  exports: [ChatAccess, VisitorTokens, ChatSettingsReader, Mailer],
})
export class ConversationsModule {}
