import type { Browser } from 'playwright-core';
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

const PASSWORD = 'Passw0rd-2024';

interface Fixture {
  branchA: { id: string };
  branchB: { id: string };
  memberA: { id: string };
  memberB: { id: string };
}

async function seed(api: Api): Promise<Fixture> {
  const committee = await api.call<{ id: string }>('POST', '/api/orgs', {
    name: '中共望城区某镇委员会',
    type: 'committee',
    regionCode: '430112',
  });
  const branchA = await api.call<{ id: string }>('POST', '/api/orgs', {
    name: '甲村党支部',
    type: 'branch',
    parentId: committee.id,
    regionCode: '430112',
  });
  const branchB = await api.call<{ id: string }>('POST', '/api/orgs', {
    name: '乙村党支部',
    type: 'branch',
    parentId: committee.id,
    regionCode: '430112',
  });
  const member = (orgId: string, name: string, birthDate: string, seq: number) =>
    api.call<{ id: string }>('POST', '/api/members', {
      orgId,
      name,
      gender: 'male',
      idNumber: makeIdNumber('430112', birthDate, seq, 'male'),
      birthDate,
      kind: 'full',
      joinedOn: '2012-07-01',
      fullOn: '2013-07-01',
      phone: '13800001111',
    });
  const memberA = await member(branchA.id, '周八', '1985-06-01', 11);
  const memberB = await member(branchB.id, '吴九', '1979-02-14', 12);
  await api.call('POST', '/api/users', {
    username: 'manager_a',
    password: PASSWORD,
    orgId: branchA.id,
    role: 'manager',
  });
  await api.call('POST', '/api/users', {
    username: 'zhouba',
    password: PASSWORD,
    orgId: branchA.id,
    role: 'member',
    memberId: memberA.id,
  });
  return { branchA, branchB, memberA, memberB };
}

describe('scope and the member portal', () => {
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

  it('a branch manager sees only their own branch, in the tree and by URL', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await page.goto('/login');
    await page.getByLabel('用户名').fill('manager_a');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登 录' }).click();
    await page.waitForURL('**/members');
    await expect.poll(() => page.getByTestId('current-identity').textContent()).toContain('甲村党支部');
    expect(await page.getByTestId('current-identity').textContent()).toContain('组织管理员');
    const tree = page.getByTestId('org-tree');
    await tree.getByText('甲村党支部').waitFor();
    await page.getByText('共 1 名党员').waitFor();
    expect(await page.locator('.ant-table-tbody').textContent()).toContain('周八');
    expect(await page.content()).not.toContain('乙村党支部');
    expect(await page.locator('.ant-menu').textContent()).not.toContain('审计日志');
    await shot(page, '21-manager-members');

    await page.getByLabel('搜索组织').fill('乙村');
    await page.getByText('没有匹配的组织').waitFor();

    await page.goto(`/orgs/${fx.branchB.id}`);
    await page.getByText('记录不存在，或不在您的管理范围内').waitFor();
    expect(await page.content()).not.toContain('乙村党支部');
    await shot(page, '22-manager-other-branch');
    await page.goto(`/members/${fx.memberB.id}`);
    await page.getByText('记录不存在，或不在您的管理范围内').waitFor();
    expect(await page.content()).not.toContain('吴九');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a member signs in on a phone and sees only their own, masked record', async () => {
    const { page, context, errors } = await openPage(browser, server.url, { width: 375, height: 740 });
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto('/m');
    await page.waitForURL('**/m/login');
    await expect.poll(() => page.title()).toBe('登录 - 党员之家');
    const loginButton = page.getByRole('button', { name: '登 录' });
    expect((await loginButton.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await shot(page, '23-portal-login');
    await page.getByLabel('用户名').fill('zhouba');
    await page.getByLabel('密码').fill(PASSWORD);
    await loginButton.click();
    await page.getByTestId('portal-name').getByText('周八').waitFor();
    expect(await page.getByTestId('portal-id').textContent()).toMatch(/^4301\*{14}$/);
    expect(await page.content()).not.toContain('吴九');
    expect(await page.content()).not.toContain('13800001111');
    await expect.poll(() => page.title()).toBe('我的信息 - 党员之家');
    // No horizontal scrolling on a 375 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, '24-portal-record');
    expect(scripts.some((s) => /StatsPage|ConsoleApp/.test(s))).toBe(false);

    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByLabel('当前密码').fill(PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('Newpass-2025');
    await page.getByLabel('确认新密码').fill('Newpass-2025');
    await page.locator('form').getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改').waitFor();
    await shot(page, '25-portal-password');
    expect(errors).toEqual([]);
    await context.close();

    // The member's account cannot read anyone else's record through the API either.
    const member = await new Api(server.url).login('zhouba', 'Newpass-2025');
    await expect(member.call('GET', `/api/members/${fx.memberB.id}`)).rejects.toThrow(/404/);
  });

  it('a member who opens the console is sent to the portal', async () => {
    const { page, context } = await openPage(browser, server.url, { width: 375, height: 740 });
    await page.goto('/login');
    await page.getByLabel('用户名').fill('zhouba');
    await page.getByLabel('密码').fill('Newpass-2025');
    await page.getByRole('button', { name: '登 录' }).click();
    await page.waitForURL('**/m');
    await page.getByTestId('portal-name').getByText('周八').waitFor();
    await context.close();
  });

  it('keeps the first loads within the bundle budgets', async () => {
    const portal = await firstLoadJs(browser, `${server.url}/m/login`, (p) =>
      p.getByText('党员登录').waitFor(),
    );
    const consoleLogin = await firstLoadJs(browser, `${server.url}/login`, (p) =>
      p.getByLabel('用户名').waitFor(),
    );
    const consoleMembers = await firstLoadJs(
      browser,
      `${server.url}/members`,
      (p) => p.getByText('共 2 名党员').waitFor(),
      admin.cookie,
    );
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `first-load JS (gzip): portal ${kb(portal.bytes)}, console /login ${kb(consoleLogin.bytes)}, console /members ${kb(consoleMembers.bytes)}`,
    );
    expect(portal.files.some((f) => /StatsPage|ConsoleApp/.test(f))).toBe(false);
    expect(portal.bytes).toBeLessThanOrEqual(300 * 1024);
    expect(consoleMembers.files.some((f) => /StatsPage/.test(f))).toBe(false);
    expect(consoleMembers.bytes).toBeLessThanOrEqual(800 * 1024);
  });
});
