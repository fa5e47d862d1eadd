import { Module } from '@nestjs/common';
import { RecordSnippetSeenHandler } from './record-snippet-seen';
import { SitesController } from './sites.controller';

@Module({ controllers: [SitesController], providers: [RecordSnippetSeenHandler] })
export class SitesModule {}
