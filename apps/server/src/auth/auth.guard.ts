import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, type Role } from '@kefu/domain';
import type { Principal } from './principal';
import { Sessions } from './sessions';

const ROLES = 'kefu:roles';
const PUBLIC = 'kefu:public';

/** Routes open to anyone (registration, sign-in, the widget's session, health). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Roles allowed on a route; without it any signed-in member of the organisation may call it. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

interface AuthedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  return principal;
});

/** Every HTTP route needs a live session unless marked @Public(); @Roles narrows it further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: Sessions,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers['authorization'];
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const principal = await this.sessions.authenticate(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.some((r) => principal.roles.includes(r))) throw new DomainError('FORBIDDEN', `this needs one of the roles: ${roles.join(', ')}`);
    request.principal = principal;
    return true;
  }
}
