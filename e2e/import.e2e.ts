// Importing an office's own roster, in Chinese at 1366×768 and on a 390×844 phone: a file with
// several errors lists them all in one check; after fixing them, a header the importer does not
// know is mapped in the wizard, the file commits, and the mapping is remembered for the next file.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validIdNumber, withWrongCheckDigit } from './idNumbers';
import { serverWithPage } from './session';

const BRANCH_PATH = '湘潭高新区两新组织综合党委/建车汽车服务党支部';
// a company's roster: 所属支部 and 政治面貌, and 联系方式, which the importer does not know
const HEADERS = ['序号', '姓名', '性别', '公民身份号码', '政治面貌', '入党日期', '转为正式党员日期', '所属支部', '联系方式'];
const SHOTS = path.resolve('.tmp/shots');

const e2e = serverWithPage({ width: 1366, height: 768 });
let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'gongjian-import-e2e-'));
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function writeFile(name: string, rows: (string | number | null)[][]): Promise<string> {
  const file = path.join(workDir, name);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('党员名册');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
  return file;
}

const good = [1, '导入甲', '男', validIdNumber('1985-04-02', 511), '中共党员', '2010-07-01', '2011-07-01', BRANCH_PATH, '13800005511'];
const womanId = validIdNumber('1987-09-10', 522);
const lateId = validIdNumber('1990-01-20', 531);
const checkId = validIdNumber('1992-05-06', 542); // even sequence: a woman

describe('import', () => {
  it('logs in as the administrator and opens the import page', async () => {
    await e2e.page.goto(`${e2e.server.url}/login`);
    await e2e.page.getByLabel('用户名').fill('admin');
    await e2e.page.getByLabel('密码').fill(e2e.server.adminPassword);
    await e2e.page.getByRole('button', { name: /登\s*录/ }).click();
    await e2e.page.waitForURL((url) => url.pathname === '/');
    await e2e.page.getByRole('menuitem', { name: '导入' }).click();
    await e2e.page.waitForURL(/\/import/);
  });

  it('lists every error of the file at once', async () => {
    const bad = await writeFile('名册-有错.xlsx', [
      good,
      // gender against the ID number, and a branch that does not exist: both in one check
      [2, '导入乙', '男', womanId, '中共党员', '2012-07-01', '2013-07-01', '湘潭高新区两新组织综合党委/不存在的党支部', '13800005522'],
      [3, '导入丙', '男', lateId, '中共预备党员', '2024.13', null, BRANCH_PATH, null],
      [4, '导入丁', '女', withWrongCheckDigit(checkId), '中共党员', '2016-07-01', '2017-07-01', BRANCH_PATH, null],
    ]);
    await e2e.page.locator('input[type=file]').setInputFiles(bad);
    await e2e.page.getByRole('button', { name: '开始检查' }).click();

    const errors = e2e.page.getByRole('table').filter({ hasText: '行号' });
    await errors.waitFor();
    const rows = await errors.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent ?? '')),
    );
    expect(rows).toEqual([
      ['3', '性别'],
      ['3', '所属支部'],
      ['4', '入党日期'],
      ['5', '公民身份号码'],
    ]);
    await e2e.page.getByText('文件中有 4 处错误').waitFor();
    // the unknown column is a notice, and the wizard offers to map it
    await e2e.page.getByText('无法识别的列“联系方式”，已忽略').waitFor();
    await e2e.page.getByText('对应列', { exact: true }).waitFor();
    await e2e.page.screenshot({ path: path.join(SHOTS, 'h3-import-errors.png'), fullPage: true });
  });

  it('maps the unknown header in the wizard after fixing the errors, and commits', async () => {
    const fixed = await writeFile('名册-已改正.xlsx', [
      good,
      [2, '导入乙', '女', womanId, '中共党员', '2012-07-01', '2013-07-01', BRANCH_PATH, '13800005522'],
      [3, '导入丙', '男', lateId, '中共预备党员', '2024.12', null, BRANCH_PATH, null],
      [4, '导入丁', '女', checkId, '中共党员', '2016-07-01', '2017-07-01', BRANCH_PATH, null],
    ]);
    await e2e.page.locator('input[type=file]').setInputFiles(fixed);
    await e2e.page.getByText('检查通过，可以提交导入。').waitFor();
    // a month without a day is read as its first, with a notice
    await e2e.page.getByText('列“入党日期”有 1 个日期只写到月份，已按当月 1 日读入（第 4 行）').waitFor();

    const select = e2e.page.getByRole('combobox', { name: '联系方式' });
    await select.click();
    await select.fill('联系电话');
    await e2e.page.locator('.ant-select-item-option').filter({ hasText: /^联系电话$/ }).click();
    await e2e.page.locator('.import-mapper .ant-select-selection-item').filter({ hasText: '联系电话' }).waitFor();
    await select.press('Escape');
    await e2e.page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    await e2e.page.screenshot({ path: path.join(SHOTS, 'h3-import-mapper.png'), fullPage: true });
    await e2e.page.getByRole('button', { name: '按此对应重新检查' }).click();
    await e2e.page.getByText('检查通过，可以提交导入。').waitFor();
    expect(await e2e.page.getByText('无法识别的列“联系方式”').count()).toBe(0);

    await e2e.page.getByRole('button', { name: '提交导入' }).click();
    await e2e.page.getByText('导入完成').waitFor();
    const created = e2e.page.locator('.ant-statistic').filter({ hasText: '新增' }).locator('.ant-statistic-content-value');
    expect(await created.innerText()).toBe('4');
  });

  it('remembers the mapping for the next file, also on a phone', async () => {
    await e2e.page.setViewportSize({ width: 390, height: 844 });
    await e2e.page.getByRole('button', { name: '再导入一个文件' }).click();
    const next = await writeFile('名册-下一批.xlsx', [
      [1, '导入戊', '男', validIdNumber('1979-03-03', 551), '中共党员', '2005-07-01', '2006-07-01', BRANCH_PATH, '13800005551'],
    ]);
    await e2e.page.locator('input[type=file]').setInputFiles(next);
    await e2e.page.getByRole('button', { name: '开始检查' }).click();
    await e2e.page.getByText('检查通过，可以提交导入。').waitFor();
    expect(await e2e.page.getByText('无法识别的列“联系方式”').count()).toBe(0);
    // the wizard shows the remembered reading, which can still be changed
    const mapped = e2e.page.locator('.import-mapper .ant-form-item').filter({ hasText: '联系方式' });
    expect(await mapped.locator('.ant-select-selection-item').innerText()).toBe('联系电话');
    await e2e.page.screenshot({ path: path.join(SHOTS, 'h3-import-phone.png'), fullPage: true });

    // the error list on the phone
    await e2e.page.getByRole('button', { name: /取\s*消/ }).click();
    const bad = await writeFile('名册-下一批有错.xlsx', [
      [1, '导入己', '女', validIdNumber('1981-06-06', 561), '中共党员', '2031-07-01', null, '湘潭高新区两新组织综合党委/不存在的党支部', null],
    ]);
    await e2e.page.locator('input[type=file]').setInputFiles(bad);
    await e2e.page.getByRole('button', { name: '开始检查' }).click();
    const errors = e2e.page.getByRole('table').filter({ hasText: '行号' });
    await errors.waitFor();
    // a man's ID number, a joining date in the future, no date of full membership for a full member, an unknown branch
    expect(await errors.locator('tbody tr').count()).toBe(4);
    await e2e.page.screenshot({ path: path.join(SHOTS, 'h3-import-errors-phone.png'), fullPage: true });
  });
});
