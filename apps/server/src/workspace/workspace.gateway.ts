import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { agentOrgRoom, Namespace as Namespaces } from '@kefu/contracts';
import type { Principal } from '../auth/principal';
import { TeamPush } from './team-push';

/**
 * The workspace's share of the `/agent` namespace (the agent gateway authenticates every socket first):
 * each agent socket also joins its organisation's room, so team pushes know whether anyone of it is here.
 */
@WebSocketGateway({ namespace: Namespaces.agent })
export class WorkspaceGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(private readonly team: TeamPush) {}

  afterInit(ns: Namespace): void {
    this.team.attach(ns);
  }

  async handleConnection(socket: Socket): Promise<void> {
    const principal = (socket.data as { principal?: Principal } | undefined)?.principal;
    if (principal) await socket.join(agentOrgRoom(principal.orgId));
  }
}
