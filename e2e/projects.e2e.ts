// Secretary projects with two browsers, on the demo's Maoming Port Group. The group committee's party worker opens
// a 2026 campaign through the campaign form (a second 2026 campaign is refused under the year field) and edits its
// plan; the secretary of 港务分公司 applies in the web app with a business indicator; the committee returns it from
// the board, the secretary fixes it through the edit form and submits again, the committee approves it with the
// notice number and launches it; the secretary plans milestones and tasks and links a branch activity from a phone
// (a milestone outside the project's dates is refused under its field), and files the week's report with an obstacle
// and the indicator's value, and the project page charts the indicator; the committee records a field visit; the
// board shows the project at risk for its overdue milestone until the committee gives milestones a week's grace in
// the campaign's settings; the month calendar shows the milestone, and the demo's 博贺港区 project is at risk; the
// monthly bulletin downloads and names the project; the secretary completes it, two of the committee score it (the
// score is their mean), the committee closes the evaluation, and the campaign page shows it among the showcase.
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotFailure, type Browser } from './browser';
import { startServer, type RunningServer } from './server';
import { hideColumn } from './columns';

const DEMO_PASSWORD = 'Gongjian@2024';
const TITLE = '集装箱堆场作业安全提升';
const SHOTS = process.env.GONGJIAN_E2E_SHOTS ?? '/tmp/gongjian-e2e-projects';

let server: RunningServer;
let desk: Browser;
let phone: Browser;
let organizer: Page;
let secretary: Page;
let campaignId = '';
let projectUrl = '';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const shift = (days: number) => new Date(Date.parse(today()) + days * 86400_000).toISOString().slice(0, 10);

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function fillDate(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await field.fill(value);
  await field.press('Enter');
  // the picker's panel fades out over the form: wait until it is gone before the next click
  await page.waitForFunction(() => !document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)'));
}

beforeAll(async () => {
  server = await startServer();
  desk = await launchBrowser({ width: 1366, height: 900 });
  phone = await launchBrowser({ width: 390, height: 844 }, { isMobile: true });
  organizer = await desk.context.newPage();
  secretary = await phone.context.newPage();
  for (const page of [organizer, secretary]) page.setDefaultTimeout(20_000);
  await logIn(organizer, 'maoming');
  await logIn(secretary, 'mmgangwu');
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    await screenshotFailure(organizer, `organizer ${ctx.task.name}`);
    await screenshotFailure(secretary, `secretary ${ctx.task.name}`);
  }
});

afterAll(async () => {
  await phone?.close();
  await desk?.close();
  await server?.stop();
});

/** Picks an option of the select under a form label. */
async function pick(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string): Promise<void> {
  await scope.locator('.ant-form-item').filter({ hasText: label }).locator('.ant-select').click();
  await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).first().click();
}

async function fillCampaign(page: Page, year: number): Promise<void> {
  const dialog = page.getByRole('dialog', { name: '新建活动' });
  await dialog.locator('.ant-form-item').filter({ hasText: '组织单位' }).locator('.ant-select').click();
  await page.locator('.ant-select-dropdown:visible').getByText('茂名港集团党委', { exact: true }).first().click();
  await dialog.getByLabel('年度').fill(String(year));
  await dialog.getByLabel('活动名称').fill(`茂名港集团${year}年度基层党建“书记项目”`);
  await dialog.getByLabel('实施方案').fill('一、总体要求：聚焦党建与生产经营“两张皮”问题，每个支部书记领办一个项目。');
  await fillDate(page, '申报截止', shift(10));
}

describe('a secretary project from application to the bulletin', () => {
  it('the committee opens the campaign through the form and edits its plan', async () => {
    await organizer.goto(`${server.url}/projects`);
    await organizer.getByRole('button', { name: '新建活动' }).click();
    await fillCampaign(organizer, 2026);
    const dialog = organizer.getByRole('dialog', { name: '新建活动' });
    await dialog.getByLabel('评价项目').fill('目标完成');
    await dialog.getByLabel('权重').fill('60');
    await dialog.getByLabel('满分').fill('60');
    await dialog.getByRole('button', { name: '添加评价项目' }).click();
    await dialog.getByLabel('评价项目').nth(1).fill('示范作用');
    await dialog.getByLabel('权重').nth(1).fill('40');
    await dialog.getByLabel('满分').nth(1).fill('40');
    await organizer.screenshot({ path: `${SHOTS}-campaign-form.png` });
    await dialog.getByRole('button', { name: '保存活动' }).click();
    await organizer.waitForURL(/campaign=[0-9a-f]+/);
    campaignId = new URL(organizer.url()).searchParams.get('campaign')!;
    await organizer.getByText('目标完成（60）、示范作用（40）').waitFor();

    // one campaign per organizer and year: the refusal is read under the year field
    await organizer.getByRole('button', { name: '新建活动' }).click();
    await fillCampaign(organizer, 2026);
    await organizer.getByRole('dialog', { name: '新建活动' }).getByLabel('评价项目').fill('目标完成');
    await organizer.getByRole('dialog', { name: '新建活动' }).getByLabel('权重').fill('100');
    await organizer.getByRole('dialog', { name: '新建活动' }).getByLabel('满分').fill('100');
    await organizer.getByRole('button', { name: '保存活动' }).click();
    const year = organizer.getByRole('dialog', { name: '新建活动' }).locator('.ant-form-item').filter({ hasText: '年度' });
    await year.locator('.ant-form-item-explain-error').waitFor();
    await organizer.getByRole('dialog', { name: '新建活动' }).getByRole('button', { name: /取\s*消|Cancel/ }).click();
    // the form has unsaved changes: closing it asks first
    await organizer.getByRole('button', { name: '放弃修改' }).click();
    await organizer.getByRole('dialog', { name: '新建活动' }).waitFor({ state: 'detached' });

    await organizer.getByRole('button', { name: '编辑活动' }).click();
    const edit = organizer.getByRole('dialog', { name: '编辑活动' });
    await edit.getByLabel('实施方案').fill('一、总体要求：每个支部书记领办一个项目，4 月 26 日启动。');
    await edit.getByRole('button', { name: '保存活动' }).click();
    await organizer.getByText('4 月 26 日启动').waitFor();
  });

  it('the secretary applies and submits', async () => {
    await secretary.goto(`${server.url}/projects?campaign=${campaignId}`);
    await secretary.getByRole('button', { name: '申报项目' }).click();
    const dialog = secretary.getByRole('dialog', { name: '申报项目' });
    await dialog.locator('.ant-form-item').filter({ hasText: '申报单位' }).locator('.ant-select').click();
    await secretary.locator('.ant-select-dropdown:visible').getByText('港务分公司党支部').first().click();
    await dialog.getByLabel('项目名称').fill(TITLE);
    await dialog.getByLabel('破解难题').fill('堆场夜间作业安全隐患多');
    await dialog.getByLabel('项目目标').fill('堆场作业零事故');
    await dialog.getByLabel('主要措施').fill('党员安全监督岗、夜班联合巡查');
    await dialog.getByLabel('预期成效').fill('形成堆场安全管理长效机制');
    await dialog.getByRole('button', { name: '添加指标' }).click();
    await dialog.getByPlaceholder('指标名称').fill('夜班违章次数');
    await dialog.getByPlaceholder('单位').fill('次');
    await dialog.getByPlaceholder('基线').fill('12');
    await dialog.getByPlaceholder('目标').fill('2');
    // fewer violations is better
    await dialog.locator('.ant-select').filter({ hasText: '越高越好' }).click();
    await secretary.locator('.ant-select-dropdown:visible').getByText('越低越好', { exact: true }).click();
    await fillDate(secretary, '开始日期', shift(-7));
    await fillDate(secretary, '结束日期', shift(200));
    await secretary.getByRole('button', { name: '保存草稿' }).click();
    await secretary.waitForURL(/\/projects\/[0-9a-f]+$/);
    projectUrl = secretary.url();
    await secretary.getByRole('button', { name: '提交申报' }).click();
    await secretary.getByText('已申报').first().waitFor();
  });

  it('the committee returns it from the board, then approves it with the notice number and launches it', async () => {
    await organizer.goto(`${server.url}/projects?campaign=${campaignId}`);
    const row = organizer.getByRole('row').filter({ hasText: TITLE });
    await row.getByText('已申报').waitFor();
    await row.getByRole('checkbox').check();
    await organizer.getByRole('button', { name: '退回所选' }).click();
    await organizer.getByLabel('退回意见').fill('请把目标量化到月');
    await organizer.getByRole('button', { name: /确\s*定|OK/ }).click();
    await row.getByText('已退回').waitFor();

    await secretary.goto(projectUrl);
    await secretary.getByText('请把目标量化到月').waitFor();
    await secretary.getByRole('button', { name: '修改申报书' }).click();
    const edit = secretary.getByRole('dialog', { name: '修改申报书' });
    expect(await edit.getByPlaceholder('指标名称').inputValue()).toBe('夜班违章次数');
    await edit.getByLabel('项目目标').fill('堆场作业零事故，夜班违章每月不超过 2 次');
    await secretary.screenshot({ path: `${SHOTS}-phone-edit.png` });
    await edit.getByRole('button', { name: '保存修改' }).click();
    await secretary.getByText('夜班违章每月不超过 2 次').waitFor();
    await secretary.getByRole('button', { name: '提交申报' }).click();
    await secretary.getByText('已申报').first().waitFor();

    await organizer.reload();
    await row.getByText('已申报').waitFor();
    await row.getByRole('checkbox').check();
    await organizer.getByRole('button', { name: '批准所选' }).click();
    await organizer.getByLabel('批复文号').fill('茂港党〔2026〕8号');
    await organizer.getByRole('button', { name: /确\s*定|OK/ }).click();
    await row.getByText('已批准').waitFor();
    await organizer.screenshot({ path: `${SHOTS}-board-approved.png`, fullPage: true });
    await row.getByRole('link', { name: TITLE }).click();
    await organizer.getByRole('button', { name: '启动实施' }).click();
    await organizer.getByText('实施中').first().waitFor();
  });

  it('the secretary plans milestones and tasks and links a branch activity from a phone', async () => {
    await secretary.goto(projectUrl);
    await secretary.getByRole('button', { name: '添加节点' }).click();
    let dialog = secretary.getByRole('dialog', { name: '添加节点' });
    await dialog.getByLabel('节点名称').fill('照明改造方案定稿');
    await fillDate(secretary, '完成时限', shift(300));
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    // outside the project's dates: the server's refusal is read under the due date
    await dialog.locator('.ant-form-item').filter({ hasText: '完成时限' }).locator('.ant-form-item-explain-error').getByText(/应在项目起止日期/).waitFor();
    await fillDate(secretary, '完成时限', today());
    await dialog.getByLabel('交付成果').fill('照明改造方案');
    await secretary.screenshot({ path: `${SHOTS}-phone-milestone.png` });
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.waitFor({ state: 'detached' });
    const plan = secretary.locator('.ant-card').filter({ hasText: '节点与任务' });
    await plan.locator('.ant-list-item').filter({ hasText: '照明改造方案定稿' }).waitFor();

    await secretary.getByRole('button', { name: '添加节点' }).click();
    dialog = secretary.getByRole('dialog', { name: '添加节点' });
    await dialog.getByLabel('节点名称').fill('夜班联合巡查制度建立');
    await fillDate(secretary, '完成时限', shift(-2));
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.waitFor({ state: 'detached' });
    const overdue = plan.locator('.ant-list-item').filter({ hasText: '夜班联合巡查制度建立' });
    await overdue.getByText('逾期').waitFor();

    // the milestone's deliverable is edited afterwards
    await plan.locator('.ant-list-item').filter({ hasText: '照明改造方案定稿' }).getByRole('button', { name: /^编\s*辑$/ }).click();
    dialog = secretary.getByRole('dialog', { name: '编辑节点' });
    await dialog.getByLabel('交付成果').fill('照明改造方案及预算');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await plan.getByText('照明改造方案及预算').waitFor();

    await secretary.getByRole('button', { name: '添加任务' }).click();
    dialog = secretary.getByRole('dialog', { name: '添加任务' });
    await dialog.getByLabel('任务名称').fill('现场测量照度');
    await pick(secretary, dialog, '节点', '◆ 照明改造方案定稿（' + today() + '）');
    // the leader owns a task unless another is picked
    await dialog.locator('.ant-form-item').filter({ hasText: '责任人' }).getByText('港务分公司党支部书记（示例）').waitFor();
    await fillDate(secretary, '开始日期', shift(-1));
    await fillDate(secretary, '完成时限', today());
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.waitFor({ state: 'detached' });
    const task = plan.locator('.ant-list-item').filter({ hasText: '现场测量照度' });
    expect(await task.innerText()).toContain('港务分公司党支部书记（示例）');
    await task.getByRole('button', { name: '标记完成' }).click();
    await task.getByText(`${today()} 完成`).waitFor();

    // a theme day of the branch is linked and shows on the timeline
    const linked = secretary.locator('.ant-card').filter({ hasText: '关联的组织生活' });
    await linked.locator('.ant-select').click();
    const option = secretary.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    const picked = (await option.innerText()).trim();
    const theme = picked.slice(picked.indexOf('：') + 1);
    await option.click();
    await linked.getByRole('button', { name: /^关\s*联$/ }).click();
    await linked.locator('.ant-list-item').filter({ hasText: theme }).waitFor();
    await secretary.locator('.ant-timeline').getByText(theme).waitFor();
    await plan.scrollIntoViewIfNeeded();
    await secretary.screenshot({ path: `${SHOTS}-phone-plan.png` });
  });

  it('the secretary files the weekly report with an obstacle from a phone', async () => {
    await secretary.goto(projectUrl);
    await secretary.getByRole('button', { name: '填报周报' }).click();
    await secretary.getByLabel('本周完成').fill('完成堆场夜班巡查 3 次');
    await secretary.getByLabel('完成进度（%）').fill('10');
    await secretary.getByLabel('问题与堵点').fill('夜间照明不足');
    await secretary.getByLabel('下周计划').fill('协调加装照明');
    await secretary.getByLabel('夜班违章次数（次）').fill('8');
    await secretary.screenshot({ path: `${SHOTS}-phone-report.png` });
    await secretary.getByRole('button', { name: /^提\s*交$/ }).click();
    await secretary.getByText('夜间照明不足').first().waitFor();
    await secretary.getByText('10%').first().waitFor();
    const chart = secretary.getByRole('region', { name: '指标走势' });
    await chart.locator('canvas').first().waitFor();
    await chart.scrollIntoViewIfNeeded();
    await secretary.screenshot({ path: `${SHOTS}-phone-indicators.png` });
  });

  it('the committee records a field visit, and the board shows the open obstacle and the demo project at risk', async () => {
    await organizer.reload();
    await organizer.getByRole('button', { name: '记录督导' }).click();
    await fillDate(organizer, '督导日期', today());
    await organizer.getByLabel('地点', { exact: true }).fill('三号堆场');
    await organizer.getByLabel('现场情况').fill('巡查记录完整');
    await organizer.getByLabel('督导要求', { exact: true }).fill('一周内完成照明改造方案');
    await organizer.getByRole('button', { name: /^提\s*交$/ }).click();
    await organizer.getByText('巡查记录完整').waitFor();
    await organizer.getByRole('region', { name: '指标走势' }).locator('canvas').first().scrollIntoViewIfNeeded();
    await organizer.screenshot({ path: `${SHOTS}-indicators.png` });

    await organizer.screenshot({ path: `${SHOTS}-project.png`, fullPage: true });

    // the milestone two days overdue puts the project at risk, until the committee allows a week's grace
    await organizer.goto(`${server.url}/projects?campaign=${campaignId}`);
    const row = organizer.getByRole('row').filter({ hasText: TITLE });
    await row.getByText('实施中').waitFor();
    await row.getByText('存在风险').waitFor();
    await organizer.getByRole('tab', { name: '设置' }).click();
    const settings = organizer.getByRole('form', { name: '设置' });
    await settings.getByLabel(/节点逾期超过几天/).fill('7');
    await settings.getByLabel(/堵点超过几天未解决/).fill('10');
    await organizer.screenshot({ path: `${SHOTS}-settings.png`, fullPage: true });
    await settings.getByRole('button', { name: '保存设置' }).click();
    await settings.getByText('设置已保存').waitFor();
    await organizer.getByRole('tab', { name: '项目看板' }).click();
    await row.getByText('正常推进').waitFor();
    await organizer.screenshot({ path: `${SHOTS}-board.png`, fullPage: true });

    // the month calendar shows the project's milestone on its day
    await organizer.getByRole('tab', { name: '月历' }).click();
    const calendar = organizer.getByRole('region', { name: '月历' });
    await calendar.locator(`td[title="${today()}"]`).getByText('◆ 照明改造方案定稿').waitFor();
    await organizer.screenshot({ path: `${SHOTS}-calendar.png`, fullPage: true });
    // the same calendar and the campaign form at phone size (390×844)
    await organizer.setViewportSize({ width: 390, height: 844 });
    await organizer.reload();
    await organizer.getByRole('tab', { name: '月历' }).click();
    await calendar.locator(`td[title="${today()}"]`).getByText('◆ 照明改造方案定稿').scrollIntoViewIfNeeded();
    await organizer.screenshot({ path: `${SHOTS}-phone-calendar.png` });
    await organizer.getByRole('tab', { name: '设置' }).click();
    await organizer.getByRole('form', { name: '设置' }).getByLabel(/节点逾期超过几天/).waitFor();
    expect(await organizer.getByRole('form', { name: '设置' }).getByLabel(/节点逾期超过几天/).inputValue()).toBe('7');
    await organizer.screenshot({ path: `${SHOTS}-phone-settings.png`, fullPage: true });
    await organizer.getByRole('tab', { name: '项目看板' }).click();
    await organizer.getByRole('row').filter({ hasText: TITLE }).getByText('正常推进').waitFor();
    await organizer.waitForTimeout(400); // the tab's ink bar slides into place
    await organizer.screenshot({ path: `${SHOTS}-phone-board.png`, fullPage: true });
    await organizer.goto(projectUrl);
    await organizer.getByText('照明改造方案及预算').waitFor();
    await organizer.screenshot({ path: `${SHOTS}-phone-project.png` });
    await organizer.goto(`${server.url}/projects?campaign=${campaignId}`);
    await organizer.getByRole('button', { name: '编辑活动' }).click();
    await organizer.locator('.ant-modal.ant-zoom-appear').waitFor({ state: 'detached' });
    await organizer.screenshot({ path: `${SHOTS}-phone-campaign-form.png` });
    await organizer.getByRole('dialog', { name: '编辑活动' }).getByRole('button', { name: /取\s*消|Cancel/ }).click();
    await organizer.setViewportSize({ width: 1366, height: 900 });
    await organizer.reload();
    await organizer.getByRole('tab', { name: '项目看板' }).click();
    const listed = await organizer.request.get(`${server.url}/api/v1/project-campaigns?year=2022`);
    const c2022 = ((await listed.json()) as { items: { id: string }[] }).items[0]!;
    await organizer.goto(`${server.url}/projects?campaign=${c2022.id}`);
    const bohe = organizer.getByRole('row').filter({ hasText: '博贺港区党支部' });
    await bohe.getByText('存在风险').waitFor();
    await organizer.screenshot({ path: `${SHOTS}-board-2022.png`, fullPage: true });
  });

  it('the monthly bulletin downloads and names the project', async () => {
    const month = today().slice(0, 7);
    const res = await organizer.request.get(`${server.url}/api/v1/project-campaigns/${campaignId}/bulletin.docx?month=${month}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('wordprocessingml');
    const { docxText } = await import('../server/testing/docx');
    expect(docxText(await res.body())).toContain(`港务分公司党支部：${TITLE}`);
  });

  it('two of the committee score the completed project, and the excellent project joins the showcase', async () => {
    await secretary.goto(projectUrl);
    await secretary.getByRole('button', { name: '申请结项' }).click();
    await secretary.getByLabel('意见或结项报告').fill('结项报告：堆场照明改造完成，夜班违章降至每月 2 次。');
    await secretary.getByRole('button', { name: /确\s*定|OK/ }).click();
    await secretary.getByText('已结项').first().waitFor();

    // 55/60×60 + 38/40×40 = 93 by the committee's party worker; 50 + 30 = 80 by 杨超灿; the mean is 86.5
    const score = async (page: Page, first: string, second: string, comment: string) => {
      await page.goto(projectUrl);
      const form = page.getByRole('form', { name: '评分' });
      await form.getByLabel('目标完成（满分 60）').fill(first);
      await form.getByLabel('示范作用（满分 40）').fill(second);
      await pick(page, form, '等次', '好');
      await form.getByLabel('评语').fill(comment);
      await form.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}-score-form.png` });
      await form.getByRole('button', { name: '保存评分' }).click();
      await form.getByText('修改我的评分').waitFor();
    };
    await score(organizer, '55', '38', '照明改造成效明显');
    const card = organizer.locator('.ant-card').filter({ hasText: '指标完成情况' });
    await card.getByRole('row').filter({ hasText: '照明改造成效明显' }).getByText('93').waitFor();
    // fewer violations is better: 8 against a target of 2 falls short
    expect(await card.getByRole('region', { name: '指标完成情况（基线 → 目标 → 实际）' }).innerText()).toMatch(/夜班违章次数：12 → 2 → 8 次\s*未达目标/);

    await desk.context.clearCookies();
    await logIn(organizer, 'yangchaocan');
    await score(organizer, '50', '30', '可作典型推广');
    await organizer.locator('.ant-descriptions-item').filter({ hasText: '综合得分' }).getByText('86.5').waitFor();
    await desk.context.clearCookies();
    await logIn(organizer, 'maoming');

    await organizer.goto(projectUrl);
    await organizer.getByRole('button', { name: '完成评价' }).click();
    await organizer.getByText('已评价').first().waitFor();
    await organizer.getByText('优秀典型').first().waitFor();
    await organizer.locator('.ant-card').filter({ hasText: '指标完成情况' }).scrollIntoViewIfNeeded();
    await organizer.screenshot({ path: `${SHOTS}-evaluation.png`, fullPage: true });
    await organizer.goto(`${server.url}/projects?campaign=${campaignId}`);
    const showcase = organizer.locator('.ant-card').filter({ hasText: '优秀典型项目' });
    await showcase.getByRole('link', { name: TITLE }).waitFor();
    expect(await showcase.innerText()).toContain('86.5');
    await organizer.screenshot({ path: `${SHOTS}-showcase.png`, fullPage: true });
  });

  it('the board as a list: a column hidden, a filter, and its export read back, on a desk and a phone', async () => {
    const listed = await organizer.request.get(`${server.url}/api/v1/project-campaigns?year=2022`);
    const c2022 = ((await listed.json()) as { items: { id: string }[] }).items[0]!;
    await organizer.setViewportSize({ width: 1280, height: 800 });
    await organizer.goto(`${server.url}/projects?campaign=${c2022.id}`);
    await organizer.getByRole('row').filter({ hasText: '博贺港区党支部' }).waitFor();
    // the indicators column hidden from the column settings, and still hidden after a reload
    await hideColumn(organizer, organizer, '业务指标');
    await organizer.getByRole('columnheader', { name: '业务指标' }).waitFor({ state: 'detached' });
    await organizer.reload();
    await organizer.getByRole('row').filter({ hasText: '博贺港区党支部' }).waitFor();
    expect(await organizer.getByRole('columnheader', { name: '业务指标' }).count()).toBe(0);

    // the projects at risk only, and the export holds exactly those
    await organizer.getByRole('combobox', { name: '运行情况' }).click();
    await organizer.locator('.ant-select-dropdown:visible').getByText('存在风险', { exact: true }).click();
    const board = await organizer.request.get(`${server.url}/api/v1/project-campaigns/${c2022.id}/board?health=at_risk`);
    const atRisk = ((await board.json()) as { items: { title: string; orgName: string }[] }).items;
    expect(atRisk.length).toBeGreaterThan(0);
    await organizer.getByRole('row').filter({ hasText: atRisk[0]!.orgName }).waitFor();
    await organizer.waitForFunction((n) => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === n, atRisk.length);
    await organizer.screenshot({ path: '.tmp/shots/pairings-projects-board-desktop.png', fullPage: true });
    const [download] = await Promise.all([organizer.waitForEvent('download'), organizer.getByRole('link', { name: /导\s*出/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/书记项目看板\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    const titles: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) titles.push(row.getCell(2).text);
      if (n > 1) expect(row.getCell(6).value).toBe('存在风险');
    });
    expect(titles).toEqual(atRisk.map((p) => p.title));

    await organizer.setViewportSize({ width: 390, height: 844 });
    await organizer.reload();
    // a phone shows the title, the state and the health (the organization from md up)
    await organizer.getByRole('row').filter({ hasText: '博贺港区生产效率提升' }).getByText('存在风险').waitFor();
    await organizer.screenshot({ path: '.tmp/shots/pairings-projects-board-phone.png', fullPage: true });
    await organizer.setViewportSize({ width: 1366, height: 900 });
  });
});
