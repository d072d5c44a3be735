import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../packages/core/src/id-number';
import {
  ADMIN_PASSWORD,
  Api,
  consoleLogin,
  launchBrowser,
  openPage,
  shot,
  startServer,
  type TestServer,
} from './harness';

const PASSWORD = 'Passw0rd-2024';
const today = () => new Date().toISOString().slice(0, 10);

interface Fixture {
  member: { id: string };
  number: string;
}

/** A township committee, one village branch with a secretary, and 李娟 away in 深圳 on a 活动证. */
async function seed(api: Api): Promise<Fixture> {
  const committee = await api.call<{ id: string }>('POST', '/api/orgs', {
    name: '中共某镇委员会',
    type: 'committee',
    regionCode: '430112',
  });
  const branch = await api.call<{ id: string }>('POST', '/api/orgs', {
    name: '丙村党支部',
    type: 'branch',
    parentId: committee.id,
    regionCode: '430112',
  });
  const member = await api.call<{ id: string }>('POST', '/api/members', {
    orgId: branch.id,
    name: '李娟',
    gender: 'female',
    idNumber: makeIdNumber('430112', '1992-04-18', 21, 'female'),
    birthDate: '1992-04-18',
    kind: 'full',
    joinedOn: '2016-07-01',
    fullOn: '2017-07-01',
    phone: '13800002222',
  });
  const episode = await api.call<{ id: string }>('POST', '/api/mobility/outflows', {
    memberId: member.id,
    leftOn: today(),
    expectedMonths: 5,
    reason: 'work',
    destinationRegion: '440305',
    fixedPlace: false,
    hostHasPartyOrg: false,
    contact: '13800002222',
  });
  const cert = await api.call<{ number: string }>(
    'POST',
    `/api/mobility/outflows/${episode.id}/certificate`,
    {},
  );
  await api.call('POST', '/api/users', {
    username: 'bing_sec',
    password: PASSWORD,
    orgId: branch.id,
    role: 'manager',
  });
  await api.call('POST', '/api/users', {
    username: 'lijuan',
    password: PASSWORD,
    orgId: branch.id,
    role: 'member',
    memberId: member.id,
  });
  return { member, number: cert.number };
}

describe('print views, exports and the member proposing new contact details', () => {
  let server: TestServer;
  let browser: Browser;
  let fx: Fixture;
  let admin: Api;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await new Api(server.url).login('admin', ADMIN_PASSWORD);
    fx = await seed(admin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the secretary prints the 外出党员登记簿 (A4 landscape) and exports it to Excel', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await consoleLogin(page, 'bing_sec', PASSWORD);
    await page.goto('/mobility');
    await page.getByTestId('ledger-print').click();
    await page.waitForURL('**/mobility/print**');
    const table = page.getByTestId('ledger-print-table');
    await table.getByText('李娟').waitFor();
    const text = (await table.textContent()) ?? '';
    for (const column of [
      '姓名',
      '性别',
      '外出时间',
      '外出地点（流向）',
      '流入党组织',
      '外出原因',
      '联系方式',
      '预计返回',
    ]) {
      expect(text).toContain(column);
    }
    expect(text).toContain(`活动证 ${fx.number}`);
    expect(text).toContain('广东省深圳市南山区');
    expect(await page.getByTestId('print-meta').textContent()).toContain('丙村党支部');
    await shot(page, '60-ledger-print-screen');

    // What the printer gets: no console chrome, no filters, just the register.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    expect(await table.isVisible()).toBe(true);
    await shot(page, '61-ledger-print-paper');
    await page.emulateMedia({ media: 'screen' });

    const download = page.waitForEvent('download');
    await page.getByTestId('export-ledger').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('外出党员登记簿.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await file.path())!);
    const names: string[] = [];
    workbook.worksheets[0]!.eachRow((row, n) => n > 3 && names.push(String(row.getCell(1).value)));
    expect(names).toEqual(['李娟']);

    await page.getByLabel('按姓名查找').fill('张');
    await page.getByLabel('按姓名查找').press('Enter');
    await page.getByText('没有符合条件的外出记录').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the statistics answer a county request: as-of date, printable tables', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await consoleLogin(page, 'bing_sec', PASSWORD);
    await page.goto('/stats?asOf=2024-12-31');
    await page.getByTestId('print-stats').click();
    await page.waitForURL('**/stats/print?asOf=2024-12-31');
    await page.getByText('一、年龄结构').waitFor();
    const meta = (await page.getByTestId('print-meta').textContent()) ?? '';
    expect(meta).toContain('统计日期：2024-12-31');
    expect(meta).toContain('丙村党支部');
    await page.emulateMedia({ media: 'print' });
    await shot(page, '62-stats-print');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a member proposes a new phone from the portal; the secretary confirms it in the console', async () => {
    const phone = await openPage(browser, server.url, { width: 375, height: 740 });
    await phone.page.goto('/m/login');
    await phone.page.getByLabel('用户名').fill('lijuan');
    await phone.page.getByLabel('密码').fill(PASSWORD);
    await phone.page.getByRole('button', { name: '登 录' }).click();
    await phone.page.getByTestId('portal-name').getByText('李娟').waitFor();
    await phone.page.getByRole('button', { name: '修改联系方式' }).click();
    await phone.page.waitForURL('**/m/contact');
    await phone.page.getByLabel('新手机号').fill('13712345678');
    await phone.page.getByLabel('微信号或电子邮箱').fill('lijuan_sz');
    await phone.page.getByRole('button', { name: '提交给党支部确认' }).click();
    await phone.page.getByTestId('contact-change-pending').waitFor();
    expect(await phone.page.getByTestId('contact-change-status').textContent()).toBe('待党支部确认');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(phone.page, '63-portal-contact-proposed');

    const staff = await openPage(browser, server.url);
    await consoleLogin(staff.page, 'bing_sec', PASSWORD);
    await staff.page.goto(`/mobility/members/${fx.member.id}`);
    const card = staff.page.getByTestId('contact-changes');
    await card.getByText('1 项待确认').waitFor();
    expect(await card.textContent()).toContain('手机号 137****5678');
    await shot(staff.page, '64-console-contact-change');
    await card.getByRole('button', { name: '确 认' }).click();
    await staff.page.getByRole('button', { name: '确认变更' }).click();
    await card.getByText('已确认', { exact: true }).waitFor();
    expect(await card.textContent()).not.toContain('待确认');

    const record = await admin.call<{ phone: string }>('GET', `/api/members/${fx.member.id}`);
    expect(record.phone).toBe('137****5678');
    await phone.page.reload();
    await phone.page.getByTestId('contact-change-status').getByText('已确认').waitFor();
    expect(phone.errors).toEqual([]);
    expect(staff.errors).toEqual([]);
    await phone.context.close();
    await staff.context.close();
  });
});
