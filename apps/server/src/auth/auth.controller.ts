import { Body, Controller, Get, HttpCode, Post, Put, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, account, emailClaim, looksLikeEmail, normaliseEmail, normalisePhone, phoneClaim } from '@kefu/domain';
import type { LoginResponse, MeResponse, OwnCannedResponses, OwnSessionView, PositionResponse, RegisterOrgResponse } from '@kefu/contracts';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { sha256 } from '../platform/ids';
import { LoginLimiter } from '../security/rate-limits';
import { CurrentPrincipal, Public } from './auth.guard';
import { ChangePasswordDto, LoginDto, OwnCannedResponsesDto, RegisterOrgDto } from './auth.dto';
import { dummyHash, verifyPassword } from './passwords';
import type { Principal } from './principal';
import { RegisterOrganisationCommand } from './register-organisation';
import { Sessions } from './sessions';

type HttpRequest = { ip?: string };
type HttpResponse = { setHeader(name: string, value: string): void };

@Controller()
export class AuthController {
  constructor(
    private readonly commands: CommandBus,
    private readonly sessions: Sessions,
    private readonly streams: DeciderStreams,
    private readonly limiter: LoginLimiter,
    private readonly clock: Clock,
  ) {}

  /** A1: register an organisation; the answer is a signed-in session of its owner. */
  @Public()
  @Post('orgs')
  register(@Body() body: RegisterOrgDto): Promise<RegisterOrgResponse> {
    return this.commands.execute(new RegisterOrganisationCommand(body));
  }

  /**
   * A4: sign in with an e-mail address or a phone number and the password. The same answer for an
   * unknown login and a wrong password; attempts are limited per IP address and per account.
   */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse): Promise<LoginResponse> {
    const typed = body.login ?? body.email;
    if (typed === undefined || (body.login !== undefined && body.email !== undefined)) {
      throw new DomainError('INVALID', 'give login (an e-mail address or a phone number) and password');
    }
    const refused = new DomainError('UNAUTHENTICATED', 'wrong e-mail, phone or password');
    const login = canonicalLogin(typed);
    try {
      await this.limiter.attempt(req.ip ?? '', login.key);
    } catch (error) {
      const retry = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retry) res.setHeader('Retry-After', String(retry));
      throw error;
    }
    // The claim streams are the consistent index from a sign-in name to its account.
    const claimed =
      login.kind === 'email'
        ? (await this.streams.load(emailClaim, sha256(login.key))).state.userId
        : login.kind === 'phone'
          ? (await this.streams.load(phoneClaim, sha256(login.key))).state.userId
          : undefined;
    const user = claimed ? (await this.streams.load(account, claimed)).state : undefined;
    const ok = await verifyPassword(user?.exists ? user.passwordHash : await dummyHash(), body.password);
    if (!user?.exists || !ok) {
      await this.limiter.failed(login.key);
      throw refused;
    }
    if (!user.active) throw new DomainError('UNAUTHENTICATED', 'this account is deactivated; ask an administrator of your organisation');
    await this.limiter.succeeded(login.key);
    const { position: _position, ...session } = await this.sessions.start(user.userId);
    return session;
  }

  @Post('auth/logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.sessions.end(principal);
  }

  /** A4: sign out everywhere (every session of this account, this one included). */
  @Post('auth/logout-everywhere')
  @HttpCode(204)
  async logoutEverywhere(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.sessions.endAll(principal);
  }

  /** A2: change one's own password; every other session ends. */
  @Post('auth/password')
  @HttpCode(200)
  async changePassword(@Body() body: ChangePasswordDto, @CurrentPrincipal() principal: Principal): Promise<PositionResponse> {
    return { position: await this.sessions.changePassword(principal, body.currentPassword, body.newPassword) };
  }

  @Get('auth/sessions')
  mySessions(@CurrentPrincipal() principal: Principal): Promise<OwnSessionView[]> {
    return this.sessions.list(principal);
  }

  @Get('auth/me')
  me(@CurrentPrincipal() p: Principal): MeResponse {
    return { userId: p.userId, orgId: p.orgId, email: p.email, name: p.name, roles: p.roles };
  }

  /** B5: one's own canned responses (every signed-in person; the workspace offers them beside the site's). */
  @Get('auth/canned-responses')
  async ownCanned(@CurrentPrincipal() p: Principal): Promise<OwnCannedResponses> {
    return { cannedResponses: (await this.streams.load(account, p.userId)).state.cannedResponses };
  }

  @Put('auth/canned-responses')
  async setOwnCanned(@Body() body: OwnCannedResponsesDto, @CurrentPrincipal() p: Principal): Promise<OwnCannedResponses & PositionResponse> {
    const now = this.clock.now();
    const result = await this.streams.handle(
      account,
      p.userId,
      { type: 'SetCannedResponses', responses: body.cannedResponses, now },
      { actor: { kind: 'user', id: p.userId }, now },
    );
    return { cannedResponses: result.state.cannedResponses, position: result.position };
  }
}

/** The sign-in name as stored (so the per-account limit counts every spelling of it once). */
function canonicalLogin(typed: string): { kind: 'email' | 'phone' | 'invalid'; key: string } {
  try {
    return looksLikeEmail(typed) ? { kind: 'email', key: normaliseEmail(typed) } : { kind: 'phone', key: normalisePhone(typed) };
  } catch {
    return { kind: 'invalid', key: typed.trim().toLowerCase() };
  }
}
