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
import { clickMenu, fillDate, logInAs, pickSelect } from './ui';

const PASSWORD = 'Passw0rd-2024';

/** The server counts days in UTC, and so does the browser here: the meetings are held today. */
const now = new Date();
const iso = (d: Date) => d.toISOString().slice(0, 10);
const today = iso(now);
const nextWeek = iso(new Date(now.getTime() + 7 * 86_400_000));

interface Fixture {
  branch: { id: string };
  signer: { id: string };
  absentee: { id: string };
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
  const member = (name: string, birth: string, seq: number, gender: 'male' | 'female') =>
    api.call<{ id: string }>('POST', '/api/members', {
      orgId: branch.id,
      name,
      gender,
      idNumber: makeIdNumber('430112', birth, seq, gender),
      birthDate: birth,
      kind: 'full',
      joinedOn: '2010-07-01',
      fullOn: '2011-07-01',
      phone: `1380000${String(seq).padStart(4, '0')}`,
    });
  const signer = await member('张学习', '1985-03-08', 11, 'male');
  const absentee = await member('李缺会', '1979-11-20', 13, 'male');
  await member('王按时', '1990-05-16', 22, 'female');
  await api.call('POST', '/api/users', {
    username: 'secretary_th',
    password: PASSWORD,
    orgId: branch.id,
    role: 'manager',
    displayName: '桃花村书记',
  });
  await api.call('POST', '/api/users', {
    username: 'organizer_bs',
    password: PASSWORD,
    orgId: committee.id,
    role: 'manager',
    displayName: '白沙镇组织员',
  });
  await api.call('POST', '/api/users', {
    username: 'zhangxx',
    password: PASSWORD,
    orgId: branch.id,
    role: 'member',
    memberId: signer.id,
  });
  return { branch, signer, absentee };
}

/** The guide's screenshots: without the success toasts over the page. */
async function quietShot(page: Page, name: string) {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
  await shot(page, name);
}

const login = (page: Page, path: string, username: string, password = PASSWORD) =>
  logInAs(page, path, username, password);

/** One member's status in the attendance editor (antd radio buttons, grouped under the member's name). */
async function mark(page: Page, name: string, status: string) {
  await page.getByLabel(`${name}的出勤`, { exact: true }).getByText(status, { exact: true }).click();
}

describe('organizational life: plan, phone sign-in, attendance, compliance, 警戒书', () => {
  let server: TestServer;
  let browser: Browser;
  let fx: Fixture;
  let staff: Page;
  let staffErrors: string[];
  let meetingId = '';
  let code = '';
  /** This year's 主题党日 held before the test's meeting (API.md life-compliance). */
  let heldBefore = -1;
  let disposalUrl = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await new Api(server.url).login('admin', ADMIN_PASSWORD);
    fx = await seed(admin);
    ({ page: staff, errors: staffErrors } = await openPage(browser, server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the branch secretary plans a 主题党日 and opens sign-in: a six-digit code and its QR', async () => {
    await login(staff, '/login', 'secretary_th');
    await staff.waitForURL('**/members');
    await clickMenu(staff, '组织生活');
    await staff.waitForURL('**/meetings');
    await staff.getByTestId('plan-meeting').click();
    await pickSelect(staff, '会议类型', '主题党日');
    await fillDate(staff, '计划日期', today);
    await staff.getByLabel('主题', { exact: true }).fill('学习党章，重温入党誓词');
    await staff.getByLabel('地点', { exact: true }).fill('村党群服务中心');
    const planned = staff.waitForResponse(
      (r) => r.url().endsWith('/api/meetings/plans') && r.request().method() === 'POST',
    );
    await staff.getByTestId('plan-submit').click();
    const res = await planned;
    expect(res.status()).toBe(201);
    meetingId = ((await res.json()) as { id: string }).id;

    const line = staff.getByTestId(`meeting-${meetingId}`);
    await line.getByRole('link', { name: /学习党章/ }).click();
    await staff.waitForURL(`**/meetings/${meetingId}`);
    expect(await staff.getByTestId('meeting-status').textContent()).toBe('计划');
    await staff.getByTestId('open-sign-in').click();
    await staff.getByTestId('sign-in-qr').waitFor();
    code = ((await staff.getByTestId('sign-in-code').textContent()) ?? '').trim();
    const compliance = await staff.context().request.get(`/api/orgs/${fx.branch.id}/life-compliance`);
    const items = ((await compliance.json()) as { items: { type: string; held: number }[] }).items;
    heldBefore = items.find((i) => i.type === 'theme_day')?.held ?? -1;
    expect(heldBefore).toBe(0);
    expect(code).toMatch(/^\d{6}$/);
    await quietShot(staff, '90-org-life-sign-in-open');
  });

  it('a member signs in on a 375 px phone from the QR link, once', async () => {
    const { page, context, errors } = await openPage(browser, server.url, { width: 375, height: 740 });
    // The QR carries /m/sign-in?code=…: not signed in yet, the code survives the login.
    await page.goto(`/m/sign-in?code=${code}`);
    await page.waitForURL('**/m/login');
    await page.getByLabel('用户名').fill('zhangxx');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登 录' }).click();
    await page.waitForURL(`**/m/sign-in?code=${code}`);
    expect(await page.getByLabel('签到码').inputValue()).toBe(code);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.getByRole('button', { name: '签 到' }).click();
    await page.getByTestId('sign-in-done').waitFor();
    await shot(page, '91-portal-sign-in-done');

    // Again with the same code: the member is told, nothing changes.
    await page.goto(`/m/sign-in?code=${code}`);
    await page.getByRole('button', { name: '签 到' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toContain('您已签到');
    // A code nobody opened.
    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByLabel('签到码').fill(wrong);
    await page.getByRole('button', { name: '签 到' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toContain('签到码无效');

    // The home page's card names the way in.
    await page.goto('/m');
    await page.getByRole('button', { name: '会议签到' }).waitFor();
    await shot(page, '91b-portal-home-life-card');
    expect(errors).toEqual([]);
    await context.close();

    // The screen in the meeting room sees the phone come in (it refetches while sign-in is open).
    await expect
      .poll(() => staff.getByTestId('signed-in-names').textContent(), { timeout: 20_000 })
      .toContain('张学习');
  });

  it('the secretary records the meeting: the member who signed in is present, the absentee absent', async () => {
    await staff.getByTestId('record-plan').click();
    await staff.waitForURL(`**/meetings/new?plan=${meetingId}`);
    await staff.getByTestId('attendance-editor').getByText('张学习').waitFor();
    // What the phone said is already there.
    expect(await staff.getByTestId('attendance-counts').textContent()).toContain('出席 1');
    await mark(staff, '李缺会', '缺席');
    await mark(staff, '王按时', '出席');
    await staff.getByLabel('记录人', { exact: true }).fill('王按时');
    await staff.getByTestId('record-submit').click();
    await staff.getByTestId('record-result').waitFor();
    // The first unexcused absence of the year: an SMS reminder (RULES.md §4).
    await staff.getByTestId('record-escalations').waitFor();

    await staff.getByRole('button', { name: '查看会议' }).click();
    await staff.waitForURL(`**/meetings/${meetingId}`);
    expect(await staff.getByTestId('meeting-status').textContent()).toBe('已召开');
    const rows = staff.getByTestId('attendance');
    await expect.poll(() => rows.locator('tr', { hasText: '张学习' }).textContent()).toContain('出席');
    expect(await rows.locator('tr', { hasText: '李缺会' }).textContent()).toContain('缺席');

    // Compliance: this month's 主题党日 is held.
    await staff.getByRole('tab', { name: '落实情况' }).click();
    await staff.waitForURL('**/meetings/compliance');
    const row = staff.getByTestId('compliance-table').locator('tr', { hasText: '主题党日' });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    // 会议类型, 要求, 应开展, 已开展, …
    expect(Number(cells[3])).toBe(heldBefore + 1);
  });

  it('a second unexcused absence produces a printable 警戒书', async () => {
    await staff.getByRole('tab', { name: '会议日历' }).click();
    await staff.waitForURL('**/meetings');
    await staff.getByTestId('record-meeting').click();
    await staff.waitForURL(/\/meetings\/new\?orgId=/);
    await pickSelect(staff, '会议类型', '党小组会');
    await staff.getByLabel('主题', { exact: true }).fill('学习乡村振兴政策');
    await staff.getByTestId('attendance-editor').getByText('李缺会').waitFor();
    await mark(staff, '李缺会', '缺席');
    await staff.getByTestId('mark-rest-present').click();
    await staff.getByTestId('record-submit').click();
    await staff.getByTestId('record-escalations').waitFor();

    await staff.getByRole('link', { name: '查看预警与警戒' }).click();
    await staff.waitForURL('**/meetings/escalations');
    const table = staff.getByTestId('member-escalations');
    const letter = table.locator('tr', { hasText: '警戒书' }).filter({ hasText: '李缺会' });
    await letter.waitFor();
    await shot(staff, '92-org-life-escalations');
    const href = await letter.locator('a[href$="/document"]').getAttribute('href');
    expect(href).toMatch(/^\/api\/escalations\/.+\/document$/);
    const pdf = await staff.context().request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // RULES.md §4 decision: two unexcused absences in a year are one SMS reminder and one 警戒书, also
    // when both meetings were held the same day.
    const rows = async (kind: string) =>
      table.locator('tr', { hasText: kind }).filter({ hasText: '李缺会' }).count();
    expect({ sms: await rows('短信提醒'), letters: await rows('警戒书') }).toEqual({ sms: 1, letters: 1 });
  });

  it('the member asks leave for the next meeting and sees this year on the phone', async () => {
    const secretary = await new Api(server.url).login('secretary_th', PASSWORD);
    await secretary.call('POST', '/api/meetings/plans', {
      orgId: fx.branch.id,
      type: 'party_lecture',
      plannedOn: nextWeek,
      topic: '党课：新时代的担当',
      place: '村党群服务中心',
      notify: false,
    });
    const { page, context, errors } = await openPage(browser, server.url, { width: 375, height: 740 });
    await login(page, '/m/login', 'zhangxx');
    await page.waitForURL('**/m');
    await page.getByTestId('next-meeting').getByText('党课：新时代的担当').waitFor();
    await page.getByRole('button', { name: '我的会议' }).click();
    await page.waitForURL('**/m/meetings');
    const upcoming = page
      .getByTestId('upcoming-meetings')
      .getByTestId('my-meeting')
      .filter({ hasText: '新时代的担当' });
    await upcoming.getByRole('button', { name: '请 假' }).click();
    await page.getByLabel('请假类别').getByText('公假', { exact: true }).click();
    await page.getByLabel('请假说明').fill('参加镇里的培训');
    await page.getByRole('button', { name: '提交请假' }).click();
    await expect.poll(() => upcoming.getByTestId('my-leave').textContent()).toBe('公假·待审批');
    const held = page.getByTestId('held-meetings');
    expect(
      await held
        .getByTestId('my-meeting')
        .filter({ hasText: '学习党章' })
        .getByTestId('my-status')
        .textContent(),
    ).toBe('出席');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await quietShot(page, '93-portal-my-meetings');

    await page.goto('/m/life');
    await expect.poll(() => page.getByTestId('count-present').textContent()).toBe('2出席');
    expect(await page.getByTestId('count-absent').textContent()).toBe('0缺席');
    await shot(page, '96-portal-my-life');
    expect(errors).toEqual([]);
    await context.close();

    // The secretary sees the request waiting.
    await staff.getByRole('tab', { name: '请假审批' }).click();
    await staff.waitForURL('**/meetings/leave');
    await staff.getByTestId('leave-requests').getByText('张学习').waitFor();
  });

  it('the disposal queue: a candidate added by hand walks its first step', async () => {
    await clickMenu(staff, '处置');
    await staff.waitForURL('**/disposals');
    await staff.getByRole('button', { name: '新增候选' }).click();
    await pickSelect(staff, '党员', '李缺会', true);
    await pickSelect(staff, '事由', '积分考评不合格');
    await staff.getByLabel('具体情况').fill('年度积分低于合格线');
    await staff.getByRole('button', { name: '列入名单' }).click();
    await staff.waitForURL(/\/disposals\/[^/]+$/);
    disposalUrl = new URL(staff.url()).pathname;
    expect(await staff.getByTestId('disposal-status').textContent()).toBe('待启动');
    const form = staff.getByTestId('next-step');
    await form.getByText('登记第 1 步：支委会初步认定').waitFor();
    await form.getByLabel('情况说明').fill('支委会讨论认为情况属实，进入调查核实');
    await form.getByRole('button', { name: '登 记' }).click();
    await staff.getByTestId('disposal-step-1').waitFor();
    expect(await staff.getByTestId('disposal-step-1').textContent()).toContain('党支部委员会');
    await form.getByText('登记第 2 步：调查核实').waitFor();
    expect(await staff.getByTestId('disposal-status').textContent()).toBe('处置中');
    await quietShot(staff, '94-disposal-detail');

    await clickMenu(staff, '处置');
    const queue = staff.getByTestId('disposals-table');
    await expect.poll(() => queue.locator('tr', { hasText: '李缺会' }).textContent()).toContain('第 1/5 步');
    await shot(staff, '95-disposal-queue');
    expect(staffErrors).toEqual([]);
  });

  it('the procedure goes on: the township pre-reviews and approves, the assembly votes, the decision prints', async () => {
    const form = staff.getByTestId('next-step');
    await staff.goto(disposalUrl);
    await pickSelect(staff, '处理建议', '限期改正');
    await form.getByRole('button', { name: '登 记' }).click();
    await form.getByText('登记第 3 步：上级预审').waitFor();
    // RULES.md §6 L384: the pre-review is the township's; the branch sees why it cannot record it.
    await form.getByText('上级预审和审批须由党员所在支部的上级党组织办理').waitFor();
    expect(await form.getByRole('button', { name: '登 记' }).isDisabled()).toBe(true);
    await form.getByText('审批机关：乡镇（街道）党委').waitFor();

    const { page, errors } = await openPage(browser, server.url);
    await login(page, '/login', 'organizer_bs');
    await page.waitForURL('**/members');
    await page.goto(disposalUrl);
    const upper = page.getByTestId('next-step');
    await upper.getByText('登记第 3 步：上级预审').waitFor();
    expect(await upper.getByLabel('办理机关（会议）').inputValue()).toBe('乡镇（街道）党委');
    await upper.getByRole('button', { name: '登 记' }).click();
    await upper.getByText('登记第 4 步：支部大会表决').waitFor();
    await upper.getByLabel('应到人数').fill('3');
    await upper.getByLabel('赞成').fill('2');
    await upper.getByLabel('反对').fill('1');
    await upper.getByLabel('弃权').fill('0');
    await upper.getByRole('button', { name: '登 记' }).click();
    await page.getByTestId('disposal-step-4').getByText('通过').waitFor();
    await upper.getByText('登记第 5 步：审批并告知').waitFor();
    await pickSelect(page, '处置决定', '限期改正');
    await upper.getByRole('button', { name: '登 记' }).click();
    await expect.poll(() => page.getByTestId('disposal-status').textContent()).toBe('已作出决定');
    expect(await page.getByTestId('disposal-step-5').textContent()).toContain('决定：限期改正');
    expect(await page.getByTestId('next-step').count()).toBe(0);
    const href = await page.getByTestId('print-decision').getAttribute('href');
    const pdf = await page.context().request.get(href!);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the portal within its first-load budget on the home page with its 组织生活 card', async () => {
    const member = await new Api(server.url).login('zhangxx', PASSWORD);
    // The harness scopes the cookie to the URL's directory: `/m` puts it on `/`, where the API is.
    const load = await firstLoadJs(
      browser,
      `${server.url}/m`,
      (p) => p.getByRole('button', { name: '会议签到' }).waitFor(),
      member.cookie,
    );
    console.log(`first-load JS (gzip): portal /m ${(load.bytes / 1024).toFixed(1)} KB`);
    expect(load.files.some((f) => /ConsoleApp|StatsPage|EChart/.test(f))).toBe(false);
    expect(load.bytes).toBeLessThanOrEqual(300 * 1024);
  });
});
