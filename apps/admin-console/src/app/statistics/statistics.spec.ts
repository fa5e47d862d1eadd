import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import type { RegionsReport, SourcesReport, VisitorsReport } from '@kefu/contracts';
import { FakeFetch } from '@kefu/ui/testing';
import { site } from '../admin-fixtures';
import { todayIn } from '../reporting/period';
import { SAVE_FILE } from '../reporting/csv-export';
import { ConsolePage } from '../testing/console-page';

const figures = (visits: number, unique: number, chats: number, leaveMessages: number) => ({
  visits,
  uniqueVisitors: unique,
  chats,
  leaveMessages,
  kinds: { new: visits - 1, returning: 1, intent: 0, member: 0 },
});

const visitorsReport = (extra: Partial<VisitorsReport> = {}): VisitorsReport => ({
  siteId: 's1',
  timeZone: 'Asia/Shanghai',
  from: '2026-02-01',
  to: '2026-02-03',
  granularity: 'day',
  definitionVersion: 3,
  totals: { ...figures(12, 7, 4, 1), kinds: { new: 9, returning: 3, intent: 0, member: 0 }, shares: { new: 0.75, returning: 0.25, intent: 0, member: 0 } },
  series: [
    { bucket: '2026-02-01', ...figures(5, 4, 2, 0) },
    { bucket: '2026-02-02', ...figures(0, 0, 0, 0), kinds: { new: 0, returning: 0, intent: 0, member: 0 } },
    { bucket: '2026-02-03', ...figures(7, 5, 2, 1) },
  ],
  ...extra,
});

function server(): FakeFetch {
  return new FakeFetch()
    .on('GET /api/sites', { status: 200, body: [site()] })
    .on('GET /api/sites/s1', { status: 200, body: site() })
    .on('GET /api/sites/s1/reports/visitors', { status: 200, body: visitorsReport() });
}

/** The site, then the report: a few rounds of answers before the table is there. */
async function until(page: ConsolePage, testId: string): Promise<void> {
  for (let i = 0; i < 10 && !page.el(testId); i++) await page.render();
}

const query = (url: string): URLSearchParams => new URLSearchParams(url.split('?')[1] ?? '');

describe('J1 statistics page (period picker, granularity, table, CSV, print)', () => {
  it('shows the report as figures and a table with a total row and the metric definition version', async () => {
    const page = await ConsolePage.open('/sites/s1/statistics/visitors?from=2026-02-01&to=2026-02-03&granularity=day', server());
    await until(page, 'report-row');

    expect(page.el('report-title')?.textContent).toContain('访客数统计');
    expect(page.el('definition-version')?.textContent).toContain('指标定义版本 v3');
    expect(page.el('figure-visits')?.textContent?.trim()).toBe('12');
    expect(page.el('figure-uniqueVisitors')?.textContent?.trim()).toBe('7');
    expect(page.el('share-returning')?.textContent).toContain('25%');

    const rows = page.all('report-row');
    expect(rows.map((r) => r.getAttribute('data-bucket'))).toEqual(['2026-02-01', '2026-02-02', '2026-02-03']);
    const cell = (row: HTMLElement | undefined, col: string): string => row?.querySelector(`[data-col="${col}"]`)?.textContent?.trim() ?? '';
    expect(cell(rows[2], 'visits')).toBe('7');
    expect(cell(rows[2], 'leaveMessages')).toBe('1');
    expect(cell(page.el('report-total') ?? undefined, 'uniqueVisitors')).toBe('7');
    // The unique visitors of the whole period are not the sum of the days (4 + 0 + 5).
    expect(page.text).toContain('不是各时间单位之和');

    const [request] = page.fetch.requestsTo('GET /api/sites/s1/reports/visitors');
    expect(Object.fromEntries(query(request?.url ?? ''))).toEqual({ from: '2026-02-01', to: '2026-02-03', granularity: 'day' });
  });

  it('opens on this month by day, and a preset puts its period in the URL and asks the API for it', async () => {
    const page = await ConsolePage.open('/sites/s1/statistics', server());
    const today = todayIn('Asia/Shanghai');
    const router = TestBed.inject(Router);
    expect(router.url).toContain('/sites/s1/statistics/visitors');
    expect(query(page.fetch.requests.at(-1)?.url ?? '').get('from')).toBe(`${today.slice(0, 7)}-01`);
    expect(page.el('preset-thisMonth')?.getAttribute('aria-pressed')).toBe('true');

    await page.click('preset-today');
    expect(Object.fromEntries(query(router.url))).toEqual({ from: today, to: today, granularity: 'hour' });
    const last = page.fetch.requestsTo('GET /api/sites/s1/reports/visitors').at(-1);
    expect(Object.fromEntries(query(last?.url ?? ''))).toEqual({ from: today, to: today, granularity: 'hour' });
    expect(page.el('preset-today')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('switches between hour, day and month, but not to hours over more than a week', async () => {
    const page = await ConsolePage.open('/sites/s1/statistics/visitors?from=2026-02-01&to=2026-02-28&granularity=day', server());
    const hour = page.el('granularity-hour') as HTMLButtonElement;
    expect(hour.disabled).toBe(true);

    await page.click('granularity-month');
    expect(query(TestBed.inject(Router).url).get('granularity')).toBe('month');
    expect(query(page.fetch.requests.at(-1)?.url ?? '').get('granularity')).toBe('month');

    await page.fill('period-from', '2026-02-20');
    await page.fill('period-to', '2026-02-22');
    await page.click('period-apply');
    expect(Object.fromEntries(query(TestBed.inject(Router).url))).toEqual({ from: '2026-02-20', to: '2026-02-22', granularity: 'month' });
    expect((page.el('granularity-hour') as HTMLButtonElement).disabled).toBe(false);
  });

  it('refuses a reversed range with a message and asks nothing', async () => {
    const page = await ConsolePage.open('/sites/s1/statistics/visitors?from=2026-02-01&to=2026-02-03&granularity=day', server());
    const before = page.fetch.requests.length;
    await page.fill('period-from', '2026-02-10');
    await page.fill('period-to', '2026-02-05');
    await page.click('period-apply');
    expect(page.el('period-problem')?.textContent).toContain('开始日期不能晚于结束日期');
    expect(page.fetch.requests.length).toBe(before);
  });

  it('downloads the CSV twin of the report for the same period as a file', async () => {
    const saved: { blob: Blob; name: string }[] = [];
    TestBed.configureTestingModule({ providers: [{ provide: SAVE_FILE, useValue: (blob: Blob, name: string) => saved.push({ blob, name }) }] });
    const fetch = server().on('GET /api/sites/s1/reports/visitors.csv', {
      status: 200,
      body: '\uFEFFbucket,visits\n2026-02-01,5\n',
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="visitors-2026-02-01.csv"' },
    });
    const page = await ConsolePage.open('/sites/s1/statistics/visitors?from=2026-02-01&to=2026-02-03&granularity=day', fetch);

    await page.click('csv-download');
    await page.render();
    const [request] = fetch.requestsTo('GET /api/sites/s1/reports/visitors.csv');
    expect(Object.fromEntries(query(request?.url ?? ''))).toEqual({ from: '2026-02-01', to: '2026-02-03', granularity: 'day' });
    expect(request?.headers['Authorization']).toBe('Bearer owner-token');
    expect(saved).toHaveLength(1);
    expect(saved[0]?.name).toBe('visitors-2026-02-01.csv');
    expect(await saved[0]?.blob.text()).toContain('2026-02-01,5');
  });

  it('shows a failed export as an error next to the button', async () => {
    const fetch = server().on('GET /api/sites/s1/reports/visitors.csv', { status: 500, body: { code: 'INTERNAL', message: 'boom' } });
    const page = await ConsolePage.open('/sites/s1/statistics/visitors?from=2026-02-01&to=2026-02-03&granularity=day', fetch);
    await page.click('csv-download');
    await page.render();
    expect(page.el('error')?.textContent).toContain('服务器出错了');
  });

  it('prints the report (the print stylesheet hides the navigation)', async () => {
    const print = jest.fn();
    window.print = print;
    const page = await ConsolePage.open('/sites/s1/statistics/visitors?from=2026-02-01&to=2026-02-03&granularity=day', server());
    await page.click('print');
    expect(print).toHaveBeenCalled();
    expect(page.el('period-picker')?.classList.contains('no-print')).toBe(true);
  });
});

describe('J3 sources report', () => {
  it('names each source for a reader and opens one source’s trend', async () => {
    const report: SourcesReport = {
      siteId: 's1',
      timeZone: 'Asia/Shanghai',
      from: '2026-02-01',
      to: '2026-02-03',
      granularity: 'day',
      definitionVersion: 1,
      rows: [
        { source: 'search:baidu', kind: 'search', host: 'www.baidu.com', engine: 'baidu', visits: 6, share: 0.5, chats: 3, chatRate: 0.5 },
        { source: 'direct', kind: 'direct', host: '', engine: '', visits: 4, share: 1 / 3, chats: 0, chatRate: 0 },
        { source: 'referral:news.example.com', kind: 'referral', host: 'news.example.com', engine: '', visits: 2, share: 1 / 6, chats: 1, chatRate: 0.5 },
      ],
    };
    const trend: SourcesReport = { ...report, trend: { source: 'search:baidu', series: [{ bucket: '2026-02-01', visits: 6, chats: 3 }] } };
    const fetch = server().on('GET /api/sites/s1/reports/sources', (req) => ({ status: 200, body: req.url.includes('source=') ? trend : report }));
    const page = await ConsolePage.open('/sites/s1/statistics/sources?from=2026-02-01&to=2026-02-03&granularity=day', fetch);
    await until(page, 'report-row');

    const rows = page.all('report-row');
    expect(rows.map((r) => r.querySelector('td')?.textContent?.trim())).toEqual(['百度搜索', '直接访问', 'news.example.com']);
    expect(rows[1]?.querySelector('[data-col="share"]')?.textContent?.trim()).toBe('33.3%');

    rows[0]?.querySelector<HTMLButtonElement>('[data-testid="show-trend"]')?.click();
    await until(page, 'source-trend');
    expect(query(TestBed.inject(Router).url).get('source')).toBe('search:baidu');
    expect(page.el('source-trend')?.textContent).toContain('百度搜索');
    expect(page.all('trend-row')).toHaveLength(1);
  });
});

describe('J5 regions report', () => {
  it('names each place in Chinese, and in English (romanised by the server) when the console speaks English', async () => {
    const report: RegionsReport = {
      siteId: 's1',
      timeZone: 'Asia/Shanghai',
      from: '2026-02-01',
      to: '2026-02-03',
      granularity: 'day',
      definitionVersion: 1,
      level: 'city',
      rows: [
        { country: '中国', province: '江苏省', city: '南京市', en: { country: 'China', province: 'Jiangsu', city: 'Nanjing' }, visits: 5, chats: 2 },
        { country: '中国', province: '新疆', city: '乌鲁木齐市', en: { country: 'China', province: 'Xinjiang', city: 'Urumqi' }, visits: 1, chats: 0 },
      ],
    };
    const fetch = server().on('GET /api/sites/s1/reports/regions', { status: 200, body: report });
    const page = await ConsolePage.open('/sites/s1/statistics/regions?from=2026-02-01&to=2026-02-03&granularity=day&level=city', fetch);
    await until(page, 'report-row');
    const names = () => page.all('report-row').map((r) => r.querySelector('td')?.textContent?.trim());
    expect(names()).toEqual(['中国 江苏省 南京市', '中国 新疆 乌鲁木齐市']);

    TestBed.inject(TranslocoService).setActiveLang('en');
    await page.render();
    expect(names()).toEqual(['China Jiangsu Nanjing', 'China Xinjiang Urumqi']);
  });
});
