import { Logger, UseFilters, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { adminOrgRoom, Namespace as Namespaces, type Ack, type AdminToServer, type Role, type ServerToAdmin } from '@kefu/contracts';
import { DomainError } from '@kefu/domain';
import type { Principal } from '../auth/principal';
import { Sessions } from '../auth/sessions';
import { assertEmpty } from '../conversations/socket.dto';
import { MonitoringPush } from '../monitoring/monitoring-push';
import { ErrorFilter, toErrorBody } from '../platform/errors';
import { createValidationPipe } from '../platform/validation';

type AdminSocket = Socket<AdminToServer, ServerToAdmin, Record<string, never>, { principal: Principal }>;

/** Who may open the admin namespace: the people who run the customer service. */
const ADMIN_ROLES: readonly Role[] = ['owner', 'admin'];

/**
 * The `/admin` namespace (B1, I4 live monitoring). Authenticated by an owner's or admin's session;
 * each socket joins its organisation's room `org:{orgId}`, where monitoring pushes are sent.
 */
@WebSocketGateway({ namespace: Namespaces.admin })
@UsePipes(createValidationPipe())
@UseFilters(ErrorFilter)
export class AdminGateway implements OnGatewayInit {
  private readonly logger = new Logger('admin-gateway');
  @WebSocketServer() server!: Namespace;

  constructor(
    private readonly sessions: Sessions,
    private readonly monitoring: MonitoringPush,
  ) {}

  afterInit(ns: Namespace): void {
    // B1/I4: live visitor and team rows are pushed to the organisation's room as the read models change.
    this.monitoring.attach(ns);
    ns.use((socket, next) => {
      this.sessions
        .authenticate((socket.handshake.auth as { token?: string }).token)
        .then(async (principal) => {
          if (!principal.roles.some((r) => ADMIN_ROLES.includes(r))) throw new DomainError('FORBIDDEN', 'the admin namespace needs the owner or admin role');
          socket.data = { principal };
          await socket.join(adminOrgRoom(principal.orgId));
          next();
        })
        .catch((error: unknown) => {
          const body = toErrorBody(error);
          next(Object.assign(new Error(body.message), { data: body }));
        });
    });
    this.logger.log('admin namespace ready');
  }

  @SubscribeMessage('admin:hello')
  hello(@ConnectedSocket() socket: AdminSocket, @MessageBody() body: unknown): Ack<{ orgId: string; roles: Role[] }> {
    assertEmpty(body);
    return { ok: true, data: { orgId: socket.data.principal.orgId, roles: socket.data.principal.roles } };
  }
}
