import { given } from '../testing/given';
import { account, emailClaim, normaliseEmail, type AccountCommand, type AccountEvent, type EmailClaimCommand, type EmailClaimEvent } from './account';

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
