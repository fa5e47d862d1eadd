import { given } from '../testing/given';
import { organisation, type OrganisationCommand, type OrganisationEvent } from './organisation';

const NOW = '2024-05-01T08:00:00.000Z';

type Register = Extract<OrganisationCommand, { type: 'RegisterOrganisation' }>;
type Registered = Extract<OrganisationEvent, { type: 'OrganisationRegistered' }>;

const register = (over: Partial<Register> = {}): Register => ({
  type: 'RegisterOrganisation',
  orgId: 'org-1',
  name: 'Example Shop',
  website: 'https://www.example.com',
  ownerUserId: 'user-owner',
  now: NOW,
  ...over,
});

const registered = (over: Partial<Registered['data']> = {}): Registered => ({
  type: 'OrganisationRegistered',
  data: {
    orgId: 'org-1',
    name: 'Example Shop',
    website: 'https://www.example.com',
    ownerUserId: 'user-owner',
    registeredAt: NOW,
    ...over,
  },
});

describe('organisation decider (A1 register an organisation)', () => {
  it('registers a new organisation with the first user as its owner', () => given(organisation).when(register()).then([registered()]));

  it('trims the name and the website the owner typed', () =>
    given(organisation)
      .when(
        register({
          name: '  Example Shop \n',
          website: ' https://www.example.com  ',
        }),
      )
      .then([registered()]));

  it('removes invisible control characters from the name', () =>
    given(organisation)
      .when(register({ name: 'Example\u0007 Shop' }))
      .then([registered()]));

  it('refuses an empty name', () =>
    given(organisation)
      .when(register({ name: '   ' }))
      .thenThrows('INVALID', 'organisation name'));

  it('refuses a name longer than 100 characters', () =>
    given(organisation)
      .when(register({ name: 'x'.repeat(101) }))
      .thenThrows('INVALID', 'at most 100'));

  it('accepts a name of exactly 100 characters', () =>
    given(organisation)
      .when(register({ name: 'x'.repeat(100) }))
      .then([registered({ name: 'x'.repeat(100) })]));

  it('refuses an empty website', () =>
    given(organisation)
      .when(register({ website: '' }))
      .thenThrows('INVALID', 'website'));

  it('refuses a website longer than 200 characters', () =>
    given(organisation)
      .when(register({ website: `https://${'a'.repeat(200)}.com` }))
      .thenThrows('INVALID', 'at most 200'));

  it('answers a retried registration by the same owner as the first time, registering nothing new', () =>
    given(organisation, registered()).when(register()).then([]));

  it('refuses to register an organisation that someone else already registered', () =>
    given(organisation, registered())
      .when(register({ ownerUserId: 'user-intruder' }))
      .thenThrows('CONFLICT', 'already registered'));
});

describe('organisation decider (A1 the owner edits the organisation profile)', () => {
  const change = (over: Partial<Extract<OrganisationCommand, { type: 'ChangeOrganisationProfile' }>> = {}): OrganisationCommand => ({
    type: 'ChangeOrganisationProfile',
    orgId: 'org-1',
    by: 'user-owner',
    now: NOW,
    ...over,
  });

  it('records a new name and website with who changed them', () =>
    given(organisation, registered())
      .when(change({ name: ' New Shop ', website: 'https://new.example.com' }))
      .then([
        {
          type: 'OrganisationProfileChanged',
          data: { orgId: 'org-1', changes: { name: 'New Shop', website: 'https://new.example.com' }, by: 'user-owner', at: NOW },
        },
      ]));

  it('records only what changed', () =>
    given(organisation, registered())
      .when(change({ name: 'Example Shop', website: 'https://shop.example.com' }))
      .then([{ type: 'OrganisationProfileChanged', data: { orgId: 'org-1', changes: { website: 'https://shop.example.com' }, by: 'user-owner', at: NOW } }]));

  it('records nothing when nothing differs', () =>
    given(organisation, registered())
      .when(change({ name: 'Example Shop' }))
      .then([]));

  it('refuses a request that changes nothing at all', () => given(organisation, registered()).when(change()).thenThrows('INVALID', 'nothing to change'));

  it('refuses an empty name', () =>
    given(organisation, registered())
      .when(change({ name: '  ' }))
      .thenThrows('INVALID', 'organisation name'));

  it('answers an organisation that does not exist with NOT_FOUND', () =>
    given(organisation)
      .when(change({ name: 'x' }))
      .thenThrows('NOT_FOUND'));
});
