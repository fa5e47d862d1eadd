import { Module } from '@nestjs/common';
import { ReportScope } from './report-scope';
import { ReportsController } from './reports.controller';

/** Statistics reports J1–J6 and the invitation funnel, each with its CSV export. */
@Module({ controllers: [ReportsController], providers: [ReportScope], exports: [ReportScope] })
export class ReportsModule {}
