// An organization admin of the Xiangtan zone gives a branch secretary an account; the secretary
// signs in, sees only the zone's branch, and creates an API token that a script then uses. Then the
// zone admin edits another secretary's roles, disables and re-enables the account, and reads it all
// in the audit log, in Chinese, with a link back to the account. The admin then uses both lists as
// the one list pattern promises: a hidden column, a page jumped to, accounts disabled and enabled in
// one go, and the current filter downloaded as .xlsx and read back.
import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './server';
import { serverWithPage } from './session';
import { hideColumn } from './columns';

const DEMO_PASSWORD = 'Gongjian@2024';
const NEW_USER = 'jjm-secretary';
const NEW_PASSWORD = 'Jiajiamei-2026!';

const SHOTS = path.join(REPO_ROOT, '.tmp/shots');
const SECRETARY = 'zengchunhui';

const e2e = serverWithPage({ width: 1366, height: 768 });

async function shot(name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await e2e.page.screenshot({ path: path.join(SHOTS, `users-audit-${name}.png`), fullPage: true });
}

/** Downloads the list's export of its current filter and reads its first sheet, header first. */
async function downloadExport(): Promise<string[][]> {
  const download = e2e.page.waitForEvent('download');
  await e2e.page.locator('.list-table-bar a[href*="export.xlsx"]').click();
  const file = await (await download).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : ''))));
  return rows;
}

/** Answers the confirmation dialog with OK. */
async function confirm(): Promise<void> {
  const dialog = e2e.page.locator('.ant-modal-confirm:visible');
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The audit log of one object type, picked from the list. */
async function showType(label: string): Promise<void> {
  await e2e.page.locator('.filter-bar .ant-select-selector').first().click();
  await e2e.page.locator('.ant-select-dropdown:visible').getByTitle(label, { exact: true }).click();
  await e2e.page.locator('.filter-bar .ant-select-selection-item').filter({ hasText: label }).waitFor();
}

/** Whether the account can sign in, asked of the API as a script would. */
async function signInStatus(username: string): Promise<number> {
  const res = await fetch(`${e2e.server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return res.status;
}

async function logIn(username: string, password: string): Promise<void> {
  await e2e.page.goto(`${e2e.server.url}/login`);
  await e2e.page.getByLabel('用户名').fill(username);
  await e2e.page.getByLabel('密码').fill(password);
  await e2e.page.getByRole('button', { name: /登\s*录/ }).click();
  await e2e.page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

describe('users and access', () => {
  it('the zone admin creates a secretary account for the Jiajiamei branch', async () => {
    await logIn('xiangtan', DEMO_PASSWORD);
    await e2e.page.goto(`${e2e.server.url}/users`);
    await e2e.page.getByRole('button', { name: '新建用户' }).click();
    const dialog = e2e.page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill(NEW_USER);
    await dialog.getByLabel('初始密码').fill('short');
    // the role defaults to 书记; the organization is searched in the tree picker
    const org = dialog.getByLabel('授权组织（含下级）');
    await org.click();
    await org.fill('家家美');
    await e2e.page.getByRole('tree').last().getByText('家家美党支部', { exact: false }).click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    // a password too short is refused under its field, and nothing is created
    await dialog.locator('.ant-form-item-explain-error').first().waitFor();
    await dialog.getByLabel('初始密码').fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await e2e.page.getByRole('cell', { name: NEW_USER }).waitFor();
    const row = e2e.page.getByRole('row').filter({ hasText: NEW_USER });
    expect(await row.innerText()).toContain('家家美党支部');
  });

  it('the new secretary signs in, sees only the branch, and makes a token a script can use', async () => {
    await e2e.page.getByRole('button', { name: '退出登录' }).click();
    await e2e.page.waitForURL(/\/login/);
    await logIn(NEW_USER, NEW_PASSWORD);
    await e2e.page.goto(`${e2e.server.url}/orgs`);
    await e2e.page.getByRole('tree').getByText('家家美党支部').waitFor();
    expect(await e2e.page.getByRole('tree').getByText('湘潭高新区党工委').count()).toBe(0);
    await e2e.page.goto(`${e2e.server.url}/me`);
    await e2e.page.getByPlaceholder('用途').fill('报表脚本');
    await e2e.page.getByRole('button', { name: '生成令牌' }).click();
    const token = await e2e.page.locator('code').filter({ hasText: /^gj_/ }).innerText();
    const res = await fetch(`${e2e.server.url}/api/v1/orgs`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { name: string }[] };
    expect(body.items.map((o) => o.name)).toEqual(['家家美党支部']);
  });

  it('the zone admin adds a role to a secretary, then disables the account (no sign-in) and enables it again', async () => {
    await e2e.page.context().clearCookies();
    await logIn('xiangtan', DEMO_PASSWORD);
    await e2e.page.goto(`${e2e.server.url}/users`);
    await e2e.page.getByPlaceholder('姓名或用户名').fill('曾春晖');
    await e2e.page.getByPlaceholder('姓名或用户名').press('Enter');
    const row = e2e.page.getByRole('row').filter({ hasText: SECRETARY });
    // the header and the one account found, once the filtered page has replaced the first one
    await expect.poll(() => e2e.page.getByRole('row').count()).toBe(2);
    expect(await row.innerText()).toContain('书记 · 重药控股湖南民生药业党支部');

    await row.getByText('编辑权限').click();
    const dialog = e2e.page.getByRole('dialog');
    await dialog.getByRole('button', { name: '添加角色' }).click();
    const second = dialog.locator('.role-row').nth(1);
    await second.locator('.role-row-role .ant-select-selector').click();
    await e2e.page.locator('.ant-select-dropdown:visible').getByTitle('查看者').click();
    const org = second.locator('.role-row-org input');
    await org.click();
    await org.fill('办公室党支部');
    await e2e.page.getByRole('tree').last().getByText('办公室党支部', { exact: false }).first().click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('查看者 · ').waitFor();
    expect(await row.innerText()).toMatch(/查看者 · [^\n]*办公室党支部/);
    await shot('users-desktop');

    expect(await signInStatus(SECRETARY)).toBe(200);
    await row.getByText('停用', { exact: true }).click();
    await confirm();
    await row.getByText('已停用').waitFor();
    expect(await signInStatus(SECRETARY)).toBe(401);

    await row.getByText('启用', { exact: true }).click();
    await confirm();
    await row.getByText('正常').waitFor();
    expect(await signInStatus(SECRETARY)).toBe(200);
  });

  it('the audit log tells the story in Chinese, with the changed roles by name and a link to the account', async () => {
    await e2e.page.goto(`${e2e.server.url}/audit`);
    await showType('用户');
    const rows = e2e.page.locator('tr.ant-table-row');
    await rows.filter({ hasText: '启用账号' }).first().waitFor();
    const forSecretary = rows.filter({ hasText: '曾春晖' });
    const actions = await forSecretary.locator('td').allInnerTexts();
    for (const action of ['启用账号', '停用账号', '修改用户权限']) expect(actions).toContain(action);
    // no raw codes or ids in the visible rows
    const text = await rows.allInnerTexts();
    expect(text.join('\n')).not.toMatch(/user\.(enable|disable|update)|[0-9a-f]{32}/);

    const update = forSecretary.filter({ hasText: '修改用户权限' }).first();
    await update.locator('.ant-table-row-expand-icon').click();
    const changes = e2e.page.locator('.audit-changes').first();
    await changes.waitFor();
    const changed = await changes.innerText();
    expect(changed).toContain('权限');
    expect(changed).toContain('书记 · 重药控股湖南民生药业党支部');
    expect(changed).toMatch(/查看者 · [^\n；]*办公室党支部/);
    await shot('audit-desktop');

    // an activity recorded by the demo: its fields in Chinese, its organizations and people by name
    await showType('活动');
    const recorded = rows.filter({ hasText: '记录活动' }).first();
    await recorded.waitFor();
    await recorded.locator('.ant-table-row-expand-icon').click();
    const activity = await e2e.page.locator('.audit-changes').first().innerText();
    expect(activity).toContain('举办组织');
    expect(activity).not.toMatch(/[0-9a-f]{32}/);
    await shot('audit-activity-desktop');
    await showType('用户');
    await update.waitFor();

    const link = update.getByRole('link', { name: '曾春晖' });
    expect(await link.getAttribute('href')).toBe(`/users?q=${encodeURIComponent('曾春晖')}`);
    await link.click();
    await e2e.page.getByRole('row').filter({ hasText: SECRETARY }).waitFor();
  });

  it('the audit log pages with numbers and exports its current filter in words', async () => {
    await e2e.page.setViewportSize({ width: 1280, height: 800 });
    await e2e.page.goto(`${e2e.server.url}/audit`);
    const rows = e2e.page.locator('tr.ant-table-row');
    await rows.first().waitFor();
    const firstPage = await rows.first().innerText();
    await e2e.page.locator('.ant-pagination-options-quick-jumper input').fill('3');
    await e2e.page.locator('.ant-pagination-options-quick-jumper input').press('Enter');
    await e2e.page.locator('.ant-pagination-item-active').filter({ hasText: /^3$/ }).waitFor();
    await expect.poll(() => rows.first().innerText()).not.toBe(firstPage);

    await showType('用户');
    await rows.filter({ hasText: '启用账号' }).first().waitFor();
    // who changed the roles, as the page names them
    const changedBy = await rows.filter({ hasText: '曾春晖' }).filter({ hasText: '修改用户权限' }).first().locator('td').nth(2).innerText();
    await shot('audit-list-desktop');
    const total = Number((await e2e.page.locator('.ant-pagination-total-text').innerText()).replace(/\D/g, ''));
    const [header, ...events] = await downloadExport();
    expect(header).toEqual(['时间', '操作人', '操作', '对象类型', '对象', '所属组织', '变更内容']);
    expect(events).toHaveLength(total);
    expect(new Set(events.map((e) => e[3]))).toEqual(new Set(['用户']));
    const update = events.find((e) => e[2] === '修改用户权限' && e[4] === '曾春晖')!;
    expect(update[1]).toBe(changedBy);
    expect(update[6]).toMatch(/权限：书记 · 重药控股湖南民生药业党支部 → [^\n]*查看者 · [^\n]*办公室党支部/);
    expect(events.flat().join('\n')).not.toMatch(/user\.(enable|disable|update)|[0-9a-f]{32}/);
  });

  it('the admin hides a column, jumps to a page, disables two accounts at once, exports them, and enables them again', async () => {
    await e2e.page.context().clearCookies();
    await logIn('admin', e2e.server.adminPassword);
    await e2e.page.goto(`${e2e.server.url}/users`);
    const rows = e2e.page.locator('tr.ant-table-row');
    await rows.first().waitFor();

    // the column settings: 最近登录 hidden, and still hidden after a reload
    await hideColumn(e2e.page, e2e.page, '最近登录');
    await expect.poll(() => e2e.page.getByRole('columnheader', { name: '最近登录' }).count()).toBe(0);
    await e2e.page.reload();
    await rows.first().waitFor();
    expect(await e2e.page.getByRole('columnheader', { name: '最近登录' }).count()).toBe(0);

    // ten a page, then page 2 by the quick jumper
    await e2e.page.locator('.ant-pagination-options-size-changer').click();
    await e2e.page.locator('.ant-select-dropdown:visible').getByTitle('10 条/页').click();
    await expect.poll(() => rows.count()).toBe(10);
    await e2e.page.locator('.ant-pagination-options-quick-jumper input').fill('2');
    await e2e.page.locator('.ant-pagination-options-quick-jumper input').press('Enter');
    await e2e.page.locator('.ant-pagination-item-active').filter({ hasText: /^2$/ }).waitFor();
    await expect.poll(async () => (await rows.first().innerText()).startsWith('admin')).toBe(false);

    // the first two accounts of the page that may be switched off
    const selectable = rows.filter({ has: e2e.page.locator('.ant-checkbox-input:not([disabled])') });
    const picked: string[] = [];
    for (const i of [0, 1]) {
      const row = selectable.nth(i);
      picked.push((await row.locator('td').nth(1).locator('span').first().innerText()).trim());
      await row.locator('.ant-checkbox-input').check();
    }
    await e2e.page.getByText('已选 2 项').waitFor();
    await shot('users-batch-desktop');
    await e2e.page.getByRole('button', { name: '停用所选' }).click();
    await confirm();
    for (const name of picked) {
      await rows.filter({ hasText: name }).getByText('已停用').waitFor();
      expect(await signInStatus(name)).toBe(401);
    }

    // the disabled ones, filtered and exported
    await e2e.page.locator('.filter-bar .ant-select').filter({ hasText: '全部状态' }).click();
    await e2e.page.locator('.ant-select-dropdown:visible').getByTitle('已停用').click();
    await expect.poll(() => rows.count()).toBe(2);
    const [header, ...exported] = await downloadExport();
    expect(header).toEqual(['用户名', '姓名', '角色', '状态', '最近登录']);
    expect(exported.map((r) => r[0]).sort()).toEqual([...picked].sort());
    expect(exported.every((r) => r[3] === '已停用')).toBe(true);

    await e2e.page.locator('thead .ant-checkbox-input').check();
    await e2e.page.getByRole('button', { name: '启用所选' }).click();
    await confirm();
    await expect.poll(() => rows.count()).toBe(0);
    for (const name of picked) expect(await signInStatus(name)).toBe(200);
    await shot('users-list-desktop');
  });

  it('both pages fit a phone (390×844)', async () => {
    await e2e.page.setViewportSize({ width: 390, height: 844 });
    await e2e.page.goto(`${e2e.server.url}/users?q=${encodeURIComponent('曾春晖')}`);
    await e2e.page.getByRole('row').filter({ hasText: SECRETARY }).waitFor();
    await shot('users-phone');
    await e2e.page.goto(`${e2e.server.url}/audit?subjectType=user`);
    await e2e.page.locator('tr.ant-table-row').first().waitFor();
    await shot('audit-phone');
    // the page itself does not scroll sideways: wide tables scroll inside their own box
    const overflow = await e2e.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
