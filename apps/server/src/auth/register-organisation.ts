import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { account, conflict, emailClaim, normaliseEmail, organisation } from '@kefu/domain';
import type { RegisterOrgResponse } from '@kefu/contracts';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { derivedId, newId, sha256 } from '../platform/ids';
import type { RegisterOrgDto } from './auth.dto';
import { hashPassword } from './passwords';
import { Sessions } from './sessions';

export class RegisterOrganisationCommand {
  constructor(readonly body: RegisterOrgDto) {}
}

/**
 * A1: the registrant becomes the owner. The e-mail is claimed first (its own stream, written with
 * an expected revision), so the same address can never own two accounts; the organisation id is
 * derived from the user id, so finishing an interrupted registration reuses the same ids.
 */
@CommandHandler(RegisterOrganisationCommand)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisationCommand, RegisterOrgResponse> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly sessions: Sessions,
    private readonly clock: Clock,
  ) {}

  async execute({ body }: RegisterOrganisationCommand): Promise<RegisterOrgResponse> {
    const email = normaliseEmail(body.email);
    const now = this.clock.now();
    const emailKey = sha256(email);
    const claim = await this.streams.load(emailClaim, emailKey);
    let userId = claim.state.userId;
    if (userId) {
      // Claimed but without an account only when a registration stopped half-way: finish it.
      const existing = await this.streams.load(account, userId);
      if (existing.state.exists) throw conflict('this e-mail address is already registered');
    } else {
      userId = newId();
    }
    const orgId = derivedId('org-of', userId);
    const actor = { kind: 'user' as const, id: userId };
    // Two simultaneous registrations of one address: the claim stream's expected revision lets one win.
    await this.streams.handle(emailClaim, emailKey, { type: 'ClaimEmail', email, userId, orgId, now }, { actor, now });
    const passwordHash = await hashPassword(body.password);
    await this.streams.handle(
      account,
      userId,
      {
        type: 'RegisterUser',
        userId,
        orgId,
        email,
        name: body.name?.trim() || email.split('@')[0] || email,
        roles: ['owner', 'admin', 'agent'],
        passwordHash,
        now,
      },
      { actor, now },
    );
    const org = await this.streams.handle(
      organisation,
      orgId,
      { type: 'RegisterOrganisation', orgId, name: body.orgName, website: body.website, ownerUserId: userId, now },
      { actor, now },
    );
    const session = await this.sessions.start(userId);
    return { ...session, orgId, position: Math.max(org.position, session.position) };
  }
}
