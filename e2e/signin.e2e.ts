// QR sign-in with two browsers: the secretary of the Huizhou Petrochemical HSE Center branch creates
// today's theme party day and projects its sign-in screen at 1366×768; the member 吕迪 on a phone
// (390×844) is sent through login and back, and types the six-digit code from that screen; the
// secretary's screen shows 吕迪 without reloading; the secretary marks the activity held and the
// compliance view turns the branch's theme party day for this month from due to met.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotFailure, type Browser } from './browser';
import { startServer, type RunningServer } from './server';

const DEMO_PASSWORD = 'Gongjian@2024';
const SECRETARY = 'lijiangshan';
const MEMBER = 'lvdi';
const MEMBER_NAME = '吕迪';
const THEME = '主题党日：扫码签到演练';

let server: RunningServer;
let desk: Browser;
let phone: Browser;
let secretary: Page;
let member: Page;
let activityId = '';

/** Today's date in China, 'YYYY-MM-DD', which is what decides the activity's month. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  server = await startServer();
  desk = await launchBrowser({ width: 1366, height: 768 });
  phone = await launchBrowser({ width: 390, height: 844 }, { isMobile: true });
  secretary = await desk.context.newPage();
  member = await phone.context.newPage();
  secretary.setDefaultTimeout(20_000);
  member.setDefaultTimeout(20_000);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    await screenshotFailure(secretary, `${ctx.task.name} secretary`);
    await screenshotFailure(member, `${ctx.task.name} member`);
  }
});

afterAll(async () => {
  await phone?.close();
  await desk?.close();
  await server?.stop();
});

async function logIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

async function pickDateTime(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByRole('dialog').getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

function themeDayRow(page: Page) {
  return page.getByRole('row').filter({ hasText: '主题党日（每月' });
}

async function openCompliance(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '合规检查' }).click();
  await page.waitForURL(/\/compliance/);
  await themeDayRow(page).waitFor();
}

describe('QR sign-in', () => {
  it('the secretary sees this month’s theme party day as due, then creates today’s', async () => {
    await secretary.goto(`${server.url}/login`);
    await logIn(secretary, SECRETARY);
    await secretary.waitForURL((url) => url.pathname === '/'); // the workbench
    // The demo branch has only a planned theme party day this month.
    await openCompliance(secretary);
    await themeDayRow(secretary).locator('[data-status="due"]').waitFor();

    await secretary.getByRole('menuitem', { name: '组织生活' }).click();
    await secretary.waitForURL(/\/activities$/);
    await secretary.getByRole('button', { name: '新建活动' }).click();
    const dialog = secretary.getByRole('dialog', { name: '新建活动' });
    await dialog.getByLabel('主题', { exact: true }).fill(THEME);
    // The type defaults to the theme party day; the host to the secretary's own branch.
    expect(await dialog.locator('.ant-form-item').filter({ hasText: '活动类型' }).innerText()).toContain(
      '主题党日',
    );
    expect(await dialog.locator('.ant-form-item').filter({ hasText: '主办组织' }).innerText()).toContain(
      '惠州石化HSE中心党支部',
    );
    await pickDateTime(secretary, '开始时间', `${today} 00:05`);
    await pickDateTime(secretary, '结束时间', `${today} 23:55`);
    await dialog.getByLabel('地点').fill('HSE中心会议室');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    const drawer = secretary.locator('.ant-drawer').filter({ hasText: THEME });
    await drawer.getByText('计划', { exact: true }).waitFor();
    await drawer.getByRole('button', { name: '签到屏' }).click();
    await secretary.waitForURL(/\/activities\/[^/]+\/sign-in$/);
    activityId = /\/activities\/([^/]+)\/sign-in$/.exec(secretary.url())![1]!;
    await secretary.getByRole('heading', { name: THEME }).waitFor();
    await secretary.getByTestId('sign-in-code').waitFor();
    expect(await secretary.getByTestId('sign-in-code').innerText()).toMatch(/^\d{6}$/);
    expect(await secretary.getByTestId('present-count').innerText()).toBe('0');
    // 吕迪 is on the branch roster, so expected and not yet signed in.
    await secretary.getByRole('list', { name: '尚未签到' }).getByText(MEMBER_NAME).waitFor();
    // A marker that a reload would lose.
    await secretary.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
  });

  it('the member on a phone signs in to the account on the check-in page itself and types the code', async () => {
    await member.goto(`${server.url}/checkin/${activityId}`);
    // the light check-in page asks for the account at the same address, without the full app
    await logIn(member, MEMBER);
    await member.getByLabel('六位签到码').waitFor();
    expect(member.url()).toMatch(new RegExp(`/checkin/${activityId}$`));
    expect(await member.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // A wrong code is refused with a message.
    await member.getByLabel('六位签到码').fill('000000');
    const code = await secretary.getByTestId('sign-in-code').innerText();
    if (code === '000000') await member.getByLabel('六位签到码').fill('999999');
    await member.getByRole('button', { name: /签\s*到/ }).click();
    await member.getByRole('alert').filter({ hasText: '签到码错误' }).waitFor();

    const current = await secretary.getByTestId('sign-in-code').innerText();
    await member.getByLabel('六位签到码').fill(current);
    await member.getByRole('button', { name: /签\s*到/ }).click();
    await member.getByText('签到成功').waitFor();
    await member.getByTestId('checkin-activity').getByText(THEME).waitFor();
  });

  it('the secretary’s screen shows the member without reloading', async () => {
    await secretary.getByRole('list', { name: '已签到' }).getByText(MEMBER_NAME).waitFor();
    expect(await secretary.getByTestId('present-count').innerText()).toBe('1');
    expect(await secretary.getByRole('list', { name: '尚未签到' }).getByText(MEMBER_NAME).count()).toBe(0);
    expect(await secretary.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
  });

  it('the QR link signs in as well, and a second sign-in changes nothing', async () => {
    const { url } = await secretary.evaluate(async (id) => {
      const response = await fetch(`/api/v1/activities/${id}/sign-in-code`);
      return (await response.json()) as { url: string };
    }, activityId);
    expect(url).toMatch(new RegExp(`/checkin/${activityId}\\?c=`));
    await member.goto(url);
    await member.getByText('签到成功').waitFor();
    expect(await secretary.getByTestId('present-count').innerText()).toBe('1');
  });

  it('marks the activity held, and the compliance view shows the theme party day met', async () => {
    await secretary.getByRole('button', { name: '返回' }).click();
    await secretary.waitForURL(/\/activities$/);
    await secretary.getByRole('table').getByText(THEME, { exact: true }).click();
    const drawer = secretary.locator('.ant-drawer').filter({ hasText: THEME });
    await drawer.getByRole('button', { name: '标记为已开展' }).click();
    await drawer.getByText('已开展', { exact: true }).waitFor();
    await drawer.getByRole('cell', { name: MEMBER_NAME }).waitFor();
    await drawer.locator('.ant-drawer-close').click();

    await openCompliance(secretary);
    const row = themeDayRow(secretary);
    await row.locator('[data-status="met"]').waitFor();
    expect(await row.locator('[data-status="met"]').innerText()).toBe('达标');
    await row.getByText(THEME).waitFor();
  });

  it('a general assembly shows the server’s vote error under the field, then quorum and outcome; cancelling needs a reason', async () => {
    await secretary.getByRole('menuitem', { name: '组织生活' }).click();
    await secretary.waitForURL(/\/activities$/);
    await secretary.getByRole('button', { name: '新建活动' }).click();
    const dialog = secretary.getByRole('dialog', { name: '新建活动' });
    await dialog
      .locator('.ant-form-item')
      .filter({ hasText: '活动类型' })
      .locator('.ant-select-selector')
      .click();
    await secretary.locator('.ant-select-item-option[title="支部党员大会"]').click();
    await dialog.getByLabel('主题', { exact: true }).fill('支部党员大会：表决演练');
    await pickDateTime(secretary, '开始时间', `${today} 08:00`);
    await pickDateTime(secretary, '结束时间', `${today} 09:00`);
    await dialog.getByRole('button', { name: '加入全部党员' }).click();
    await dialog.getByRole('button', { name: '添加表决事项' }).click();
    await dialog.getByLabel('表决事项', { exact: true }).fill('接收预备党员');
    for (const [label, value] of [
      ['应到', '10'],
      ['实到', '12'],
      ['赞成', '5'],
      ['反对', '0'],
      ['弃权', '0'],
    ] as const)
      await dialog.getByLabel(label, { exact: true }).fill(value);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    // votes.0.present comes back from the server and lands under that very field
    const presentError = dialog
      .locator('.ant-form-item')
      .filter({ has: secretary.getByLabel('实到', { exact: true }) })
      .locator('.ant-form-item-explain-error');
    await presentError.waitFor();
    expect(await presentError.innerText()).toMatch(/10/);

    await dialog.getByLabel('实到', { exact: true }).fill('8');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const drawer = secretary.locator('.ant-drawer').filter({ hasText: '支部党员大会：表决演练' });
    // 8 of 10 present is a quorum; 5 yes is not more than half of the 10 entitled
    await drawer.getByText('人数有效').waitFor();
    await drawer.getByText('未通过').waitFor();

    // Editing sends the whole record back; 6 yes of 10 entitled passes.
    await drawer.getByRole('button', { name: /编\s*辑/ }).click();
    const edit = secretary.getByRole('dialog', { name: '编辑活动' });
    await edit.getByLabel('赞成', { exact: true }).fill('6');
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await edit.waitFor({ state: 'hidden' });
    await drawer.getByText('通过', { exact: true }).waitFor();

    await drawer.getByRole('button', { name: '取消活动' }).click();
    const cancel = secretary.getByRole('dialog').filter({ hasText: '取消原因' });
    await cancel.getByRole('button', { name: '取消活动' }).click();
    await cancel.locator('.ant-form-item-explain-error').waitFor();
    await cancel.getByLabel('取消原因').fill('与上级党委会议冲突');
    await cancel.getByRole('button', { name: '取消活动' }).click();
    await drawer.getByText('已取消', { exact: true }).waitFor();
    await drawer.getByText('与上级党委会议冲突').waitFor();
  });
});
