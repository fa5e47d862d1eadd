import { Module } from '@nestjs/common';
import { MonitoringController } from './monitoring.controller';
import { MonitoringPush } from './monitoring-push';

/** B1 live home and I4 team monitor: HTTP reads and /admin socket pushes. */
@Module({ controllers: [MonitoringController], providers: [MonitoringPush], exports: [MonitoringPush] })
export class MonitoringModule {}
