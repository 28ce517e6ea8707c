// Messages in the user's language and actions that follow permissions, in Chinese at 1366×768:
// an office worker sees the server's refusal of a duplicate ID number in Chinese under the field
// (and in English after switching the language); a read-only viewer is offered no write action on
// the members and organizations pages; a member's own page has no API-token section.
import type { Locator } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { validIdNumber } from './idNumbers';
import { serverWithPage } from './session';

const DEMO_PASSWORD = 'Gongjian@2024';
const BRANCH = '建车汽车服务党支部';

const e2e = serverWithPage({ width: 1366, height: 768 });

async function logIn(username: string, password: string): Promise<void> {
  await e2e.page.context().clearCookies();
  await e2e.page.goto(`${e2e.server.url}/login`);
  await e2e.page.getByLabel('用户名').fill(username);
  await e2e.page.getByLabel('密码').fill(password);
  await e2e.page.getByRole('button', { name: /登\s*录/ }).click();
  await e2e.page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function pickDate(scope: Locator, label: string, date: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** Picks the branch in the organization tree by searching, and waits until the field shows it (the search
 *  answers while the tree is still drawn, so a click can land on a node the next answer replaces). */
async function pickBranch(dialog: Locator, label: string): Promise<void> {
  const org = dialog.getByLabel(label);
  const chosen = dialog.locator('.ant-form-item', { has: e2e.page.getByText(label, { exact: true }) }).locator('.ant-select-selection-item');
  for (let attempt = 1; ; attempt++) {
    await org.click();
    await org.fill('建车');
    await e2e.page.getByRole('tree').last().getByText(BRANCH, { exact: false }).click();
    const shown = await chosen.filter({ hasText: BRANCH }).waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (shown || attempt === 2) break;
  }
  expect(await chosen.innerText()).toContain(BRANCH);
}

/** Fills the member form with a name, an ID number, a joining date and the branch, then saves. */
async function submitMember(name: string, idNumber: string): Promise<Locator> {
  await e2e.page.getByRole('button', { name: '新增党员' }).click();
  const dialog = e2e.page.getByRole('dialog', { name: '新增党员' });
  await dialog.getByLabel('姓名', { exact: true }).fill(name);
  await dialog.getByLabel('公民身份号码').fill(idNumber);
  await pickDate(dialog, '入党时间', '2015-07-01');
  await pickBranch(dialog, '所在党组织');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  return dialog;
}

const fieldError = (dialog: Locator, label: string) =>
  dialog.locator('.ant-form-item').filter({ has: e2e.page.getByText(label, { exact: true }) }).locator('.ant-form-item-explain-error');

describe('messages in the user’s language', () => {
  it('shows the server’s refusal of a duplicate ID number in Chinese under the field', async () => {
    await logIn('admin', e2e.server.adminPassword);
    await e2e.page.goto(`${e2e.server.url}/members`);
    const idNumber = validIdNumber('1991-04-12', 617);
    const first = await submitMember('消息测试甲', idNumber);
    await first.waitFor({ state: 'hidden' });
    await e2e.page.keyboard.press('Escape'); // the new member's drawer

    const second = await submitMember('消息测试乙', idNumber);
    const error = fieldError(second, '公民身份号码');
    await error.waitFor();
    expect(await error.innerText()).toBe('此身份证号的党员已在名册中');
  });

  it('words the same refusal in English once the interface is in English', async () => {
    await e2e.page.evaluate(() => localStorage.setItem('gongjian.language', 'en'));
    onTestFinished(() => e2e.page.evaluate(() => localStorage.setItem('gongjian.language', 'zh'))); // the next tests read Chinese
    await e2e.page.reload();
    await e2e.page.getByRole('button', { name: 'Add member' }).click();
    const dialog = e2e.page.getByRole('dialog', { name: 'Add member' });
    await dialog.getByLabel('Name', { exact: true }).fill('Message test B');
    await dialog.getByLabel('ID number').fill(validIdNumber('1991-04-12', 617));
    await pickDate(dialog, 'Joined on', '2015-07-01');
    await pickBranch(dialog, 'Organization');
    await dialog.getByRole('button', { name: /Save/ }).click();
    const error = fieldError(dialog, 'ID number');
    await error.waitFor();
    expect(await error.innerText()).toBe('a member with this ID-card number is already on the roster');
  });
});

describe('actions follow permissions', () => {
  it('offers a viewer no 新增党员 on the members page', async () => {
    await logIn('bluestar', DEMO_PASSWORD);
    await e2e.page.goto(`${e2e.server.url}/members`);
    // the list has answered (with its abilities) once its rows are shown
    await e2e.page.locator('.member-table tr.ant-table-row').first().waitFor();
    expect(await e2e.page.getByRole('button', { name: '新增党员' }).count()).toBe(0);
  });

  it('offers a viewer no write action on the organizations page, only the export', async () => {
    await e2e.page.goto(`${e2e.server.url}/orgs`);
    const root = '中国蓝星（集团）股份有限公司党委';
    await e2e.page.getByRole('tree').getByText(root, { exact: true }).click();
    await e2e.page.getByRole('heading', { name: root, level: 3 }).waitFor();
    const actions = e2e.page.locator('.org-actions');
    await actions.getByRole('link', { name: /导出党员名册/ }).waitFor();
    expect(await actions.getByRole('button').count()).toBe(0);
    for (const name of ['新建下级组织', '编辑', '移动', '撤销']) expect(await e2e.page.getByRole('button', { name }).count()).toBe(0);
    await e2e.page.getByRole('tab', { name: '委员会' }).click().catch(() => undefined);
    expect(await e2e.page.getByRole('button', { name: /新增|添加/ }).count()).toBe(0);
  });

  it('shows a member no API-token section', async () => {
    await logIn('lvdi', DEMO_PASSWORD);
    await e2e.page.goto(`${e2e.server.url}/me`);
    await e2e.page.getByText('组织关系记录').waitFor();
    expect(await e2e.page.getByText('API 令牌').count()).toBe(0);
  });
});
