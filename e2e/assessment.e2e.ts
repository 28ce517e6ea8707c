// The debriefing on the day, with three browsers: the organizer's laptop (1366×768), which also opens
// the main venue's projector in a second window, and two raters' phones (390×844). The organizer
// issues codes for the demo's Bluestar draft assessment and prints the slips, opens the first reporter
// (the projector names them), then every reporter; one phone scans its slip's link, the other types
// its code; one phone's first answer is lost on the way back and the page resends the same
// submission, which counts once; the projector's counts rise without a reload; a used code and an
// unknown one are refused; the organizer closes scoring and the projector shows the results at once.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { Page, Request } from 'playwright-core';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotFailure, type Browser } from './browser';
import { REPO_ROOT, startServer, type RunningServer } from './server';

const DEMO_PASSWORD = 'Gongjian@2024';
// the Bluestar committee's party-affairs worker (org_admin), from the demo data
const ORGANIZER = 'bluestarorg';
const ASSESSMENT = '2022年度所属企业党组织书记抓基层党建工作述职评议考核';

let server: RunningServer;
let desk: Browser;
let phoneA: Browser;
let phoneB: Browser;
let organizer: Page;
let projector: Page;
let raterA: Page;
let raterB: Page;
let codes: string[] = [];
let firstReporter = '';

beforeAll(async () => {
  server = await startServer();
  desk = await launchBrowser({ width: 1366, height: 768 });
  phoneA = await launchBrowser({ width: 390, height: 844 }, { isMobile: true });
  phoneB = await launchBrowser({ width: 390, height: 844 }, { isMobile: true });
  organizer = await desk.context.newPage();
  raterA = await phoneA.context.newPage();
  raterB = await phoneB.context.newPage();
  for (const page of [organizer, raterA, raterB]) page.setDefaultTimeout(20_000);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [name, page] of [
    ['organizer', organizer],
    ['projector', projector],
    ['rater A', raterA],
    ['rater B', raterB],
  ] as const)
    if (page && !page.isClosed()) await screenshotFailure(page, `${ctx.task.name} ${name}`);
});

afterAll(async () => {
  await phoneB?.close();
  await phoneA?.close();
  await desk?.close();
  await server?.stop();
});

async function logIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Waits until a counter shows exactly this number. */
async function counterIs(page: Page, testId: string, value: number): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: new RegExp(`^${value}$`) }).waitFor();
}

/** Grades every reporter on the phone's ballot with the same grade. */
async function gradeAll(page: Page, grade: string): Promise<number> {
  const groups = page.getByRole('radiogroup');
  const n = await groups.count();
  for (let i = 0; i < n; i++) await groups.nth(i).getByRole('radio', { name: grade, exact: true }).click();
  return n;
}

describe('debriefing assessment on the day', () => {
  it('the organizer sets up an assessment in the wizard: default grades and thresholds, weights that must add to 100', async () => {
    await organizer.goto(`${server.url}/login`);
    await logIn(organizer, ORGANIZER);
    await organizer.waitForURL((url) => !url.pathname.startsWith('/login'));
    await organizer.goto(`${server.url}/assessments/new`);
    await organizer.getByLabel('测评名称').fill('e2e 述职评议');
    await organizer.getByLabel('组织单位').click();
    await organizer.keyboard.type('蓝星（集团）');
    await organizer.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '中国蓝星（集团）股份有限公司党委' }).first().click();
    await organizer.getByRole('button', { name: '下一步' }).click();

    await organizer.getByRole('button', { name: '添加述职人' }).click();
    const row = organizer.locator('.assessment-reporter').first();
    await row.locator('.ant-select').first().click();
    await organizer.keyboard.type('所属企业01');
    await organizer.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '蓝星所属企业01党委' }).first().click();
    await row.locator('.ant-select').nth(1).click();
    await organizer.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await organizer.getByRole('button', { name: '下一步' }).click();

    // the default scale: 好 / 较好 / 一般 / 差 = 100 / 80 / 60 / 0, overall grades from 90 / 75 / 60
    expect(await organizer.getByLabel('好 分值', { exact: true }).inputValue()).toBe('100');
    expect(await organizer.getByLabel('差 分值').inputValue()).toBe('0');
    expect(await organizer.getByLabel('好 综合等级线（加权得分）', { exact: true }).inputValue()).toBe('90.00');
    expect(await organizer.getByLabel('一般 综合等级线（加权得分）').inputValue()).toBe('60.00');
    await organizer.getByRole('button', { name: '下一步' }).click();

    // the weights' total follows each keystroke; 110 is refused
    await organizer.getByTestId('weight-total').filter({ hasText: '100%' }).waitFor();
    await organizer.getByLabel('权重 1').fill('50');
    await organizer.getByTestId('weight-total').filter({ hasText: '110%' }).waitFor();
    await organizer.getByRole('button', { name: /^保\s*存$/ }).click();
    await organizer.getByText('各测评组权重合计须为 100%，现为 110%').waitFor();
    await organizer.getByLabel('权重 1').fill('40');
    await organizer.getByRole('button', { name: /^保\s*存$/ }).click();
    await organizer.waitForURL(/\/assessments\/[^/?]+\?tab=codes$/);
    expect(await organizer.getByTestId('assessment-state').innerText()).toBe('草稿');
    await organizer.getByRole('tab', { name: '测评设置' }).click();
    await organizer.getByRole('cell', { name: '蓝星所属企业01党委' }).waitFor();
  });

  it('the organizer issues ballot codes for the Bluestar draft and downloads the slips', async () => {
    await organizer.getByRole('menuitem', { name: '述职评议' }).click();
    await organizer.waitForURL(/\/assessments$/);
    await organizer.getByRole('link', { name: ASSESSMENT }).click();
    await organizer.waitForURL(/\/assessments\/[^/?]+/);
    expect(await organizer.getByTestId('assessment-state').innerText()).toBe('草稿');

    await organizer.getByRole('tab', { name: '测评码' }).click();
    // the main venue and the first rater group are picked already
    await organizer.getByLabel('数量').fill('3');
    await organizer.getByRole('button', { name: '生成测评码' }).click();
    const dialog = organizer.getByRole('dialog').filter({ hasText: '已生成 3 个测评码' });
    await dialog.waitFor();
    codes = await dialog.getByTestId('issued-codes').locator('code').allInnerTexts();
    expect(codes).toHaveLength(3);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/);

    const [download] = await Promise.all([
      organizer.waitForEvent('download'),
      dialog.getByRole('button', { name: '下载测评票（Word）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await download.path();
    // a .docx is a zip archive
    expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
    await dialog.getByRole('button', { name: /^完\s*成$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('the projector of the main venue shows the QR code and no ballots yet', async () => {
    await organizer.getByRole('button', { name: '投影屏' }).click();
    const [page] = await Promise.all([
      desk.context.waitForEvent('page'),
      organizer.getByRole('menuitem', { name: /主会场/ }).click(),
    ]);
    projector = page;
    projector.setDefaultTimeout(20_000);
    await projector.waitForURL(/\/projector\?venue=/);
    await projector.getByRole('img', { name: '测评页二维码' }).waitFor();
    await projector.getByText('述职评议即将开始').waitFor();
    await counterIs(projector, 'projector-venue-submitted', 0);
    // a marker that a reload would lose
    await projector.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
  });

  it('the organizer opens the first reporter, and the projector names them', async () => {
    await organizer.getByRole('tab', { name: '现场控制' }).click();
    const openFirst = organizer.getByRole('button', { name: /^开始测评：/ }).first();
    firstReporter = ((await openFirst.getAttribute('aria-label')) ?? '').replace('开始测评：', '');
    expect(firstReporter).not.toBe('');
    await openFirst.click();
    await organizer.getByTestId('assessment-state').filter({ hasText: '测评中' }).waitFor();
    await projector.getByTestId('projector-reporter').filter({ hasText: firstReporter }).waitFor();

    await organizer.getByRole('button', { name: '全部开始测评' }).click();
    await organizer.getByRole('button', { name: '全部开始测评' }).waitFor({ state: 'detached' });
  });

  it('a phone opens its slip’s link, must grade everyone, and submits once', async () => {
    const scripts: { url: string; bytes: number; gzip: number }[] = [];
    raterA.on('response', (response) => {
      if (response.request().resourceType() !== 'script' || response.status() !== 200) return;
      void response
        .body()
        .then((body) => scripts.push({ url: response.url(), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length }))
        .catch(() => undefined);
    });
    await raterA.goto(`${server.url}/ballot#${codes[0]!}`);
    await raterA.getByRole('heading', { name: ASSESSMENT }).waitFor();
    expect(await raterA.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const weight = scripts.reduce((s, x) => ({ bytes: s.bytes + x.bytes, gzip: s.gzip + x.gzip }), { bytes: 0, gzip: 0 });
    console.log(
      `ballot page JavaScript: ${scripts.length} files, ${(weight.bytes / 1024).toFixed(1)} kB, ` +
        `${(weight.gzip / 1024).toFixed(1)} kB gzip'd (${scripts.map((s) => s.url.split('/').pop()).join(', ')})`,
    );

    // nothing graded: the page says what is missing instead of going on
    await raterA.getByRole('button', { name: '下一步：核对' }).click();
    await raterA.getByText(/还有 \d+ 项未评定/).waitFor();
    const reporters = await gradeAll(raterA, '好');
    expect(reporters).toBeGreaterThan(1);
    await raterA.getByText(`已评 ${reporters} / ${reporters}`).waitFor();
    await raterA.getByRole('button', { name: '下一步：核对' }).click();
    await raterA.getByRole('heading', { name: '请核对您的评议' }).waitFor();
    expect(await raterA.getByRole('row').filter({ hasText: firstReporter }).innerText()).toContain('好');
    await raterA.getByRole('button', { name: '提交测评票' }).click();
    await raterA.getByRole('heading', { name: '提交成功' }).waitFor();
  });

  it('the projector counts the ballot without a reload', async () => {
    await counterIs(projector, 'projector-venue-submitted', 1);
    await counterIs(projector, 'projector-total-submitted', 1);
    // counts only: no grade reaches the screen while scoring is open
    expect(await projector.getByTestId('projector-results').count()).toBe(0);
    expect(await projector.getByText(/好|较好|一般/).count()).toBe(0);
    expect(await projector.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('another phone types its code; its first answer is lost and the resent submission counts once', async () => {
    await raterB.goto(`${server.url}/ballot`);
    // an unknown code is refused on the spot
    await raterB.getByLabel('测评码').fill('ZZZZ-ZZZZ-ZZZZZ');
    await raterB.getByRole('button', { name: '开始测评' }).click();
    await raterB.getByRole('alert').filter({ hasText: '测评码无效' }).waitFor();
    // typed in lower case, as people do
    await raterB.getByLabel('测评码').fill(codes[1]!.toLowerCase());
    await raterB.getByRole('button', { name: '开始测评' }).click();
    await raterB.getByRole('heading', { name: ASSESSMENT }).waitFor();
    await gradeAll(raterB, '较好');
    await raterB.getByRole('button', { name: '下一步：核对' }).click();

    // the server takes the first submission, but its answer never reaches the phone
    const sent: string[] = [];
    const collect = (request: Request) => {
      if (request.method() === 'POST' && request.url().includes('/api/v1/ballots/'))
        sent.push((JSON.parse(request.postData() ?? '{}') as { submissionId: string }).submissionId);
    };
    raterB.on('request', collect);
    let lose = true;
    await raterB.route('**/api/v1/ballots/*', async (route) => {
      if (route.request().method() === 'POST' && lose) {
        lose = false;
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await raterB.getByRole('button', { name: '提交测评票' }).click();
    await raterB.getByRole('heading', { name: '提交成功' }).waitFor();
    raterB.off('request', collect);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent).size).toBe(1);

    await counterIs(projector, 'projector-venue-submitted', 2);
    await counterIs(projector, 'projector-total-submitted', 2);
  });

  it('a used code finds nothing left to grade', async () => {
    await raterA.goto(`${server.url}/ballot#${codes[0]!.replaceAll('-', '')}`);
    await raterA.reload();
    await raterA.getByRole('heading', { name: '已完成当前评议' }).waitFor();
    await counterIs(projector, 'projector-total-submitted', 2);
  });

  it('the organizer closes scoring and the projector shows the results at once', async () => {
    await organizer.getByRole('button', { name: '结束测评' }).click();
    await organizer.getByRole('dialog').getByRole('button', { name: '结束测评' }).click();
    await organizer.getByTestId('assessment-state').filter({ hasText: '已结束' }).waitFor();

    const results = projector.getByTestId('projector-results');
    await results.waitFor();
    // one ballot all excellent (100), one all good (80): 90.00, which earns excellent (≥ 90)
    const row = results.getByRole('row').filter({ hasText: firstReporter });
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells).toContain('90.00');
    expect(cells).toContain('100.00%');
    expect(cells.at(-1)).toBe('好');
    expect(await projector.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // the third code arrives too late
    await raterB.unrouteAll();
    await raterB.goto(`${server.url}/ballot#${codes[2]!}`);
    await raterB.reload();
    await raterB.getByRole('heading', { name: '测评已结束' }).waitFor();
  });

  it('the organizer reads the same figures on the results tab and publishes them', async () => {
    await organizer.getByRole('tab', { name: '测评结果' }).click();
    await organizer.getByTestId('results-ballots').filter({ hasText: '共 2 张测评票' }).waitFor();
    const row = organizer.getByRole('row').filter({ hasText: firstReporter });
    expect(await row.getByRole('cell').allInnerTexts()).toContain('90.00');
    await organizer.getByRole('button', { name: '公布结果' }).first().click();
    await organizer.getByTestId('assessment-state').filter({ hasText: '已公布' }).waitFor();
  });

  it('the organizer’s list of assessments exports what its filter shows', async () => {
    await organizer.goto(`${server.url}/assessments`);
    const rows = organizer.locator('tr.ant-table-row');
    await rows.first().waitFor();
    await organizer.locator('.filter-bar .ant-select').filter({ hasText: '状态' }).click();
    await organizer.locator('.ant-select-dropdown:visible').getByTitle('已公布').click();
    await rows.filter({ hasText: ASSESSMENT }).waitFor();
    const shown = (await rows.locator('td.assessment-list-title').allInnerTexts()).map((title) => title.trim());
    await organizer.screenshot({ path: `${REPO_ROOT}/.tmp/shots/users-audit-assessments-desktop.png` });
    const download = organizer.waitForEvent('download');
    await organizer.locator('.list-table-bar a[href*="export.xlsx"]').click();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await (await download).path());
    const sheet: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => sheet.push((row.values as unknown[]).slice(1).map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : ''))));
    expect(sheet[0]).toEqual(['标题', '年度', '评议日期', '组织单位', '述职人数', '状态']);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(shown);
    expect(sheet.slice(1).every((r) => r[5] === '已公布')).toBe(true);
  });
});
