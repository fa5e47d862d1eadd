import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, account, normaliseEmail, emailClaim } from '@kefu/domain';
import type { LoginResponse, MeResponse, RegisterOrgResponse } from '@kefu/contracts';
import { DeciderStreams } from '../platform/decider-streams';
import { sha256 } from '../platform/ids';
import { CurrentPrincipal, Public } from './auth.guard';
import { LoginDto, RegisterOrgDto } from './auth.dto';
import { dummyHash, verifyPassword } from './passwords';
import type { Principal } from './principal';
import { RegisterOrganisationCommand } from './register-organisation';
import { Sessions } from './sessions';

@Controller()
export class AuthController {
  constructor(
    private readonly commands: CommandBus,
    private readonly sessions: Sessions,
    private readonly streams: DeciderStreams,
  ) {}

  /** A1: register an organisation; the answer is a signed-in session of its owner. */
  @Public()
  @Post('orgs')
  register(@Body() body: RegisterOrgDto): Promise<RegisterOrgResponse> {
    return this.commands.execute(new RegisterOrganisationCommand(body));
  }

  /** A4: sign in with e-mail and password. The same answer for a wrong e-mail or a wrong password. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() body: LoginDto): Promise<LoginResponse> {
    const refused = new DomainError('UNAUTHENTICATED', 'wrong e-mail or password');
    let email: string;
    try {
      email = normaliseEmail(body.email);
    } catch {
      throw refused;
    }
    // The e-mail claim stream is the consistent index from address to account.
    const claim = await this.streams.load(emailClaim, sha256(email));
    const user = claim.state.userId ? (await this.streams.load(account, claim.state.userId)).state : undefined;
    const ok = await verifyPassword(user?.exists ? user.passwordHash : await dummyHash(), body.password);
    if (!user?.exists || !ok) throw refused;
    const { position: _position, ...session } = await this.sessions.start(user.userId);
    void _position;
    return session;
  }

  @Post('auth/logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.sessions.end(principal);
  }

  @Get('auth/me')
  me(@CurrentPrincipal() p: Principal): MeResponse {
    return { userId: p.userId, orgId: p.orgId, email: p.email, name: p.name, roles: p.roles };
  }
}
