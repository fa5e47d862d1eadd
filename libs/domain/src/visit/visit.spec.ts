import { given } from '../testing/given';
import { visit, type VisitCommand, type VisitEvent } from './visit';

const T0 = '2024-05-01T08:00:00.000Z';
const T1 = '2024-05-01T08:01:00.000Z';
const T2 = '2024-05-01T08:30:00.000Z';

type ViewPage = Extract<VisitCommand, { type: 'ViewPage' }>;
type VisitStarted = Extract<VisitEvent, { type: 'VisitStarted' }>;
type PageViewed = Extract<VisitEvent, { type: 'PageViewed' }>;

const ids = {
  orgId: 'org-1',
  siteId: 'site-1',
  visitId: 'visit-1',
  visitorId: 'visitor-1',
};

const viewPage = (over: Partial<ViewPage> = {}): ViewPage => ({
  type: 'ViewPage',
  ...ids,
  returning: false,
  url: 'https://www.example.com/',
  title: 'Home',
  referrer: 'https://search.example.net/?q=shoes',
  userAgent: 'Mozilla/5.0',
  ip: '203.0.113.7',
  now: T0,
  ...over,
});

const visitStarted = (over: Partial<VisitStarted['data']> = {}): VisitStarted => ({
  type: 'VisitStarted',
  data: {
    ...ids,
    returning: false,
    entryUrl: 'https://www.example.com/',
    entryTitle: 'Home',
    referrer: 'https://search.example.net/?q=shoes',
    userAgent: 'Mozilla/5.0',
    ip: '203.0.113.7',
    startedAt: T0,
    visitorKind: over.returning ? 'returning' : 'new',
    region: { country: '', province: '', city: '', isp: '' },
    source: { kind: 'referral', host: 'search.example.net', engine: '', keyword: '' },
    device: { type: 'other', os: '', browser: '' },
    ...over,
  },
});

const pageViewed = (over: Partial<PageViewed['data']> = {}): PageViewed => ({
  type: 'PageViewed',
  data: {
    ...ids,
    url: 'https://www.example.com/',
    title: 'Home',
    at: T0,
    referrer: 'https://search.example.net/?q=shoes',
    ...over,
  },
});

const endVisit = (reason: 'inactive' | 'closed' = 'inactive'): VisitCommand => ({ type: 'EndVisit', visitId: 'visit-1', reason, now: T2 });
const visitEnded = (reason: 'inactive' | 'closed' = 'inactive'): VisitEvent => ({
  type: 'VisitEnded',
  data: { ...ids, endedAt: T2, reason },
});

const secondPage = {
  url: 'https://www.example.com/shoes',
  title: 'Shoes',
  now: T1,
};

describe('visit decider (K1 every visit is recorded)', () => {
  it('starts the visit on its first page: the visit and the page view are both recorded', () =>
    given(visit).when(viewPage()).then([visitStarted(), pageViewed()]));

  it('remembers whether the visitor came back', () =>
    given(visit)
      .when(viewPage({ returning: true }))
      .then([visitStarted({ returning: true }), pageViewed()]));

  it('records only a page view for later pages of the same visit', () =>
    given(visit, visitStarted(), pageViewed())
      .when(viewPage(secondPage))
      .then([
        pageViewed({
          url: 'https://www.example.com/shoes',
          title: 'Shoes',
          at: T1,
        }),
      ]));

  it('records a reload of the same page as another page view', () =>
    given(visit, visitStarted(), pageViewed())
      .when(viewPage({ now: T1 }))
      .then([pageViewed({ at: T1 })]));

  it('accepts a page without a title and without a referrer', () =>
    given(visit)
      .when(viewPage({ title: '', referrer: '' }))
      .then([
        visitStarted({ entryTitle: '', referrer: '', source: { kind: 'direct', host: '', engine: '', keyword: '' } }),
        pageViewed({ title: '', referrer: undefined }),
      ]));

  it('trims the URL and title and strips control characters from the title', () =>
    given(visit)
      .when(viewPage({ url: ' https://www.example.com/ ', title: ' Ho\u0000me ' }))
      .then([visitStarted(), pageViewed()]));

  it('keeps at most 500 characters of the browser description', () =>
    given(visit)
      .when(viewPage({ userAgent: 'U'.repeat(600) }))
      .then([visitStarted({ userAgent: 'U'.repeat(500) }), pageViewed()]));

  it('accepts http and HTTPS (any case) page URLs', () =>
    given(visit)
      .when(viewPage({ url: 'HTTP://www.example.com/' }))
      .then([visitStarted({ entryUrl: 'HTTP://www.example.com/' }), pageViewed({ url: 'HTTP://www.example.com/' })]));

  it.each([
    ['javascript', 'javascript:alert(1)'],
    ['file', 'file:///C:/secret.txt'],
    ['relative', '/shoes'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
  ])('refuses a %s page URL: only http(s) pages are visits', (_why, url) => given(visit).when(viewPage({ url })).thenThrows('INVALID', 'http(s) URL'));

  it('refuses an empty page URL', () =>
    given(visit)
      .when(viewPage({ url: ' ' }))
      .thenThrows('INVALID', 'page url must not be empty'));

  it('refuses a page URL longer than 2000 characters', () =>
    given(visit)
      .when(viewPage({ url: `https://www.example.com/${'a'.repeat(2000)}` }))
      .thenThrows('INVALID', 'at most 2000'));

  it('refuses a page title longer than 300 characters', () =>
    given(visit)
      .when(viewPage({ title: 't'.repeat(301) }))
      .thenThrows('INVALID', 'at most 300'));

  it('does not let another visitor write pages into this visit', () =>
    given(visit, visitStarted(), pageViewed())
      .when(viewPage({ ...secondPage, visitorId: 'visitor-2' }))
      .thenThrows('FORBIDDEN', 'belongs to someone else'));

  it('does not let another site write pages into this visit', () =>
    given(visit, visitStarted(), pageViewed())
      .when(viewPage({ ...secondPage, siteId: 'site-2' }))
      .thenThrows('FORBIDDEN', 'belongs to someone else'));

  it('ends a visit after inactivity', () =>
    given(visit, visitStarted(), pageViewed())
      .when(endVisit('inactive'))
      .then([visitEnded('inactive')]));

  it('ends a visit when the visitor closes the site', () =>
    given(visit, visitStarted(), pageViewed())
      .when(endVisit('closed'))
      .then([visitEnded('closed')]));

  it('refuses a page view in an ended visit and asks for a new visit', () =>
    given(visit, visitStarted(), pageViewed(), visitEnded()).when(viewPage(secondPage)).thenThrows('RULE_VIOLATED', 'start a new visit'));

  it('answers ending an ended visit again with nothing new', () => given(visit, visitStarted(), pageViewed(), visitEnded()).when(endVisit('closed')).then([]));

  it('answers ending a visit that never started with nothing', () => given(visit).when(endVisit()).then([]));

  it('counts the pages viewed in a visit', () => expect(given(visit, visitStarted(), pageViewed(), pageViewed({ at: T1 })).state.pages).toBe(2));
});

describe('visit decider: enrichment (K1 region, source, device, new/returning for B1 and the reports)', () => {
  const region = { country: '中国', province: '江苏省', city: '南京市', isp: '联通' };
  const device = { type: 'mobile' as const, os: 'iOS', browser: 'WeChat' };

  it('records the region and device the server looked up, and the visitor kind', () => {
    const [started] = visit.decide(viewPage({ region, device, returning: true }), visit.initialState);
    expect(started?.type === 'VisitStarted' && started.data).toMatchObject({ region, device, visitorKind: 'returning', returning: true });
  });

  it('calls a first-time visitor new', () => {
    const [started] = visit.decide(viewPage(), visit.initialState);
    expect(started?.type === 'VisitStarted' && started.data.visitorKind).toBe('new');
  });

  it('derives the source from the referrer: a Baidu search with its keyword', () => {
    const [started] = visit.decide(viewPage({ referrer: 'https://www.baidu.com/s?wd=%E5%AE%A2%E6%9C%8D' }), visit.initialState);
    expect(started?.type === 'VisitStarted' && started.data.source).toEqual({ kind: 'search', host: 'www.baidu.com', engine: 'baidu', keyword: '客服' });
  });

  it('counts a referrer from the site itself as a direct visit', () => {
    const [started] = visit.decide(viewPage({ referrer: 'https://www.example.com/other' }), visit.initialState);
    expect(started?.type === 'VisitStarted' && started.data.source.kind).toBe('direct');
  });

  it('records unknown region and device as empty when the server could not tell', () => {
    const [started] = visit.decide(viewPage(), visit.initialState);
    expect(started?.type === 'VisitStarted' && started.data).toMatchObject({
      region: { country: '', province: '', city: '', isp: '' },
      device: { type: 'other', os: '', browser: '' },
    });
  });

  it('keeps the referrer of each later page view', () =>
    given(visit, visitStarted(), pageViewed())
      .when(viewPage({ ...secondPage, referrer: 'https://www.example.com/' }))
      .then([pageViewed({ url: 'https://www.example.com/shoes', title: 'Shoes', at: T1, referrer: 'https://www.example.com/' })]));
});
