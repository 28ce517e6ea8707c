// A joint activity across trees at 1366×768: the Haijiang branch's secretary names the HSE centre's branch as
// co-host of a theme party day; the HSE secretary finds it on the workbench, opens it, sees the centre marked as
// awaiting its consent and accepts; the mark is gone. The Haijiang secretary's form offers "同时作为民主评议党员"
// for an organizational life meeting and not for a theme party day. Screens at desktop and phone size.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serverWithPage } from './session';

const DEMO_PASSWORD = 'Gongjian@2024';
const AUTHOR = 'gaoqiying';
const COHOST_SECRETARY = 'lijiangshan';
const THEME = '联合主题党日：安全生产共建';
const SCREENS = path.resolve('.tmp/shots');

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const e2e = serverWithPage({ width: 1366, height: 768 });

function page(): Page {
  return e2e.page;
}

async function login(username: string): Promise<void> {
  await page().context().clearCookies();
  await page().goto(`${e2e.server.url}/login`);
  await page().getByLabel('用户名').fill(username);
  await page().getByLabel('密码').fill(DEMO_PASSWORD);
  await page()
    .getByRole('button', { name: /登\s*录/ })
    .click();
  await page().waitForURL((url) => url.pathname === '/');
}

/** Calls the API as the signed-in user, as the web app does (session cookie and CSRF header). */
async function call(method: 'GET' | 'POST', apiPath: string, data?: unknown) {
  const csrf = (await page().evaluate(() => sessionStorage.getItem('gongjian.csrf'))) ?? '';
  const res = await page().request.fetch(`${e2e.server.url}/api/v1${apiPath}`, { method, headers: { 'x-csrf-token': csrf }, data });
  return { status: res.status(), body: (await res.json()) as Record<string, unknown> & { items?: { id: string; name: string }[] } };
}

describe('co-hosting a joint activity', () => {
  it('is asked of the co-host, who accepts it from the workbench', async () => {
    mkdirSync(SCREENS, { recursive: true });
    await login(AUTHOR);
    const orgs = async (q: string) => (await call('GET', `/orgs?q=${encodeURIComponent(q)}`)).body.items!;
    const [haijiang] = await orgs('海疆集团党支部');
    // the HSE centre is in another tree: the author cannot read it, so its id comes from the pairing they share
    const pairings = (await call('GET', '/pairings')).body.items as unknown as { partyOrgIds: string[] }[];
    const hse = pairings.flatMap((p) => p.partyOrgIds).find((id) => id !== haijiang!.id)!;
    const created = await call('POST', '/activities', {
      type: 'theme_day',
      hostOrgIds: [haijiang!.id, hse],
      state: 'held',
      startsAt: `${today}T09:00:00+08:00`,
      endsAt: `${today}T11:00:00+08:00`,
      theme: THEME,
    });
    expect(created.status).toBe(201);

    await login(COHOST_SECRETARY);
    const todo = page().locator('.ant-list-item').filter({ hasText: THEME });
    await todo.waitFor();
    expect(await todo.textContent()).toContain('待确认共同主办');
    await todo.getByRole('link').first().click();
    await page().waitForURL(/\/activities\?activity=/);
    const drawer = page().locator('.ant-drawer').filter({ hasText: THEME });
    const host = drawer.locator('.activity-host').filter({ hasText: '待确认' });
    await host.waitFor();
    await page().screenshot({ path: path.join(SCREENS, 'h1-cohost-pending.png') });
    await page().setViewportSize({ width: 390, height: 844 });
    // the drawer redraws for the phone's width: scroll once its host row stands again
    await expect.poll(() => host.scrollIntoViewIfNeeded({ timeout: 2000 }).then(() => true, () => false)).toBe(true);
    await page().screenshot({ path: path.join(SCREENS, 'h1-cohost-pending-phone.png') });
    await page().setViewportSize({ width: 1366, height: 768 });

    await host.getByRole('button', { name: '确认共同主办' }).click();
    await page().getByText('已确认共同主办').waitFor();
    await expect.poll(() => drawer.locator('.activity-host').filter({ hasText: '待确认' }).count()).toBe(0);
    await page().screenshot({ path: path.join(SCREENS, 'h1-cohost-accepted.png') });
  });

  it('offers a life meeting to count as the democratic evaluation too, and not a theme party day', async () => {
    await login(AUTHOR);
    await page().goto(`${e2e.server.url}/activities`);
    await page().getByRole('button', { name: /新建活动/ }).click();
    const form = page().locator('.ant-drawer, .ant-modal').filter({ has: page().getByLabel('主题', { exact: true }) });
    await form.waitFor();
    await expect.poll(() => form.getByText('同时作为民主评议党员').count()).toBe(0);
    await form
      .locator('.ant-select')
      .filter({ has: page().getByLabel('活动类型', { exact: true }) })
      .click();
    await page().locator('.ant-select-item-option').filter({ hasText: '组织生活会' }).click();
    // the type's dropdown fades out over the form: a click before it has gone can land on it
    await expect.poll(() => page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    const box = form.getByLabel('同时作为民主评议党员');
    await box.waitFor();
    // the tick shows once the form has taken the value (a render later), so wait for it rather than
    // expect it the instant the click ends
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(true);
    await page().screenshot({ path: path.join(SCREENS, 'h1-also-counts.png') });
  });
});
