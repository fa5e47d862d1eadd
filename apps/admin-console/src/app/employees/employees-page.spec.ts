import { FakeFetch } from '@kefu/ui/testing';
import type { ImportEmployeesReport } from '@kefu/contracts';
import { employee, ownerSession } from '../admin-fixtures';
import { ConsolePage } from '../testing/console-page';

const founder = employee({ userId: 'u-owner', name: 'Owner', email: 'owner@shop.test', roles: ['owner', 'admin', 'agent'], isFounder: true });

describe('employees (A2 A3)', () => {
  let fetch: FakeFetch;
  beforeEach(() => {
    fetch = new FakeFetch();
  });

  it('adds an employee by phone with several roles; refuses a form without e-mail or phone', async () => {
    const added = employee({ userId: 'u-2', email: '', phone: '13800138000', name: '小王', roles: ['admin', 'agent'] });
    fetch.on('GET /api/employees', { status: 200, body: [founder] }, { status: 200, body: [founder, added] });
    fetch.on('POST /api/employees', { status: 201, body: { ...added, position: 31 } });
    const page = await ConsolePage.open('/employees', fetch);
    await page.click('employees-open-add');
    await page.fill('employee-name', '小王');
    await page.fill('employee-password', 'short');
    await page.click('employee-add');
    expect(page.el('employee-login-missing')).not.toBeNull();
    expect(page.text).toContain('长度须为 8 到 200 个字符');
    expect(fetch.requestsTo('POST /api/employees')).toHaveLength(0);

    await page.fill('employee-phone', '138 0013 8000');
    await page.fill('employee-password', 'initial-pass');
    await page.click('employee-role-admin');
    await page.click('employee-add');
    expect(fetch.requestsTo('POST /api/employees')[0]?.body).toEqual({
      name: '小王',
      phone: '13800138000',
      password: 'initial-pass',
      roles: ['admin', 'agent'],
    });
    expect(page.el('employee-added')?.textContent).toContain('小王');
    expect(fetch.requestsTo('GET /api/employees').at(-1)?.url).toBe('/api/employees?waitFor=31');
    expect(page.all('employee-row')).toHaveLength(2);
  });

  it('says a taken e-mail or phone in the user’s language', async () => {
    fetch.on('GET /api/employees', { status: 200, body: [founder] });
    fetch.on('POST /api/employees', { status: 409, body: { code: 'CONFLICT', message: 'e-mail already registered' } });
    const page = await ConsolePage.open('/employees', fetch);
    await page.click('employees-open-add');
    await page.fill('employee-name', '小王');
    await page.fill('employee-email', 'owner@shop.test');
    await page.fill('employee-password', 'initial-pass');
    await page.click('employee-add');
    expect(page.text).toContain('该邮箱或手机号已被使用');
  });

  it('imports a CSV file and renders the per-row report: who was added, which lines were rejected and why', async () => {
    const report: ImportEmployeesReport = {
      added: [{ line: 2, userId: 'u-3', email: 'wang@shop.test', phone: '', name: '小王', roles: ['agent'] }],
      rejected: [
        { line: 3, code: 'CONFLICT', reason: 'e-mail already registered', field: 'email' },
        { line: 4, code: 'INVALID', reason: 'password is too short: at least 8 characters', field: 'password' },
      ],
      position: 44,
    };
    fetch.on('GET /api/employees', { status: 200, body: [founder] });
    fetch.on('POST /api/employees/import', { status: 200, body: report });
    const page = await ConsolePage.open('/employees', fetch);
    await page.click('employees-open-import');
    const csv =
      'email,phone,name,password,roles\nwang@shop.test,,小王,initial-pass,agent\nowner@shop.test,,重复,initial-pass,agent\nx@shop.test,,短,short,agent\n';
    const input = page.el('import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([csv], 'staff.csv', { type: 'text/csv' })], configurable: true });
    input.dispatchEvent(new Event('change'));
    await page.render();
    await page.click('import-submit');
    await page.render();

    expect(fetch.requestsTo('POST /api/employees/import')[0]?.body).toEqual({ csv });
    expect(page.el('import-summary')?.textContent).toContain('已添加 1 人，未添加 2 行');
    expect(page.all('import-added-row')[0]?.textContent).toContain('小王');
    const rejected = page.all('import-rejected-row').map((r) => r.textContent ?? '');
    expect(rejected[0]).toContain('3');
    expect(rejected[0]).toContain('该邮箱或手机号已被使用');
    expect(rejected[0]).toContain('邮箱');
    expect(rejected[1]).toContain('密码');
    expect(rejected[0]).toContain('e-mail already registered');
    expect(rejected[1]).toContain('password is too short: at least 8 characters');
  });

  it('does not upload a file over the size limit', async () => {
    fetch.on('GET /api/employees', { status: 200, body: [founder] });
    const page = await ConsolePage.open('/employees', fetch);
    await page.click('employees-open-import');
    const input = page.el('import-file') as HTMLInputElement;
    const big = new File(['x'], 'big.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 2 * 1024 * 1024 });
    Object.defineProperty(input, 'files', { value: [big], configurable: true });
    input.dispatchEvent(new Event('change'));
    await page.render();
    await page.click('import-submit');
    expect(page.el('import-problem')?.textContent).toContain('文件太大');
    expect(fetch.requestsTo('POST /api/employees/import')).toHaveLength(0);
  });

  it('deactivates an employee after confirmation; the founder and oneself cannot be deactivated', async () => {
    const li = employee();
    fetch.on('GET /api/employees', { status: 200, body: [founder, li] }, { status: 200, body: [founder, { ...li, active: false }] });
    fetch.on(`POST /api/employees/${li.userId}/deactivate`, { status: 200, body: { position: 50 } });
    const page = await ConsolePage.open('/employees', fetch, ownerSession);
    const [ownerRow, liRow] = page.all('employee-row');
    expect(page.el('employee-deactivate', ownerRow)).toBeNull();
    await page.click('employee-deactivate', liRow);
    await page.click('employee-deactivate-confirm', liRow);
    expect(fetch.requestsTo(`POST /api/employees/${li.userId}/deactivate`)).toHaveLength(1);
    expect(page.el('employee-inactive')).not.toBeNull();
  });

  it('A2: resets a forgotten password: refuses a short one, then sends it and says the person’s sessions ended', async () => {
    const li = employee();
    fetch.on('GET /api/employees', { status: 200, body: [founder, li] });
    fetch.on(`POST /api/employees/${li.userId}/password`, { status: 200, body: { position: 51 } });
    const page = await ConsolePage.open('/employees', fetch, ownerSession);
    const [ownerRow, liRow] = page.all('employee-row');
    expect(page.el('password-open', ownerRow)).toBeNull();
    await page.click('password-open', liRow);
    await page.fill('password-new', 'short');
    await page.click('password-save');
    expect(page.el('password-problem')?.textContent).toContain('至少 8 个字符');
    expect(fetch.requestsTo(`POST /api/employees/${li.userId}/password`)).toHaveLength(0);
    await page.fill('password-new', 'a new password');
    await page.click('password-save');
    expect(fetch.requestsTo(`POST /api/employees/${li.userId}/password`)[0]?.body).toEqual({ password: 'a new password' });
    expect(page.el('password-done')?.textContent).toContain('所有会话已结束');
    expect(page.el('password-new')).toBeNull();
  });

  it('A2: renames an employee in place: refuses an empty name, sends the trimmed one and shows what the server holds', async () => {
    const li = employee();
    fetch.on('GET /api/employees', { status: 200, body: [founder, li] }, { status: 200, body: [founder, { ...li, name: '李四丰' }] });
    fetch.on(`PUT /api/employees/${li.userId}/name`, { status: 200, body: { position: 52 } });
    const page = await ConsolePage.open('/employees', fetch, ownerSession);
    const liRow = page.all('employee-row')[1]!;
    await page.click('employee-rename', liRow);
    await page.fill('employee-rename-input', '   ');
    await page.click('employee-rename-save');
    expect(page.root.textContent).toContain('必填项');
    expect(fetch.requestsTo(`PUT /api/employees/${li.userId}/name`)).toHaveLength(0);
    await page.fill('employee-rename-input', ' 李四丰 ');
    await page.click('employee-rename-save');
    expect(fetch.requestsTo(`PUT /api/employees/${li.userId}/name`)[0]?.body).toEqual({ name: '李四丰' });
    expect(page.all('employee-label').map((n) => n.textContent?.trim())).toEqual(['Owner', '李四丰']);
    expect(page.el('employee-rename-input')).toBeNull();
  });

  it('does not offer an admin who is not an owner to rename an owner', async () => {
    fetch.on('GET /api/employees', { status: 200, body: [founder, employee()] });
    const admin = { ...ownerSession, user: { ...ownerSession.user, userId: 'u-admin', roles: ['admin' as const] } };
    const page = await ConsolePage.open('/employees', fetch, admin);
    const [ownerRow, liRow] = page.all('employee-row');
    expect(page.el('employee-rename', ownerRow)).toBeNull();
    expect(page.el('employee-rename', liRow)).not.toBeNull();
  });

  it('lets an admin who is not an owner give every role but owner', async () => {
    fetch.on('GET /api/employees', { status: 200, body: [founder] });
    const admin = { ...ownerSession, user: { ...ownerSession.user, userId: 'u-admin', roles: ['admin' as const] } };
    const page = await ConsolePage.open('/employees', fetch, admin);
    await page.click('employees-open-add');
    expect((page.el('employee-role-owner') as HTMLInputElement).disabled).toBe(true);
    expect((page.el('employee-role-admin') as HTMLInputElement).disabled).toBe(false);
  });
});
