import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../packages/core/src/id-number';
import {
  ADMIN_PASSWORD,
  Api,
  consoleLogin,
  launchBrowser,
  openPage,
  refreshNow,
  shot,
  startServer,
  type TestServer,
} from './harness';
import { clickMenu } from './ui';

const PASSWORD = 'Passw0rd-2024';
/** The suite shares the machine with builds and other runs: give a refetch time to land. */
const WAIT = { timeout: 15_000 };
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

interface Fixture {
  branch: { id: string };
  sibling: { id: string };
  member: { id: string };
}

/** A member away for two months: the branch owes a contact that is now late. */
async function lateMobileMember(api: Api, orgId: string, name: string, birthDate: string, serial: number) {
  const member = await api.call<{ id: string }>('POST', '/api/members', {
    orgId,
    name,
    gender: 'male',
    idNumber: makeIdNumber('430112', birthDate, serial, 'male'),
    birthDate,
    kind: 'full',
    joinedOn: '2012-07-01',
    fullOn: '2013-07-01',
    phone: '13800003333',
  });
  await api.call('POST', '/api/mobility/outflows', {
    memberId: member.id,
    leftOn: daysAgo(62),
    expectedMonths: 6,
    reason: 'work',
    destinationRegion: '440305',
  });
  return member;
}

async function seed(api: Api): Promise<Fixture> {
  const committee = await api.call<{ id: string }>('POST', '/api/orgs', {
    name: '中共望城区乔口镇委员会',
    type: 'committee',
    regionCode: '430112',
  });
  const branch = await api.call<{ id: string }>('POST', '/api/orgs', {
    name: '柳林村党支部',
    type: 'branch',
    parentId: committee.id,
  });
  const sibling = await api.call<{ id: string }>('POST', '/api/orgs', {
    name: '团头湖村党支部',
    type: 'branch',
    parentId: committee.id,
  });
  const member = await lateMobileMember(api, branch.id, '赵外出', '1990-03-08', 41);
  await lateMobileMember(api, branch.id, '孙外出', '1992-11-20', 45);
  await lateMobileMember(api, sibling.id, '钱外出', '1991-05-09', 43);
  await api.call('POST', '/api/users', {
    username: 'secretary_ll',
    password: PASSWORD,
    orgId: branch.id,
    role: 'manager',
    displayName: '柳林村书记',
  });
  await api.call('POST', '/api/users', {
    username: 'organizer_tth',
    password: PASSWORD,
    orgId: sibling.id,
    role: 'clerk',
  });
  return { branch, sibling, member };
}

/** The number on the bell; 0 when it shows none. */
async function bellCount(page: Page): Promise<number> {
  const label = (await page.getByTestId('inbox-bell').getAttribute('aria-label')) ?? '';
  return Number(/（(\d+) 条未读）/.exec(label)?.[1] ?? 0);
}

describe('工作提醒: the branch secretary is told whom to contact', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Api;
  let fx: Fixture;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await new Api(server.url).login('admin', ADMIN_PASSWORD);
    fx = await seed(admin);
    await refreshNow(admin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('on a phone: the bell counts the reminders, and opening the member from one marks it read', async () => {
    const { page, context, errors } = await openPage(browser, server.url, { width: 375, height: 740 });
    await consoleLogin(page, 'secretary_ll', PASSWORD);
    await expect.poll(() => bellCount(page), WAIT).toBeGreaterThanOrEqual(1);
    const before = await bellCount(page);
    expect(await page.getByTestId('inbox-badge').locator('.ant-badge-count').textContent()).toBe(
      String(before),
    );
    await page.getByTestId('inbox-bell').click();
    await page.waitForURL('**/inbox');
    await expect.poll(() => page.title(), WAIT).toBe('工作提醒 - 党建信息管理系统');
    const table = page.getByTestId('inbox-table');
    const reminder = table.locator('tbody tr').filter({ hasText: '流动党员 赵外出' });
    await reminder.waitFor();
    expect(await reminder.textContent()).toContain('联系党员逾期');
    // Only the branch's own members: the sibling branch's are not its business.
    expect(await table.textContent()).not.toContain('钱外出');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await page.getByRole('button', { name: '全部标为已读' }).isDisabled()).toBe(false);
    await shot(page, '47-inbox-phone');
    // The organization tree folds away on a phone and opens over the page.
    await page.getByRole('button', { name: '切换组织' }).click();
    await page.getByRole('button', { name: /^收 ?起$/ }).waitFor();
    await page.waitForTimeout(400); // the tree slides open
    await shot(page, '47b-inbox-phone-tree');
    await page.getByRole('button', { name: /^收 ?起$/ }).click();

    await reminder.getByRole('link', { name: '赵外出' }).click();
    await page.waitForURL(`**/mobility/members/${fx.member.id}`);
    await page.getByTestId('obligation-monthly_contact').waitFor();
    await expect.poll(() => bellCount(page), WAIT).toBe(before - 1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists the reminders by filter and marks all read: the badge goes, the sibling branch keeps its own', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await consoleLogin(page, 'secretary_ll', PASSWORD);
    await expect.poll(() => bellCount(page), WAIT).toBeGreaterThanOrEqual(1);
    const unread = await bellCount(page);
    await clickMenu(page, '工作提醒');
    await page.waitForURL('**/inbox');
    const table = page.getByTestId('inbox-table');
    await table.getByText('联系党员逾期').first().waitFor();
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(unread);
    expect(await table.textContent()).toContain('柳林村党支部');

    // 全部 also shows the one read on the phone, no longer emphasised.
    await page.getByText('全部', { exact: true }).click();
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(unread + 1);
    await table.getByText('已读', { exact: true }).waitFor();
    await shot(page, '48-inbox-all');

    await page.getByRole('button', { name: '全部标为已读' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '全部标为已读' }).click();
    await page.getByText(`已将 ${unread} 条提醒标为已读`).waitFor();
    await expect.poll(() => bellCount(page), WAIT).toBe(0);
    await expect
      .poll(() => page.getByTestId('inbox-badge').locator('.ant-badge-count:visible').count(), WAIT)
      .toBe(0);
    await expect.poll(() => table.getByText('未读', { exact: true }).count(), WAIT).toBe(0);
    expect(await page.getByRole('button', { name: '全部标为已读' }).isDisabled()).toBe(true);
    await page.getByText('未读', { exact: true }).click();
    await page.getByText('没有未读的工作提醒').waitFor();
    await shot(page, '49-inbox-all-read');
    expect(errors).toEqual([]);
    await context.close();

    const other = await new Api(server.url).login('organizer_tth', PASSWORD);
    const theirs = await other.call<{ unread: number; items: { aboutMemberName: string }[] }>(
      'GET',
      '/api/inbox',
    );
    expect(theirs.unread).toBeGreaterThanOrEqual(1);
    expect(theirs.items.map((n) => n.aboutMemberName)).toContain('钱外出');
  });
});
