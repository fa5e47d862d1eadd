import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, hostOf, isAllowedHost } from '@kefu/domain';
import type { VisitorSessionResponse } from '@kefu/contracts';
import type { EventStore } from '@kefu/event-store';
import type { ReadStore } from '@kefu/read-store';
import { SITES, type SiteDoc } from '@kefu/projections';
import { Public } from '../auth/auth.guard';
import { newId } from '../platform/ids';
import { EVENT_STORE, READ_STORE } from '../platform/tokens';
import { ProjectorService } from '../platform/projector.service';
import { RecordSnippetSeenCommand } from '../sites/record-snippet-seen';
import { VisitorSessionDto } from './visitor.dto';
import { VisitorTokens } from './visitor-token';

/** The widget's first call: a visitor token scoped to one site, refused on domains the site does not allow (D1). */
@Controller('visitor')
export class VisitorSessionController {
  constructor(
    private readonly tokens: VisitorTokens,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projector: ProjectorService,
    private readonly commands: CommandBus,
  ) {}

  /**
   * The site from the read model; when it is not there yet (created a moment ago, possibly by another
   * server process sharing the store), catch the read models up to the store's head once and look again.
   */
  private async siteOf(siteId: string): Promise<SiteDoc | null> {
    const site = await this.reads.get<SiteDoc>(SITES, siteId);
    if (site) return site;
    await this.projector.waitFor(await this.events.headPosition()).catch(() => undefined);
    return this.reads.get<SiteDoc>(SITES, siteId);
  }

  @Public()
  @Post('session')
  @HttpCode(200)
  async start(@Body() body: VisitorSessionDto, @Req() req: { get(name: string): string | undefined }): Promise<VisitorSessionResponse> {
    const siteId = body.siteId.toLowerCase();
    const site = await this.siteOf(siteId);
    if (!site || site.deletedAt) throw new DomainError('NOT_FOUND', 'no such site');
    const pageHost = hostOf(body.pageUrl);
    // The product's own demo page (same host as this server) may always show the widget.
    const ownHost = (req.get('host') ?? '').replace(/:\d+$/, '').toLowerCase();
    if (pageHost !== ownHost && !isAllowedHost(pageHost, site.allowedDomains)) {
      throw new DomainError('FORBIDDEN', `the widget of this site may not run on ${pageHost}`);
    }
    // A cross-origin call (a customer's page, not the widget's iframe) must come from an allowed domain of this site.
    const origin = req.get('origin');
    const originHost = origin && origin !== 'null' ? hostOf(origin) : ownHost;
    if (originHost !== ownHost && !isAllowedHost(originHost, site.allowedDomains))
      throw new DomainError('FORBIDDEN', `the widget of this site may not run on ${originHost}`);
    // E1 install check: the snippet ran on a customer's page (the product's own demo page does not count).
    if (pageHost !== ownHost) void this.commands.execute(new RecordSnippetSeenCommand(site.orgId, siteId, body.pageUrl)).catch(() => undefined);
    const returning = body.visitorId !== undefined;
    const visitorId = body.visitorId?.toLowerCase() ?? newId();
    return {
      token: this.tokens.sign({ orgId: site.orgId, siteId, visitorId, returning }),
      visitorId,
      returning,
      site: { siteId, name: site.name, language: site.language, customTitle: site.customTitle ?? '' },
    };
  }
}
