import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { ServerConfig } from './config';
import { AgentGateway } from './agents/agent.gateway';
import { SetAgentStatusHandler } from './agents/set-agent-status';
import { AuthModule } from './auth/auth.module';
import { ChatAccess } from './conversations/chat-access';
import { CloseChatHandler, PostMessageHandler, RequestChatHandler } from './conversations/conversation-commands';
import { ChatFanout } from './conversations/fanout';
import { RoutingCandidates } from './conversations/routing-candidates';
import { HealthController } from './health/health.controller';
import { ErrorFilter } from './platform/errors';
import { PlatformModule } from './platform/platform.module';
import { RecordsController } from './records/records.controller';
import { SitesModule } from './sites/sites.module';
import { VisitorGateway } from './visitors/visitor.gateway';
import { VisitorSessionController } from './visitors/visitor-session.controller';
import { VisitorTokens } from './visitors/visitor-token';
import { ViewPageHandler } from './visitors/view-page';

@Module({})
export class AppModule {
  static forRoot(config: ServerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config), CqrsModule.forRoot(), AuthModule, SitesModule],
      controllers: [HealthController, RecordsController, VisitorSessionController],
      providers: [
        { provide: APP_FILTER, useClass: ErrorFilter },
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
    };
  }
}
