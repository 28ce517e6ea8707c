// An organization admin of the Xiangtan zone gives a branch secretary an account; the secretary
// signs in, sees only the zone's branch, and creates an API token that a script then uses.
import { describe, expect, it } from 'vitest';
import { serverWithPage } from './session';

const DEMO_PASSWORD = 'Gongjian@2024';
const NEW_USER = 'jjm-secretary';
const NEW_PASSWORD = 'Jiajiamei-2026!';

const e2e = serverWithPage({ width: 1366, height: 768 });

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
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    // a password too short is refused under its field, and nothing is created
    await dialog.locator('.ant-form-item-explain-error').first().waitFor();
    await dialog.getByLabel('初始密码').fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
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
});
