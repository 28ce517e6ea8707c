// Pairing and co-construction with three browsers. The Xiangtan zone's party worker (the coordinator)
// pairs an organ branch with an enterprise branch in the matrix (a validity that ends before it starts
// is refused under its field first); the enterprise's secretary, on a phone (390×844), raises a demand;
// the organ's secretary opens it from the reminder, accepts, starts, and resolves it; the enterprise
// confirms with a rating of 4; the coordinator's dashboard shows one more demand raised and resolved,
// and the rating. The two branches and their secretaries are created through the API first, so the
// test does not depend on the demo pairings.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotFailure, type Browser } from './browser';
import { startServer, type RunningServer } from './server';
import { hideColumn } from './columns';

const DEMO_PASSWORD = 'Gongjian@2024';
const PASSWORD = 'Pairing-e2e-2026!';
const ORGAN = '共建测试机关党支部';
const ENTERPRISE = '共建测试企业党支部';
const PAIRING = `${ORGAN}与${ENTERPRISE}结对共建协议`;
const DEMAND = '申请解读高新技术企业认定政策';

let server: RunningServer;
let coordinatorDesk: Browser;
let organDesk: Browser;
let enterprisePhone: Browser;
let coordinator: Page;
let organ: Page;
let enterprise: Page;
/** the coordinator's dashboard figures before the demand */
let before: Record<string, number> = {};

// the setup reads JSON responses, untyped by nature
type Json = { id: string; items: { id: string; name: string }[]; csrfToken: string };
type Call = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<Json>;

/** A signed-in API session (cookie and CSRF header) for the test setup. */
async function apiSession(username: string, password: string): Promise<Call> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login of ${username} failed: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as Json;
  return async (method, path, body) => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (await response.json()) as Json;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(data)}`);
    return data;
  };
}

async function orgId(call: Call, name: string): Promise<string> {
  const { items } = await call('GET', `/orgs?q=${encodeURIComponent(name)}&limit=5`);
  const org = items.find((o) => o.name === name);
  if (!org) throw new Error(`no organization named ${name}`);
  return org.id;
}

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Picks an organization in one of the matrix's tree pickers by typing part of its name. */
async function addToMatrix(placeholder: string, name: string): Promise<void> {
  const picker = coordinator.locator('.ant-select').filter({ hasText: placeholder });
  await picker.click();
  await picker.locator('input').fill(name.slice(0, 6));
  await coordinator.locator('.ant-select-dropdown:visible').getByText(name, { exact: false }).first().click();
}

async function dashboardFigures(): Promise<Record<string, number>> {
  await coordinator.goto(`${server.url}/pairings/dashboard`);
  await coordinator.getByRole('row').filter({ hasText: PAIRING }).waitFor();
  const figure = async (id: string) =>
    Number(await coordinator.getByTestId(id).locator('.ant-statistic-content-value').innerText());
  return {
    raised: await figure('total-raised'),
    resolved: await figure('total-resolved'),
    open: await figure('total-open'),
  };
}

beforeAll(async () => {
  server = await startServer();
  // the two branches of the zone to pair, and an account for each one's secretary
  const admin = await apiSession('xiangtan', DEMO_PASSWORD);
  const organs = await orgId(admin, '湘潭高新区机关党委');
  const twoNew = await orgId(admin, '湘潭高新区两新组织综合党委');
  const organOrg = await admin('POST', '/orgs', {
    name: ORGAN,
    type: 'branch',
    sector: 'government_organ',
    parentId: organs,
  });
  const enterpriseOrg = await admin('POST', '/orgs', {
    name: ENTERPRISE,
    type: 'branch',
    sector: 'private_enterprise',
    parentId: twoNew,
  });
  for (const [username, org] of [
    ['e2e-organ', organOrg.id],
    ['e2e-enterprise', enterpriseOrg.id],
  ] as const)
    await admin('POST', '/users', {
      username,
      password: PASSWORD,
      roles: [{ role: 'secretary', orgId: org }],
    });

  coordinatorDesk = await launchBrowser({ width: 1366, height: 900 });
  organDesk = await launchBrowser({ width: 1366, height: 900 });
  enterprisePhone = await launchBrowser({ width: 390, height: 844 }, { isMobile: true });
  coordinator = await coordinatorDesk.context.newPage();
  organ = await organDesk.context.newPage();
  enterprise = await enterprisePhone.context.newPage();
  for (const page of [coordinator, organ, enterprise]) page.setDefaultTimeout(20_000);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    await screenshotFailure(coordinator, `${ctx.task.name} coordinator`);
    await screenshotFailure(organ, `${ctx.task.name} organ`);
    await screenshotFailure(enterprise, `${ctx.task.name} enterprise`);
  }
});

afterAll(async () => {
  await enterprisePhone?.close();
  await organDesk?.close();
  await coordinatorDesk?.close();
  await server?.stop();
});

describe('pairing and a demand settled together', () => {
  it('the coordinator pairs the organ branch with the enterprise branch in the matrix', async () => {
    await logIn(coordinator, 'xiangtan', DEMO_PASSWORD);
    await coordinator.goto(`${server.url}/pairings/matrix`);
    await coordinator.getByText('湘潭高新区党工委').first().waitFor();
    await addToMatrix('添加机关党组织', ORGAN);
    await addToMatrix('添加企业党组织', ENTERPRISE);
    await coordinator.getByLabel(`${ORGAN} 与 ${ENTERPRISE} 结对`).check();
    // the ticked pairs are created from one template, filled in its own form
    await coordinator.getByRole('button', { name: /批量创建 1 份协议/ }).click();
    const template = coordinator.getByRole('dialog', { name: '统一协议模板' });
    await template.getByRole('button', { name: '添加承诺事项' }).click();
    await template.getByLabel('承诺内容').fill('每季度到企业开展一次政策宣讲');

    // a validity that ends before it starts is refused under its field, and nothing is created
    const validTo = template.getByLabel('截止日期', { exact: true });
    await validTo.click();
    await validTo.fill('2020-01-01');
    await validTo.press('Enter');
    await template.getByRole('button', { name: /批量创建 1 份协议/ }).click();
    await template
      .locator('.ant-form-item')
      .filter({ hasText: '截止日期' })
      .locator('.ant-form-item-explain-error')
      .waitFor();
    expect(await coordinator.getByLabel(`${ORGAN} 与 ${ENTERPRISE} 结对`).isChecked()).toBe(true);
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await coordinator.setViewportSize({ width, height });
      await coordinator.waitForTimeout(300);
      await coordinator.screenshot({ path: `.tmp/shots/web6-matrix-template-${width}.png` });
    }
    await coordinator.setViewportSize({ width: 1366, height: 900 });

    const nextYear = new Date().getFullYear() + 1;
    await validTo.click();
    await validTo.fill(`${nextYear}-12-31`);
    await validTo.press('Enter');
    await template.getByRole('button', { name: /批量创建 1 份协议/ }).click();
    await coordinator.getByText('已创建 1 份共建协议').waitFor();
    await template.waitFor({ state: 'hidden' });
    // the cell now shows the agreement in force instead of a tick box
    await coordinator
      .getByRole('row')
      .filter({ hasText: ORGAN })
      .getByRole('link')
      .getByText('生效')
      .waitFor();
    expect(await coordinator.getByLabel(`${ORGAN} 与 ${ENTERPRISE} 结对`).count()).toBe(0);

    before = await dashboardFigures();
  });

  it('the enterprise secretary raises a demand from a phone', async () => {
    await logIn(enterprise, 'e2e-enterprise', PASSWORD);
    await enterprise.goto(`${server.url}/demands`);
    await enterprise.getByRole('button', { name: '提出诉求' }).click();
    const dialog = enterprise.getByRole('dialog', { name: '提出诉求' });
    await dialog.locator('.ant-form-item').filter({ hasText: '结对共建' }).locator('.ant-select').click();
    await enterprise.locator('.ant-select-dropdown:visible').getByText(PAIRING).click();
    // the raising side defaults to the one organization the secretary acts for
    expect(await dialog.locator('.ant-form-item').filter({ hasText: '提出方' }).innerText()).toContain(
      ENTERPRISE,
    );
    await dialog.getByLabel('诉求标题').fill(DEMAND);
    await dialog.getByLabel('诉求内容').fill('企业拟申报高新技术企业，请协助解读最新认定政策和申报要点。');
    await dialog.getByText('紧急', { exact: true }).click();
    expect(await enterprise.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
      true,
    );
    await dialog.getByRole('button', { name: /提\s*交/ }).click();

    const drawer = enterprise.locator('.ant-drawer').filter({ hasText: DEMAND });
    await drawer.locator('[data-state="submitted"]').waitFor();
    await enterprise.waitForTimeout(500);
    await enterprise.screenshot({ path: '.tmp/shots/web6-demand-drawer-390.png' });
    // the raiser cannot accept its own demand
    expect(await drawer.getByRole('button', { name: /受\s*理/ }).count()).toBe(0);
    expect(await enterprise.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
      true,
    );
  });

  it('the organ secretary opens it from the reminder, accepts, works on and resolves it', async () => {
    await logIn(organ, 'e2e-organ', PASSWORD);
    await organ.getByRole('button', { name: '提醒' }).click();
    await organ.getByText(new RegExp(`提出诉求“${DEMAND}”`)).click();
    await organ.waitForURL(/\/demands\?demand=/);
    const drawer = organ.locator('.ant-drawer').filter({ hasText: DEMAND });
    await drawer.locator('[data-state="submitted"]').waitFor();

    await drawer.getByRole('button', { name: /^受\s*理$/ }).click();
    let dialog = organ.getByRole('dialog', { name: '受理' });
    await dialog.getByLabel('备注').fill('已安排专人对接');
    await dialog.getByRole('button', { name: /^受\s*理$/ }).click();
    await drawer.locator('[data-state="accepted"]').waitFor();
    // accepted: assigned to the organ branch with a due date from the urgency
    expect(await drawer.innerText()).toContain(`${ORGAN}`);

    await drawer.getByRole('button', { name: '开始办理' }).click();
    dialog = organ.getByRole('dialog', { name: '开始办理' });
    await dialog.getByRole('button', { name: '开始办理' }).click();
    await drawer.locator('[data-state="in_progress"]').waitFor();

    await drawer.getByRole('button', { name: /^办\s*结$/ }).click();
    dialog = organ.getByRole('dialog', { name: '办结' });
    // the resolution is required
    await dialog.getByRole('button', { name: /^办\s*结$/ }).click();
    await dialog.locator('.ant-form-item-explain-error').waitFor();
    await dialog.getByLabel('办理结果').fill('已上门解读认定政策，并协助企业准备申报材料');
    await dialog.getByRole('button', { name: /^办\s*结$/ }).click();
    await drawer.locator('[data-state="resolved"]').waitFor();
    // the timeline has every step
    for (const step of ['提交', '受理', '办理中', '办结'])
      await drawer.locator('.ant-timeline').getByText(step, { exact: true }).waitFor();
    await organ.setViewportSize({ width: 1280, height: 800 });
    await organ.waitForTimeout(300);
    await organ.screenshot({ path: '.tmp/shots/web6-demand-drawer-1280.png' });
    await organ.setViewportSize({ width: 1366, height: 900 });
  });

  it('the enterprise confirms the resolution on the phone with a rating of 4', async () => {
    await enterprise.goto(`${server.url}/demands`);
    // the list, on a phone too: the demand's title opens it
    await enterprise.locator('.list-table').getByText(DEMAND, { exact: true }).click();
    const drawer = enterprise.locator('.ant-drawer').filter({ hasText: DEMAND });
    await drawer.getByRole('button', { name: '确认并评价' }).click();
    const dialog = enterprise.getByRole('dialog', { name: '确认并评价' });
    await dialog.getByRole('radio').nth(3).click();
    await dialog.getByRole('button', { name: '确认并评价' }).click();
    await drawer.locator('[data-state="confirmed"]').waitFor();
    expect(await drawer.getByRole('button', { name: '确认并评价' }).count()).toBe(0);
    expect(await enterprise.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
      true,
    );
  });

  it('the coordinator’s dashboard counts the demand raised, resolved and rated', async () => {
    const after = await dashboardFigures();
    expect(after.raised).toBe((before.raised ?? 0) + 1);
    expect(after.resolved).toBe((before.resolved ?? 0) + 1);
    expect(after.open).toBe(before.open);
    const row = coordinator.getByRole('row').filter({ hasText: PAIRING });
    // raised 1, resolved 1, satisfaction 4 in the pairing's own row
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells).toContain('4');
    expect(cells.filter((c) => c === '1').length).toBeGreaterThanOrEqual(2);
    expect(await coordinator.getByTestId('total-satisfaction').innerText()).toMatch(/\(\d+\)/);
  });
});

describe('the pairing’s loose ends: its own commitment, the plaque, the policy', () => {
  const shot = (page: Page, name: string) => page.screenshot({ path: `.tmp/shots/h5-${name}.png`, fullPage: true });

  it('the organ secretary marks its own commitment done; the enterprise is offered no button for it', async () => {
    await organ.goto(`${server.url}/pairings`);
    // the list shows this quarter's health from the list itself
    const row = organ.getByRole('row').filter({ hasText: PAIRING });
    await row.locator('[data-health]').waitFor();
    await row.getByRole('link', { name: PAIRING }).click();
    await organ.waitForURL(/\/pairings\/[^/]+$/);
    const commitment = organ.getByRole('row').filter({ hasText: '每季度到企业开展一次政策宣讲' });
    await commitment.getByRole('button', { name: '标记完成' }).waitFor();
    await shot(organ, 'pairing-desktop');
    await commitment.getByRole('button', { name: '标记完成' }).click();
    await organ.getByText('已标记完成').waitFor();
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await commitment.getByText(today).waitFor();
    expect(await commitment.getByRole('button', { name: '标记完成' }).count()).toBe(0);

    await enterprise.goto(organ.url());
    await enterprise.getByRole('row').filter({ hasText: '每季度到企业开展一次政策宣讲' }).getByText(today).waitFor();
    expect(await enterprise.getByRole('button', { name: '标记完成' }).count()).toBe(0);
    await shot(enterprise, 'pairing-phone');
    expect(await enterprise.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('the plaque downloads as a Word file from the pairing page', async () => {
    const [download] = await Promise.all([organ.waitForEvent('download'), organ.getByRole('link', { name: /打印共建牌匾/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/共建牌匾\.docx$/);
    const path = await download.path();
    const { statSync } = await import('node:fs');
    expect(statSync(path).size).toBeGreaterThan(2000);
  });

  it('the coordinator reads and edits the pairing policy on the dashboard', async () => {
    await coordinator.goto(`${server.url}/pairings/dashboard`);
    const policy = coordinator.getByTestId('pairing-policy');
    await policy.getByText('活动未达频次时提前提醒天数').waitFor();
    await policy.scrollIntoViewIfNeeded();
    await policy.screenshot({ path: '.tmp/shots/h5-policy-desktop.png' });
    await policy.getByRole('button', { name: /编\s*辑/ }).click();
    const drawer = coordinator.locator('.ant-drawer').filter({ hasText: '修改共建规则' });
    const field = drawer.getByLabel('允许逾期诉求数');
    await field.fill('3');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.waitFor({ state: 'hidden' });
    // a bordered description: the label cell, then its value cell
    const overdueDemands = policy.locator('th', { hasText: '允许逾期诉求数' }).locator('xpath=following-sibling::td[1]');
    await overdueDemands.getByText('3', { exact: true }).waitFor();
    await coordinator.setViewportSize({ width: 390, height: 844 });
    await policy.scrollIntoViewIfNeeded();
    await policy.screenshot({ path: '.tmp/shots/h5-policy-phone.png' });
    await coordinator.goto(`${server.url}/dashboard`);
    await coordinator.getByTestId('dashboard-terms').waitFor();
    await coordinator.getByTestId('dashboard-terms').screenshot({ path: '.tmp/shots/h5-terms-phone.png' });
    await coordinator.setViewportSize({ width: 1366, height: 900 });
    await coordinator.getByTestId('dashboard-terms').getByText(/已过期（\d+）/).click();
    await coordinator.getByTestId('dashboard-terms').screenshot({ path: '.tmp/shots/h5-terms-desktop.png' });
  });
});

describe('the demands list as a partner uses it', () => {
  const WAITING = ['协助对接人才招聘渠道', '协调党员活动室周末开放'];

  it('the organ secretary filters, hides a column, exports the filter and accepts two demands at once', async () => {
    // the enterprise raises two more demands in the pairing
    const raiser = await apiSession('e2e-enterprise', PASSWORD);
    const raisedBy = await orgId(raiser, ENTERPRISE);
    const { items } = (await raiser('GET', '/pairings?limit=100')) as unknown as { items: { id: string; title: string }[] };
    const pairing = items.find((p) => p.title === PAIRING)!;
    for (const title of WAITING)
      await raiser('POST', '/demands', { pairingId: pairing.id, raisedByOrgId: raisedBy, title, description: `${title}，请予支持`, category: 'talent', urgency: 'normal' });

    await organ.setViewportSize({ width: 1280, height: 800 });
    await organ.goto(`${server.url}/demands`);
    await organ.getByLabel('状态', { exact: true }).first().click();
    await organ.locator('.ant-select-dropdown:visible').getByText('提交', { exact: true }).click();
    const table = organ.locator('.list-table');
    const row = (title: string) => table.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: title });
    for (const title of WAITING) await row(title).waitFor();

    await hideColumn(organ, table, '结对共建');
    await expect.poll(() => table.locator('thead').getByText('结对共建').count()).toBe(0);
    await organ.keyboard.press('Escape');

    // the export holds what the filter selects: the submitted demands the organ may read
    const [download] = await Promise.all([organ.waitForEvent('download'), table.getByRole('link', { name: /导\s*出/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^诉求列表-.*\.xlsx$/);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const exported: Record<string, unknown>[] = [];
    sheet.eachRow((r, n) => {
      if (n > 1) exported.push(Object.fromEntries(headers.map((h, i) => [h, (r.values as unknown[])[i + 1]])));
    });
    const total = Number(/共 (\d+) 条/.exec(await table.locator('.ant-pagination-total-text').innerText())?.[1]);
    expect(exported).toHaveLength(total);
    expect(exported.every((r) => r['状态'] === '提交')).toBe(true);
    for (const title of WAITING) expect(exported.find((r) => r['诉求标题'] === title)).toMatchObject({ 提出方: ENTERPRISE, 类别: '人才培训' });

    for (const title of WAITING) await row(title).locator('.ant-checkbox-input').check();
    await organ.screenshot({ path: '.tmp/shots/activities-demands-demands-desktop.png' });
    await table.getByRole('button', { name: '受理所选' }).click();
    const dialog = organ.getByRole('dialog', { name: '受理所选的 2 项诉求' });
    await dialog.getByLabel('备注').fill('统一安排专人对接');
    await organ.screenshot({ path: '.tmp/shots/activities-demands-demands-batch-accept.png' });
    await dialog.getByRole('button', { name: /^受\s*理$/ }).click();
    await organ.getByText('已受理 2 项诉求').waitFor();
    for (const title of WAITING) await row(title).waitFor({ state: 'detached' });

    // the raiser sees them accepted, on a phone
    await enterprise.goto(`${server.url}/demands`);
    for (const title of WAITING)
      await enterprise.locator('.list-table .ant-table-row').filter({ hasText: title }).locator('[data-state="accepted"]').waitFor();
    await enterprise.screenshot({ path: '.tmp/shots/activities-demands-demands-phone.png' });
    expect(await enterprise.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});

describe('the pairing list as a list: columns, page numbers, 催办 of the selected, the export', () => {
  it('the coordinator hides a column, jumps to a page, reminds the filtered pairing and exports exactly it', async () => {
    await coordinator.setViewportSize({ width: 1280, height: 800 });
    await coordinator.goto(`${server.url}/pairings`);
    await coordinator.getByRole('row').filter({ hasText: PAIRING }).waitFor();
    const all = (await (await coordinator.request.get(`${server.url}/api/v1/pairings?limit=1`)).json()) as { total: number };
    await coordinator.getByText(`共 ${all.total} 条`).waitFor();

    // the coordinator column hidden from the column settings
    await hideColumn(coordinator, coordinator, '协调组织');
    await coordinator.getByRole('columnheader', { name: '协调组织' }).waitFor({ state: 'detached' });
    await coordinator.keyboard.press('Escape');

    // ten a page, then straight to the second page by number
    await coordinator.locator('.list-table-pager .ant-pagination-options .ant-select').click();
    await coordinator.locator('.ant-select-dropdown:visible').getByText('10 条/页').click();
    const jump = coordinator.locator('.list-table-pager .ant-pagination-options-quick-jumper input');
    await jump.fill('2');
    await jump.press('Enter');
    await coordinator.locator('.list-table-pager .ant-pagination-item-active').getByText('2').waitFor();
    const second = (await (await coordinator.request.get(`${server.url}/api/v1/pairings?limit=10&offset=10`)).json()) as { items: { title: string }[] };
    await coordinator.getByRole('row').filter({ hasText: second.items[0]!.title }).waitFor();
    await coordinator.screenshot({ path: '.tmp/shots/pairings-projects-list-desktop.png', fullPage: true });

    // the filter to the test's own pairing, then 催办 of the selected row
    await coordinator.getByLabel('搜索协议名称').fill('共建测试');
    await coordinator.getByLabel('搜索协议名称').press('Enter');
    await coordinator.getByText('共 1 条').waitFor();
    const row = coordinator.getByRole('row').filter({ hasText: PAIRING });
    await row.getByRole('checkbox').check();
    await coordinator.getByRole('button', { name: /催\s*办/ }).click();
    const dialog = coordinator.getByRole('dialog', { name: '催办所选的 1 个结对' });
    await dialog.getByLabel('催办事项').fill('请于本月底前开展本季度联合主题党日');
    await coordinator.screenshot({ path: '.tmp/shots/pairings-projects-remind-desktop.png' });
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await coordinator.getByText('已向 1 个结对的各方发出催办').waitFor();
    const notices = (await (await organ.request.get(`${server.url}/api/v1/notifications`)).json()) as { items: { kind: string; message: string }[] };
    expect(notices.items.find((n) => n.kind === 'pairing_reminder')?.message).toContain('请于本月底前开展本季度联合主题党日');

    const [download] = await Promise.all([coordinator.waitForEvent('download'), coordinator.getByRole('link', { name: /导\s*出/ }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((r) => rows.push([r.getCell(2).text, r.getCell(3).text]));
    expect(rows).toEqual([
      ['协议名称', '结对双方'],
      [PAIRING, `${ORGAN} ⇄ ${ENTERPRISE}`],
    ]);

    await coordinator.setViewportSize({ width: 390, height: 844 });
    await coordinator.reload();
    await coordinator.getByRole('row').first().waitFor();
    // on a phone the title and this quarter's health are in view without scrolling sideways
    const health = coordinator.getByRole('row').filter({ hasText: PAIRING }).locator('[data-health]');
    await health.waitFor();
    const scroller = coordinator.locator('.list-table .ant-table-content');
    expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const box = await health.boundingBox();
    expect((box?.x ?? Infinity) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await coordinator.screenshot({ path: '.tmp/shots/pairings-projects-list-phone.png', fullPage: true });
    await coordinator.screenshot({ path: '.tmp/shots/web6-pairings-list-390.png' });
    await coordinator.setViewportSize({ width: 1366, height: 900 });
  });
});
