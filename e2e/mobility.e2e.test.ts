import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../packages/core/src/id-number';
import {
  ADMIN_PASSWORD,
  Api,
  firstLoadJs,
  launchBrowser,
  openPage,
  shot,
  startServer,
  type TestServer,
} from './harness';
import { clickMenu, fillDate, logInAs, pickCascader, pickSelect } from './ui';

const PASSWORD = 'Passw0rd-2024';

/** The server counts days in UTC; the member left on the first of last month, so last month's report is owed. */
const now = new Date();
const iso = (d: Date) => d.toISOString().slice(0, 10);
const leftOn = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
const monthName = (ym: string) => `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`;
const lastMonth = monthName(leftOn.slice(0, 7));

interface Fixture {
  branch: { id: string };
  member: { id: string };
}

async function seed(api: Api): Promise<Fixture> {
  const committee = await api.call<{ id: string }>('POST', '/api/orgs', {
    name: '中共望城区白沙镇委员会',
    type: 'committee',
    regionCode: '430112',
  });
  const branch = await api.call<{ id: string }>('POST', '/api/orgs', {
    name: '桃花村党支部',
    type: 'branch',
    parentId: committee.id,
    regionCode: '430112',
  });
  const member = await api.call<{ id: string }>('POST', '/api/members', {
    orgId: branch.id,
    name: '李流动',
    gender: 'male',
    idNumber: makeIdNumber('430112', '1988-04-12', 31, 'male'),
    birthDate: '1988-04-12',
    kind: 'full',
    joinedOn: '2012-07-01',
    fullOn: '2013-07-01',
    phone: '13800002222',
  });
  await api.call('POST', '/api/users', {
    username: 'secretary_th',
    password: PASSWORD,
    orgId: branch.id,
    role: 'manager',
    displayName: '桃花村书记',
  });
  await api.call('POST', '/api/users', {
    username: 'liliudong',
    password: PASSWORD,
    orgId: branch.id,
    role: 'member',
    memberId: member.id,
  });
  await api.call('POST', '/api/members', {
    orgId: branch.id,
    name: '王留学',
    gender: 'female',
    idNumber: makeIdNumber('430112', '1996-09-03', 42, 'female'),
    birthDate: '1996-09-03',
    kind: 'full',
    joinedOn: '2017-06-01',
    fullOn: '2018-06-01',
  });
  return { branch, member };
}

const login = (page: Page, path: string, username: string, password = PASSWORD) =>
  logInAs(page, path, username, password);

const height = async (page: Page, name: string) =>
  (await page.getByRole('button', { name, exact: true }).boundingBox())?.height ?? 0;

describe('mobile members: outflow, certificate, verification, thought reports', () => {
  let server: TestServer;
  let browser: Browser;
  let fx: Fixture;
  let staff: Page;
  let staffErrors: string[];
  /** The system administrator: the recompute covers every organization, so it is theirs alone. */
  let adminPage: Page;
  let adminErrors: string[];
  let code = '';
  let episodeId = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await new Api(server.url).login('admin', ADMIN_PASSWORD);
    fx = await seed(admin);
    ({ page: staff, errors: staffErrors } = await openPage(browser, server.url));
    ({ page: adminPage, errors: adminErrors } = await openPage(browser, server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the branch secretary registers an outflow and is told a 流动党员活动证 is required', async () => {
    await login(staff, '/login', 'secretary_th');
    await staff.waitForURL('**/members');
    await clickMenu(staff, '流动党员');
    await staff.waitForURL('**/mobility');
    await expect.poll(() => staff.title()).toBe('外出党员台账 - 党建信息管理系统');
    await staff.getByText('目前没有在外的流动党员').waitFor();

    await staff.getByRole('button', { name: '外出登记' }).click();
    await staff.waitForURL('**/mobility/new');
    await expect.poll(() => staff.title()).toBe('外出登记 - 党建信息管理系统');
    await pickSelect(staff, '外出党员', '李流动', true);
    await fillDate(staff, '外出日期', leftOn);
    await staff.getByLabel('预计外出时间').fill('5');
    await staff.getByText('务工', { exact: true }).click();
    await pickCascader(staff, '外出流向', ['广东省', '深圳市', '南山区']);
    await staff.getByLabel('外出期间联系方式').fill('13912345678');
    // Worked out in the browser from the member's policy before anything is saved.
    await expect.poll(() => staff.getByTestId('preview-document').textContent()).toBe('流动党员活动证');
    await shot(staff, '31-outflow-form');

    const created = staff.waitForResponse(
      (r) => r.url().endsWith('/api/mobility/outflows') && r.request().method() === 'POST',
    );
    await staff.getByRole('button', { name: '登记外出' }).click();
    episodeId = ((await (await created).json()) as { id: string }).id;
    const required = staff.getByTestId('required-document');
    await required.waitFor();
    expect(await required.textContent()).toContain('流动党员活动证');
    expect(await staff.getByTestId('required-rule').textContent()).toContain('篇三');
    await shot(staff, '32-outflow-registered');
  });

  it('issues the certificate, prints its PDF, and the code verifies without logging in', async () => {
    await staff.getByRole('button', { name: '开具活动证' }).click();
    // Irreversible (a number of the committee's series): the console asks first.
    await staff.getByRole('button', { name: '确认开具' }).click();
    const codeEl = staff.getByTestId('certificate-code');
    await codeEl.waitFor();
    code = ((await codeEl.textContent()) ?? '').trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
    expect(await staff.getByTestId('certificate-number').textContent()).toMatch(/^流动证〔\d{4}〕\d{5}号$/);
    await shot(staff, '33-certificate-issued');

    const popup = staff.waitForEvent('popup');
    await staff.getByRole('button', { name: '打 印' }).click();
    const pdfTab = await popup;
    expect(pdfTab.url()).toContain(`/api/mobility/outflows/${episodeId}/certificate.pdf`);
    await pdfTab.waitForLoadState();
    await pdfTab.waitForTimeout(1500);
    await shot(pdfTab, '34-certificate-pdf');
    await pdfTab.close();
    const pdf = await staff.context().request.get(`/api/mobility/outflows/${episodeId}/certificate.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
    // Without a session the PDF is not handed out.
    expect((await fetch(`${server.url}/api/mobility/outflows/${episodeId}/certificate.pdf`)).status).toBe(
      401,
    );

    const api = await fetch(`${server.url}/api/public/letters/${code}`);
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({
      valid: true,
      kind: 'activity_certificate',
      status: 'issued',
      issuedBy: '中共望城区白沙镇委员会',
      memberName: '李**',
    });
    expect((await fetch(`${server.url}/api/public/letters/ZZZZZZZZZZZZ`)).status).toBe(404);

    // Anyone, on a phone, with no account: type the code on /verify.
    const { page, context, errors } = await openPage(browser, server.url, { width: 375, height: 740 });
    await page.goto('/verify');
    await expect.poll(() => page.title()).toBe('证明核验 - 党建信息管理系统');
    await page.getByLabel('核验码').fill(code.toLowerCase());
    await page.getByRole('button', { name: '核验' }).click();
    await expect.poll(() => page.getByTestId('verify-status').textContent()).toContain('证明有效');
    expect(await page.getByTestId('verify-name').textContent()).toBe('李**');
    expect(page.url()).toContain(`/verify/${code}`);
    expect((await height(page, '核验')) >= 44).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, '35-verify-valid');
    // A code that was never issued says so plainly.
    await page.goto('/verify/ZZZZZZZZZZZZ');
    await page.getByText('未找到该核验码').waitFor();
    await shot(page, '36-verify-unknown');
    expect(errors).toEqual([]);
    await context.close();

    // The page is its own tiny bundle: neither the console nor the portal.
    const verify = await firstLoadJs(browser, `${server.url}/verify/${code}`, (p) =>
      p.getByTestId('verify-status').waitFor(),
    );
    console.log(`first-load JS (gzip): /verify ${(verify.bytes / 1024).toFixed(1)} KB`);
    expect(verify.files.some((f) => /ConsoleApp|PortalApp|antd|StatsPage/.test(f))).toBe(false);
    expect(verify.bytes).toBeLessThanOrEqual(120 * 1024);
  });

  it('the ledger lists the member and the one-person ledger shows the monthly report owed', async () => {
    await staff.getByRole('button', { name: '返回台账' }).first().click();
    await staff.waitForURL('**/mobility');
    const table = staff.getByTestId('ledger-table');
    await table.getByText('李流动').waitFor();
    expect(await table.textContent()).toContain('广东省深圳市南山区');
    await shot(staff, '37-ledger');
    await table.getByRole('link', { name: '李流动' }).click();
    await staff.waitForURL(`**/mobility/members/${fx.member.id}`);
    await expect.poll(() => staff.title()).toBe('李流动 - 一人一台账 - 党建信息管理系统');
    const report = staff.getByTestId('obligation-monthly_report');
    await report.waitFor();
    // Last month's report is late.
    expect(await report.textContent()).toMatch(/已逾期|严重逾期/);
    expect(await staff.getByTestId('certificate-status').textContent()).toBe('有效');

    // The branch secretary sees the alerts, but not the recompute of the whole system.
    await staff.getByRole('tab', { name: '预警' }).click();
    await staff.waitForURL('**/mobility/alerts');
    await staff.getByTestId('alerts-matrix').waitFor();
    expect(await staff.getByRole('button', { name: '立即重新计算' }).count()).toBe(0);
    // Recomputing now (the daily job otherwise) also sends the member a reminder: the administrator's.
    await login(adminPage, '/login', 'admin', ADMIN_PASSWORD);
    await adminPage.waitForURL('**/members');
    await adminPage.goto('/mobility/alerts');
    // It runs in the background: the page follows its progress and shows the result when it ends.
    await adminPage.getByRole('button', { name: '立即重新计算' }).click();
    await adminPage
      .getByTestId('refresh-result')
      .getByText(/已重新计算 \d+ 名流动党员的应办事项，新提醒 \d+ 条，已发送 \d+ 条，失败 0 条/)
      .waitFor();
    await shot(adminPage, '37b-alerts-refreshed');
    await staff.goto(`/mobility/members/${fx.member.id}`);
    await staff.getByTestId('obligation-monthly_report').waitFor();
  });

  it('a run going on (on a large registry: minutes) shows its bar again on coming back, then its result', async () => {
    // The run here takes milliseconds: the server's answers stand in for the daily run of a county.
    const run = {
      id: 'daily-run',
      status: 'running',
      phase: 'refresh',
      trigger: 'daily',
      asOf: iso(now),
      obligations: { members: 80_000, total: 200_000 },
      reminders: { queued: 0 },
      delivered: { sent: 0, failed: 0 },
      startedAt: now.toISOString(),
      finishedAt: null as string | null,
      message: null,
    };
    let progress: Record<string, unknown> = run;
    await adminPage.route('**/api/obligations/refresh', (route) =>
      route.request().method() === 'GET' ? route.fulfill({ json: progress }) : route.fallback(),
    );
    try {
      await adminPage.goto('/mobility/alerts');
      const bar = adminPage.getByTestId('refresh-progress');
      await bar.getByText('每日计算进行中：第 1/3 步 计算应办事项，已计算 80000 / 200000 人').waitFor();
      expect(await bar.textContent()).toContain('40%');
      await shot(adminPage, '37c-alerts-progress');
      progress = { ...run, phase: 'delivery', obligations: { members: 200_000, total: 200_000 } };
      progress = { ...progress, reminders: { queued: 5120 }, delivered: { sent: 1000, failed: 0 } };
      await bar
        .getByText('第 3/3 步 发送提醒，新提醒 5120 条，已发送 1000 条，失败 0 条', { exact: false })
        .waitFor();
      progress = { ...progress, status: 'done', phase: 'done', finishedAt: new Date().toISOString() };
      progress = { ...progress, delivered: { sent: 5120, failed: 0 } };
      await adminPage
        .getByTestId('refresh-result')
        .getByText('已重新计算 200000 名流动党员的应办事项，新提醒 5120 条，已发送 5120 条，失败 0 条')
        .waitFor();
      expect(await bar.count()).toBe(0);
    } finally {
      await adminPage.unroute('**/api/obligations/refresh');
    }
    expect(adminErrors).toEqual([]);
    // Back where the next step expects the secretary: the member's one-person ledger.
    await staff.goto(`/mobility/members/${fx.member.id}`);
    await staff.getByTestId('obligation-monthly_report').waitFor();
  });

  it('the member submits this month’s and last month’s report on a phone', async () => {
    const { page, context, errors } = await openPage(browser, server.url, { width: 375, height: 740 });
    await login(page, '/m/login', 'liliudong');
    await page.getByTestId('portal-name').getByText('李流动').waitFor();
    // The home page says what is owed before it turns into a surprise.
    await page.getByTestId('todo-banner').getByText(`${lastMonth}思想汇报`).waitFor();
    await shot(page, '38-portal-home-todo');

    // The reminder waits in the inbox, counted on the tab until read.
    await page.getByTestId('unread-badge').waitFor();
    await page.getByRole('button', { name: /^提醒/ }).click();
    await page.waitForURL('**/m/inbox');
    await expect.poll(() => page.title()).toBe('我的提醒 - 党员之家');
    await page
      .getByTestId('inbox-list')
      .getByText(/思想汇报(提醒|逾期)/)
      .first()
      .click();
    // Last month's report is late by now: the reminder names its due date and says it is overdue.
    await page
      .getByText(
        `应于 ${iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)))} 前提交，现已逾期`,
      )
      .waitFor();
    await expect.poll(() => page.getByTestId('unread-badge').count()).toBe(0);
    await shot(page, '38b-portal-inbox');

    await page.getByRole('button', { name: '思想汇报', exact: true }).click();
    await page.waitForURL('**/m/reports');
    await expect.poll(() => page.title()).toBe('思想汇报 - 党员之家');
    const content = page.getByLabel('思想汇报内容');
    await content.fill('本月在深圳');
    await page.getByText('还需再写').waitFor();
    expect(await page.getByRole('button', { name: '提交汇报' }).isDisabled()).toBe(true);
    await content.fill(
      '本月在深圳南山区务工，利用业余时间学习党的理论，参加了流入地党组织的一次线上学习，思想稳定，工作积极。',
    );
    expect(await height(page, '提交汇报')).toBeGreaterThanOrEqual(44);
    for (const nav of ['我的信息', '待办', '思想汇报'])
      expect(await height(page, nav)).toBeGreaterThanOrEqual(44);
    await shot(page, '39-portal-report-form');
    await page.getByRole('button', { name: '提交汇报' }).click();
    await page.getByTestId('report-done').waitFor();

    // Back-fill last month, offered because the ledger still shows it owed.
    await page.getByText(`${lastMonth}的思想汇报尚未提交`).waitFor();
    await page.getByRole('button', { name: '补 交' }).click();
    await page.getByText(`${lastMonth}思想汇报`, { exact: true }).waitFor();
    await page
      .getByLabel('思想汇报内容')
      .fill('上月刚到深圳，安顿下来后找到工作，按时向党组织报告了外出情况，本月起每月按时汇报。');
    await page.getByRole('button', { name: '提交汇报' }).click();
    await page.getByTestId('report-done').waitFor();
    await expect.poll(() => page.getByTestId('report-history').locator('details').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, '40-portal-reports-submitted');

    await page.getByRole('button', { name: '待办', exact: true }).click();
    await page.waitForURL('**/m/todo');
    await expect.poll(() => page.getByTestId('todo-monthly_report').textContent()).toContain('正常');
    await page.getByText('我的外出登记').waitFor();
    expect(await page.content()).toContain(code);
    await shot(page, '41-portal-todo');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('staff see the report obligation turn 正常, acknowledge the report and log a contact in two taps', async () => {
    await staff.reload();
    const report = staff.getByTestId('obligation-monthly_report');
    await expect.poll(() => report.textContent()).toContain('正常');

    // 一月一联系: channel (电话 is preselected) and result.
    await staff.getByTestId('quick-contact').getByText('微信', { exact: true }).click();
    await staff.getByTestId('quick-contact').getByRole('button', { name: '已联系上' }).click();
    await staff.getByText('已登记与李流动的微信联系（已联系上）').waitFor();
    await staff.getByRole('tab', { name: /联系记录（1）/ }).waitFor();

    await staff.getByRole('tab', { name: /思想汇报（2）/ }).click();
    await staff.getByRole('button', { name: '阅 知' }).first().click();
    const dialog = staff.locator('.ant-modal');
    await dialog.getByLabel('回复（可不填）').fill('汇报收悉，望继续加强学习，按时参加组织生活。');
    await dialog.getByRole('button', { name: '阅 知' }).click();
    await staff.getByText('已阅知，党员可在手机上看到回复').waitFor();
    await staff.getByText('回复：汇报收悉').waitFor();
    await shot(staff, '42-member-ledger');

    // The 预警 page counts it among the 正常 ones.
    await staff.getByRole('tab', { name: '预警' }).click();
    await staff.waitForURL('**/mobility/alerts');
    await expect.poll(() => staff.title()).toBe('流动党员预警 - 党建信息管理系统');
    await staff.getByLabel('一月一汇报 正常 1 项').click();
    const rows = staff.getByTestId('alerts-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('李流动');
    expect(await rows.first().textContent()).toContain('正常');
    await shot(staff, '43-alerts');

    // The member's record tab points to the same ledger.
    await staff.goto(`/members/${fx.member.id}`);
    await staff.getByRole('tab', { name: '流动' }).click();
    await staff.getByTestId('member-mobility').getByText('广东省深圳市南山区').waitFor();
    await shot(staff, '44-member-mobility-tab');
    expect(staffErrors).toEqual([]);
  });

  it('the member sees the reply on the phone', async () => {
    const { page, context, errors } = await openPage(browser, server.url, { width: 375, height: 740 });
    await login(page, '/m/login', 'liliudong');
    await page.getByTestId('portal-name').waitFor();
    await page.getByRole('button', { name: '思想汇报', exact: true }).click();
    const history = page.getByTestId('report-history');
    await history.getByText('有回复').click();
    await history.getByText('回复：汇报收悉').waitFor();
    await shot(page, '45-portal-reply');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('mobility pages do not pull in the chart library', async () => {
    const files: string[] = [];
    staff.on('response', (r) => r.url().endsWith('.js') && files.push(r.url()));
    for (const tab of ['外出台账', '思想汇报', '流入党员', '失联党员', '流动统计']) {
      await staff.goto('/mobility');
      await staff.getByRole('tab', { name: new RegExp(tab) }).click();
      await staff.waitForLoadState('networkidle');
    }
    await staff.getByTestId('stats-provinces').getByText('广东省').waitFor();
    await shot(staff, '46-mobility-stats');
    expect(files.some((f) => /\/StatsPage-|echarts/.test(f))).toBe(false);
    expect(staffErrors).toEqual([]);
  });

  it('a member going abroad to study: no region to pick, 境外, and never a transfer (RULES.md §2, 篇七)', async () => {
    await staff.goto('/mobility/new');
    await pickSelect(staff, '外出党员', '王留学', true);
    await fillDate(staff, '外出日期', leftOn);
    await staff.getByLabel('预计外出时间').fill('36');
    await staff.getByText('学习', { exact: true }).click();
    await staff.getByLabel('出国（境）', { exact: true }).click();
    await expect.poll(() => staff.getByLabel('外出流向', { exact: true }).count()).toBe(0);
    await expect.poll(() => staff.getByTestId('preview-document').textContent()).toBe('流动党员活动证');
    const created = staff.waitForResponse(
      (r) => r.url().endsWith('/api/mobility/outflows') && r.request().method() === 'POST',
    );
    await staff.getByRole('button', { name: '登记外出' }).click();
    const episode = (await (await created).json()) as { abroad: boolean; destinationName: string };
    expect(episode).toMatchObject({ abroad: true, destinationName: '境外' });
    await staff.getByTestId('required-document').waitFor();
    expect(await staff.getByTestId('required-rule').textContent()).toContain('篇七');
    expect(staffErrors).toEqual([]);
  });
});
