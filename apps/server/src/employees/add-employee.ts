import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { account, checkPassword, conflict, emailClaim, forbidden, normaliseEmail, normalisePhone, phoneClaim, type Role } from '@kefu/domain';
import type { Principal } from '../auth/principal';
import { hashPassword } from '../auth/passwords';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { newId, sha256 } from '../platform/ids';

export interface NewEmployee {
  email?: string;
  phone?: string;
  name: string;
  password: string;
  roles: Role[];
}

export interface AddedEmployee {
  userId: string;
  email: string;
  phone: string;
  name: string;
  roles: Role[];
  position: number;
}

export class AddEmployeeCommand {
  constructor(
    readonly actor: Principal,
    readonly employee: NewEmployee,
  ) {}
}

/**
 * A2: add an employee who signs in by e-mail or phone with an initial password. Everything is
 * checked before anything is written (a refused employee claims no address); then the e-mail and
 * phone claim streams are written with their expected revision, so an address or number can never
 * belong to two accounts, and finally the account itself.
 */
@CommandHandler(AddEmployeeCommand)
export class AddEmployeeHandler implements ICommandHandler<AddEmployeeCommand, AddedEmployee> {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, employee }: AddEmployeeCommand): Promise<AddedEmployee> {
    const now = this.clock.now();
    const email = employee.email?.trim() ? normaliseEmail(employee.email) : '';
    const phone = employee.phone?.trim() ? normalisePhone(employee.phone) : '';
    checkPassword(employee.password);
    if (employee.roles.includes('owner') && !actor.roles.includes('owner')) throw forbidden('only an owner can give the owner role');
    // Dry run on an empty account: the decider's checks (name, roles, e-mail or phone) before any claim is written.
    const draft = {
      type: 'RegisterUser' as const,
      userId: 'draft',
      orgId: actor.orgId,
      email,
      phone,
      name: employee.name,
      roles: employee.roles,
      passwordHash: '',
      now,
    };
    account.decide(draft, account.initialState);

    const emailKey = email ? sha256(email) : undefined;
    const phoneKey = phone ? sha256(phone) : undefined;
    // An address claimed by an account that was never written (an interrupted add) is taken over.
    let userId: string | undefined;
    const holders: [string | undefined, string][] = [
      [emailKey ? (await this.streams.load(emailClaim, emailKey)).state.userId : undefined, 'e-mail address'],
      [phoneKey ? (await this.streams.load(phoneClaim, phoneKey)).state.userId : undefined, 'phone number'],
    ];
    for (const [holder, what] of holders) {
      if (!holder) continue;
      if ((await this.streams.load(account, holder)).state.exists || (userId && userId !== holder)) throw conflict(`this ${what} is already registered`);
      userId = holder;
    }
    userId ??= newId();
    const by = { kind: 'user' as const, id: actor.userId };
    if (email && emailKey) await this.streams.handle(emailClaim, emailKey, { type: 'ClaimEmail', email, userId, orgId: actor.orgId, now }, { actor: by, now });
    if (phone && phoneKey) await this.streams.handle(phoneClaim, phoneKey, { type: 'ClaimPhone', phone, userId, orgId: actor.orgId, now }, { actor: by, now });
    const passwordHash = await hashPassword(employee.password);
    const result = await this.streams.handle(account, userId, { ...draft, userId, passwordHash, addedBy: actor.userId }, { actor: by, now });
    const s = result.state;
    return { userId, email: s.email, phone: s.phone, name: s.name, roles: s.roles, position: result.position };
  }
}
