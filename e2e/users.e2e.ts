// An organization admin of the Xiangtan zone gives a branch secretary an account; the secretary
// signs in, sees only the zone's branch, and creates an API token that a script then uses.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotFailure, type Browser } from './browser';
import { startServer, type RunningServer } from './server';

const DEMO_PASSWORD = 'Gongjian@2024';
const NEW_USER = 'jjm-secretary';
const NEW_PASSWORD = 'Jiajiamei-2026!';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ width: 1366, height: 768 });
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshotFailure(page, ctx.task.name);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

describe('users and access', () => {
  it('the zone admin creates a secretary account for the Jiajiamei branch', async () => {
    await logIn('xiangtan', DEMO_PASSWORD);
    await page.goto(`${server.url}/users`);
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill(NEW_USER);
    await dialog.getByLabel('初始密码').fill('short');
    // the role defaults to 书记; the organization is searched in the tree picker
    const org = dialog.getByLabel('授权组织（含下级）');
    await org.click();
    await org.fill('家家美');
    await page.getByRole('tree').last().getByText('家家美党支部', { exact: false }).click();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    // a password too short is refused under its field, and nothing is created
    await dialog.locator('.ant-form-item-explain-error').first().waitFor();
    await dialog.getByLabel('初始密码').fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByRole('cell', { name: NEW_USER }).waitFor();
    const row = page.getByRole('row').filter({ hasText: NEW_USER });
    expect(await row.innerText()).toContain('家家美党支部');
  });

  it('the new secretary signs in, sees only the branch, and makes a token a script can use', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    await logIn(NEW_USER, NEW_PASSWORD);
    await page.goto(`${server.url}/orgs`);
    await page.getByRole('tree').getByText('家家美党支部').waitFor();
    expect(await page.getByRole('tree').getByText('湘潭高新区党工委').count()).toBe(0);
    await page.goto(`${server.url}/me`);
    await page.getByPlaceholder('用途').fill('报表脚本');
    await page.getByRole('button', { name: '生成令牌' }).click();
    const token = await page.locator('code').filter({ hasText: /^gj_/ }).innerText();
    const res = await fetch(`${server.url}/api/v1/orgs`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { name: string }[] };
    expect(body.items.map((o) => o.name)).toEqual(['家家美党支部']);
  });
});
