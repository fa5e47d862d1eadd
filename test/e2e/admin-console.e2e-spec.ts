import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startProduct, type RunningProduct } from './product';
import { expectCount, expectText } from './page-helpers';

// `testTimeout` in a jest project entry is not applied (it is a global option), so the default 5 s
// would cut off a cold start of the product and Chromium on a busy machine.
jest.setTimeout(120_000);

/**
 * The admin console of issue 4 in real Chromium against the built product: the owner adds a
 * second employee, creates a site, a group and makes the employee an agent of that group, then
 * reads the site's snippet and a fixed link to that agent. The employee signs in and, having
 * only the agent role, lands on their own account page.
 */
describe('the admin console sets up a site, its groups, agents and conversation settings (A1 A2 A3 D1 D2 D3 E1 E2 F2 C3 C5)', () => {
  let product: RunningProduct;
  let browser: Browser;
  let admin: Page;
  const owner = { email: 'owner@console.example.com', password: 'a long enough password' };
  const employee = { email: 'li@console.example.com', password: 'initial password 1', name: '李四' };

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
    admin = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('registers an organisation and adds a second employee', async () => {
    await admin.goto(`${product.url}/admin/`);
    await admin.getByTestId('register-orgName').fill('控制台商城');
    await admin.getByTestId('register-website').fill('https://console.example.com');
    await admin.getByTestId('register-email').fill(owner.email);
    await admin.getByTestId('register-password').fill(owner.password);
    await admin.getByTestId('register-submit').click();
    await admin.getByTestId('site-name').waitFor();

    await admin.getByTestId('nav-employees').click();
    await admin.getByTestId('employees-open-add').click();
    await admin.getByTestId('employee-name').fill(employee.name);
    await admin.getByTestId('employee-email').fill(employee.email);
    await admin.getByTestId('employee-password').fill(employee.password);
    await admin.getByTestId('employee-add').click();
    await expectText(admin.getByTestId('employee-added'), employee.name);
    await expectCount(admin.getByTestId('employee-row'), 2);
  });

  it('creates a site and a group', async () => {
    await admin.getByTestId('nav-sites').click();
    await admin.getByTestId('site-name').fill('控制台商城');
    await admin.getByTestId('site-url').fill('https://console.example.com');
    await admin.getByTestId('site-create').click();
    const row = admin.getByTestId('site-row').first();
    await expectText(row.getByTestId('site-snippet'), '/loader.js');

    await row.getByTestId('site-manage-link').click();
    await expectText(admin.getByTestId('site-title'), '控制台商城');
    await admin.getByTestId('site-tab-groups').click();
    await admin.getByTestId('group-name').fill('售前');
    await admin.getByTestId('group-add').click();
    await expectCount(admin.getByTestId('group-row'), 2);
    await expectText(admin.getByTestId('group-row').last(), '售前');
  });

  it('makes the employee an agent of that group', async () => {
    await admin.getByTestId('site-tab-agents').click();
    const picker = admin.getByTestId('agent-employee');
    await picker.waitFor();
    await picker.selectOption({ label: `${employee.name} (${employee.email})` });
    await admin.getByTestId('agent-form-nickname').fill('小李');
    await admin.getByTestId('agent-form-job-number').fill('A-007');
    await admin.getByTestId('agent-form-group').selectOption({ label: '售前' });
    await admin.getByTestId('agent-form-submit').click();
    const agentRow = admin.getByTestId('agent-row').first();
    await expectText(agentRow, '小李');
    await expectText(agentRow, '售前');
    await expectText(agentRow, 'A-007');
    await agentRow.getByTestId('agent-link-toggle').click();
    await expectText(admin.getByTestId('agent-link'), '/widget/?site=');
  });

  it('shows the snippet with its install check, and the fixed-link HTML for the agent', async () => {
    await admin.getByTestId('site-tab-install').click();
    await expectText(admin.getByTestId('install-snippet'), '/loader.js');
    await expectText(admin.getByTestId('install-check'), '尚未检测到');

    await admin.getByTestId('site-tab-fixed-links').click();
    await admin.getByTestId('link-target-agent').check();
    await admin.getByTestId('link-agent').selectOption({ label: '小李' });
    await admin.getByTestId('link-text').fill('找小李咨询');
    await admin.getByTestId('link-generate').click();
    const html = admin.getByTestId('link-html');
    await expectText(html, '找小李咨询');
    await expectText(html, 'target=agent:');
    await expectText(admin.getByTestId('link-preview'), '找小李咨询');
  });

  it("sets the site's conversation settings and finds them after a reload (F2 C3 C5)", async () => {
    await admin.getByTestId('site-tab-conversation').click();
    await admin.getByTestId('conv-auto-enabled').check();
    await admin.getByTestId('conv-after-seconds').fill('45');
    await admin.getByTestId('conv-invitation-position').selectOption('bottom-left');
    await admin.getByTestId('conv-invitation-theme').selectOption('purple');
    await admin.getByTestId('conv-decline-width').fill('0');
    await admin.getByTestId('conv-direct-width').fill('600');
    await admin.getByTestId('conv-save').click();
    await admin.getByTestId('conv-saved').waitFor();

    await admin.reload();
    const after = admin.getByTestId('conv-after-seconds');
    await after.waitFor();
    expect(await after.inputValue()).toBe('45');
    expect(await admin.getByTestId('conv-auto-enabled').isChecked()).toBe(true);
    expect(await admin.getByTestId('conv-invitation-position').inputValue()).toBe('bottom-left');
    expect(await admin.getByTestId('conv-invitation-theme').inputValue()).toBe('purple');
    expect(await admin.getByTestId('conv-decline-width').inputValue()).toBe('0');
    expect(await admin.getByTestId('conv-direct-width').inputValue()).toBe('600');
  });

  it('lets the new employee sign in; with the agent role only they land on their account', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(`${product.url}/admin/`);
    await page.getByTestId('login-email').fill(employee.email);
    await page.getByTestId('login-password').fill(employee.password);
    await page.getByTestId('login-submit').click();
    await expectText(page.getByTestId('account-who'), employee.name);
    expect(await page.getByTestId('nav-sites').count()).toBe(0);
  });
});
