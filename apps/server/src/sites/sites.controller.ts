import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { account, assertSiteOfOrg, site } from '@kefu/domain';
import type { CreateSiteResponse, SiteView } from '@kefu/contracts';
import type { ReadStore } from '@kefu/read-store';
import { SITES, type SiteDoc } from '@kefu/projections';
import { CurrentPrincipal, Roles } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { originOf, parseId, parsePosition } from '../platform/http';
import { newId } from '../platform/ids';
import { ProjectorService } from '../platform/projector.service';
import { READ_STORE } from '../platform/tokens';
import { DomainError } from '@kefu/domain';
import { AssignAgentDto, CreateSiteDto } from './sites.dto';
import { toSiteView } from './site-views';

type HttpRequest = { protocol: string; get(name: string): string | undefined };

/** D1 sites and D3 agents (minimal for the first slice; the full settings come with issue 4). */
@Controller('sites')
export class SitesController {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly projector: ProjectorService,
    private readonly clock: Clock,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  @Post()
  @Roles('owner', 'admin')
  async create(@Body() body: CreateSiteDto, @CurrentPrincipal() p: Principal, @Req() req: HttpRequest): Promise<CreateSiteResponse> {
    const siteId = newId();
    const now = this.clock.now();
    const result = await this.streams.handle(
      site,
      siteId,
      { type: 'CreateSite', orgId: p.orgId, siteId, ...body, now },
      { actor: { kind: 'user', id: p.userId }, now },
    );
    await this.projector.waitFor(result.position);
    return { ...(await this.view(p, siteId, req)), position: result.position };
  }

  @Get()
  async list(@CurrentPrincipal() p: Principal, @Req() req: HttpRequest, @Query('waitFor') waitFor?: string): Promise<SiteView[]> {
    await this.projector.waitFor(parsePosition(waitFor));
    const docs = await this.reads.find<SiteDoc>(SITES, { orgId: p.orgId }, { sort: { createdAt: 1 } });
    const origin = originOf(req);
    return docs.map((d) => toSiteView(d, origin));
  }

  @Get(':siteId')
  async get(@Param('siteId') siteId: string, @CurrentPrincipal() p: Principal, @Req() req: HttpRequest, @Query('waitFor') waitFor?: string): Promise<SiteView> {
    await this.projector.waitFor(parsePosition(waitFor));
    return this.view(p, parseId(siteId, 'site'), req);
  }

  /** D3: make an employee of the organisation an agent of this site. */
  @Post(':siteId/agents')
  @Roles('owner', 'admin')
  async assignAgent(@Param('siteId') siteId: string, @Body() body: AssignAgentDto, @CurrentPrincipal() p: Principal): Promise<{ position: number }> {
    const id = parseId(siteId, 'site');
    const now = this.clock.now();
    assertSiteOfOrg((await this.streams.load(site, id)).state, p.orgId);
    const person = (await this.streams.load(account, body.userId)).state;
    const result = await this.streams.handle(
      site,
      id,
      { type: 'AssignAgent', orgId: p.orgId, userId: body.userId, userOrgId: person.exists ? person.orgId : '', nickname: body.nickname, now },
      { actor: { kind: 'user', id: p.userId }, now },
    );
    return { position: result.position };
  }

  private async view(p: Principal, siteId: string, req: HttpRequest): Promise<SiteView> {
    const doc = await this.reads.get<SiteDoc>(SITES, siteId);
    if (!doc || doc.orgId !== p.orgId) throw new DomainError('NOT_FOUND', 'no such site');
    return toSiteView(doc, originOf(req));
  }
}
