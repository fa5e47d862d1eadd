import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { account, DomainError, hostOf, site, type SiteCommand } from '@kefu/domain';
import {
  fixedLinkUrl,
  type AddGroupResponse,
  type CreateSiteResponse,
  type FixedLinkTarget,
  type FixedLinkView,
  type PositionResponse,
  type SiteDetailView,
} from '@kefu/contracts';
import type { ReadStore } from '@kefu/read-store';
import { SITES, type SiteDoc } from '@kefu/projections';
import { CurrentPrincipal, Roles } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { originOf, parseId, parsePosition } from '../platform/http';
import { derivedId, newId } from '../platform/ids';
import { ProjectorService } from '../platform/projector.service';
import { READ_STORE } from '../platform/tokens';
import {
  AddGroupDto,
  AssignAgentDto,
  CreateSiteDto,
  FixedLinkDto,
  RenameGroupDto,
  ReorderAgentsDto,
  ReorderGroupsDto,
  UpdateSiteAgentDto,
  UpdateSiteDto,
} from './sites.dto';
import { fixedLinkHtml, toSiteView } from './site-views';

type HttpRequest = { protocol: string; get(name: string): string | undefined };

/**
 * D1 sites, D2 groups, D3 agents, E1 snippet and install check, E2 fixed links, G3 language, G4 title.
 * Every change goes through the site's decider with the caller's organisation: another
 * organisation's site, group or agent is answered NOT_FOUND and nothing is appended.
 */
@ApiTags('sites')
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
  async create(@Body() body: CreateSiteDto, @CurrentPrincipal() p: Principal, @Req() req: HttpRequest): Promise<CreateSiteResponse & SiteDetailView> {
    const siteId = newId();
    const now = this.clock.now();
    const result = await this.streams.handle(
      site,
      siteId,
      { type: 'CreateSite', orgId: p.orgId, siteId, ...body, defaultGroupId: derivedId('default-group', siteId), now },
      { actor: { kind: 'user', id: p.userId }, now },
    );
    await this.projector.waitFor(result.position);
    return { ...(await this.view(p, siteId, req)), position: result.position };
  }

  /** Live sites of the caller's organisation; `?deleted=include` (owner, admin) lists deleted ones too. */
  @Get()
  @ApiQuery({ name: 'deleted', required: false, enum: ['include'], description: 'include deleted sites (owner, admin)' })
  async list(
    @CurrentPrincipal() p: Principal,
    @Req() req: HttpRequest,
    @Query('waitFor') waitFor?: string,
    @Query('deleted') deleted?: string,
  ): Promise<SiteDetailView[]> {
    await this.projector.waitFor(parsePosition(waitFor));
    if (deleted !== undefined && deleted !== 'include') throw new DomainError('INVALID', 'deleted may only be "include"');
    if (deleted && !p.roles.some((r) => r === 'owner' || r === 'admin')) throw new DomainError('FORBIDDEN', 'this needs one of the roles: owner, admin');
    const filter = deleted ? { orgId: p.orgId } : { orgId: p.orgId, deletedAt: { $exists: false } };
    const docs = await this.reads.find<SiteDoc>(SITES, filter, { sort: { createdAt: 1 } });
    const origin = originOf(req);
    return docs.map((d) => toSiteView(d, origin));
  }

  @Get(':siteId')
  async get(
    @Param('siteId') siteId: string,
    @CurrentPrincipal() p: Principal,
    @Req() req: HttpRequest,
    @Query('waitFor') waitFor?: string,
  ): Promise<SiteDetailView> {
    await this.projector.waitFor(parsePosition(waitFor));
    return this.view(p, parseId(siteId, 'site'), req);
  }

  /** D1/G3/G4: rename, URL, language, time zone, allowed domains, custom title — one `SiteSettingsChanged`. */
  @Patch(':siteId')
  @Roles('owner', 'admin')
  update(@Param('siteId') siteId: string, @Body() body: UpdateSiteDto, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    return this.change(p, siteId, (orgId, now) => ({ type: 'ChangeSiteSettings', orgId, changes: { ...body }, now }));
  }

  /** D1: soft delete; the history stays readable, the widget refuses the site. */
  @Delete(':siteId')
  @Roles('owner', 'admin')
  remove(@Param('siteId') siteId: string, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    return this.change(p, siteId, (orgId, now) => ({ type: 'DeleteSite', orgId, now }));
  }

  // ---- D2 groups ----

  @Post(':siteId/groups')
  @Roles('owner', 'admin')
  async addGroup(@Param('siteId') siteId: string, @Body() body: AddGroupDto, @CurrentPrincipal() p: Principal): Promise<AddGroupResponse> {
    const groupId = newId();
    const { position } = await this.change(p, siteId, (orgId, now) => ({ type: 'AddGroup', orgId, groupId, name: body.name, now }));
    return { groupId, position };
  }

  @Put(':siteId/groups/order')
  @Roles('owner', 'admin')
  reorderGroups(@Param('siteId') siteId: string, @Body() body: ReorderGroupsDto, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    const groupIds = body.groupIds.map((g) => g.toLowerCase());
    return this.change(p, siteId, (orgId, now) => ({ type: 'ReorderGroups', orgId, groupIds, now }));
  }

  @Patch(':siteId/groups/:groupId')
  @Roles('owner', 'admin')
  renameGroup(
    @Param('siteId') siteId: string,
    @Param('groupId') groupId: string,
    @Body() body: RenameGroupDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<PositionResponse> {
    const id = parseId(groupId, 'group');
    return this.change(p, siteId, (orgId, now) => ({ type: 'RenameGroup', orgId, groupId: id, name: body.name, now }));
  }

  @Delete(':siteId/groups/:groupId')
  @Roles('owner', 'admin')
  deleteGroup(@Param('siteId') siteId: string, @Param('groupId') groupId: string, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    const id = parseId(groupId, 'group');
    return this.change(p, siteId, (orgId, now) => ({ type: 'DeleteGroup', orgId, groupId: id, now }));
  }

  // ---- D3 agents ----

  /** D3: make an employee of the organisation an agent of this site (again: update the given fields). */
  @Post(':siteId/agents')
  @Roles('owner', 'admin')
  @HttpCode(201)
  async assignAgent(@Param('siteId') siteId: string, @Body() body: AssignAgentDto, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    const { userId: rawUserId, ...fields } = body;
    const userId = rawUserId.toLowerCase();
    const person = (await this.streams.load(account, userId)).state;
    const groupId = fields.groupId?.toLowerCase();
    return this.change(p, siteId, (orgId, now) => ({
      type: 'AssignAgent',
      orgId,
      userId,
      userOrgId: person.exists ? person.orgId : '',
      ...fields,
      ...(groupId !== undefined ? { groupId } : {}),
      now,
    }));
  }

  @Put(':siteId/agents/order')
  @Roles('owner', 'admin')
  reorderAgents(@Param('siteId') siteId: string, @Body() body: ReorderAgentsDto, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    const userIds = body.userIds.map((u) => u.toLowerCase());
    return this.change(p, siteId, (orgId, now) => ({ type: 'ReorderAgents', orgId, userIds, now }));
  }

  @Patch(':siteId/agents/:userId')
  @Roles('owner', 'admin')
  updateAgent(
    @Param('siteId') siteId: string,
    @Param('userId') userId: string,
    @Body() body: UpdateSiteAgentDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<PositionResponse> {
    const id = parseId(userId, 'agent');
    const changes = { ...body, ...(body.groupId !== undefined ? { groupId: body.groupId.toLowerCase() } : {}) };
    return this.change(p, siteId, (orgId, now) => ({ type: 'UpdateAgent', orgId, userId: id, changes, now }));
  }

  @Delete(':siteId/agents/:userId')
  @Roles('owner', 'admin')
  unassignAgent(@Param('siteId') siteId: string, @Param('userId') userId: string, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    const id = parseId(userId, 'agent');
    return this.change(p, siteId, (orgId, now) => ({ type: 'UnassignAgent', orgId, userId: id, now }));
  }

  // ---- E2 fixed links ----

  /** E2: the URL and copyable HTML of an image or text link opening a chat with an agent, a group or the robot. Appends nothing. */
  @Post(':siteId/fixed-links')
  @Roles('owner', 'admin')
  @HttpCode(200)
  async fixedLink(
    @Param('siteId') siteId: string,
    @Body() body: FixedLinkDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: HttpRequest,
  ): Promise<FixedLinkView> {
    const id = parseId(siteId, 'site');
    const { state } = await this.streams.load(site, id);
    if (!state.exists || state.deleted || state.orgId !== p.orgId) throw new DomainError('NOT_FOUND', 'no such site');
    const t = body.target;
    let target: FixedLinkTarget;
    if (t.kind === 'agent') {
      const agentId = (t.agentId ?? '').toLowerCase();
      if (t.groupId !== undefined || !state.agents[agentId]) throw new DomainError('NOT_FOUND', 'no such agent on this site');
      target = { kind: 'agent', agentId };
    } else if (t.kind === 'group') {
      const groupId = (t.groupId ?? '').toLowerCase();
      if (t.agentId !== undefined || !state.groups[groupId]) throw new DomainError('NOT_FOUND', 'no such group on this site');
      target = { kind: 'group', groupId };
    } else {
      if (t.agentId !== undefined || t.groupId !== undefined) throw new DomainError('INVALID', `a ${t.kind} link names no agent or group`);
      target = { kind: t.kind };
    }
    if (body.style === 'image') hostOf(body.imageUrl ?? '');
    const url = fixedLinkUrl(originOf(req), id, target);
    const text = body.text?.trim() || state.customTitle || '在线咨询';
    return { url, html: fixedLinkHtml(url, body.style, text, body.imageUrl) };
  }

  /** Decide on the site's stream with the caller's organisation, then wait for the read side. */
  private async change(p: Principal, siteId: string, command: (orgId: string, now: string) => SiteCommand): Promise<PositionResponse> {
    const id = parseId(siteId, 'site');
    const now = this.clock.now();
    const result = await this.streams.handle(site, id, command(p.orgId, now), { actor: { kind: 'user', id: p.userId }, now });
    await this.projector.waitFor(result.position);
    return { position: result.position };
  }

  private async view(p: Principal, siteId: string, req: HttpRequest): Promise<SiteDetailView> {
    const doc = await this.reads.get<SiteDoc>(SITES, siteId);
    if (!doc || doc.orgId !== p.orgId) throw new DomainError('NOT_FOUND', 'no such site');
    return toSiteView(doc, originOf(req));
  }
}
