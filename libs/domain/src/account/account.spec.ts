import { given } from '../testing/given';
import {
  account,
  checkPassword,
  emailClaim,
  normaliseEmail,
  normalisePhone,
  phoneClaim,
  type AccountActor,
  type AccountCommand,
  type AccountEvent,
  type EmailClaimCommand,
  type EmailClaimEvent,
  type SessionEndReason,
} from './account';

const NOW = '2024-05-01T08:00:00.000Z';
const LATER = '2024-05-01T09:00:00.000Z';
const EXPIRES = '2024-05-08T08:00:00.000Z';

type RegisterUser = Extract<AccountCommand, { type: 'RegisterUser' }>;
type UserRegistered = Extract<AccountEvent, { type: 'UserRegistered' }>;

const registerUser = (over: Partial<RegisterUser> = {}): RegisterUser => ({
  type: 'RegisterUser',
  userId: 'user-1',
  orgId: 'org-1',
  email: 'alice@example.com',
  name: 'Alice',
  roles: ['owner'],
  passwordHash: '$argon2id$hash',
  now: NOW,
  ...over,
});

const userRegistered = (over: Partial<UserRegistered['data']> = {}): UserRegistered => ({
  type: 'UserRegistered',
  data: {
    userId: 'user-1',
    orgId: 'org-1',
    email: 'alice@example.com',
    name: 'Alice',
    roles: ['owner'],
    passwordHash: '$argon2id$hash',
    registeredAt: NOW,
    ...over,
  },
});

const startSession = (sessionId = 'session-1'): AccountCommand => ({
  type: 'StartSession',
  sessionId,
  now: NOW,
  expiresAt: EXPIRES,
});
const sessionStarted = (sessionId = 'session-1'): AccountEvent => ({
  type: 'SessionStarted',
  data: {
    userId: 'user-1',
    orgId: 'org-1',
    sessionId,
    startedAt: NOW,
    expiresAt: EXPIRES,
  },
});
const endSession = (sessionId = 'session-1'): AccountCommand => ({
  type: 'EndSession',
  sessionId,
  now: LATER,
});
const sessionEnded = (sessionId = 'session-1'): AccountEvent => ({
  type: 'SessionEnded',
  data: {
    userId: 'user-1',
    orgId: 'org-1',
    sessionId,
    endedAt: LATER,
    reason: 'sign_out',
  },
});

describe('account decider: registration (A1 first user, A4 sign-in accounts)', () => {
  it('registers a person with their roles and only the password hash', () => given(account).when(registerUser()).then([userRegistered()]));

  it('stores the e-mail address trimmed and in lower case, so sign-in is not case sensitive', () =>
    given(account)
      .when(registerUser({ email: '  Alice@Example.COM ' }))
      .then([userRegistered()]));

  it.each([
    ['that has no @', 'alice.example.com'],
    ['whose domain has no dot', 'alice@example'],
    ['that has a space inside', 'ali ce@example.com'],
    ['that has two @', 'alice@@example.com'],
    ['that is blank', '   '],
    ['that is longer than 254 characters', `${'a'.repeat(250)}@example.com`],
  ])('refuses an e-mail address %s', (_why, email) => given(account).when(registerUser({ email })).thenThrows('INVALID', 'not a valid e-mail address'));

  it('refuses an account without any role', () =>
    given(account)
      .when(registerUser({ roles: [] }))
      .thenThrows('INVALID', 'at least one role'));

  it('records each role once even when it was sent twice', () =>
    given(account)
      .when(registerUser({ roles: ['admin', 'agent', 'admin'] }))
      .then([userRegistered({ roles: ['admin', 'agent'] })]));

  it('trims the name and refuses an empty one', () => {
    given(account)
      .when(registerUser({ name: '  Alice  ' }))
      .then([userRegistered()]);
    given(account)
      .when(registerUser({ name: ' ' }))
      .thenThrows('INVALID', 'name must not be empty');
  });

  it('refuses a name longer than 64 characters', () =>
    given(account)
      .when(registerUser({ name: 'n'.repeat(65) }))
      .thenThrows('INVALID', 'at most 64'));

  it('answers a retried registration (same address, same organisation) as the first time', () =>
    given(account, userRegistered())
      .when(registerUser({ email: 'ALICE@example.com ' }))
      .then([]));

  it('refuses to register over an existing account with another address', () =>
    given(account, userRegistered())
      .when(registerUser({ email: 'bob@example.com' }))
      .thenThrows('CONFLICT', 'already exists'));

  it('refuses to register over an existing account from another organisation', () =>
    given(account, userRegistered())
      .when(registerUser({ orgId: 'org-2' }))
      .thenThrows('CONFLICT', 'already exists'));
});

describe('account decider: sessions (A4 sign-in, sign-out)', () => {
  it('starts a session with its expiry', () => given(account, userRegistered()).when(startSession()).then([sessionStarted()]));

  it('cannot start a session for an account that does not exist', () => given(account).when(startSession()).thenThrows('NOT_FOUND', 'no such account'));

  it('answers a retried sign-in with the same session id without starting a second session', () =>
    given(account, userRegistered(), sessionStarted()).when(startSession()).then([]));

  it('keeps several sessions open side by side (several devices)', () =>
    given(account, userRegistered(), sessionStarted('session-1'))
      .when(startSession('session-2'))
      .then([sessionStarted('session-2')]));

  it('ends an open session on sign-out', () => given(account, userRegistered(), sessionStarted()).when(endSession()).then([sessionEnded()]));

  it('answers a second sign-out of the same session with nothing new', () =>
    given(account, userRegistered(), sessionStarted(), sessionEnded()).when(endSession()).then([]));

  it('ignores the sign-out of a session that was never started', () => given(account, userRegistered()).when(endSession('session-unknown')).then([]));

  it('ends only the session that signed out, the others stay open', () => {
    const s = given(account, userRegistered(), sessionStarted('session-1'), sessionStarted('session-2'), sessionEnded('session-1')).state;
    expect(s.sessions).toEqual({ 'session-2': EXPIRES });
  });
});

const claim = (over: Partial<EmailClaimCommand> = {}): EmailClaimCommand => ({
  type: 'ClaimEmail',
  email: 'alice@example.com',
  userId: 'user-1',
  orgId: 'org-1',
  now: NOW,
  ...over,
});
const claimed = (over: Partial<EmailClaimEvent['data']> = {}): EmailClaimEvent => ({
  type: 'EmailClaimed',
  data: {
    email: 'alice@example.com',
    userId: 'user-1',
    orgId: 'org-1',
    claimedAt: NOW,
    ...over,
  },
});

describe('e-mail claim decider (A1/A4 one account per e-mail address)', () => {
  it('claims a free address for the registering person', () => given(emailClaim).when(claim()).then([claimed()]));

  it('claims the address in its normalised form (trimmed, lower case)', () =>
    given(emailClaim)
      .when(claim({ email: ' ALICE@Example.com' }))
      .then([claimed()]));

  it('refuses an invalid address', () =>
    given(emailClaim)
      .when(claim({ email: 'alice' }))
      .thenThrows('INVALID', 'e-mail'));

  it('refuses an address already claimed by another person', () =>
    given(emailClaim, claimed())
      .when(claim({ userId: 'user-2', orgId: 'org-2' }))
      .thenThrows('CONFLICT', 'already registered'));

  it('answers a retried claim by the same person as the first time', () => given(emailClaim, claimed()).when(claim()).then([]));
});

describe('normaliseEmail (A4)', () => {
  it('trims and lower-cases an address', () => expect(normaliseEmail('  Bob.Smith@Mail.Example.ORG ')).toBe('bob.smith@mail.example.org'));

  it('accepts an address of exactly 254 characters and refuses 255', () => {
    const local = 'a'.repeat(254 - '@example.com'.length);
    expect(normaliseEmail(`${local}@example.com`)).toHaveLength(254);
    expect(() => normaliseEmail(`a${local}@example.com`)).toThrow('not a valid e-mail address');
  });
});

const ended = (sessionId: string, reason: SessionEndReason, at = LATER): AccountEvent => ({
  type: 'SessionEnded',
  data: { userId: 'user-1', orgId: 'org-1', sessionId, endedAt: at, reason },
});
const OWNER: AccountActor = { userId: 'user-owner', orgId: 'org-1', roles: ['owner', 'admin', 'agent'] };
const ADMIN: AccountActor = { userId: 'user-admin', orgId: 'org-1', roles: ['admin'] };
const OTHER_ORG_OWNER: AccountActor = { userId: 'user-x', orgId: 'org-2', roles: ['owner', 'admin', 'agent'] };
const agentRegistered = userRegistered({ roles: ['agent'] });
const deactivated: AccountEvent = { type: 'AccountDeactivated', data: { userId: 'user-1', orgId: 'org-1', by: 'user-owner', deactivatedAt: NOW } };

describe('account decider: employees added by e-mail or phone (A2)', () => {
  it('adds an employee who signs in by phone only, recording who added them', () =>
    given(account)
      .when(registerUser({ email: '', phone: '138 0013 8000', roles: ['agent'], addedBy: 'user-owner' }))
      .then([userRegistered({ email: '', phone: '13800138000', roles: ['agent'], addedBy: 'user-owner' })]));

  it('adds an employee with both an e-mail address and a phone number', () =>
    given(account)
      .when(registerUser({ phone: '+86 138-0013-8000' }))
      .then([userRegistered({ phone: '13800138000' })]));

  it('refuses an employee with neither an e-mail address nor a phone number', () =>
    given(account)
      .when(registerUser({ email: '' }))
      .thenThrows('INVALID', 'e-mail address or a phone number'));

  it('refuses a phone number that is not one', () =>
    given(account)
      .when(registerUser({ email: '', phone: '12345' }))
      .thenThrows('INVALID', 'not a phone number'));

  it('refuses a role that does not exist', () =>
    given(account)
      .when(registerUser({ roles: ['superuser' as never] }))
      .thenThrows('INVALID', 'unknown role'));
});

describe('account decider: deactivated accounts cannot sign in (A2, A4)', () => {
  it('refuses to start a session for a deactivated account', () =>
    given(account, userRegistered(), deactivated).when(startSession()).thenThrows('UNAUTHENTICATED', 'deactivated'));
});

describe('account decider: sign out everywhere (A4)', () => {
  it('ends every live session of the account, the current one included', () =>
    given(account, userRegistered(), sessionStarted('s1'), sessionStarted('s2'))
      .when({ type: 'EndAllSessions', now: LATER })
      .then([ended('s1', 'sign_out_everywhere'), ended('s2', 'sign_out_everywhere')]));

  it('leaves sessions that already expired alone (they are dead anyway)', () =>
    given(account, userRegistered(), sessionStarted('s1')).when({ type: 'EndAllSessions', now: '2024-06-01T00:00:00.000Z' }).then([]));

  it('records nothing when no session is open', () => given(account, userRegistered()).when({ type: 'EndAllSessions', now: LATER }).then([]));
});

describe('account decider: change password (A2 own password; A4 a password change ends every other session)', () => {
  const change = (over: Partial<Extract<AccountCommand, { type: 'ChangePassword' }>> = {}): AccountCommand => ({
    type: 'ChangePassword',
    currentPasswordVerified: true,
    passwordHash: '$argon2id$new',
    keepSessionId: 's1',
    now: LATER,
    ...over,
  });

  it('records the new hash and ends every other live session, keeping the one that changed it', () =>
    given(account, userRegistered(), sessionStarted('s1'), sessionStarted('s2'), sessionStarted('s3'))
      .when(change())
      .then([
        { type: 'PasswordChanged', data: { userId: 'user-1', orgId: 'org-1', passwordHash: '$argon2id$new', changedAt: LATER } },
        ended('s2', 'password_changed'),
        ended('s3', 'password_changed'),
      ]));

  it('refuses when the current password was wrong', () =>
    given(account, userRegistered(), sessionStarted('s1'))
      .when(change({ currentPasswordVerified: false }))
      .thenThrows('FORBIDDEN', 'current password'));

  it('the new hash is what sign-in checks afterwards', () => {
    const s = given(account, userRegistered(), {
      type: 'PasswordChanged',
      data: { userId: 'user-1', orgId: 'org-1', passwordHash: 'h2', changedAt: LATER },
    }).state;
    expect(s.passwordHash).toBe('h2');
  });

  it('refuses a deactivated account', () => given(account, userRegistered(), deactivated).when(change()).thenThrows('UNAUTHENTICATED'));
});

describe('account decider: roles (A3 owner / admin / agent, several per person)', () => {
  const setRoles = (actor: AccountActor, roles: ('owner' | 'admin' | 'agent')[], founder = false): AccountCommand => ({
    type: 'SetRoles',
    actor,
    roles,
    founder,
    now: LATER,
  });
  const rolesChanged = (roles: ('owner' | 'admin' | 'agent')[], previous: ('owner' | 'admin' | 'agent')[], by: string): AccountEvent => ({
    type: 'RolesChanged',
    data: { userId: 'user-1', orgId: 'org-1', roles, previous, by, changedAt: LATER },
  });

  it('an admin makes an agent also an admin', () =>
    given(account, agentRegistered)
      .when(setRoles(ADMIN, ['agent', 'admin']))
      .then([rolesChanged(['admin', 'agent'], ['agent'], 'user-admin')]));

  it('records nothing when the roles are the same', () =>
    given(account, agentRegistered)
      .when(setRoles(ADMIN, ['agent']))
      .then([]));

  it('only an owner may give the owner role', () => {
    given(account, agentRegistered)
      .when(setRoles(ADMIN, ['owner']))
      .thenThrows('FORBIDDEN', 'only an owner');
    given(account, agentRegistered)
      .when(setRoles(OWNER, ['owner', 'agent']))
      .then([rolesChanged(['owner', 'agent'], ['agent'], 'user-owner')]);
  });

  it("an admin cannot change an owner's roles", () =>
    given(account, userRegistered({ roles: ['owner', 'admin'] }))
      .when(setRoles(ADMIN, ['admin']))
      .thenThrows('FORBIDDEN', 'only an owner'));

  it('nobody changes their own roles (no locking yourself out, no promoting yourself)', () =>
    given(account, userRegistered({ userId: 'user-admin', roles: ['admin'] }))
      .when(setRoles(ADMIN, ['owner', 'admin']))
      .thenThrows('FORBIDDEN', 'your own roles'));

  it('the organisation’s registrant keeps the owner role', () =>
    given(account, userRegistered({ roles: ['owner', 'admin', 'agent'] }))
      .when(setRoles(OWNER, ['admin'], true))
      .thenThrows('RULE_VIOLATED', 'stays its owner'));

  it('refuses an empty list of roles', () => given(account, agentRegistered).when(setRoles(OWNER, [])).thenThrows('INVALID', 'at least one role'));

  it("another organisation's account is answered as if it did not exist", () =>
    given(account, agentRegistered)
      .when(setRoles(OTHER_ORG_OWNER, ['admin']))
      .thenThrows('NOT_FOUND', 'no such employee'));
});

describe('account decider: deactivate and reactivate (A2)', () => {
  const deactivate = (actor: AccountActor, founder = false): AccountCommand => ({ type: 'Deactivate', actor, founder, now: LATER });
  const deactivatedBy = (by: string): AccountEvent => ({ type: 'AccountDeactivated', data: { userId: 'user-1', orgId: 'org-1', by, deactivatedAt: LATER } });

  it('deactivates an employee and ends every live session of theirs', () =>
    given(account, agentRegistered, sessionStarted('s1'), sessionStarted('s2'))
      .when(deactivate(ADMIN))
      .then([deactivatedBy('user-admin'), ended('s1', 'deactivated'), ended('s2', 'deactivated')]));

  it('answers a second deactivation with nothing new', () => given(account, agentRegistered, deactivated).when(deactivate(ADMIN)).then([]));

  it('nobody deactivates themselves', () =>
    given(account, agentRegistered)
      .when(deactivate({ ...ADMIN, userId: 'user-1' }))
      .thenThrows('RULE_VIOLATED', 'your own account'));

  it('the registrant of the organisation cannot be deactivated', () =>
    given(account, userRegistered({ roles: ['owner'] }))
      .when(deactivate(OWNER, true))
      .thenThrows('RULE_VIOLATED', 'cannot be deactivated'));

  it('an admin cannot deactivate an owner', () =>
    given(account, userRegistered({ roles: ['owner'] }))
      .when(deactivate(ADMIN))
      .thenThrows('FORBIDDEN', 'only an owner'));

  it("another organisation's account is answered as if it did not exist", () =>
    given(account, agentRegistered).when(deactivate(OTHER_ORG_OWNER)).thenThrows('NOT_FOUND', 'no such employee'));

  it('reactivates a deactivated employee, who can then sign in again', () => {
    const reactivated: AccountEvent = { type: 'AccountReactivated', data: { userId: 'user-1', orgId: 'org-1', by: 'user-admin', reactivatedAt: LATER } };
    given(account, agentRegistered, deactivated).when({ type: 'Reactivate', actor: ADMIN, now: LATER }).then([reactivated]);
    given(account, agentRegistered, deactivated, reactivated).when(startSession()).then([sessionStarted()]);
  });

  it('answers reactivating an active employee with nothing new', () =>
    given(account, agentRegistered).when({ type: 'Reactivate', actor: ADMIN, now: LATER }).then([]));
});

describe('normalisePhone and checkPassword (A2, A4 sign-in by phone)', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['+852 9123 4567', '+85291234567'],
    ['+1 (415) 555-0100', '+14155550100'],
  ])('reads %s as %s', (input, expected) => expect(normalisePhone(input)).toBe(expected));

  it.each([['12345'], ['abc'], ['23800138000'], [''], ['+0123456789']])('refuses %p', (input) =>
    expect(() => normalisePhone(input)).toThrow('not a phone number'),
  );

  it('accepts 8 to 200 characters', () => {
    expect(() => checkPassword('1234567')).toThrow('at least 8');
    expect(() => checkPassword('12345678')).not.toThrow();
    expect(() => checkPassword('x'.repeat(201))).toThrow('at most 200');
  });
});

describe('phone claim decider (A2/A4 one account per phone number)', () => {
  const claimPhone = (userId = 'user-1'): Parameters<typeof phoneClaim.decide>[0] => ({
    type: 'ClaimPhone',
    phone: '+86 13800138000',
    userId,
    orgId: 'org-1',
    now: NOW,
  });
  const phoneClaimed = { type: 'PhoneClaimed' as const, data: { phone: '13800138000', userId: 'user-1', orgId: 'org-1', claimedAt: NOW } };

  it('claims a free number in its normalised form', () => given(phoneClaim).when(claimPhone()).then([phoneClaimed]));
  it('refuses a number claimed by someone else', () => given(phoneClaim, phoneClaimed).when(claimPhone('user-2')).thenThrows('CONFLICT', 'already registered'));
  it('answers a retried claim as the first time', () => given(phoneClaim, phoneClaimed).when(claimPhone()).then([]));
});

describe('account decider: an owner or admin resets a password (A2)', () => {
  const reset = (actor: AccountActor): AccountCommand => ({ type: 'ResetPassword', actor, passwordHash: 'hash-new', now: LATER });
  const resetBy = (by: string): AccountEvent => ({
    type: 'PasswordChanged',
    data: { userId: 'user-1', orgId: 'org-1', passwordHash: 'hash-new', changedAt: LATER, by },
  });

  it('sets the new password, records who set it, and ends every session of the person', () =>
    given(account, agentRegistered, sessionStarted('s1'), sessionStarted('s2'))
      .when(reset(ADMIN))
      .then([resetBy('user-admin'), ended('s1', 'password_changed'), ended('s2', 'password_changed')]));

  it('nobody resets their own password this way (they change it with the current one)', () =>
    given(account, userRegistered({ userId: 'user-admin', roles: ['admin'] }))
      .when(reset(ADMIN))
      .thenThrows('RULE_VIOLATED', 'your own password'));

  it("only an owner resets an owner's password", () =>
    given(account, userRegistered({ roles: ['owner', 'admin'] }))
      .when(reset(ADMIN))
      .thenThrows('FORBIDDEN', 'only an owner'));

  it("another organisation's account is answered as if it did not exist", () =>
    given(account, agentRegistered).when(reset(OTHER_ORG_OWNER)).thenThrows('NOT_FOUND', 'no such employee'));
});

describe('account decider: an owner or admin corrects a name (A2)', () => {
  const rename = (actor: AccountActor, name: string): AccountCommand => ({ type: 'Rename', actor, name, now: LATER });
  const renamed = (name: string, previous: string, by: string): AccountEvent => ({
    type: 'UserRenamed',
    data: { userId: 'user-1', orgId: 'org-1', name, previous, by, renamedAt: LATER },
  });

  it('records the new name, trimmed, with the one it replaces and who changed it', () =>
    given(account, agentRegistered)
      .when(rename(ADMIN, '  Alice Wang '))
      .then([renamed('Alice Wang', 'Alice', 'user-admin')]));

  it('the account then carries the new name; the same name again changes nothing', () => {
    const state = given(account, agentRegistered, renamed('Alice Wang', 'Alice', 'user-admin')).state;
    expect(state.name).toBe('Alice Wang');
    return given(account, agentRegistered, renamed('Alice Wang', 'Alice', 'user-admin'))
      .when(rename(ADMIN, 'Alice Wang'))
      .then([]);
  });

  it.each([
    ['   ', 'must not be empty'],
    ['名'.repeat(65), 'at most 64'],
  ])('refuses the name %j', (name, reason) => given(account, agentRegistered).when(rename(ADMIN, name)).thenThrows('INVALID', reason));

  it('only an owner renames another owner; an owner may rename themselves', () => {
    given(account, userRegistered({ roles: ['owner', 'admin'] }))
      .when(rename(ADMIN, 'x'))
      .thenThrows('FORBIDDEN', 'only an owner');
    return given(account, userRegistered({ userId: 'user-1', roles: ['owner'] }))
      .when(rename({ userId: 'user-1', orgId: 'org-1', roles: ['owner'] }, 'Alice W.'))
      .then([renamed('Alice W.', 'Alice', 'user-1')]);
  });

  it("another organisation's account is answered as if it did not exist", () =>
    given(account, agentRegistered).when(rename(OTHER_ORG_OWNER, 'x')).thenThrows('NOT_FOUND', 'no such employee'));
});

describe('account decider: a person’s own canned responses (B5)', () => {
  const set = (responses: { shortcut: string; text: string }[]): AccountCommand => ({ type: 'SetCannedResponses', responses, now: LATER });

  it('records the whole list, checked like a site’s; the same list again records nothing', () => {
    given(account, agentRegistered)
      .when(set([{ shortcut: '/bye', text: ' 再见，祝您愉快！ ' }]))
      .then([
        {
          type: 'PersonalCannedResponsesSet',
          data: { userId: 'user-1', orgId: 'org-1', responses: [{ shortcut: 'bye', text: '再见，祝您愉快！' }], at: LATER },
        },
      ]);
    const state = given(account, agentRegistered, {
      type: 'PersonalCannedResponsesSet',
      data: { userId: 'user-1', orgId: 'org-1', responses: [{ shortcut: 'bye', text: '再见' }], at: LATER },
    }).state;
    expect(state.cannedResponses).toEqual([{ shortcut: 'bye', text: '再见' }]);
    return given(account, agentRegistered, {
      type: 'PersonalCannedResponsesSet',
      data: { userId: 'user-1', orgId: 'org-1', responses: [{ shortcut: 'bye', text: '再见' }], at: LATER },
    })
      .when(set([{ shortcut: 'bye', text: '再见' }]))
      .then([]);
  });

  it('refuses a duplicate shortcut, and any change to a deactivated or unknown account', () => {
    given(account, agentRegistered)
      .when(
        set([
          { shortcut: 'a', text: 'x' },
          { shortcut: 'A', text: 'y' },
        ]),
      )
      .thenThrows('INVALID', 'appears twice');
    given(account).when(set([])).thenThrows('UNAUTHENTICATED');
    return given(account, agentRegistered, { type: 'AccountDeactivated', data: { userId: 'user-1', orgId: 'org-1', by: 'user-admin', deactivatedAt: NOW } })
      .when(set([]))
      .thenThrows('UNAUTHENTICATED');
  });
});
