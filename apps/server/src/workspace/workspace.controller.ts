import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { WorkspaceTeamView } from '@kefu/contracts';
import type { ReadStore } from '@kefu/read-store';
import { CurrentPrincipal, Roles } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { parsePosition } from '../platform/http';
import { ProjectorService } from '../platform/projector.service';
import { READ_STORE } from '../platform/tokens';
import { sitesServedBy, teamOfSites } from './workspace-team';

/** What the agent workspace reads over HTTP; its live changes come over the /agent socket. */
@ApiTags('workspace')
@Controller('workspace')
@Roles('agent')
export class WorkspaceController {
  constructor(
    private readonly projector: ProjectorService,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  /** B1/I4: the team of every site the caller serves, with status, chats now / cap and queue length. */
  @Get('team')
  async team(@CurrentPrincipal() p: Principal, @Query('waitFor') waitFor?: string): Promise<WorkspaceTeamView> {
    await this.projector.waitFor(parsePosition(waitFor));
    return { sites: await teamOfSites(this.reads, p.orgId, await sitesServedBy(this.reads, p.orgId, p.userId)) };
  }
}
