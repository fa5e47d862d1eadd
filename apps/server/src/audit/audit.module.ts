import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** K4: the auditor's replay (histories, state as of an instant, routing trace, verify). */
@Module({ controllers: [AuditController] })
export class AuditModule {}
