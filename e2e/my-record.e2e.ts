// A party member on a phone (390×844): signs in, reads their own record unmasked with its history,
// and changes the password.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotFailure, type Browser } from './browser';
import { startServer, type RunningServer } from './server';

// A demo account printed at start: member 吕迪 of the Huizhou Petrochemical HSE Center branch.
const USERNAME = 'lvdi';
const DEMO_PASSWORD = 'Gongjian@2024';
const NEW_PASSWORD = 'Lvdi-New-Passw0rd';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ width: 390, height: 844 }, { isMobile: true });
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

async function logIn(password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(USERNAME);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

async function fitsTheScreen(): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('my record on a phone', () => {
  it('signs in on a phone-sized login page and lands on the own record', async () => {
    await page.goto(`${server.url}/login`);
    expect(await fitsTheScreen()).toBe(true);
    await logIn(DEMO_PASSWORD);
    await page.waitForURL(/\/me/);
    await page.getByText('组织关系记录').waitFor();
  });

  it('shows the own record unmasked, with its history, without sideways scrolling', async () => {
    const record = page.locator('.ant-card').filter({ hasText: '我的档案' });
    const text = await record.innerText();
    expect(text).toContain('吕迪');
    expect(text).toMatch(/\d{17}[\dX]/);
    expect(text).not.toContain('已脱敏');
    expect(await page.getByRole('table').first().locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await fitsTheScreen()).toBe(true);
    // The navigation collapses on a phone; an ordinary member sees no administration pages.
    expect(await page.getByRole('menuitem', { name: '审计日志' }).count()).toBe(0);
  });

  it('changes the password and signs in with the new one', async () => {
    await page.getByLabel('当前密码').fill(DEMO_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改').waitFor();

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    await logIn(DEMO_PASSWORD);
    await page.getByText('用户名或密码错误').waitFor();
    await logIn(NEW_PASSWORD);
    await page.waitForURL(/\/me/);
    await page.locator('.ant-card').filter({ hasText: '我的档案' }).getByText('吕迪').first().waitFor();
  });
});
