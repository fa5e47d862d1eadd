import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { DomainError } from '@kefu/domain';
import type { ChatRecordView, ChatSummaryView } from '@kefu/contracts';
import type { ReadStore } from '@kefu/read-store';
import { CHAT_RECORDS, SITES, type ChatRecordDoc, type SiteDoc } from '@kefu/projections';
import { CurrentPrincipal, Roles } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { toSummary } from '../conversations/chat-access';
import { parseId, parsePosition } from '../platform/http';
import { ProjectorService } from '../platform/projector.service';
import { READ_STORE } from '../platform/tokens';

/** I5 chat records (minimal for the first slice: list and transcript; search and export come with issue 6). */
@Controller('sites/:siteId/chats')
@Roles('owner', 'admin')
export class RecordsController {
  constructor(
    private readonly projector: ProjectorService,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  @Get()
  async list(@Param('siteId') siteId: string, @CurrentPrincipal() p: Principal, @Query('waitFor') waitFor?: string): Promise<ChatSummaryView[]> {
    await this.projector.waitFor(parsePosition(waitFor));
    const id = await this.siteOf(p, siteId);
    const docs = await this.reads.find<ChatRecordDoc>(CHAT_RECORDS, { siteId: id }, { sort: { requestedAt: -1 }, limit: 500 });
    return docs.map(toSummary);
  }

  @Get(':chatId')
  async get(
    @Param('siteId') siteId: string,
    @Param('chatId') chatId: string,
    @CurrentPrincipal() p: Principal,
    @Query('waitFor') waitFor?: string,
  ): Promise<ChatRecordView> {
    await this.projector.waitFor(parsePosition(waitFor));
    const id = await this.siteOf(p, siteId);
    const doc = await this.reads.get<ChatRecordDoc>(CHAT_RECORDS, parseId(chatId, 'chat'));
    if (!doc || doc.siteId !== id) throw new DomainError('NOT_FOUND', 'no such chat');
    const { _id, _position, closeReason, ...record } = doc as ChatRecordDoc & { _position?: number };
    void _id;
    void _position;
    void closeReason;
    return record;
  }

  /** Another organisation's site is answered exactly like a site that does not exist. */
  private async siteOf(p: Principal, siteId: string): Promise<string> {
    const id = parseId(siteId, 'site');
    const site = await this.reads.get<SiteDoc>(SITES, id);
    if (!site || site.orgId !== p.orgId) throw new DomainError('NOT_FOUND', 'no such site');
    return id;
  }
}
