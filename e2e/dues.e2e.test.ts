import ExcelJS from 'exceljs';
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
import { clickMenu, logInAs, pickSelect } from './ui';

const PASSWORD = 'Passw0rd-2024';

// The server counts in UTC: the month collected is the current one, last year's bases are carried over.
const today = new Date().toISOString().slice(0, 10);
const month = today.slice(0, 7);
const year = Number(today.slice(0, 4));
const monthTitle = (ym: string) => `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`;
const monthName = monthTitle(month);
const shift = (n: number) =>
  new Date(Date.UTC(year, Number(month.slice(5, 7)) - 1 + n, 1)).toISOString().slice(0, 7);
/** Staff record the quarter's worth on the member's behalf: this month and the two before. */
const onBehalfMonths = [shift(-2), shift(-1), month];
/** The member records from the phone the months before those, as far back as the 6-month limit reaches (API.md). */
const portalMonths = [shift(-6), shift(-5), shift(-4), shift(-3)];
/** 李春生's ID number, as a branch's spreadsheet lists it. */
const carriedId = makeIdNumber('430112', '1980-03-02', 11, 'male');
const inThisYear = (ms: string[]) => ms.filter((m) => m.startsWith(String(year))).length;

interface Fixture {
  committee: { id: string };
  branch: { id: string };
  carried: { id: string };
  newcomer: { id: string };
}

/** Last year's months before the test's windows, paid last year. */
const lastYearPaid = Array.from(
  { length: 12 },
  (_, i) => `${year - 1}-${String(i + 1).padStart(2, '0')}`,
).filter((m) => m < shift(-6));

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
  const member = (
    name: string,
    birthDate: string,
    seq: number,
    gender: 'male' | 'female',
    joinedOn: string,
  ) =>
    api.call<{ id: string }>('POST', '/api/members', {
      orgId: branch.id,
      name,
      gender,
      idNumber: makeIdNumber('430112', birthDate, seq, gender),
      birthDate,
      kind: 'full',
      joinedOn,
      fullOn: `${Number(joinedOn.slice(0, 4)) + 1}${joinedOn.slice(4)}`,
    });
  const carried = await member('李春生', '1980-03-02', 11, 'male', '2010-07-01');
  const newcomer = await member('王秋月', '1992-08-19', 22, 'female', '2016-07-01');
  // Last year's base: the batch carries it over under this year's policy (4500 元 → 1% → 45.00 元).
  await api.call('POST', '/api/dues/assessments', {
    memberId: carried.id,
    year: year - 1,
    category: 'salaried',
    base: '4500.00',
  });
  // …and he paid last year in full (entered after the fact, hence beyond the back-pay limit with a reason).
  await api.call('POST', '/api/dues/payments', {
    memberId: carried.id,
    months: lastYearPaid,
    amount: (lastYearPaid.length * 45).toFixed(2),
    paidOn: `${year - 1}-12-20`,
    channel: 'cash',
    override: { reason: '上年账目录入' },
  });
  await api.call('POST', '/api/users', {
    username: 'secretary_th',
    password: PASSWORD,
    orgId: branch.id,
    role: 'manager',
    displayName: '桃花村书记',
  });
  await api.call('POST', '/api/users', {
    username: 'officer_bs',
    password: PASSWORD,
    orgId: committee.id,
    role: 'manager',
    displayName: '白沙镇组织员',
  });
  await api.call('POST', '/api/users', {
    username: 'lichunsheng',
    password: PASSWORD,
    orgId: branch.id,
    role: 'member',
    memberId: carried.id,
  });
  return { committee, branch, carried, newcomer };
}

const login = (page: Page, path: string, username: string, password = PASSWORD) =>
  logInAs(page, path, username, password);

const row = (page: Page, testId: string, name: string) =>
  page.getByTestId(testId).locator('tr', { hasText: name });

describe('party dues: assess the year, collect on behalf, settle, remit, publish, the member sees it', () => {
  let server: TestServer;
  let browser: Browser;
  let fx: Fixture;
  let staff: Page;
  let staffErrors: string[];
  let receipt = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    fx = await seed(await new Api(server.url).login('admin', ADMIN_PASSWORD));
    ({ page: staff, errors: staffErrors } = await openPage(browser, server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('assesses the branch: last year carried over after a review, a newcomer from the pay slip items', async () => {
    await login(staff, '/login', 'secretary_th');
    await staff.waitForURL('**/members');
    await clickMenu(staff, '党费');
    await staff.getByRole('tab', { name: '年度核定' }).click();
    await staff.waitForURL('**/dues/assessments');
    await expect.poll(() => staff.title()).toBe('党费年度核定 - 党建信息管理系统');

    await staff.getByRole('button', { name: '按上年基数批量核定' }).click();
    // The review: last year's table as it will be carried over.
    const review = row(staff, 'batch-review', '李春生');
    await review.waitFor();
    expect(await review.textContent()).toContain('4500.00');
    await shot(staff, 'dues-batch-review');
    await staff.getByRole('button', { name: /确认核定 1 人/ }).click();
    await expect
      .poll(() => staff.getByTestId('batch-result').textContent(), { timeout: 60_000 })
      .toContain('核定 1 人');
    await staff.getByRole('button', { name: '完 成' }).click();
    const carried = row(staff, 'assessment-table', '李春生');
    await carried.waitFor();
    expect(await carried.textContent()).toContain('45.00 元');

    // 王秋月 had no base last year: assessed from her pay slip, item by item.
    await staff.getByTestId('unassessed').getByRole('button', { name: '核定 王秋月' }).click();
    await pickSelect(staff, '党员类别', '在职工资收入');
    const dialog = staff.getByRole('dialog');
    const included = dialog.locator('.ant-input-number-input');
    await included.first().waitFor();
    await included.first().fill('6000');
    // What is left out of the base is listed, with its source.
    await dialog.getByTestId('excluded-components').waitFor();
    await dialog.getByRole('button', { name: '核 定' }).click();
    const newcomer = row(staff, 'assessment-table', '王秋月');
    await newcomer.waitFor();
    // 6000 元 lies in (5000, 10000]: 1.5% of the whole base.
    expect(await newcomer.textContent()).toContain('90.00 元');
    await newcomer.click();
    await staff.getByTestId('assessment-included').waitFor();
    expect(await staff.getByTestId('assessment-amount').textContent()).toContain('90.00');
    expect(await staff.getByTestId('assessment-included').textContent()).toContain('6000.00');
    // Nothing left out was on the slip: the policy's excluded items are listed all the same.
    await expect.poll(() => staff.getByTestId('assessment-excluded').textContent()).toContain('个人所得税');
    expect(((await staff.getByTestId('assessment-explanation').textContent()) ?? '').length).toBeGreaterThan(
      0,
    );
    // The drawer slides in: let it settle before the picture.
    await staff.waitForTimeout(500);
    await shot(staff, 'dues-assessment-detail');
    await staff.keyboard.press('Escape');
  });

  it("imports next year's bases from an .xlsx: a wrong row refuses the file, the corrected file assesses", async () => {
    await staff.goto(`/dues/assessments?year=${year + 1}`);
    await staff.getByRole('button', { name: '导入基数（.xlsx）' }).click();
    const dialog = staff.getByRole('dialog');
    const upload = async (rows: string[][]) => {
      const book = new ExcelJS.Workbook();
      book.addWorksheet('基数').addRows([['姓名', '身份证号', '类别', '计算基数'], ...rows]);
      const buffer = Buffer.from(await book.xlsx.writeBuffer());
      await dialog
        .locator('input[type=file]')
        .setInputFiles({ name: '党费基数.xlsx', mimeType: 'application/octet-stream', buffer });
    };
    const good = ['李春生', carriedId, '在职', '4800'];
    await upload([good, ['张无名', makeIdNumber('430112', '1975-01-01', 99, 'male'), '在职', '3000']]);
    const errors = dialog.getByTestId('dues-import-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('本组织及下级中没有该党员');
    await upload([good]);
    await expect.poll(() => dialog.getByTestId('dues-import-result').textContent()).toContain('已核定 1 人');
    await staff.keyboard.press('Escape');
    // 4800 元 lies in (3000, 5000]: 1%.
    await expect.poll(() => row(staff, 'assessment-table', '李春生').textContent()).toContain('48.00 元');
  });

  it('records a payment on behalf with its receipt, the other member as delayed, and settles the month', async () => {
    await staff.getByRole('tab', { name: '本月收缴' }).click();
    await staff.waitForURL(/\/dues(\?|$)/);
    await staff.getByText(`${monthName}党费收缴`).waitFor();
    await row(staff, 'dues-month-table', '李春生').waitFor();
    const collect = staff.getByRole('button', { name: '开始收缴' });
    if (await collect.isVisible()) await collect.click();

    await row(staff, 'dues-month-table', '李春生').getByRole('button', { name: '登记交纳' }).click();
    const dialog = staff.getByRole('dialog');
    // Prefilled from the assessment: one tap records the month.
    expect(await dialog.getByLabel('金额（元）').inputValue()).toBe('45.00');
    // His sister pays the quarter: the amount follows the months chosen.
    await dialog.getByLabel('交纳月份').click();
    for (const m of onBehalfMonths.filter((m) => m !== month)) {
      const option = staff.locator(
        `.ant-select-dropdown:visible .ant-select-item-option[title="${monthTitle(m)}"]`,
      );
      // On a loaded machine a click can land while the list is still opening: click until it is chosen.
      for (let attempt = 1; !(await option.getAttribute('class'))?.includes('option-selected'); attempt++) {
        if (attempt > 3) throw new Error(`${m} could not be chosen`);
        await option.click();
        await staff.waitForTimeout(200);
      }
    }
    await staff.keyboard.press('Escape');
    expect(await dialog.getByLabel('金额（元）').inputValue()).toBe('135.00');
    await dialog.getByLabel('代缴').click();
    await dialog.getByLabel('代缴人姓名').fill('李春花');
    await dialog.getByLabel('与本人关系').fill('妹妹');
    await dialog.getByRole('button', { name: '登 记' }).click();
    receipt = ((await staff.getByTestId('receipt-number').textContent()) ?? '').trim();
    expect(receipt.length).toBeGreaterThan(0);
    const pdf = staff.waitForEvent('popup');
    await staff.getByRole('button', { name: '打印收据' }).click();
    const tab = await pdf;
    await tab.waitForLoadState();
    expect(tab.url()).toContain('/receipt');
    await tab.close();
    const receiptPdf = await staff.context().request.get(new URL(tab.url()).pathname);
    expect((await receiptPdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
    await staff.getByRole('button', { name: '关 闭' }).click();
    await expect.poll(() => row(staff, 'dues-month-table', '李春生').textContent()).toContain('已交');

    await row(staff, 'dues-month-table', '王秋月').getByRole('button', { name: '缓 交' }).click();
    await staff.getByRole('dialog').getByLabel('原因').fill('外出务工，已联系，下月一并补交');
    await staff.getByRole('dialog').getByRole('button', { name: '标记缓交' }).click();
    await expect.poll(() => row(staff, 'dues-month-table', '王秋月').textContent()).toContain('缓交');
    await expect.poll(() => staff.getByTestId('dues-tally').textContent()).toContain('45.00');
    await shot(staff, 'dues-month');

    await staff.getByRole('button', { name: '结算本月' }).click();
    await staff.getByRole('button', { name: '确认结算' }).click();
    await expect.poll(() => staff.getByTestId('cycle-status').textContent()).toContain('已结算');
    expect(await staff.getByRole('button', { name: '结算本月' }).count()).toBe(0);
  });

  it('the member records the earlier months from the phone and the branch confirms them', async () => {
    const { page, context, errors } = await openPage(browser, server.url, { width: 375, height: 740 });
    await login(page, '/m/login', 'lichunsheng');
    await page.getByTestId('dues-card').waitFor();
    await page.getByRole('button', { name: '登记交纳' }).click();
    await page.waitForURL('**/m/dues/pay');
    // Offered by default: what he owes; he recorded only the months his transfer paid.
    await page.getByRole('checkbox').first().waitFor();
    for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
    for (const m of portalMonths)
      await page.getByRole('checkbox', { name: new RegExp(`^${monthTitle(m)} `) }).check();
    await expect.poll(() => page.getByLabel('金额').inputValue()).toBe((portalMonths.length * 45).toFixed(2));
    await page.getByText('微信', { exact: true }).click();
    await page.getByLabel('转账单号').fill('WX20261201001');
    const submitted = page.waitForResponse(
      (r) => r.url().endsWith('/api/me/dues/payments') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: '提 交' }).click();
    expect((await submitted).status()).toBe(201);
    await page.waitForURL('**/m/dues');
    await expect.poll(() => page.getByTestId('my-payment').first().textContent()).toContain('待确认');
    expect(errors).toEqual([]);
    await context.close();

    await staff.getByRole('tab', { name: /党员提交/ }).click();
    await staff.waitForURL('**/dues/confirm');
    const waiting = row(staff, 'dues-submitted-table', '李春生');
    expect(await waiting.textContent()).toContain('WX20261201001');
    await waiting.getByRole('button', { name: '确认到账' }).click();
    await staff.getByText('没有待确认的交纳记录').waitFor();
  });

  it('remits the quarter upward and the township confirms what it received', async () => {
    await staff.getByRole('tab', { name: '上缴' }).click();
    await staff.waitForURL('**/dues/remittances');
    const quarterFirst = Math.floor((Number(month.slice(5)) - 1) / 3) * 3 + 1;
    const quarterStart = `${year}-${String(quarterFirst).padStart(2, '0')}`;
    const quarterMonths = Number(month.slice(5)) - quarterFirst + 1;
    await staff.getByLabel('自（月份）').fill(quarterStart);
    await staff.getByLabel('至（月份）').fill(month);
    await staff.getByRole('button', { name: '登记上缴' }).click();
    const sent = row(staff, 'remittance-table', '桃花村党支部');
    await sent.waitFor();
    // Left empty, the amount is what the ledger collected for the period: 45.00 元 each month of the quarter.
    expect(await sent.textContent()).toContain(`${(quarterMonths * 45).toFixed(2)} 元`);
    expect(await sent.textContent()).toContain('待上级确认');

    const { page: officer, context } = await openPage(browser, server.url);
    await login(officer, '/login', 'officer_bs');
    await officer.waitForURL('**/members');
    await officer.goto(`/dues/remittances?year=${year}`);
    await row(officer, 'remittance-table', '桃花村党支部').getByRole('button', { name: '确认收到' }).click();
    await expect
      .poll(() => row(officer, 'remittance-table', '桃花村党支部').textContent())
      .toContain('已收到');
    // The township's chart compares its branches' collection this month.
    await officer.getByRole('tab', { name: '收缴率' }).click();
    await officer.getByTestId('dues-rates-chart').waitFor();
    expect(await officer.getByTestId('dues-ledger').textContent()).toContain('45.00');
    // Arrears across the township: 王秋月 owes every month of the year before this one (this one is 缓交).
    await officer.getByRole('tab', { name: '欠缴' }).click();
    const owing = row(officer, 'arrears-table', '王秋月');
    if (Number(month.slice(5)) > 1) {
      await owing.waitFor();
      expect(await owing.locator('td').nth(2).textContent()).toBe(String(Number(month.slice(5)) - 1));
    }
    await context.close();
  });

  it('publishes the year and its use', async () => {
    await staff.getByRole('tab', { name: '公布' }).click();
    await staff.waitForURL('**/dues/publications**');
    await staff.getByRole('button', { name: '添加一项使用情况' }).click();
    await staff.getByLabel('用途').fill('订阅党报党刊');
    await staff.getByLabel('金额').fill('20');
    await staff.getByRole('button', { name: '公 布' }).click();
    const published = row(staff, 'publication-table', '桃花村党支部');
    await published.waitFor();
    expect(await published.textContent()).toContain(String(year));
    const list = await staff
      .context()
      .request.get(`/api/dues/publications?orgId=${fx.branch.id}&year=${year}`);
    const [publication] = ((await list.json()) as { items: { id: string; collected: string }[] }).items;
    // Collected for this year's months, on behalf and from the phone (last year's belong to last year).
    expect(publication?.collected).toBe((inThisYear([...onBehalfMonths, ...portalMonths]) * 45).toFixed(2));
    const pdf = await staff.context().request.get(`/api/dues/publications/${publication!.id}.pdf`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(staffErrors).toEqual([]);
  });

  it('exempts a member through the branch and the township, and records a quarterly consent', async () => {
    await staff.getByRole('tab', { name: '少交免交' }).click();
    await staff.waitForURL('**/dues/reliefs');
    const request = staff.locator('.ant-card', { hasText: '提出少交或免交' });
    const pickMember = async (card: typeof request, name: string) => {
      await card.getByLabel('党员', { exact: true }).click();
      await card.getByLabel('党员', { exact: true }).fill(name.slice(0, 1));
      await staff.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).click();
    };
    await pickMember(request, '王秋月');
    await request.getByLabel('自（月份）').fill(shift(1));
    await request.getByLabel('至（月份）').fill(shift(3));
    await request.getByLabel('原因').fill('患病住院，无收入');
    await request.getByRole('button', { name: '提 出' }).click();
    const relief = row(staff, 'relief-table', '王秋月');
    await expect.poll(() => relief.textContent()).toContain('待支部决定');
    await relief.getByRole('button', { name: '支部同意' }).click();
    await expect.poll(() => relief.textContent()).toContain('待上级党委审批');
    // The committee's step is not the branch's to take.
    expect(await relief.getByRole('button', { name: '党委批准' }).count()).toBe(0);

    const { page: officer, context } = await openPage(browser, server.url);
    await login(officer, '/login', 'officer_bs');
    await officer.waitForURL('**/members');
    await officer.goto('/dues/reliefs');
    const pending = row(officer, 'relief-table', '王秋月');
    await pending.getByRole('button', { name: '党委批准' }).click();
    await expect.poll(() => pending.textContent()).toContain('已批准');
    await context.close();

    const quarterly = staff.locator('.ant-card', { hasText: '同意按季度交纳' });
    await pickMember(quarterly, '李春生');
    await quarterly.getByLabel('自（月份）').fill(shift(1));
    await quarterly.getByLabel('至（月份）').fill(shift(6));
    await quarterly.getByLabel('原因').fill('长期在外务工，经支部同意按季度交纳');
    await quarterly.getByRole('button', { name: '同 意' }).click();
    await expect.poll(() => quarterly.locator('.ant-list').textContent()).toContain('长期在外务工');
  });

  it('the member sees the amount and why, the paid month with its receipt, and the publication on the phone', async () => {
    const { page, context, errors } = await openPage(browser, server.url, { width: 375, height: 740 });
    await login(page, '/m/login', 'lichunsheng');
    await page.getByTestId('dues-card').waitFor();
    expect(await page.getByTestId('dues-card').textContent()).toContain('45.00');
    await page.getByRole('button', { name: '我的党费' }).click();
    await page.waitForURL('**/m/dues');
    await expect.poll(() => page.title()).toBe('我的党费 - 党员之家');
    expect(await page.getByTestId('my-monthly-amount').textContent()).toContain('45.00');
    expect(((await page.getByTestId('my-dues-explanation').textContent()) ?? '').length).toBeGreaterThan(0);
    const months = page.getByTestId('my-months');
    expect(await months.textContent()).toContain('已交');
    // What I owe: this year's months before the back-payment reached.
    const owed = Number(month.slice(5)) - 7;
    if (owed > 0) expect(await page.getByTestId('my-owed').textContent()).toContain(`欠交 ${owed} 个月`);
    else expect(await page.getByTestId('my-owed').count()).toBe(0);
    const onBehalf = page.getByTestId('my-payment').filter({ hasText: '李春花代缴' });
    expect(await onBehalf.textContent()).toContain(receipt);
    const fromPhone = page.getByTestId('my-payment').filter({ hasText: '微信' });
    expect(await fromPhone.textContent()).toContain('已确认');
    expect(await fromPhone.getByRole('button', { name: /^收据/ }).count()).toBe(1);
    const publication = page.getByTestId('my-publication').first();
    await publication.waitFor();
    expect(await publication.textContent()).toContain('订阅党报党刊');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'dues-portal');
    expect(errors).toEqual([]);
    await context.close();

    // The portal's first load stays within its budget with the dues card on the home page.
    const portal = await firstLoadJs(browser, `${server.url}/m/login`, (p) =>
      p.getByText('党员登录').waitFor(),
    );
    expect(portal.bytes).toBeLessThanOrEqual(300 * 1024);
  });
});
