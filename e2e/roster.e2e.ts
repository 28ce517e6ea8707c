// The roster flow of a party affairs worker, in Chinese at 1366×768: log in, browse the tree, add a
// member (after a server-side field error), import a spreadsheet with a bad row, fix and commit it,
// export the roster and read the exported file; then use the members list as a list: a page jump,
// a hidden column, a filter, a party group for the selected members, the export of the filter.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validIdNumber, withWrongCheckDigit } from './idNumbers';
import { REPO_ROOT } from './server';
import { serverWithPage } from './session';
import { hideColumn } from './columns';

const BRANCH = '建车汽车服务党支部';
const BRANCH_PATH = `湘潭高新区两新组织综合党委/${BRANCH}`;
const HEADERS = [
  '姓名',
  '性别',
  '出生日期',
  '公民身份号码',
  '入党时间',
  '转正时间',
  '党员状态',
  '人员类别',
  '所在党组织',
];

const e2e = serverWithPage({ width: 1366, height: 768 });
const SHOTS = path.join(REPO_ROOT, '.tmp/shots');
let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'gongjian-roster-e2e-'));
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function writeMembersFile(file: string, rows: string[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('党员');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}

function formItem(label: string) {
  return e2e.page.locator('.ant-form-item').filter({ has: e2e.page.getByText(label, { exact: true }) });
}

/** The rows of the first sheet of an .xlsx, by header. */
async function readSheet(file: string): Promise<Record<string, string>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no worksheet');
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const record: Record<string, string> = {};
    for (let column = 1; column < headers.length; column++) record[headers[column]!] = row.getCell(column).text;
    rows.push(record);
  });
  return rows;
}

/** Opens the branch on the organizations page by searching for it. */
async function openBranch(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '党组织' }).click();
  await page.waitForURL(/\/orgs/);
  const search = page.getByLabel('按名称搜索党组织');
  await search.fill('建车');
  await search.press('Enter');
  await page.getByRole('button', { name: BRANCH }).click();
  await page.getByRole('heading', { name: BRANCH, level: 3 }).waitFor();
}

/**
 * A screenshot at the brief's desktop and phone sizes, then back to the file's own size; `reload` loads the page
 * afresh at each size (as a phone would open it) where the page's state allows.
 */
async function shootBoth(page: Page, name: string, reload = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const [size, viewport] of [
    ['1280', { width: 1280, height: 800 }],
    ['390', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    if (reload) {
      await page.reload();
      await page.locator('.member-table tr.ant-table-row').first().waitFor();
    }
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, `members-orgs-${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  if (reload) await page.reload();
}

async function pickDate(scope: Locator, label: string, date: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('roster', () => {
  it('logs in as the administrator', async () => {
    await e2e.page.goto(`${e2e.server.url}/login`);
    await e2e.page.getByLabel('用户名').fill('admin');
    await e2e.page.getByLabel('密码').fill(e2e.server.adminPassword);
    await e2e.page.getByRole('button', { name: /登\s*录/ }).click();
    await e2e.page.waitForURL((url) => url.pathname === '/'); // the workbench
    // The audit log is in the navigation only for administrators.
    await e2e.page.getByRole('menuitem', { name: '审计日志' }).waitFor();
  });

  it('browses the tree and sees a branch with its rule findings', async () => {
    await e2e.page.getByRole('menuitem', { name: '党组织' }).click();
    await e2e.page.waitForURL(/\/orgs/);
    const tree = e2e.page.getByRole('tree');
    await tree
      .getByRole('treeitem')
      .filter({ hasText: '湘潭高新区党工委' })
      .locator('.ant-tree-switcher')
      .click();
    const twoNew = tree.getByRole('treeitem').filter({ hasText: '湘潭高新区两新组织综合党委' });
    await twoNew.locator('.ant-tree-switcher').click();
    await tree.getByText(BRANCH, { exact: true }).click();
    await e2e.page.getByRole('heading', { name: BRANCH, level: 3 }).waitFor();
    // 2 full members and 1 probationary: fewer than 3 full members is a hard finding.
    const findings = e2e.page.getByRole('region', { name: '规则检查' });
    await findings.getByRole('alert').first().waitFor();
    expect(await findings.getByRole('alert').filter({ hasText: '必须整改' }).count()).toBeGreaterThan(0);
    expect(await e2e.page.getByRole('region', { name: '党员人数' }).innerText()).toContain('3');
  });

  it('adds a member through the form, first showing the server error for a bad ID number', async () => {
    const idNumber = validIdNumber('1990-03-15', 123);
    await e2e.page.getByRole('menuitem', { name: '党员' }).click();
    await e2e.page.waitForURL(/\/members/);
    await e2e.page.getByRole('button', { name: '新增党员' }).click();
    const dialog = e2e.page.getByRole('dialog', { name: '新增党员' });
    await dialog.getByLabel('姓名', { exact: true }).fill('测试党员甲');
    await dialog.getByLabel('公民身份号码').fill(withWrongCheckDigit(idNumber));
    await pickDate(dialog, '入党时间', '2015-07-01');
    const org = dialog.getByLabel('所在党组织');
    await org.click();
    await org.fill('建车');
    await e2e.page.getByRole('tree').last().getByText(BRANCH, { exact: false }).click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();

    const idError = formItem('公民身份号码').locator('.ant-form-item-explain-error');
    await idError.waitFor();
    expect(await idError.innerText()).toMatch(/check digit|校验/);

    await dialog.getByLabel('公民身份号码').fill(idNumber);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const drawer = e2e.page.getByRole('dialog').filter({ hasText: '组织关系记录' });
    await drawer.waitFor();
    const record = await drawer.innerText();
    expect(record).toContain(BRANCH);
    expect(record).toContain('1990-03-15');
    await e2e.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('shows the numbers masked in the list and in full in the form that edits them from the list', async () => {
    const idNumber = validIdNumber('1990-03-15', 123);
    const page = e2e.page;
    const rows = page.locator('.member-table tr.ant-table-row');
    const search = page.getByLabel('按姓名搜索');
    await search.fill('测试党员甲');
    await search.press('Enter');
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    await row.getByText(`${idNumber.slice(0, 4)}${'*'.repeat(10)}${idNumber.slice(14)}`).waitFor();
    expect(await row.innerText()).not.toContain(idNumber);

    await row.getByText('编辑', { exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '编辑党员' });
    await expect.poll(() => dialog.getByLabel('公民身份号码').inputValue()).toBe(idNumber);
    await dialog.getByLabel('联系电话').fill('13912345678');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('139****5678').waitFor();
    await search.fill('');
    await search.press('Enter');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
  });

  it('imports members: sees the bad row, fixes the file and commits', async () => {
    const good1 = [
      '导入党员乙',
      '女',
      '1988-05-20',
      validIdNumber('1988-05-20', 244),
      '2012-06-30',
      '2013-06-30',
      '正式党员',
      '在职',
      BRANCH_PATH,
    ];
    const good2 = [
      '导入党员丙',
      '男',
      '1992-11-02',
      validIdNumber('1992-11-02', 351),
      '2020-05-04',
      '2021-05-04',
      '正式党员',
      '在职',
      BRANCH_PATH,
    ];
    const fixedId = validIdNumber('1995-01-09', 462);
    const bad = [
      '导入党员丁',
      '女',
      '1995-01-09',
      withWrongCheckDigit(fixedId),
      '2024-03-01',
      '',
      '预备党员',
      '在职',
      BRANCH_PATH,
    ];
    const badFile = path.join(workDir, '党员-有错.xlsx');
    const fixedFile = path.join(workDir, '党员-已改正.xlsx');
    await writeMembersFile(badFile, [good1, bad, good2]);
    await writeMembersFile(fixedFile, [good1, [...bad.slice(0, 3), fixedId, ...bad.slice(4)], good2]);

    await e2e.page.getByRole('menuitem', { name: '导入' }).click();
    await e2e.page.waitForURL(/\/import/);
    await e2e.page.locator('input[type=file]').setInputFiles(badFile);
    await e2e.page.getByRole('button', { name: '开始检查' }).click();

    const errors = e2e.page.getByRole('table').filter({ hasText: '行号' });
    await errors.waitFor();
    const errorRows = errors.locator('tbody tr');
    expect(await errorRows.count()).toBe(1);
    const cells = await errorRows.first().locator('td').allInnerTexts();
    expect(cells[0]).toBe('3'); // the header is row 1, the bad member is the second data row
    expect(cells[1]).toBe('公民身份号码');

    await e2e.page.locator('input[type=file]').setInputFiles(fixedFile);
    await e2e.page.getByText('检查通过，可以提交导入。').waitFor();
    await e2e.page.getByRole('button', { name: '提交导入' }).click();
    await e2e.page.getByText('导入完成').waitFor();
    const created = e2e.page
      .locator('.ant-statistic')
      .filter({ hasText: '新增' })
      .locator('.ant-statistic-content-value');
    expect(await created.innerText()).toBe('3');
  });

  it('exports the roster and finds an imported member in the file', async () => {
    await e2e.page.getByRole('menuitem', { name: '党组织' }).click();
    await e2e.page.waitForURL(/\/orgs/);
    const search = e2e.page.getByLabel('按名称搜索党组织');
    await search.fill('建车');
    await search.press('Enter');
    await e2e.page.getByRole('button', { name: BRANCH }).click();
    await e2e.page.getByRole('heading', { name: BRANCH, level: 3 }).waitFor();

    const [download] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.getByRole('link', { name: /导出党员名册/ }).click(),
    ]);
    const file = path.join(workDir, 'roster.xlsx');
    await download.saveAs(file);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the exported workbook has no worksheet');
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
    const column = (name: string) => {
      const index = headers.indexOf(name);
      if (index < 0) throw new Error(`the export has no column ${name}: ${headers.join(', ')}`);
      return index;
    };
    const rows: { name: string; idNumber: string; status: string; org: string; joinedOn: string }[] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const text = (name: string) => row.getCell(column(name)).text;
      rows.push({
        name: text('姓名'),
        idNumber: text('公民身份号码'),
        status: text('党员状态'),
        org: text('所在党组织'),
        joinedOn: text('入党时间'),
      });
    });
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['测试党员甲', '导入党员乙', '导入党员丙', '导入党员丁']),
    );
    const imported = rows.find((r) => r.name === '导入党员乙');
    expect(imported?.status).toBe('正式党员');
    expect(imported?.joinedOn).toBe('2012-06-30');
    expect(imported?.org).toContain(BRANCH);
    const expectedId = validIdNumber('1988-05-20', 244);
    expect(imported?.idNumber.slice(0, 4)).toBe(expectedId.slice(0, 4));
    expect(imported?.idNumber.slice(-4)).toBe(expectedId.slice(-4));
  });

  it('uses the members list: a page jump, a hidden column, a filter, a party group for the selected, the export of the filter', async () => {
    const page = e2e.page;
    // a party group for the branch, through its form on the organization's page
    await openBranch(page);
    await page.getByRole('tab', { name: '党小组' }).click();
    await page.getByRole('button', { name: '新建党小组' }).click();
    const groupForm = page.getByRole('dialog', { name: '新建党小组' });
    await groupForm.getByLabel('党小组名称').fill('第一党小组');
    await shootBoth(page, 'group-form');
    await groupForm.getByRole('button', { name: /保\s*存/ }).click();
    await groupForm.waitFor({ state: 'hidden' });
    await page.getByRole('tabpanel').getByRole('cell', { name: '第一党小组' }).waitFor();

    await page.getByRole('menuitem', { name: '党员' }).click();
    await page.waitForURL(/\/members/);
    const list = page.locator('.member-table');
    const rows = list.locator('tr.ant-table-row');
    const firstName = () => rows.first().locator('td').nth(1).innerText();
    await rows.first().waitFor();
    const onFirstPage = await firstName();
    await shootBoth(page, 'members', true);

    // page numbers: jump to the second page
    const jumper = list.locator('.ant-pagination-options-quick-jumper input');
    await jumper.fill('2');
    await jumper.press('Enter');
    await list.locator('.ant-pagination-item-active').filter({ hasText: /^2$/ }).waitFor();
    await expect.poll(firstName).not.toBe(onFirstPage);

    // column settings: the ID-card number hidden, and still hidden after a reload
    const idHeader = list.locator('thead th').filter({ hasText: '公民身份号码' });
    expect(await idHeader.count()).toBe(1);
    await hideColumn(page, list, '公民身份号码');
    await expect.poll(() => idHeader.count()).toBe(0);
    await page.reload();
    await rows.first().waitFor();
    expect(await idHeader.count()).toBe(0);

    // a filter, then the whole filtered page selected and put into the party group
    const search = page.getByLabel('按姓名搜索');
    await search.fill('导入党员');
    await search.press('Enter');
    await expect.poll(() => rows.count()).toBe(3);
    await list.getByRole('checkbox', { name: '选择本页全部' }).check();
    await page.getByText('已选 3 项').waitFor();
    await page.getByRole('button', { name: '分配党小组' }).click();
    const dialog = page.getByRole('dialog', { name: /分配党小组/ });
    await dialog.getByText(BRANCH).waitFor();
    await dialog.getByLabel('党小组', { exact: true }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '第一党小组' }).click();
    await shootBoth(page, 'assign-group');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已调整 3 名党员的党小组').waitFor();
    await expect.poll(() => page.getByText(/已选 \d+ 项/).count()).toBe(0);

    // the export of what the filter shows: these three, now in the party group
    const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('link', { name: /导出/ }).click()]);
    const file = path.join(workDir, 'filtered.xlsx');
    await download.saveAs(file);
    const exported = await readSheet(file);
    expect(exported.map((r) => r['姓名']).sort()).toEqual(['导入党员丁', '导入党员丙', '导入党员乙'].sort());
    expect(exported.map((r) => r['党小组'])).toEqual(['第一党小组', '第一党小组', '第一党小组']);
    expect(exported.every((r) => r['所在党组织']?.endsWith(BRANCH))).toBe(true);

    // the branch counts them in its party group
    await openBranch(page);
    await page.getByRole('tab', { name: '党小组' }).click();
    const groupRow = page.getByRole('tabpanel').getByRole('row').filter({ hasText: '第一党小组' });
    await groupRow.getByRole('cell', { name: '3' }).waitFor();
    // and the group gets a leader from the branch through its edit form
    await groupRow.getByText('编辑').click();
    const edit = page.getByRole('dialog', { name: '编辑党小组' });
    await edit.getByLabel('组长').fill('导入党员乙');
    await page.locator('.ant-select-item-option').filter({ hasText: '导入党员乙' }).click();
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await edit.waitFor({ state: 'hidden' });
    await groupRow.getByRole('cell', { name: '导入党员乙' }).waitFor();
    await shootBoth(page, 'org-groups');
    // and loses it again: the leader select is cleared, the group has no leader
    await groupRow.getByText('编辑').click();
    await edit.locator('.ant-select').filter({ hasText: '导入党员乙' }).hover();
    await page.screenshot({ path: path.join(SHOTS, 'web6-group-leader-clear-1366.png') });
    await edit.locator('.ant-select-clear').click();
    await expect.poll(() => edit.locator('.ant-select').filter({ hasText: '导入党员乙' }).count()).toBe(0);
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await edit.waitFor({ state: 'hidden' });
    await expect.poll(() => groupRow.locator('td').nth(1).innerText()).toBe('—');
    // a new group's form starts empty, not with the values of the group edited before
    await page.getByRole('button', { name: '新建党小组' }).click();
    const another = page.getByRole('dialog', { name: '新建党小组' });
    expect(await another.getByLabel('党小组名称').inputValue()).toBe('');
    await another.getByRole('button', { name: /取\s*消/ }).click();
    await another.waitFor({ state: 'hidden' });
  });
});
