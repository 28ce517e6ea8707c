// The clerk's side of a debriefing, on the organizer's laptop (1366×768): the reporter's written report
// is attached at set-up and read back; a rater with an account gets a ballot code in-app and finds it
// among their notifications; while scoring is open a paper slip is keyed in against its code and the
// count rises, and a used or unknown code is refused under the code field.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotFailure, type Browser } from './browser';
import { REPO_ROOT, startServer, type RunningServer } from './server';

const DEMO_PASSWORD = 'Gongjian@2024';
// the Bluestar committee's party-affairs worker (org_admin) and a Bluestar account (viewer), from the demo data
const ORGANIZER = 'bluestarorg';
const RATER = 'bluestar';
const RATER_NAME = '蓝星党委（只读）';
const ASSESSMENT = '2022年度所属企业党组织书记抓基层党建工作述职评议考核';
const SCREENS = path.join(REPO_ROOT, '.tmp/screens');
// a small but real PDF: the server keeps only files whose content is an allowed type
const REPORT = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

interface AssessmentJson {
  id: string;
  reporters: { id: string; memberName: string; reportFilename: string | null }[];
  raterGroups: { id: string }[];
  venues: { id: string; main: boolean }[];
}

let server: RunningServer;
let desk: Browser;
let raterDesk: Browser;
let organizer: Page;
let rater: Page;
let a: AssessmentJson;
let csrf = '';
let codes: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  server = await startServer();
  desk = await launchBrowser({ width: 1366, height: 768 });
  raterDesk = await launchBrowser({ width: 1366, height: 768 });
  organizer = await desk.context.newPage();
  rater = await raterDesk.context.newPage();
  for (const page of [organizer, rater]) page.setDefaultTimeout(20_000);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [name, page] of [['organizer', organizer], ['rater', rater]] as const)
    if (!page.isClosed()) await screenshotFailure(page, `${ctx.task.name} ${name}`);
});

afterAll(async () => {
  await raterDesk?.close();
  await desk?.close();
  await server?.stop();
});

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** A write through the API in the organizer's session (its cookie and CSRF token). */
async function post<T>(apiPath: string, body: unknown, status = 201): Promise<T> {
  const res = await organizer.request.post(`${server.url}/api/v1${apiPath}`, { headers: { 'x-csrf-token': csrf }, data: body });
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

/** The organizer's "submitted / issued" figure on the control screen. */
const submittedCount = () => organizer.locator('.assessment-live .ant-statistic-content-value').first();

describe('the clerk at a debriefing', () => {
  it('the organizer attaches a reporter’s written report at set-up and downloads it', async () => {
    await logIn(organizer, ORGANIZER);
    csrf = (await organizer.evaluate(() => sessionStorage.getItem('gongjian.csrf'))) ?? '';
    expect(csrf).not.toBe('');
    const list = await organizer.request.get(`${server.url}/api/v1/assessments?year=2022`);
    const item = ((await list.json()) as { items: { id: string; title: string }[] }).items.find((x) => x.title === ASSESSMENT);
    expect(item).toBeDefined();
    a = (await (await organizer.request.get(`${server.url}/api/v1/assessments/${item!.id}`)).json()) as AssessmentJson;
    const first = a.reporters[0]!;
    expect(first.reportFilename).toBeNull();

    await organizer.goto(`${server.url}/assessments/${a.id}?tab=setup`);
    const chooser = organizer.waitForEvent('filechooser');
    await organizer.getByRole('button', { name: `上传 ${first.memberName} 的述职报告` }).click();
    await (await chooser).setFiles({ name: '述职报告.pdf', mimeType: 'application/pdf', buffer: REPORT });
    const link = organizer.getByRole('link', { name: /述职报告\.pdf/ });
    await link.waitFor();
    // the upload button now replaces it
    await organizer.getByRole('button', { name: `上传 ${first.memberName} 的述职报告` }).filter({ hasText: '替换' }).waitFor();
    await organizer.screenshot({ path: path.join(SCREENS, 'assessment-report-upload.png') });

    const download = organizer.waitForEvent('download');
    await link.click();
    const saved = await (await download).path();
    expect(readFileSync(saved).equals(REPORT)).toBe(true);
  });

  it('the organizer issues a code in-app to a rater with an account, who finds it among the notifications', async () => {
    await organizer.goto(`${server.url}/assessments/${a.id}?tab=codes`);
    const card = organizer.locator('.assessment-in-app');
    await card.getByLabel('测评人账号').click();
    await organizer.keyboard.type(RATER_NAME);
    await organizer.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `${RATER_NAME}（${RATER}）` }).click();
    await organizer.keyboard.press('Escape');
    await card.getByRole('button', { name: /发送测评码/ }).click();
    await organizer.getByTestId('in-app-sent').filter({ hasText: '已向 1 人发送测评码' }).waitFor();
    await organizer.locator('.ant-select-dropdown').last().waitFor({ state: 'hidden' });
    await organizer.screenshot({ path: path.join(SCREENS, 'assessment-codes-in-app.png') });

    // the same rater again: the server refuses it, and the form says so under the accounts field
    await card.getByLabel('测评人账号').click();
    await organizer.keyboard.type(RATER_NAME);
    await organizer.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `${RATER_NAME}（${RATER}）` }).click();
    await organizer.keyboard.press('Escape');
    await card.getByRole('button', { name: /发送测评码/ }).click();
    await card.locator('.ant-form-item-explain-error').filter({ hasText: '该用户已有本次述职评议的测评码' }).waitFor();
    expect(await organizer.getByTestId('in-app-sent').count()).toBe(0);

    await logIn(rater, RATER);
    await rater.getByRole('button', { name: '提醒' }).click();
    const note = rater.locator('.ant-popover:visible').getByText(`“${ASSESSMENT}”的测评码`);
    await note.waitFor();
    expect(await note.innerText()).toMatch(/测评码：[A-Z0-9-]{10,}/);
  });

  it('a clerk keys in a paper ballot while scoring is open and the count rises; a used or unknown code is refused', async () => {
    const main = a.venues.find((v) => v.main) ?? a.venues[0]!;
    codes = (await post<{ codes: string[] }>(`/assessments/${a.id}/codes`, { raterGroupId: a.raterGroups[0]!.id, venueId: main.id, count: 3 })).codes;
    const opened = a.reporters.slice(0, 2);
    await post(`/assessments/${a.id}/transition`, { to: 'open', reporterIds: opened.map((r) => r.id) }, 200);
    await organizer.goto(`${server.url}/assessments/${a.id}?tab=control`);
    const form = organizer.locator('.assessment-paper');
    await form.waitFor();
    await submittedCount().filter({ hasText: /^0$/ }).waitFor();
    expect(await form.locator('.assessment-paper-reporter').count()).toBe(2);

    const key = async (code: string) => {
      await form.getByLabel('测评码').fill(code);
      for (const r of opened) await form.getByLabel(`${r.memberName} 总体评价`, { exact: true }).getByText('好', { exact: true }).click();
      await form.getByRole('button', { name: /录入并计票/ }).click();
    };
    await key(codes[0]!);
    await form.getByTestId('paper-counted').filter({ hasText: '本次已录入 1 张纸质票' }).waitFor();
    await submittedCount().filter({ hasText: /^1$/ }).waitFor();
    // the form is clear for the next slip
    expect(await form.getByLabel('测评码').inputValue()).toBe('');
    expect(await form.locator('.ant-radio-button-wrapper-checked').count()).toBe(0);
    await organizer.screenshot({ path: path.join(SCREENS, 'assessment-paper-ballot.png'), fullPage: true });

    await key(codes[0]!);
    const codeError = form.locator('.ant-form-item').filter({ has: organizer.getByLabel('测评码') }).locator('.ant-form-item-explain-error');
    await codeError.filter({ hasText: '该测评码已投票' }).waitFor();
    await key('AAAA-BBBB-CCCCC');
    await codeError.filter({ hasText: '没有这个测评码' }).waitFor();
    await organizer.screenshot({ path: path.join(SCREENS, 'assessment-paper-ballot-refused.png'), fullPage: true });
    expect(await submittedCount().innerText()).toBe('1');
  });
});
