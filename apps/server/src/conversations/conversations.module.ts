import { Module } from '@nestjs/common';
import { AgentGateway } from '../agents/agent.gateway';
import { SetAgentStatusHandler } from '../agents/set-agent-status';
import { AuthModule } from '../auth/auth.module';
import { VisitorGateway } from '../visitors/visitor.gateway';
import { VisitorSessionController } from '../visitors/visitor-session.controller';
import { VisitorTokens } from '../visitors/visitor-token';
import { ViewPageHandler } from '../visitors/view-page';
import { ChatAccess } from './chat-access';
import { CloseChatHandler, PostMessageHandler, RequestChatHandler } from './conversation-commands';
import { ChatFanout } from './fanout';
import { RoutingCandidates } from './routing-candidates';

/** The live conversation engine: visits, presence, routing, chats, and the visitor and agent sockets. */
@Module({
  imports: [AuthModule],
  controllers: [VisitorSessionController],
  providers: [
    VisitorTokens,
    ChatAccess,
    ChatFanout,
    RoutingCandidates,
    RequestChatHandler,
    PostMessageHandler,
    CloseChatHandler,
    ViewPageHandler,
    SetAgentStatusHandler,
    VisitorGateway,
    AgentGateway,
  ],
  exports: [ChatAccess, VisitorTokens],
})
export class ConversationsModule {}
