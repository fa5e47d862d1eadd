import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { RecordsController } from './records.controller';

/** Records of a site: chat records (I5), visits (I3), leave messages (I6), ratings (I7), with CSV exports. */
@Module({ imports: [ReportsModule], controllers: [RecordsController] })
export class RecordsModule {}
