// A party member on a phone (390×844): signs in, reads their own record unmasked with its history,
// and changes the password.
import { describe, expect, it } from 'vitest';
import { serverWithPage } from './session';

// A demo account printed at start: member 吕迪 of the Huizhou Petrochemical HSE Center branch.
const USERNAME = 'lvdi';
const DEMO_PASSWORD = 'Gongjian@2024';
const NEW_PASSWORD = 'Lvdi-New-Passw0rd';

const e2e = serverWithPage({ width: 390, height: 844 }, { isMobile: true });

async function logIn(password: string): Promise<void> {
  await e2e.page.goto(`${e2e.server.url}/login`);
  await e2e.page.getByLabel('用户名').fill(USERNAME);
  await e2e.page.getByLabel('密码').fill(password);
  await e2e.page.getByRole('button', { name: /登\s*录/ }).click();
}

async function fitsTheScreen(): Promise<boolean> {
  return e2e.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('my record on a phone', () => {
  it('signs in on a phone-sized login page, lands on the workbench and opens the own record', async () => {
    await e2e.page.goto(`${e2e.server.url}/login`);
    expect(await fitsTheScreen()).toBe(true);
    await logIn(DEMO_PASSWORD);
    await e2e.page.waitForURL((url) => url.pathname === '/');
    await e2e.page.goto(`${e2e.server.url}/me`);
    await e2e.page.getByText('组织关系记录').waitFor();
  });

  it('shows the own record unmasked, with its history, without sideways scrolling', async () => {
    const record = e2e.page.locator('.ant-card').filter({ hasText: '我的档案' });
    const text = await record.innerText();
    expect(text).toContain('吕迪');
    expect(text).toMatch(/\d{17}[\dX]/);
    expect(text).not.toContain('已脱敏');
    expect(await e2e.page.getByRole('table').first().locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await fitsTheScreen()).toBe(true);
    // The navigation collapses on a phone; an ordinary member sees no administration pages.
    expect(await e2e.page.getByRole('menuitem', { name: '审计日志' }).count()).toBe(0);
  });

  it('changes the password and signs in with the new one', async () => {
    await e2e.page.getByLabel('当前密码').fill(DEMO_PASSWORD);
    await e2e.page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await e2e.page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await e2e.page.getByRole('button', { name: '修改密码' }).click();
    await e2e.page.getByText('密码已修改').waitFor();

    await e2e.page.getByRole('button', { name: '退出登录' }).click();
    await e2e.page.waitForURL(/\/login/);
    await logIn(DEMO_PASSWORD);
    await e2e.page.getByText('用户名或密码错误').waitFor();
    await logIn(NEW_PASSWORD);
    await e2e.page.waitForURL((url) => url.pathname === '/');
    await e2e.page.goto(`${e2e.server.url}/me`);
    await e2e.page.locator('.ant-card').filter({ hasText: '我的档案' }).getByText('吕迪').first().waitFor();
  });
});
