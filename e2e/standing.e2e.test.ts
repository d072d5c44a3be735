import type { Browser } from 'playwright-core';
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
import { fillDate } from './ui';

const PASSWORD = 'Passw0rd-2024';
const WAIT = { timeout: 15_000 };
const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

interface Fixture {
  lost: { id: string; name: string };
}

let serial = 60;
async function member(api: Api, orgId: string, name: string, birthDate: string) {
  serial += 1;
  return api.call<{ id: string; name: string }>('POST', '/api/members', {
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
}

/**
 * A township: 柳林村 with four members away since the first of this month, two of them called today,
 * and one member lost since last year; 团头湖村 with nobody away.
 */
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
  await api.call('POST', '/api/orgs', { name: '团头湖村党支部', type: 'branch', parentId: committee.id });
  const today = localToday();
  const names = ['赵外出', '钱外出', '孙外出', '李外出'];
  for (const [i, name] of names.entries()) {
    const m = await member(api, branch.id, name, `199${i}-03-08`);
    await api.call('POST', '/api/mobility/outflows', {
      memberId: m.id,
      leftOn: `${today.slice(0, 7)}-01`,
      expectedMonths: 12,
      reason: 'work',
      destinationRegion: '440305',
      fixedPlace: false,
      hostHasPartyOrg: false,
    });
    if (i < 2) {
      await api.call('POST', `/api/members/${m.id}/contacts`, {
        contactedOn: today,
        channel: 'phone',
        reached: true,
      });
    }
  }
  const lost = await member(api, branch.id, '周失联', '1985-06-01');
  await api.call('POST', `/api/members/${lost.id}/lost-contact`, {
    since: '2025-01',
    reasonCode: 'work_business',
  });
  for (const [username, orgId] of [
    ['secretary_ll', branch.id],
    ['organizer_qk', committee.id],
  ] as const) {
    await api.call('POST', '/api/users', { username, password: PASSWORD, orgId, role: 'manager' });
  }
  return { lost };
}

describe('the officer’s comparison and four eyes on 停止党籍', () => {
  let server: TestServer;
  let browser: Browser;
  let fx: Fixture;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await new Api(server.url).login('admin', ADMIN_PASSWORD);
    fx = await seed(admin);
    await refreshNow(admin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the township officer sees 50% contacted where half were not called, and every branch listed', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await consoleLogin(page, 'organizer_qk', PASSWORD);
    await page.goto('/mobility/stats');
    const table = page.getByTestId('stats-compliance');
    const liulin = table.locator('tr', { hasText: '柳林村党支部' });
    await expect.poll(() => liulin.count(), WAIT).toBe(1);
    const contact = liulin.locator('td').nth(3);
    expect(await contact.textContent()).toContain('50%');
    expect(await contact.textContent()).toContain('已办 2/4');
    expect(await contact.textContent()).toContain('未办 2');
    // The lost member counts on the branch's row; the branch with nobody away is listed too.
    expect(await liulin.locator('td').nth(2).textContent()).toBe('1 人');
    expect(await table.locator('tr', { hasText: '团头湖村党支部' }).textContent()).toContain('无应办');
    await shot(page, '60-mobility-comparison');
    expect(errors).toEqual([]);
  });

  it('the branch proposes with its meeting and vote; only the committee is offered the decision', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await consoleLogin(page, 'secretary_ll', PASSWORD);
    await page.goto('/mobility/lost');
    const row = page.getByTestId('lost-members').locator('tr', { hasText: fx.lost.name });
    await row.getByRole('button', { name: '停止党籍' }).click();
    const dialog = page.getByRole('dialog');
    await fillDate(page, '会议日期', localToday());
    await dialog.getByLabel('赞成').fill('7');
    await dialog.getByRole('button', { name: '提交党委审批' }).click();
    const cases = page.getByTestId('standing-cases').locator('tr', { hasText: fx.lost.name });
    await expect.poll(() => cases.count(), WAIT).toBe(1);
    expect(await cases.textContent()).toContain('支部大会讨论：赞成 7 票、反对 0 票、弃权 0 票');
    expect(await cases.textContent()).toContain('柳林村党支部');
    expect(await cases.textContent()).toContain('中共望城区乔口镇委员会');
    expect(await cases.getByRole('button', { name: /^批\s?准$/ }).count()).toBe(0);
    await shot(page, '61-lost-contact-proposed');
    expect(errors).toEqual([]);

    const officer = await openPage(browser, server.url);
    await consoleLogin(officer.page, 'organizer_qk', PASSWORD);
    await officer.page.goto('/mobility/lost');
    const pending = officer.page.getByTestId('standing-cases').locator('tr', { hasText: fx.lost.name });
    await expect.poll(() => pending.count(), WAIT).toBe(1);
    await pending.getByRole('button', { name: /^批\s?准$/ }).click();
    await officer.page
      .getByRole('dialog')
      .getByRole('button', { name: /^批\s?准$/ })
      .click();
    // Stopped just now: 自行脱党 waits two years, and says so.
    const stopped = officer.page.getByTestId('lost-members').locator('tr', { hasText: fx.lost.name });
    await expect.poll(() => stopped.textContent(), WAIT).toContain('停止党籍');
    await expect
      .poll(() => stopped.getByRole('button', { name: '按自行脱党除名' }).isDisabled(), WAIT)
      .toBe(true);
    await shot(officer.page, '62-lost-contact-stopped');
    expect(officer.errors).toEqual([]);
  });
});
