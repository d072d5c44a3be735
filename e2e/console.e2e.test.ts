import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../packages/core/src/id-number';
import { memberFormColumns } from '../packages/core/src/member-form';
import { ADMIN_PASSWORD, Api, launchBrowser, openPage, shot, startServer, type TestServer } from './harness';
import { clickMenu, fillDate, pickCascader, pickSelect } from './ui';

type Row = Partial<Record<(typeof memberFormColumns)[number]['header'], string>>;

async function workbook(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员信息采集表');
  const headers = memberFormColumns.map((c) => c.header);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const row = (name: string, idNumber: string, birthDate: string, gender: '男' | '女'): Row => ({
  姓名: name,
  性别: gender,
  民族: '汉族',
  公民身份号码: idNumber,
  出生日期: birthDate,
  学历: '大学本科',
  人员类别: '专业技术人员',
  加入党组织日期: '2015-07-01',
  转为正式党员日期: '2016-07-01',
  联系电话: '13912345678',
  党籍状态: '正常',
  是否为失联党员: '否',
  是否为流动党员: '否',
});

/** The same number with a wrong check character. */
const badId = (id: string) => `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;

describe('console: an administrator builds organizations, registers and imports members', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ context, page, errors } = await openPage(browser, server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in and shows the current organization and role', async () => {
    // A logged-out page load asks nothing it knows will be refused: no 401 in the browser console.
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').waitFor();
    expect(consoleErrors).toEqual([]);
    await expect.poll(() => page.title()).toContain('登录');
    await shot(page, '01-login');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登 录' }).click();
    await page.getByText('用户名或密码错误').waitFor();
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登 录' }).click();
    await page.waitForURL('**/members');
    const identity = page.getByTestId('current-identity');
    await expect.poll(() => identity.textContent()).toContain('系统管理员');
    expect(await identity.textContent()).toContain('全部组织');
    await expect.poll(() => page.title()).toBe('党员管理 - 党建信息管理系统');
  });

  it('creates a committee and a branch with regions', async () => {
    await clickMenu(page, '组织管理');
    await page.getByRole('button', { name: '新建顶层组织' }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByLabel('组织名称').fill('中共岳麓街道工作委员会');
    await pickSelect(page, '组织类别', '党工委');
    await pickCascader(page, '所在地区', ['湖南省', '长沙市', '岳麓区']);
    await dialog.getByRole('button', { name: '保 存' }).click();
    await page.getByTestId('org-title').getByText('中共岳麓街道工作委员会').waitFor();
    expect(await page.getByText('湖南省长沙市岳麓区').count()).toBeGreaterThan(0);

    for (const name of ['桃花村党支部', '枫林社区党支部']) {
      await page.getByRole('button', { name: '新建下级组织' }).click();
      await page.locator('.ant-modal').getByLabel('组织名称').fill(name);
      await pickSelect(page, '组织类别', '党支部');
      await pickCascader(page, '所在地区', ['湖南省', '长沙市', '岳麓区']);
      await page.locator('.ant-modal').getByRole('button', { name: '保 存' }).click();
      await page.getByTestId('org-title').getByText(name).waitFor();
      if (name === '枫林社区党支部') break;
      await page.getByRole('link', { name: '中共岳麓街道工作委员会' }).first().click();
      await page.getByTestId('org-title').getByText('中共岳麓街道工作委员会').waitFor();
    }
    // A branch with no members breaks the minimum-size rule: the warning must be visible.
    await page.getByTestId('org-warnings').waitFor();
    await page.getByTestId('org-tree').getByText('桃花村党支部').click();
    await page.getByTestId('org-title').getByText('桃花村党支部').waitFor();
    await expect.poll(() => page.title()).toContain('桃花村党支部');
    await shot(page, '02-org-branch');
  });

  it('rejects a wrong ID number and registers a member with the right one', async () => {
    await clickMenu(page, '党员管理');
    await page.getByRole('button', { name: '新增党员' }).click();
    await page.waitForURL('**/members/new');
    await page.getByLabel('姓名').fill('张三');
    const good = makeIdNumber('430104', '1990-03-07', 1, 'male');
    const wrong = badId(good);
    await page.getByLabel('公民身份号码').fill(wrong);
    await page.getByLabel('公民身份号码').blur();
    await page.getByText('公民身份号码校验位错误').waitFor();
    await fillDate(page, '加入党组织日期', '2015-07-01');
    await fillDate(page, '转为正式党员日期', '2016-07-01');
    await page.getByRole('button', { name: '保 存' }).click();
    await page.getByText('公民身份号码校验位错误').waitFor();
    await shot(page, '03-member-wrong-id');
    expect(page.url()).toContain('/members/new');

    await page.getByLabel('公民身份号码').fill(good);
    // The birth date and gender come from the ID number.
    await expect.poll(() => page.getByLabel('出生日期').inputValue()).toBe('1990-03-07');
    expect(await page.getByLabel('男').isChecked()).toBe(true);
    await page.getByRole('button', { name: '保 存' }).click();
    await page.getByTestId('member-name').getByText('张三').waitFor();
    expect(await page.getByTestId('member-id-number').textContent()).toContain('****');
    await expect.poll(() => page.title()).toContain('张三');
    await page.getByRole('tab', { name: '积分' }).click();
    await page.getByText('即将上线').first().waitFor();
    await page.getByRole('tab', { name: '基本信息' }).click();
    await page.getByRole('button', { name: '显示完整信息' }).click();
    await page.getByRole('button', { name: '确认查看' }).click();
    await expect.poll(() => page.getByTestId('member-id-number').textContent()).toBe(good);
    await shot(page, '04-member-detail');
  });

  it('rejects an import with a bad row, then imports a clean file', async () => {
    await clickMenu(page, '导入导出');
    const bad = await workbook([
      row('李四', makeIdNumber('430104', '1988-05-20', 2, 'female'), '1988-05-20', '女'),
      row('王五', badId(makeIdNumber('430104', '1988-01-01', 5, 'male')), '1988-01-01', '男'),
    ]);
    await page.locator('input[type=file]').setInputFiles({
      name: '有错误.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bad,
    });
    await page.getByText('文件已被拒绝，未写入任何数据').waitFor();
    const table = page.getByTestId('import-errors');
    await table.getByText('公民身份号码', { exact: true }).waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await table.locator('tbody tr').first().locator('td').first().textContent()).toBe('3');
    await shot(page, '05-import-rejected');

    await page.getByRole('button', { name: '重新导入' }).click();
    const good = await workbook([
      row('李四', makeIdNumber('430104', '1988-05-20', 2, 'female'), '1988-05-20', '女'),
      {
        ...row('赵六', makeIdNumber('440305', '1996-11-02', 3, 'male'), '1996-11-02', '男'),
        学历: '硕士研究生',
      },
      {
        ...row('钱七', makeIdNumber('430104', '1970-01-15', 4, 'male'), '1970-01-15', '男'),
        是否为流动党员: '是',
        外出流向: '广东省深圳市南山区',
      },
    ]);
    await page.locator('input[type=file]').setInputFiles({
      name: '党员信息采集表.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: good,
    });
    await page.getByText('导入成功').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain('新增党员 3 名');
    await shot(page, '06-import-succeeded');

    await clickMenu(page, '党员管理');
    await page.getByText('共 4 名党员').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await shot(page, '07-member-list');
  });

  it('draws the statistics and drills into the member list', async () => {
    await clickMenu(page, '统计分析');
    for (const id of [
      'chart-age',
      'chart-education',
      'chart-location',
      'chart-destinations',
      'chart-standing',
    ]) {
      await page.getByTestId(id).locator('canvas').waitFor();
    }
    await expect.poll(() => page.title()).toBe('统计分析 - 党建信息管理系统');
    await page.waitForTimeout(800);
    await shot(page, '08-dashboard');
    // Click the >=41 bar (the last one) of the age chart: 钱七 is the only member over 40.
    const box = (await page.getByTestId('chart-age').boundingBox())!;
    // The grid is 40 px from the left, 16 from the right and 40 from the bottom (StatsPage bar()).
    await page.mouse.click(box.x + 40 + (box.width - 56) * 0.9, box.y + box.height - 55);
    await page.waitForURL(/ageBand=/);
    await page.getByText('共 1 名党员').waitFor();
    expect(await page.locator('.ant-table-tbody').textContent()).toContain('钱七');
  });

  it('shows policies with their source and an override diff', async () => {
    await clickMenu(page, '政策设置');
    await page.getByText('现行政策来源').waitFor();
    await page.getByRole('button', { name: '调整本级政策' }).first().click();
    await page.getByLabel('覆盖内容').fill('{"monthlyCap": "800.00"}');
    await page.locator('.ant-modal').getByText('本级调整').waitFor();
    await page.waitForTimeout(500);
    await shot(page, '09-policy-diff');
    await page.getByRole('button', { name: '保存并生效' }).click();
    await page.getByText('本组织的政策版本').waitFor();
    await page.getByRole('cell', { name: '第 1 版' }).waitFor();
  });

  it('lists the audit log', async () => {
    await clickMenu(page, '审计日志');
    await page.getByText('查看完整个人信息').first().waitFor();
    await shot(page, '10-audit');
  });

  it('creates a clerk account for a branch', async () => {
    await clickMenu(page, '用户与角色');
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByLabel('用户名').fill('clerk_taohua');
    await dialog.getByLabel('姓名').fill('刘干事');
    await dialog.getByLabel('初始密码').fill('abc');
    await pickSelect(page, '角色', '党务干事', true);
    await dialog.getByRole('button', { name: '创 建' }).click();
    await dialog.getByText('密码至少 8 位').waitFor();
    await dialog.getByLabel('初始密码').fill('Clerk-2024x');
    await dialog.getByRole('button', { name: '创 建' }).click();
    await page.getByRole('cell', { name: 'clerk_taohua' }).waitFor();
    await page.waitForTimeout(400);
    await shot(page, '11-users');
  });

  it('sends the user back to login when the session expires', async () => {
    await clickMenu(page, '党员管理');
    await page.getByText('共 4 名党员').waitFor();
    await context.clearCookies();
    await page.getByLabel('搜索党员').fill('钱七');
    await page.getByLabel('搜索党员').press('Enter');
    await page.waitForURL('**/login');
    await page.getByText('登录已过期，请重新登录').waitFor();
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登 录' }).click();
    // Back where the user was, with the search they had typed.
    await page.waitForURL(/\/members\?q=/);
    await page.getByText('共 1 名党员').waitFor();
    expect(errors).toEqual([]);
  });

  it('offers a branch manager no 移动/合并/撤销 on their own branch, and confirms a dissolve beneath it', async () => {
    const admin = await new Api(server.url).login('admin', ADMIN_PASSWORD);
    const found = await admin.call<{ items: { id: string; name: string }[] }>(
      'GET',
      `/api/orgs?q=${encodeURIComponent('桃花村党支部')}`,
    );
    const branch = found.items.find((o) => o.name === '桃花村党支部')!;
    const group = await admin.call<{ id: string }>('POST', '/api/orgs', {
      name: '桃花村第一党小组',
      type: 'group',
      parentId: branch.id,
    });
    await admin.call('POST', '/api/users', {
      username: 'manager_taohua',
      password: 'Manager-2024x',
      orgId: branch.id,
      role: 'manager',
    });
    const own = await openPage(browser, server.url);
    const p = own.page;
    await p.goto('/login');
    await p.getByLabel('用户名').fill('manager_taohua');
    await p.getByLabel('密码').fill('Manager-2024x');
    await p.getByRole('button', { name: '登 录' }).click();
    await p.waitForURL('**/members');

    await p.goto(`/orgs/${branch.id}`);
    const actions = p.getByTestId('org-actions');
    await actions
      .getByRole('button', { name: '编 辑' })
      .or(actions.getByRole('button', { name: '编辑' }))
      .waitFor();
    // antd spaces two-character labels (撤 销): compare without blanks so a hidden action cannot slip by.
    const offered = (await actions.textContent())?.replace(/\s/g, '');
    expect(offered).toContain('新建下级组织');
    for (const refused of ['移动', '合并', '撤销']) expect(offered).not.toContain(refused);
    await shot(p, '12-manager-own-branch-actions');

    await p.goto(`/orgs/${group.id}`);
    await p.getByTestId('org-title').getByText('桃花村第一党小组').waitFor();
    await actions
      .getByRole('button', { name: '撤 销' })
      .or(actions.getByRole('button', { name: '撤销' }))
      .click();
    await pickSelect(p, '党员转入组织', '桃花村党支部', true);
    await p.locator('.ant-modal').getByRole('button', { name: '下一步' }).click();
    const said = p.getByTestId('org-confirm');
    await said.waitFor();
    expect(await said.textContent()).toContain(
      '「桃花村第一党小组」的 0 名党员和本组织的用户账号将转入「桃花村党支部」',
    );
    expect(await said.textContent()).toContain('不能恢复');
    expect(await p.locator('.ant-modal-confirm-title').textContent()).toBe('确认撤销「桃花村第一党小组」？');
    await shot(p, '13-dissolve-confirmation');
    await p.locator('.ant-modal-confirm').getByRole('button', { name: '确认撤销' }).click();
    await p.getByText('组织已撤销').waitFor();
    await p.locator('.ant-card-head').first().getByText('已撤销').waitFor();
    // A dissolved organization offers nothing any more.
    expect(await actions.locator('button').count()).toBe(0);
    expect(own.errors).toEqual([]);
    await own.context.close();
  });
});
