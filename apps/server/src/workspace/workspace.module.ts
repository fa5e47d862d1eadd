import { Module } from '@nestjs/common';
import { TeamPush } from './team-push';
import { WorkspaceController } from './workspace.controller';
import { WorkspaceGateway } from './workspace.gateway';

/** The agent workspace's reads beside the live engine: the team panel (B1, I4) over HTTP and its `/agent` pushes. */
@Module({ controllers: [WorkspaceController], providers: [TeamPush, WorkspaceGateway] })
export class WorkspaceModule {}
