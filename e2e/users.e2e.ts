// An organization admin of the Xiangtan zone gives a branch secretary an account; the secretary
// signs in, sees only the zone's branch, and creates an API token that a script then uses. Then the
// zone admin edits another secretary's roles, disables and re-enables the account, and reads it all
// in the audit log, in Chinese, with a link back to the account.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './server';
import { serverWithPage } from './session';

const DEMO_PASSWORD = 'Gongjian@2024';
const NEW_USER = 'jjm-secretary';
const NEW_PASSWORD = 'Jiajiamei-2026!';

const SHOTS = path.join(REPO_ROOT, '.tmp/shots');
const SECRETARY = 'zengchunhui';

const e2e = serverWithPage({ width: 1366, height: 768 });

async function shot(name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await e2e.page.screenshot({ path: path.join(SHOTS, `h4-${name}.png`), fullPage: true });
}

/** The audit log of one object type, picked from the list. */
async function showType(label: string): Promise<void> {
  await e2e.page.locator('.audit-toolbar .ant-select-selector').click();
  await e2e.page.locator('.ant-select-dropdown:visible').getByTitle(label, { exact: true }).click();
  await e2e.page.getByRole('button', { name: /搜\s*索/ }).click();
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

    await row.getByRole('button', { name: '编辑权限' }).click();
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
    await row.getByRole('button', { name: '停用' }).click();
    await e2e.page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
    await row.getByText('已停用').waitFor();
    expect(await signInStatus(SECRETARY)).toBe(401);

    await row.getByRole('button', { name: '启用' }).click();
    await e2e.page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
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
