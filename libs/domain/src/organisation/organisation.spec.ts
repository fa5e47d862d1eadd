import { given } from '../testing/given';
import { organisation, type OrganisationCommand, type OrganisationEvent } from './organisation';

const NOW = '2024-05-01T08:00:00.000Z';

const register = (over: Partial<OrganisationCommand> = {}): OrganisationCommand => ({
  type: 'RegisterOrganisation',
  orgId: 'org-1',
  name: 'Example Shop',
  website: 'https://www.example.com',
  ownerUserId: 'user-owner',
  now: NOW,
  ...over,
});

const registered = (over: Partial<OrganisationEvent['data']> = {}): OrganisationEvent => ({
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
