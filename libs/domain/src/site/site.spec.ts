import { given } from '../testing/given';
import { assertSiteOfOrg, hostOf, isAllowedHost, isValidTimeZone, normaliseDomain, site, type Language, type SiteCommand, type SiteEvent } from './site';

const NOW = '2024-05-01T08:00:00.000Z';

type CreateSite = Extract<SiteCommand, { type: 'CreateSite' }>;
type AssignAgent = Extract<SiteCommand, { type: 'AssignAgent' }>;
type SiteCreated = Extract<SiteEvent, { type: 'SiteCreated' }>;
type AgentAssigned = Extract<SiteEvent, { type: 'AgentAssignedToSite' }>;

const createSite = (over: Partial<CreateSite> = {}): CreateSite => ({
  type: 'CreateSite',
  orgId: 'org-1',
  siteId: 'site-1',
  name: 'Example Shop',
  url: 'https://www.example.com/shop',
  now: NOW,
  ...over,
});

const siteCreated = (over: Partial<SiteCreated['data']> = {}): SiteCreated => ({
  type: 'SiteCreated',
  data: {
    orgId: 'org-1',
    siteId: 'site-1',
    name: 'Example Shop',
    url: 'https://www.example.com/shop',
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    allowedDomains: ['www.example.com'],
    createdAt: NOW,
    ...over,
  },
});

const assignAgent = (over: Partial<AssignAgent> = {}): AssignAgent => ({
  type: 'AssignAgent',
  orgId: 'org-1',
  userId: 'user-7',
  userOrgId: 'org-1',
  nickname: 'Lily',
  now: NOW,
  ...over,
});

const agentAssigned = (over: Partial<AgentAssigned['data']> = {}): AgentAssigned => ({
  type: 'AgentAssignedToSite',
  data: {
    orgId: 'org-1',
    siteId: 'site-1',
    userId: 'user-7',
    nickname: 'Lily',
    assignedAt: NOW,
    jobNumber: '',
    email: '',
    phone: '',
    groupId: '',
    distribution: 'auto',
    regions: [],
    order: 0,
    maxChats: null,
    ...over,
  },
});

describe('site decider: create a site (D1 sites, language, allowed domains)', () => {
  it('creates a site in Chinese (zh-CN), Shanghai time, allowed on the host of its URL when nothing else is chosen', () =>
    given(site).when(createSite()).then([siteCreated()]));

  it('keeps the language, time zone and allowed domains the admin chose', () =>
    given(site)
      .when(
        createSite({
          language: 'en',
          timeZone: 'Europe/Paris',
          allowedDomains: ['example.com', 'shop.example.org'],
        }),
      )
      .then([
        siteCreated({
          language: 'en',
          timeZone: 'Europe/Paris',
          allowedDomains: ['example.com', 'shop.example.org'],
        }),
      ]));

  it('normalises allowed domains: trimmed, lower case, a leading "*." dropped, each listed once', () =>
    given(site)
      .when(
        createSite({
          allowedDomains: [' Example.COM ', '*.example.com', 'shop.example.org'],
        }),
      )
      .then([siteCreated({ allowedDomains: ['example.com', 'shop.example.org'] })]));

  it('falls back to the URL host when the admin gives an empty list of domains', () =>
    given(site)
      .when(createSite({ allowedDomains: [] }))
      .then([siteCreated()]));

  it('takes the host without the port and in lower case as the default allowed domain', () =>
    given(site)
      .when(createSite({ url: 'http://Shop.Example.com:8080/' }))
      .then([
        siteCreated({
          url: 'http://Shop.Example.com:8080/',
          allowedDomains: ['shop.example.com'],
        }),
      ]));

  it('trims the name and the URL', () =>
    given(site)
      .when(
        createSite({
          name: '  Example Shop ',
          url: ' https://www.example.com/shop ',
        }),
      )
      .then([siteCreated()]));

  it.each([
    ['not a URL at all', 'www example com'],
    ['a relative path', '/shop'],
    ['a bare host without scheme', 'www.example.com'],
  ])('refuses a URL that is %s', (_why, url) => given(site).when(createSite({ url })).thenThrows('INVALID', 'absolute http(s) URL'));

  it.each([
    ['ftp', 'ftp://files.example.com/'],
    ['javascript', 'javascript:alert(1)'],
    ['file', 'file:///etc/passwd'],
  ])('refuses a URL with the %s scheme: only http:// and https:// sites', (_why, url) =>
    given(site).when(createSite({ url })).thenThrows('INVALID', 'http:// or https://'),
  );

  it('refuses an empty URL', () =>
    given(site)
      .when(createSite({ url: '  ' }))
      .thenThrows('INVALID', 'url must not be empty'));

  it('refuses an unknown time zone and gives an example', () =>
    given(site)
      .when(createSite({ timeZone: 'Mars/Olympus' }))
      .thenThrows('INVALID', 'unknown time zone "Mars/Olympus"'));

  it('refuses an empty time zone', () =>
    given(site)
      .when(createSite({ timeZone: '' }))
      .thenThrows('INVALID', 'Asia/Shanghai'));

  it('refuses a language the product does not speak', () =>
    given(site)
      .when(createSite({ language: 'fr' as Language }))
      .thenThrows('INVALID', 'zh-CN, zh-TW, en'));

  it.each([
    ['that has a path', 'example.com/shop'],
    ['that has a scheme', 'https://example.com'],
    ['that has a space', 'exa mple.com'],
    ['that has no top-level domain', 'example'],
    ['that has an underscore', 'ex_ample.com'],
    ['that is empty', ''],
  ])('refuses an allowed domain %s', (_why, domain) =>
    given(site)
      .when(createSite({ allowedDomains: ['example.com', domain] }))
      .thenThrows('INVALID', 'is not a host name'),
  );

  it('refuses an empty name', () =>
    given(site)
      .when(createSite({ name: ' ' }))
      .thenThrows('INVALID', 'site name must not be empty'));

  it('refuses a name longer than 100 characters', () =>
    given(site)
      .when(createSite({ name: 's'.repeat(101) }))
      .thenThrows('INVALID', 'at most 100'));

  it('answers a retried creation by the same organisation as the first time', () => given(site, siteCreated()).when(createSite()).then([]));

  it('refuses a site id already taken by another organisation', () =>
    given(site, siteCreated())
      .when(createSite({ orgId: 'org-2' }))
      .thenThrows('CONFLICT', 'taken'));
});

describe('site decider: assign agents (D3 nickname required)', () => {
  it("assigns an employee of the site's organisation as an agent with a nickname", () =>
    given(site, siteCreated()).when(assignAgent()).then([agentAssigned()]));

  it('trims the nickname', () =>
    given(site, siteCreated())
      .when(assignAgent({ nickname: '  Lily \t' }))
      .then([agentAssigned()]));

  it('requires a nickname', () =>
    given(site, siteCreated())
      .when(assignAgent({ nickname: '   ' }))
      .thenThrows('INVALID', 'nickname must not be empty'));

  it('accepts a nickname of 32 characters and refuses 33', () => {
    given(site, siteCreated())
      .when(assignAgent({ nickname: 'n'.repeat(32) }))
      .then([agentAssigned({ nickname: 'n'.repeat(32) })]);
    given(site, siteCreated())
      .when(assignAgent({ nickname: 'n'.repeat(33) }))
      .thenThrows('INVALID', 'at most 32');
  });

  it('counts a nickname in characters, so 32 Chinese characters or emoji fit', () =>
    given(site, siteCreated())
      .when(assignAgent({ nickname: '客'.repeat(16) + '😀'.repeat(16) }))
      .then([agentAssigned({ nickname: '客'.repeat(16) + '😀'.repeat(16) })]));

  it('cannot assign a person of another organisation: answered as if they did not exist', () =>
    given(site, siteCreated())
      .when(assignAgent({ userOrgId: 'org-2' }))
      .thenThrows('NOT_FOUND', 'no such employee'));

  it("cannot assign agents to another organisation's site: answered as if it did not exist", () =>
    given(site, siteCreated())
      .when(assignAgent({ orgId: 'org-2', userOrgId: 'org-2' }))
      .thenThrows('NOT_FOUND', 'no such site'));

  it('cannot assign agents to a site that does not exist', () => given(site).when(assignAgent()).thenThrows('NOT_FOUND', 'no such site'));

  it('answers assigning the same person with the same nickname again with nothing new', () =>
    given(site, siteCreated(), agentAssigned())
      .when(assignAgent({ nickname: ' Lily ' }))
      .then([]));

  it("records a new nickname when an assigned agent's nickname changes", () =>
    given(site, siteCreated(), agentAssigned())
      .when(assignAgent({ nickname: 'Lily Chen' }))
      .then([{ type: 'SiteAgentUpdated', data: { orgId: 'org-1', siteId: 'site-1', userId: 'user-7', changes: { nickname: 'Lily Chen' }, at: NOW } }]));

  it('assigns several agents to one site, each next in order', () =>
    given(site, siteCreated(), agentAssigned())
      .when(assignAgent({ userId: 'user-8', nickname: 'Max' }))
      .then([agentAssigned({ userId: 'user-8', nickname: 'Max', order: 1 })]));
});

describe('site helpers (D1 allowed domains: where the widget may run)', () => {
  const allowed = ['example.com', 'shop.example.org'];

  it.each([
    ['the domain itself', 'example.com'],
    ['a sub-domain', 'www.example.com'],
    ['a deeper sub-domain', 'a.b.example.com'],
    ['the domain in upper case', 'WWW.Example.COM'],
    ['a second allowed domain', 'shop.example.org'],
  ])('lets the widget run on %s', (_why, host) => expect(isAllowedHost(host, allowed)).toBe(true));

  it.each([
    ['a look-alike with a dash', 'evil-example.com'],
    ['a look-alike without a dot', 'notexample.com'],
    ['the allowed domain used as a sub-domain of another site', 'example.com.evil.net'],
    ['a parent of an allowed sub-domain', 'example.org'],
    ['a sibling of an allowed sub-domain', 'blog.example.org'],
    ['an unrelated host', 'evil.net'],
    ['an empty host', ''],
  ])('refuses to let the widget run on %s', (_why, host) => expect(isAllowedHost(host, allowed)).toBe(false));

  // A domain typed with a port is stored as its host: pages are matched by host name.
  it('lets the widget run on a page of an allowed domain the admin typed with a port', () => {
    const created = given(site).when(createSite({ url: 'http://localhost:4200/', allowedDomains: ['localhost:4200'] }));
    created.then([siteCreated({ url: 'http://localhost:4200/', allowedDomains: ['localhost'] })]);
    expect(isAllowedHost(hostOf('http://localhost:4200/shop'), ['localhost'])).toBe(true);
  });

  it('lets the widget run nowhere when no domain is allowed', () => expect(isAllowedHost('example.com', [])).toBe(false));

  it('hostOf gives the lower-cased host of an http(s) URL and refuses other URLs', () => {
    expect(hostOf('https://WWW.Example.com:443/a?b#c')).toBe('www.example.com');
    expect(() => hostOf('mailto:a@example.com')).toThrow('http:// or https://');
    expect(() => hostOf('nonsense')).toThrow('absolute http(s) URL');
  });

  it('normaliseDomain accepts localhost, an IPv4 address, and drops a port typed with a host', () => {
    expect(normaliseDomain('localhost')).toBe('localhost');
    expect(normaliseDomain('127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseDomain('Example.com:8080')).toBe('example.com');
  });

  it('isValidTimeZone knows IANA zones and nothing else', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Asia/Atlantis')).toBe(false);
  });

  it("assertSiteOfOrg answers NOT_FOUND for a missing site or another organisation's site", () => {
    const created = given(site, siteCreated()).state;
    expect(() => assertSiteOfOrg(created, 'org-1')).not.toThrow();
    expect(() => assertSiteOfOrg(created, 'org-2')).toThrow('no such site');
    expect(() => assertSiteOfOrg(site.initialState, 'org-1')).toThrow('no such site');
    const deleted = given(site, siteCreated(), { type: 'SiteDeleted', data: { orgId: 'org-1', siteId: 'site-1', at: NOW } }).state;
    expect(() => assertSiteOfOrg(deleted, 'org-1')).toThrow('no such site');
  });
});
