import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { DomainError, hostOf, isAllowedHost } from '@kefu/domain';
import type { VisitorSessionResponse } from '@kefu/contracts';
import type { ReadStore } from '@kefu/read-store';
import { SITES, type SiteDoc } from '@kefu/projections';
import { Public } from '../auth/auth.guard';
import { newId } from '../platform/ids';
import { READ_STORE } from '../platform/tokens';
import { VisitorSessionDto } from './visitor.dto';
import { VisitorTokens } from './visitor-token';

/** The widget's first call: a visitor token scoped to one site, refused on domains the site does not allow (D1). */
@Controller('visitor')
export class VisitorSessionController {
  constructor(
    private readonly tokens: VisitorTokens,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  @Public()
  @Post('session')
  @HttpCode(200)
  async start(@Body() body: VisitorSessionDto, @Req() req: { get(name: string): string | undefined }): Promise<VisitorSessionResponse> {
    const siteId = body.siteId.toLowerCase();
    const site = await this.reads.get<SiteDoc>(SITES, siteId);
    if (!site) throw new DomainError('NOT_FOUND', 'no such site');
    const pageHost = hostOf(body.pageUrl);
    // The product's own demo page (same host as this server) may always show the widget.
    const ownHost = (req.get('host') ?? '').replace(/:\d+$/, '').toLowerCase();
    if (pageHost !== ownHost && !isAllowedHost(pageHost, site.allowedDomains)) {
      throw new DomainError('FORBIDDEN', `the widget of this site may not run on ${pageHost}`);
    }
    const returning = body.visitorId !== undefined;
    const visitorId = body.visitorId?.toLowerCase() ?? newId();
    return {
      token: this.tokens.sign({ orgId: site.orgId, siteId, visitorId, returning }),
      visitorId,
      returning,
      site: { siteId, name: site.name, language: site.language },
    };
  }
}
