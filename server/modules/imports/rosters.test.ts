// The rosters offices already have (issue 11): the national party-member information collection
// table, a school's and a company's roster import as they are; a file with several problems lists
// them all in one dry run; a header the vocabulary does not know is mapped once and remembered.

import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../domain/imports/report';
import { importMappings } from '../../db/schema/imports';
import { members } from '../../db/schema/members';
import { idFor, seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { multipartBody, xlsx } from '../../testing/uploads';

let t: TestApp;
let orgAdminA: Session;
let orgAdminB: Session;
let viewerA: Session;

beforeAll(async () => {
  t = await startTestApp();
  await seedTwoTrees(t);
  orgAdminA = await t.login('orgAdminA');
  orgAdminB = await t.login('orgAdminB');
  viewerA = await t.login('viewerA');
});
afterAll(async () => {
  await t?.close();
});

const utc = (s: string) => new Date(`${s}T00:00:00Z`);

async function upload(session: Session | null, dryRun: boolean, content: Buffer, extra: Record<string, string> = {}, lang?: string) {
  const { payload, headers } = multipartBody({ kind: 'members', dryRun: String(dryRun), ...extra }, { name: '名册.xlsx', content });
  return t.call(session, { method: 'POST', url: '/api/v1/imports', payload, headers: { ...headers, ...(lang ? { 'accept-language': lang } : {}) } });
}

async function memberCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(members);
  return Number(row?.n ?? 0);
}

async function memberNamed(session: Session, name: string): Promise<Record<string, unknown> | undefined> {
  const res = await t.call(session, { method: 'GET', url: `/api/v1/members?q=${encodeURIComponent(name)}` });
  return res.json<{ items: Record<string, unknown>[] }>().items.find((m) => m.name === name);
}

/** Dry run, commit, then the same file again: every row unchanged and nothing written. */
async function importsCleanly(file: Buffer, rows: number): Promise<ImportReport> {
  const before = await memberCount();
  const dry = await upload(orgAdminA, true, file);
  expect(dry.statusCode).toBe(200);
  const report = dry.json<ImportReport>();
  expect(report).toMatchObject({ rows, created: rows, errors: [], fileErrors: [] });
  expect(await memberCount()).toBe(before);
  const commit = await upload(orgAdminA, false, file);
  expect(commit.json<ImportReport>()).toMatchObject({ rows, created: rows, errors: [], fileErrors: [] });
  expect(await memberCount()).toBe(before + rows);
  const again = await upload(orgAdminA, false, file);
  expect(again.json<ImportReport>()).toMatchObject({ rows, created: 0, updated: 0, unchanged: rows, errors: [], fileErrors: [] });
  expect(await memberCount()).toBe(before + rows);
  return report;
}

const noticeOf = (report: ImportReport, code: string, column: string) => report.notices.find((n) => n.code === code && n.column === column);

describe('the rosters offices already have', () => {
  it('imports a file laid out like the national party-member information collection table', async () => {
    const full = idFor('1978-04-12', 'female');
    const probationary = idFor('1999-10-03');
    const file = await xlsx([
      ['序号', '姓名', '性别', '公民身份号码', '民族', '出生日期', '学历', '人员类别', '所在党支部', '入党日期', '转为正式党员日期', '工作岗位', '手机号码', '党籍状态', '是否为流动党员'],
      [1, '国表甲', '女', full, '汉族', utc('1978-04-12'), '大学本科', '在岗职工', '甲公司第一党支部', utc('2003-07-01'), 38169, '专业技术人员', '13800001234', '正常', '否'],
      [2, '国表乙', null, probationary, '壮族', null, '研究生', '离退休人员', '甲公司党委/甲公司第二党支部', '2024-06-01', null, '企业管理人员', null, '正常', '是'],
    ]);
    const report = await importsCleanly(file, 2);
    expect(report.notices.map((n) => [n.code, n.column, n.count])).toEqual([
      ['import_column_not_kept', '党籍状态', 0],
      ['import_column_not_kept', '是否为流动党员', 0],
      ['import_status_derived', '转为正式党员日期', 2],
      ['import_gender_from_id', '公民身份号码', 1],
      ['import_birth_date_from_id', '公民身份号码', 1],
    ]);
    expect(noticeOf(report, 'import_status_derived', '转为正式党员日期')?.message).toMatch(/^2 行没有党员状态/);
    expect(await memberNamed(orgAdminA, '国表甲')).toMatchObject({ status: 'full', fullOn: '2004-07-01', category: 'in_service', jobTitle: '专业技术人员', ethnicity: '汉族' });
    expect(await memberNamed(orgAdminA, '国表乙')).toMatchObject({ status: 'probationary', fullOn: null, category: 'retired', gender: 'male', birthDate: '1999-10-03' });
  });

  it("imports a school's roster: 党支部, 政治面貌, 预备党员日期, 正式党员日期, 学历层次, 备注", async () => {
    const file = await xlsx([
      ['姓名', '身份证号码', '党支部', '政治面貌', '预备党员日期', '正式党员日期', '学历层次', '备注'],
      ['学校甲', idFor('1986-02-20', 'female'), '甲公司第一党支部', '中共党员', '2010/6/1', '2011年6月1日', '研究生', '教研组长'],
      ['学校乙', idFor('2001-09-09'), '甲公司第一党支部', '中共预备党员', '2025年12月1日', null, '大学本科', null],
    ]);
    const report = await importsCleanly(file, 2);
    expect(noticeOf(report, 'import_column_not_kept', '备注')).toBeDefined();
    expect(noticeOf(report, 'import_category_defaulted', '人员类别')).toMatchObject({ count: 2, rows: [2, 3] });
    expect(report.columns.filter((c) => c.source === 'unknown')).toEqual([]);
    expect(await memberNamed(orgAdminA, '学校甲')).toMatchObject({ status: 'full', joinedOn: '2010-06-01', fullOn: '2011-06-01', education: 'postgraduate', category: 'in_service', gender: 'female' });
    expect(await memberNamed(orgAdminA, '学校乙')).toMatchObject({ status: 'probationary', joinedOn: '2025-12-01' });
  });

  it("imports a company's roster: 籍贯, 所属支部, 政治面貌 中共预备党员, dates 1990.08 and 2024.06, 民族 汉", async () => {
    const file = await xlsx([
      ['序号', '姓名', '性别', '民族', '籍贯', '出生年月', '身份证号', '政治面貌', '入党时间', '转正时间', '所属支部', '手机'],
      [1, '公司甲', '男', '汉', '湖南湘潭', '1990.08', idFor('1990-08-17'), '中共预备党员', '2024.06', null, '甲公司第二党支部', '13900001111'],
      [2, '公司乙', '女', '回', '湖南长沙', '1985.03', idFor('1985-03-02', 'female'), '中共党员', '2015.07', '2016.07', '甲公司第二党支部', null],
    ]);
    const report = await importsCleanly(file, 2);
    expect(noticeOf(report, 'import_column_not_kept', '籍贯')).toBeDefined();
    expect(noticeOf(report, 'import_day_assumed', '入党时间')).toMatchObject({ count: 2, rows: [2, 3], message: '列“入党时间”有 2 个日期只写到月份，已按当月 1 日读入（第 2、3 行）' });
    expect(noticeOf(report, 'import_day_assumed', '转正时间')).toMatchObject({ count: 1 });
    // the ID number gives the day of a birth month
    expect(noticeOf(report, 'import_day_assumed', '出生年月')).toBeUndefined();
    expect(await memberNamed(orgAdminA, '公司甲')).toMatchObject({ ethnicity: '汉族', birthDate: '1990-08-17', status: 'probationary', joinedOn: '2024-06-01' });
    expect(await memberNamed(orgAdminA, '公司乙')).toMatchObject({ ethnicity: '回族', status: 'full', fullOn: '2016-07-01' });
  });

  it('words the notices in English when asked', async () => {
    const file = await xlsx([
      ['姓名', '身份证号码', '党支部', '政治面貌', '预备党员日期', '备注'],
      ['英文甲', idFor('1990-01-01'), '甲公司第一党支部', '中共预备党员', '2025.03', null],
    ]);
    const res = await upload(orgAdminA, true, file, {}, 'en');
    const report = res.json<ImportReport>();
    expect(noticeOf(report, 'import_day_assumed', '预备党员日期')?.message).toBe('Column "预备党员日期": 1 dates give only a month and were read as its first day (rows 2)');
  });
});

describe('one dry run lists every problem', () => {
  it('reports four different problems at once, and fixing them reveals no new one', async () => {
    const good = ['全错甲', '男', idFor('1980-01-01'), '2005-07-01', '2006-07-01', '中共党员', '甲公司第一党支部'];
    const female = idFor('1982-02-02', 'female');
    const late = idFor('1983-03-03');
    const wrongCheck = (() => {
      const id = idFor('1984-04-04');
      return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    })();
    const header = ['姓名', '性别', '公民身份号码', '入党日期', '转为正式党员日期', '政治面貌', '所在党支部'];
    // row 3: gender against the ID number AND an unknown branch (found before only after the first was fixed)
    const bad = [
      header,
      good,
      ['全错乙', '男', female, '2006-07-01', '2007-07-01', '中共党员', '甲公司第九党支部'],
      ['全错丙', '男', late, '2006.13', null, '中共预备党员', '甲公司第一党支部'],
      ['全错丁', '男', wrongCheck, '2008-07-01', '2009-07-01', '中共党员', '甲公司第二党支部'],
    ];
    const before = await memberCount();
    const dry = await upload(orgAdminA, true, await xlsx(bad));
    expect(dry.statusCode).toBe(200);
    const report = dry.json<ImportReport>();
    expect(report.fileErrors).toEqual([]);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '性别'],
      [3, '所在党支部'],
      [4, '入党日期'],
      [5, '公民身份号码'],
    ]);
    expect(report.errors[0]?.message).toBe('性别与身份证号不符（身份证号显示为女）');
    expect(report.errors[1]?.message).toMatch(/^找不到党组织“甲公司第九党支部”/);
    expect(report.errors[2]?.message).toMatch(/^日期不存在/);
    expect(report.errors[3]?.message).toMatch(/^身份证号校验码错误/);
    const commit = await upload(orgAdminA, false, await xlsx(bad));
    expect(commit.statusCode).toBe(422);
    expect(commit.json<ImportReport>().errors).toEqual(report.errors);
    expect(await memberCount()).toBe(before);

    const fixed = [
      header,
      good,
      ['全错乙', '女', female, '2006-07-01', '2007-07-01', '中共党员', '甲公司第二党支部'],
      ['全错丙', '男', late, '2006.12', null, '中共预备党员', '甲公司第一党支部'],
      ['全错丁', '男', idFor('1984-04-04'), '2008-07-01', '2009-07-01', '中共党员', '甲公司第二党支部'],
    ];
    const again = await upload(orgAdminA, true, await xlsx(fixed));
    expect(again.json<ImportReport>()).toMatchObject({ rows: 4, created: 4, errors: [], fileErrors: [] });
  });

  it('checks the organization of a row with other errors against the caller’s scope and the roster of other organizations', async () => {
    const onRosterB = idFor('1970-07-07');
    const file = await xlsx([
      ['姓名', '公民身份号码', '入党日期', '转为正式党员日期', '政治面貌', '所在党支部'],
      ['乙方人', onRosterB, '2000-01-01', '2001-01-01', '中共党员', '乙公司党支部'],
    ]);
    expect((await upload(orgAdminB, false, file)).json<ImportReport>()).toMatchObject({ created: 1, errors: [] });
    const twice = await xlsx([
      ['姓名', '公民身份号码', '入党日期', '转为正式党员日期', '政治面貌', '所在党支部'],
      ['甲方人', onRosterB, '2030-01-01', '2001-01-01', '中共党员', '甲公司第一党支部'],
      ['越权人', idFor('1971-01-01'), '2030-01-01', null, '中共预备党员', '乙公司党支部'],
    ]);
    const report = (await upload(orgAdminA, true, twice)).json<ImportReport>();
    expect(report.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '入党日期', '日期 2030-01-01 晚于今天'],
      [2, '所在党支部', '该党员在其他党组织的名册中，请办理组织关系转接'],
      [3, '入党日期', '日期 2030-01-01 晚于今天'],
      [3, '所在党支部', expect.stringMatching(/找不到党组织|无权/) as string],
    ]);
  });
});

describe('one dry run lists every problem of an organization file', () => {
  it('checks the parent of a row with other errors, unless a row above names it', async () => {
    const rows = [
      ['党组织名称', '组织编码', '党组织类别', '上级党组织', '成立日期', '备注'],
      ['甲公司第五党总支', 'A-5', '党总会', '甲公司党委/不存在的党总支', '2012-03-01', null], // 2: bad type AND unknown parent
      ['甲公司第六党总支', 'A-6', '党总支', '甲公司党委', '2012-13-01', null], // 3: bad date only
      ['六总支第一党支部', null, '党支部', '甲公司党委/甲公司第六党总支', '2099-01-01', null], // 4: bad date; its parent is row 3
      ['乙方支部', null, '党小组', '乙公司党委', null, '越权'], // 5: bad type AND a parent outside the caller's scope
    ];
    const { payload, headers } = multipartBody({ kind: 'orgs', dryRun: 'true' }, { name: '组织.xlsx', content: await xlsx(rows) });
    const res = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/imports', payload, headers });
    expect(res.statusCode).toBe(200);
    const report = res.json<ImportReport>();
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '党组织类别'],
      [2, '上级党组织'],
      [3, '成立日期'],
      [4, '成立日期'],
      [5, '党组织类别'],
      [5, '上级党组织'],
    ]);
    expect(report.errors[1]?.message).toBe('找不到上级党组织“甲公司党委/不存在的党总支”（上级须已存在，或在本文件中排在前面）');
    expect(noticeOf(report, 'import_column_not_kept', '备注')).toBeDefined();
  });
});

describe('mapping a header the vocabulary does not know', () => {
  const rows = async (name: string) =>
    xlsx([
      ['姓名', '公民身份号码', '入党日期', '政治面貌', '所在单位党组织', '爱好'],
      [name, idFor('1992-12-12'), '2025-01-01', '中共预备党员', '甲公司第一党支部', '读书'],
    ]);

  it('needs a session and a role that may import; an unknown target field is refused with the field and nothing remembered', async () => {
    const mapping = JSON.stringify({ 所在单位党组织: 'org' });
    expect((await upload(null, true, await rows('映射零'), { mapping })).statusCode).toBe(401);
    expect((await upload(viewerA, true, await rows('映射零'), { mapping })).statusCode).toBe(403);
    const bad = await upload(orgAdminA, true, await rows('映射零'), { mapping: JSON.stringify({ 所在单位党组织: 'hobby' }) });
    expect(bad.statusCode).toBe(400);
    const details = bad.json<{ error: { details: { field: string; code: string; message: string }[] } }>().error.details;
    expect(details).toEqual([{ field: 'mapping', code: 'import_mapping_field', params: { header: '所在单位党组织', field: 'hobby' }, message: '列“所在单位党组织”对应的“hobby”不是可导入的项' }]);
    expect((await upload(orgAdminA, true, await rows('映射零'), { mapping: 'not json' })).statusCode).toBe(400);
    const [stored] = await t.database.db.select({ n: count() }).from(importMappings);
    expect(Number(stored?.n)).toBe(0);
  });

  it('offers the unknown header, imports with the mapping, and remembers it for the same user only', async () => {
    const first = await upload(orgAdminA, true, await rows('映射甲'));
    expect(first.statusCode).toBe(422);
    const unmapped = first.json<ImportReport>();
    expect(unmapped.fileErrors).toEqual(['缺少必需的列：“所在党组织”']);
    expect(unmapped.columns.filter((c) => c.source === 'unknown').map((c) => c.header)).toEqual(['所在单位党组织', '爱好']);

    const mapping = JSON.stringify({ 所在单位党组织: 'org', 爱好: null });
    const committed = await upload(orgAdminA, false, await rows('映射甲'), { mapping });
    expect(committed.statusCode).toBe(200);
    const report = committed.json<ImportReport>();
    expect(report).toMatchObject({ created: 1, errors: [], fileErrors: [] });
    expect(report.columns).toContainEqual({ header: '所在单位党组织', field: 'org', source: 'mapping' });
    expect(noticeOf(report, 'import_column_ignored', '爱好')).toBeDefined();

    // the next file from the same office: no mapping sent, the remembered one applies
    const next = await upload(orgAdminA, false, await rows('映射乙'));
    expect(next.json<ImportReport>()).toMatchObject({ created: 1, errors: [], fileErrors: [] });
    expect(await memberNamed(orgAdminA, '映射乙')).toMatchObject({ status: 'probationary' });

    // another user has not mapped it
    const other = await upload(orgAdminB, true, await rows('映射丙'));
    expect(other.json<ImportReport>().fileErrors).toEqual(['缺少必需的列：“所在党组织”']);
  });
});
