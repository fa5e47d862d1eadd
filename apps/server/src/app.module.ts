import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { ServerConfig } from './config';
import { AuthModule } from './auth/auth.module';
import { ConversationsModule } from './conversations/conversations.module';
import { HealthModule } from './health/health.module';
import { ErrorFilter } from './platform/errors';
import { PlatformModule } from './platform/platform.module';
import { RecordsModule } from './records/records.module';
import { AuditModule } from './audit/audit.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { SitesModule } from './sites/sites.module';
import { EmployeesModule } from './employees/employees.module';
import { OrganisationModule } from './organisation/organisation.module';
import { WorkspaceModule } from './workspace/workspace.module';

/** One module per capability; each capability's folder holds its controllers, gateways, handlers and DTOs. */
@Module({})
export class AppModule {
  static forRoot(config: ServerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config),
        CqrsModule.forRoot(),
        AuthModule,
        SitesModule,
        ConversationsModule,
        RecordsModule,
        AuditModule,
        MonitoringModule,
        HealthModule,
        EmployeesModule,
        OrganisationModule,
        WorkspaceModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
