import type { Page } from 'playwright-core';

// Small drivers for antd controls, whose real inputs sit behind styled wrappers.

/** Popups close with an animation that still catches clicks: wait until none is left on screen. */
async function popupsClosed(page: Page, selector: string, timeout?: number) {
  await page.waitForFunction(
    (sel) => [...document.querySelectorAll(sel)].every((el) => (el as HTMLElement).offsetParent === null),
    selector,
    { timeout },
  );
}

/**
 * `option` is the whole option text, or with `partial` a part of it (for long descriptive options).
 * On a loaded machine a click can land while the dropdown is still opening and be lost, leaving it
 * open: then close it and pick again (single selects only, so picking twice changes nothing).
 */
export async function pickSelect(page: Page, label: string, option: string, partial = false) {
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  const wanted = partial
    ? options.filter({ hasText: option })
    : options.and(page.locator(`[title="${option}"]`));
  for (let attempt = 1; ; attempt++) {
    await page.getByLabel(label, { exact: true }).click();
    await wanted.first().click();
    try {
      await popupsClosed(page, '.ant-select-dropdown', 5_000);
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
      await popupsClosed(page, '.ant-select-dropdown');
    }
  }
}

export async function pickCascader(page: Page, label: string, path: string[]) {
  await page.getByLabel(label, { exact: true }).click();
  for (const name of path) {
    await page.locator(`.ant-cascader-dropdown:visible .ant-cascader-menu-item[title="${name}"]`).click();
  }
  await page.keyboard.press('Escape');
  await popupsClosed(page, '.ant-cascader-dropdown');
}

export async function fillDate(page: Page, label: string, date: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await popupsClosed(page, '.ant-picker-dropdown');
}

export async function clickMenu(page: Page, name: string) {
  // Sections the header has no room for stay in the bar hidden (aria-hidden) and show in its「…」.
  const shown = page
    .locator('.ant-menu > li:not([aria-hidden="true"])')
    .getByText(name, { exact: true })
    .filter({ visible: true });
  if ((await shown.count()) === 0) await page.locator('.ant-menu-overflow-item-rest').hover();
  await shown.first().click();
}

/** The console's and the portal's login form, filled and sent. */
export async function logInAs(page: Page, path: string, username: string, password: string) {
  await page.goto(path);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登 录' }).click();
}
