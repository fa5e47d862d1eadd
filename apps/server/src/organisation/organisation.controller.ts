import { Body, Controller, Get, Inject, Patch, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, organisation, seats } from '@kefu/domain';
import type { OrganisationView, PositionResponse } from '@kefu/contracts';
import type { ReadStore } from '@kefu/read-store';
import { ORGANISATIONS, USERS, type OrganisationDoc, type UserDoc } from '@kefu/projections';
import { CurrentPrincipal, Roles } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { parsePosition } from '../platform/http';
import { ProjectorService } from '../platform/projector.service';
import { READ_STORE } from '../platform/tokens';
import { SetSeatLimitDto, UpdateOrganisationDto } from './organisation.dto';

/** A1 the organisation's profile and D4/G11 its seats. Always the caller's own organisation: no id in the path to swap. */
@ApiTags('organisation')
@Controller('organisation')
export class OrganisationController {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly projector: ProjectorService,
    private readonly clock: Clock,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  @Get()
  @Roles('owner', 'admin')
  async get(@CurrentPrincipal() p: Principal, @Query('waitFor') waitFor?: string): Promise<OrganisationView> {
    await this.projector.waitFor(parsePosition(waitFor));
    const doc = await this.reads.get<OrganisationDoc>(ORGANISATIONS, p.orgId);
    if (!doc?.name) throw new DomainError('NOT_FOUND', 'no such organisation');
    const holders = Object.entries(doc.seatHolders ?? {});
    const people = holders.length ? await this.reads.find<UserDoc>(USERS, { _id: { $in: holders.map(([id]) => id) } }) : [];
    const names = new Map(people.map((u) => [u.userId, u.name]));
    return {
      orgId: doc.orgId,
      name: doc.name,
      website: doc.website,
      ownerUserId: doc.ownerUserId,
      registeredAt: doc.registeredAt,
      seats: {
        limit: doc.seatLimit ?? null,
        inUse: holders.length,
        holders: holders.map(([userId, since]) => ({ userId, name: names.get(userId) ?? '', since })).sort((a, b) => a.since.localeCompare(b.since)),
      },
    };
  }

  @Patch()
  @Roles('owner')
  async update(@Body() body: UpdateOrganisationDto, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    const now = this.clock.now();
    const result = await this.streams.handle(
      organisation,
      p.orgId,
      { type: 'ChangeOrganisationProfile', orgId: p.orgId, ...body, by: p.userId, now },
      { actor: { kind: 'user', id: p.userId }, now },
    );
    await this.projector.waitFor(result.position);
    return { position: result.position };
  }

  /** D4/G11: how many agents may be online at once (null = unlimited). */
  @Put('seats')
  @Roles('owner')
  async setSeats(@Body() body: SetSeatLimitDto, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    const now = this.clock.now();
    const result = await this.streams.handle(
      seats,
      p.orgId,
      { type: 'SetSeatLimit', orgId: p.orgId, limit: body.limit, by: p.userId, now },
      { actor: { kind: 'user', id: p.userId }, now },
    );
    await this.projector.waitFor(result.position);
    return { position: result.position };
  }
}
