// The workbench (工作台) as everyone's home, on the demo data: a secretary finds a demand to accept among her
// to-dos, accepts it, and the to-do is gone from her workbench; a member on a phone sees the branch's next
// activities. Screenshots of both go to .tmp/screens/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './server';
import { serverWithPage } from './session';

const DEMO_PASSWORD = 'Gongjian@2024';
// 湘潭高新区办公室党支部 is paired with 民生药业's branch and accepts its demands (README, demo accounts)
const SECRETARY = 'xtoffice';
const PARTNER = 'zengchunhui';
// a member of 惠州石化HSE中心党支部, whose secretary is lijiangshan
const MEMBER = 'lvdi';
const BRANCH_SECRETARY = 'lijiangshan';
const DEMAND = '工作台测试：借用党员活动室';
const LECTURE = '工作台测试：新党章专题党课';
const SCREENS = path.join(REPO_ROOT, '.tmp/screens');

const e2e = serverWithPage({ width: 1366, height: 768 });

/** The API as a demo account (cookie and CSRF token from the login answer). */
async function as(username: string) {
  const res = await fetch(`${e2e.server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const cookie = /gj_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${e2e.server.url}/api/v1${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

async function logIn(username: string): Promise<void> {
  await e2e.page.context().clearCookies();
  await e2e.page.goto(`${e2e.server.url}/login`);
  await e2e.page.getByLabel('用户名').fill(username);
  await e2e.page.getByLabel('密码').fill(DEMO_PASSWORD);
  await e2e.page.getByRole('button', { name: /登\s*录/ }).click();
  await e2e.page.waitForURL((url) => url.pathname === '/');
}

async function screenshot(name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await e2e.page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

const todos = () => e2e.page.locator('.workbench-todos');

describe('the workbench', () => {
  it('lists a demand for the secretary to accept; once accepted the to-do is gone', async () => {
    const partner = await as(PARTNER);
    const me = await partner<{ user: { roles: { orgId: string | null }[] } }>('GET', '/users/me');
    const ownOrg = me.user.roles[0]!.orgId!;
    const { items } = await partner<{ items: { id: string; state: string; partyOrgIds: string[] }[] }>('GET', '/pairings?limit=50');
    const pairing = items.find((p) => p.state === 'active' && p.partyOrgIds.includes(ownOrg))!;
    await partner('POST', '/demands', { pairingId: pairing.id, raisedByOrgId: ownOrg, title: DEMAND, description: '请协助借用党员活动室开展联学', category: 'policy', urgency: 'normal' });

    await logIn(SECRETARY);
    const todo = todos().locator('.ant-list-item').filter({ hasText: DEMAND });
    await todo.waitFor();
    expect(await todo.innerText()).toContain('待受理');
    await e2e.page.getByRole('button', { name: '记录活动' }).waitFor();
    await screenshot('workbench-secretary-desktop');

    await todo.getByRole('link').click();
    await e2e.page.waitForURL(/\/demands\?demand=/);
    const drawer = e2e.page.locator('.ant-drawer').filter({ hasText: DEMAND });
    await drawer.getByRole('button', { name: /^受\s*理$/ }).click();
    const dialog = e2e.page.getByRole('dialog', { name: '受理' });
    await dialog.getByRole('button', { name: /^受\s*理$/ }).click();
    await drawer.locator('[data-state="accepted"]').waitFor();

    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await e2e.page.getByRole('menuitem', { name: '工作台' }).click();
    await e2e.page.waitForURL((url) => url.pathname === '/');
    // the step now waiting is the work on it, not the acceptance
    await todos().locator('.ant-list-item').filter({ hasText: DEMAND }).filter({ hasText: '待办理' }).waitFor();
    expect(await todos().locator('.ant-list-item').filter({ hasText: DEMAND }).filter({ hasText: '待受理' }).count()).toBe(0);
  });

  it('shows a member the branch’s upcoming activities on a phone', async () => {
    const secretary = await as(BRANCH_SECRETARY);
    const me = await secretary<{ user: { roles: { orgId: string | null }[] } }>('GET', '/users/me');
    const day = new Date(Date.now() + 3 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await secretary('POST', '/activities', {
      type: 'party_lecture',
      hostOrgIds: [me.user.roles[0]!.orgId],
      state: 'planned',
      startsAt: `${day}T14:30:00+08:00`,
      endsAt: `${day}T16:00:00+08:00`,
      place: '党员活动室',
      theme: LECTURE,
    });

    await e2e.page.setViewportSize({ width: 390, height: 844 });
    await logIn(MEMBER);
    await e2e.page.locator('.ant-card').filter({ hasText: '近期活动' }).getByText(LECTURE).waitFor();
    await e2e.page.getByText('我的签到与出勤').waitFor();
    // a member is offered no manager's shortcut, and the page fits the phone
    expect(await e2e.page.getByRole('button', { name: '记录活动' }).count()).toBe(0);
    expect(await e2e.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot('workbench-member-phone');

    await e2e.page.setViewportSize({ width: 390, height: 844 });
    await logIn(SECRETARY);
    await todos().waitFor();
    await screenshot('workbench-secretary-phone');
  });
});
