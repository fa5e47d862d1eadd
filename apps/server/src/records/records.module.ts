import { Module } from '@nestjs/common';
import { RecordsController } from './records.controller';

/** Chat records and, later, every other read model query (I3–I7, J1–J6). */
@Module({ controllers: [RecordsController] })
export class RecordsModule {}
