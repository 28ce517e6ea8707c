import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, ImportReport } from '../../../domain/imports/report';
import { members } from '../../db/schema/members';
import { orgs } from '../../db/schema/orgs';
import { auditEvents } from '../../db/schema/audit';
import { importJobs } from '../../db/schema/imports';
import { readCheckpoint, verifyAudit } from '../../audit';
import { runImport } from './service';
import { idFor, seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { multipartBody, xlsx } from '../../testing/uploads';

let t: TestApp;
let seed: Awaited<ReturnType<typeof seedTwoTrees>>;
let admin: Session;
let orgAdminA: Session;
let viewerA: Session;

beforeAll(async () => {
  t = await startTestApp();
  seed = await seedTwoTrees(t);
  admin = await t.login('admin');
  orgAdminA = await t.login('orgAdminA');
  viewerA = await t.login('viewerA');
});
afterAll(async () => {
  await t?.close();
});

const utc = (s: string) => new Date(`${s}T00:00:00Z`);

async function upload(session: Session | null, kind: string, dryRun: boolean, content: Buffer, extra: Record<string, string> = {}) {
  const { payload, headers } = multipartBody({ kind, dryRun: String(dryRun), ...extra }, { name: '名册.xlsx', content });
  return t.call(session, { method: 'POST', url: '/api/v1/imports', payload, headers });
}

async function memberCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(members);
  return Number(row?.n ?? 0);
}
async function auditCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(auditEvents);
  return Number(row?.n ?? 0);
}

const HEADER = ['序号', '姓名', '性别', '民族', '出生日期', '公民身份号码', '学历', '入党时间', '转正时间', '人员类别', '党员状态', '所在党支部', '联系电话', '工作单位及职务'];
const ID1 = idFor('1990-05-06', 'female');
const ID2 = idFor('1988-11-30');
const ID3 = idFor('1979-01-15');
const goodRows = [
  HEADER,
  [1, '王小红', '女', '汉族', utc('1990-05-06'), ID1, '本科', utc('2014-06-01'), utc('2015-06-01'), '在职', '正式党员', '甲公司党委/甲公司第一党支部', '13800001111', '甲公司 技术员'],
  [2, '赵大明', null, '回族', null, ID2, '研究生', '2012年7月1日', '2013.07.01', '在岗', '正式', '甲公司第二党支部', null, null],
  [3, '钱多多', '男', null, '1979-01-15', ID3, '大专', '2024-12', null, '退休', '预备党员', '甲公司第二党支部', 13900002222, null],
];

describe('POST /api/v1/imports (members)', () => {
  it('needs a session, and a role that may import', async () => {
    const file = await xlsx(goodRows);
    expect((await upload(null, 'members', true, file)).statusCode).toBe(401);
    expect((await upload(viewerA, 'members', true, file)).statusCode).toBe(403);
  });

  it('validates the form fields', async () => {
    const res = await upload(orgAdminA, 'people', true, await xlsx(goodRows));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { details: { field: string }[] } }>().error.details.map((d) => d.field)).toEqual(['kind']);
  });

  it('dry-runs, commits all rows, and re-imports as all unchanged', async () => {
    const file = await xlsx(goodRows);
    const before = await memberCount();
    const auditBefore = await auditCount();

    const dry = await upload(orgAdminA, 'members', true, file, { jobId: '0b6f2a55-1111-4c6b-9a1e-000000000001' });
    expect(dry.statusCode).toBe(200);
    expect(dry.json<ImportReport>()).toMatchObject({ kind: 'members', dryRun: true, rows: 3, created: 3, updated: 0, unchanged: 0, errors: [], fileErrors: [] });
    // row 3 leaves gender and birth date to the ID number; row 4 joined in "2024-12"
    expect(dry.json<ImportReport>().notices.map((n) => [n.code, n.column, n.rows])).toEqual([
      ['import_gender_from_id', '公民身份号码', [3]],
      ['import_birth_date_from_id', '公民身份号码', [3]],
      ['import_day_assumed', '入党时间', [4]],
    ]);
    expect(dry.json<ImportReport>().columns.filter((c) => c.source !== 'vocabulary')).toEqual([]);
    expect(await memberCount()).toBe(before);
    expect(await auditCount()).toBe(auditBefore);

    const job = await t.call(orgAdminA, { method: 'GET', url: '/api/v1/imports/0b6f2a55-1111-4c6b-9a1e-000000000001' });
    expect(job.statusCode).toBe(200);
    expect(job.json<ImportJob>()).toMatchObject({ kind: 'members', state: 'done', rowsRead: 3, report: { created: 3 } });
    expect((await t.call(admin, { method: 'GET', url: '/api/v1/imports/0b6f2a55-1111-4c6b-9a1e-000000000001' })).statusCode).toBe(404);

    const commit = await upload(orgAdminA, 'members', false, file);
    expect(commit.statusCode).toBe(200);
    expect(commit.json<ImportReport>()).toMatchObject({ dryRun: false, rows: 3, created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(await memberCount()).toBe(before + 3);
    expect(await auditCount()).toBeGreaterThan(auditBefore);
    // the maintained subtree totals (written once at the end of the import) match the roster
    const orgA = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${seed.A}` })).json<{ memberCount: number }>();
    const live = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${seed.A}&subtree=true&status=full` })).json<{ total: number }>();
    const probationary = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${seed.A}&subtree=true&status=probationary` })).json<{ total: number }>();
    expect(orgA.memberCount).toBe(live.total + probationary.total);
    const dashboard = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/dashboard?org=${seed.A}` })).json<{ members: { gender: { key: string; n: number }[] } }>();
    const female = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${seed.A}&subtree=true&gender=female` })).json<{ total: number }>();
    expect(dashboard.members.gender.find((g) => g.key === 'female')?.n ?? 0).toBe(female.total);

    // the list shows the ID number masked; the record, in full
    const list = await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${seed.A}&subtree=true&q=赵大明` });
    const listed = list.json<{ items: { id: string }[] }>().items[0]!;
    const item = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members/${listed.id}` })).json<Record<string, unknown>>();
    expect(item).toMatchObject({
      name: '赵大明',
      gender: 'male',
      birthDate: '1988-11-30',
      idNumber: ID2,
      education: 'postgraduate',
      joinedOn: '2012-07-01',
      fullOn: '2013-07-01',
      status: 'full',
      category: 'in_service',
      orgId: seed.A2,
      ethnicity: '回族',
    });

    const again = await upload(orgAdminA, 'members', false, file);
    expect(again.json<ImportReport>()).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3, errors: [], fileErrors: [] });
    expect(await memberCount()).toBe(before + 3);

    const changed = goodRows.map((r) => [...r]);
    changed[3]![13] = '乙单位 主任';
    const update = await upload(orgAdminA, 'members', false, await xlsx(changed));
    expect(update.json<ImportReport>()).toMatchObject({ rows: 3, created: 0, updated: 1, unchanged: 2, errors: [], fileErrors: [] });
  });

  it('reports every bad row with its row number and column, and a failed commit writes nothing', async () => {
    const roster = await t.call(admin, { method: 'GET', url: `/api/v1/members/${seed.memberB1}` });
    const idOfB1Member = roster.json<{ idNumber: string }>().idNumber;
    const good = idFor('1991-02-03');
    const dup = idFor('1992-04-05');
    const wrongCheck = (() => {
      const id = idFor('1993-06-07');
      return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    })();
    const rows = [
      ['姓名', '性别', '出生日期', '身份证号', '入党时间', '转正时间', '人员类别', '党员类型', '所在党组织'],
      ['好人', null, null, good, '2015-01-01', '2016-01-01', '在职', '正式', '甲公司第一党支部'], // 2: good
      ['校验', null, null, wrongCheck, '2015-01-01', '2016-01-01', '在职', '正式', '甲公司第一党支部'], // 3
      ['生日', null, null, '430302199302301234', '2015-01-01', '2016-01-01', '在职', '正式', '甲公司第一党支部'], // 4
      ['未来', null, null, idFor('1980-01-01'), '2099-01-01', null, '在职', '预备', '甲公司第一党支部'], // 5
      ['少年', null, null, idFor('2000-06-01'), utc('2017-06-01'), null, '在职', '预备', '甲公司第一党支部'], // 6
      ['无组', null, null, idFor('1981-01-01'), '2015-01-01', '2016-01-01', '在职', '正式', '不存在的支部'], // 7
      ['重一', null, null, dup, '2015-01-01', '2016-01-01', '在职', '正式', '甲公司第一党支部'], // 8
      ['重二', null, null, dup, '2015-01-01', '2016-01-01', '在职', '正式', '甲公司第二党支部'], // 9
      ['他组', null, null, idOfB1Member, '2015-01-01', '2016-01-01', '在职', '正式', '甲公司第一党支部'], // 10
      ['标签', null, null, idFor('1982-01-01'), '2015-01-01', '2016-01-01', '打工', '正式', '甲公司第一党支部'], // 11
      ['数字', null, null, Number(idFor('1983-01-01')), '2015-01-01', '2016-01-01', '在职', '正式', '甲公司第一党支部'], // 12
      ['乙方', null, null, idFor('1984-01-01'), '2015-01-01', '2016-01-01', '在职', '正式', '乙公司党支部'], // 13: outside scope
    ];
    const file = await xlsx(rows);
    const before = await memberCount();
    const auditBefore = await auditCount();

    const dry = await upload(orgAdminA, 'members', true, file);
    expect(dry.statusCode).toBe(200);
    const report = dry.json<ImportReport>();
    expect(report).toMatchObject({ rows: 12, created: 1, fileErrors: [] });
    const byRow = new Map<number, { column: string; message: string }[]>();
    for (const e of report.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), { column: e.column, message: e.message }]);
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(byRow.get(3)).toEqual([{ column: '身份证号', message: `身份证号校验码错误：“${wrongCheck}”` }]);
    expect(byRow.get(4)?.[0]).toMatchObject({ column: '身份证号', message: expect.stringContaining('出生日期不存在') as string });
    expect(byRow.get(5)).toEqual([{ column: '入党时间', message: '日期 2099-01-01 晚于今天' }]);
    expect(byRow.get(6)).toEqual([{ column: '入党时间', message: '入党时间 2017-06-01 时未满 18 周岁（出生日期 2000-06-01）' }]);
    expect(byRow.get(7)?.[0]?.column).toBe('所在党组织');
    expect(byRow.get(7)?.[0]?.message).toMatch(/找不到党组织“不存在的支部”/);
    expect(byRow.get(8)).toEqual([{ column: '身份证号', message: '身份证号与第 9 行重复' }]);
    expect(byRow.get(9)).toEqual([{ column: '身份证号', message: '身份证号与第 8 行重复' }]);
    // the member service's own code and text
    expect(byRow.get(10)).toEqual([{ column: '所在党组织', message: '该党员在其他党组织的名册中，请办理组织关系转接' }]);
    expect(report.errors.find((e) => e.row === 10)).toMatchObject({ code: 'member_on_other_roster', params: {} });
    expect(byRow.get(11)?.[0]).toMatchObject({ column: '人员类别', message: expect.stringMatching(/^无法识别“打工”/) as string });
    expect(byRow.get(12)?.[0]?.message).toMatch(/文本/);
    expect(byRow.get(13)?.[0]).toMatchObject({ column: '所在党组织', message: expect.stringMatching(/找不到党组织|无权/) as string });

    const commit = await upload(orgAdminA, 'members', false, file);
    expect(commit.statusCode).toBe(422);
    const body = commit.json<ImportReport & { error: { code: string } }>();
    expect(body.error.code).toBe('import_rejected');
    expect(body.errors).toEqual(report.errors);
    expect(await memberCount()).toBe(before);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('refuses a file without a column that cannot be derived, still checking its rows; an unknown column is only a notice', async () => {
    const missing = await upload(orgAdminA, 'members', true, await xlsx([['姓名', '身份证号', '党员状态', '爱好'], ['甲', idFor('1990-01-01'), '正式党', '读书']]));
    expect(missing.statusCode).toBe(422);
    const report = missing.json<ImportReport>();
    expect(report.fileErrors).toEqual(['缺少必需的列：“入党时间”', '缺少必需的列：“所在党组织”']);
    expect(report.errors).toEqual([
      {
        row: 2,
        column: '党员状态',
        message: '无法识别“正式党”，可填：正式党员、预备党员',
        code: 'import_choice_unknown',
        params: { value: '正式党', allowed: '正式党员、预备党员' },
      },
    ]);
    expect(report.notices).toContainEqual(expect.objectContaining({ code: 'import_column_unknown', column: '爱好', message: '无法识别的列“爱好”，已忽略；可在“对应列”中指定它对应的项' }));

    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const res = await upload(orgAdminA, 'members', false, png);
    expect(res.statusCode).toBe(422);
    expect(res.json<ImportReport>().fileErrors).toEqual(['无法读取：这不是电子表格文件，请上传 .xlsx 或 .csv 文件']);
  });

  it('words the report in English for an English Accept-Language, with the codes and their parameters', async () => {
    const en = { 'accept-language': 'en' };
    const rows = [HEADER, [1, '孙英', '女', '汉族', '1990-02-30', idFor('1990-02-28', 'female'), '本科', '2014-06-01', '2015-06-01', '在职', '正式党员', '不存在的支部', null, null]];
    const { payload, headers } = multipartBody({ kind: 'members', dryRun: 'true' }, { name: '名册.xlsx', content: await xlsx(rows) });
    const dry = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/imports', payload, headers: { ...headers, ...en } });
    expect(dry.statusCode).toBe(200);
    expect(dry.json<ImportReport>().errors).toEqual([
      { row: 2, column: '出生日期', code: 'import_date_invalid', params: { raw: '1990-02-30' }, message: 'no such date: "1990-02-30"' },
      {
        row: 2,
        column: '所在党支部',
        code: 'import_org_not_found',
        params: { org: '不存在的支部' },
        message: 'No organization "不存在的支部" (or several have this name: write the path, e.g. "Parent committee/First branch")',
      },
    ]);

    const onlyHeaders = multipartBody({ kind: 'members', dryRun: 'true' }, { name: '名册.xlsx', content: await xlsx([HEADER]) });
    const empty = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/imports', payload: onlyHeaders.payload, headers: { ...onlyHeaders.headers, ...en } });
    expect(empty.statusCode).toBe(422);
    const body = empty.json<ImportReport & { error: { code: string; message: string } }>();
    expect(body.fileErrors).toEqual(['The file has headers but no data rows']);
    expect(body.fileErrorCodes).toEqual([{ code: 'import_no_data_rows', params: {} }]);
    expect(body.error).toMatchObject({ code: 'import_rejected', message: 'The file has headers but no data rows' });

    // without the header, the same file is worded in Chinese
    const zh = await upload(orgAdminA, 'members', true, await xlsx([HEADER]));
    expect(zh.json<ImportReport>().fileErrors).toEqual(['文件中只有表头，没有数据行']);
  });

  it('imports a CSV file as Excel saves it (GB18030)', async () => {
    const id = idFor('1975-08-09', 'female');
    const csv = ['姓名,公民身份号码,入党时间,转正时间,人员类别,党员状态,所在党组织,联系电话', `孙丽,${id},2001/7/1,2002/7/1,离退休,正式党员,甲公司第一党支部,"0731-8888 1234"`].join('\r\n');
    const gbk = Buffer.from(new TextEncoder().encode(csv)); // UTF-8 first
    const dry = await upload(orgAdminA, 'members', true, gbk);
    expect(dry.json<ImportReport>()).toMatchObject({ created: 1, errors: [] });
    // the same text in GB18030, built from the code points the decoder maps back
    const encoded = encodeGb18030(csv);
    const res = await upload(orgAdminA, 'members', false, encoded);
    expect(res.json<ImportReport>()).toMatchObject({ created: 1, errors: [], fileErrors: [] });
    const found = await t.database.db.select({ name: members.name, category: members.category }).from(members).where(eq(members.name, '孙丽'));
    expect(found).toEqual([{ name: '孙丽', category: 'retired' }]);
  });
});

/** A tiny GB18030 encoder for the characters the test uses (Node has a decoder but no encoder). */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  const needed = new Set([...text].filter((c) => c.charCodeAt(0) > 0x7f));
  for (let hi = 0x81; hi <= 0xfe && table.size < needed.size; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const c = decoder.decode(Uint8Array.from([hi, lo]));
      if (needed.has(c) && !table.has(c)) table.set(c, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (code <= 0x7f) bytes.push(code);
    else bytes.push(...(table.get(c) ?? []));
  }
  return Buffer.from(bytes);
}

describe('POST /api/v1/imports (orgs)', () => {
  it('creates a subtree in file order, matches by code and path on re-import, and reports unknown parents', async () => {
    const rows = [
      ['党组织名称', '简称', '组织编码', '党组织类别', '上级党组织', '所在单位', '单位类别', '成立日期', '联系人', '联系电话'],
      ['甲公司第三党总支', '三总支', 'A-3', '党总支', '甲公司党委', '甲公司三厂', '国企', utc('2012-03-01'), '周', '0731-1'],
      ['三总支第一党支部', null, null, '党支部', '甲公司党委/甲公司第三党总支', '甲公司三厂', '国有企业', '2012-04', null, null],
    ];
    const file = await xlsx(rows);
    const dry = await upload(orgAdminA, 'orgs', true, file);
    expect(dry.json<ImportReport>()).toMatchObject({ rows: 2, created: 2, errors: [], fileErrors: [] });
    const commit = await upload(orgAdminA, 'orgs', false, file);
    expect(commit.json<ImportReport>()).toMatchObject({ created: 2, errors: [] });
    const [child] = await t.database.db.select().from(orgs).where(eq(orgs.name, '三总支第一党支部'));
    expect(child).toMatchObject({ type: 'branch', sector: 'state_enterprise', foundedOn: '2012-04-01' });
    const again = await upload(orgAdminA, 'orgs', false, file);
    expect(again.json<ImportReport>()).toMatchObject({ rows: 2, created: 0, updated: 0, unchanged: 2, errors: [], fileErrors: [] });

    const bad = await upload(
      orgAdminA,
      'orgs',
      false,
      await xlsx([rows[0]!, ['某支部', null, null, '党支部', '不存在的党委', null, null, null, null, null], ['乙方支部', null, null, '党支部', '乙公司党委', null, null, null, null, null]]),
    );
    expect(bad.statusCode).toBe(422);
    const errors = bad.json<ImportReport>().errors;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, '上级党组织'],
      [3, '上级党组织'],
    ]);
  });

  it('needs the parent column unless the caller may create root organizations', async () => {
    const file = await xlsx([['党组织名称', '党组织类别'], ['丙公司党委', '党委']]);
    const res = await upload(orgAdminA, 'orgs', true, file);
    expect(res.json<ImportReport>().fileErrors).toEqual(['缺少必需的列：“上级党组织”']);
    const asAdmin = await upload(admin, 'orgs', true, file);
    expect(asAdmin.json<ImportReport>()).toMatchObject({ created: 1, errors: [], fileErrors: [] });
  });
});

describe('batched commit', () => {
  it('a bad row in the third batch leaves nothing of the batches written before it', async () => {
    const roster = await t.call(admin, { method: 'GET', url: `/api/v1/members/${seed.memberB1}` });
    const onAnotherRoster = roster.json<{ idNumber: string }>().idNumber;
    const header = ['姓名', '身份证号', '入党时间', '转正时间', '人员类别', '党员状态', '所在党组织'];
    const good = (i: number) => [`批次${i}`, idFor(`1985-03-${String(10 + i).padStart(2, '0')}`), '2010-01-01', '2011-01-01', '在职', '正式', '甲公司第一党支部'];
    // batches of 2: rows 2–3, 4–5, then 6–7 where row 7 names a member of another organization's roster
    const rows = [header, good(1), good(2), good(3), good(4), good(5), [...good(6).slice(0, 1), onAnotherRoster, ...good(6).slice(2)]];
    const file = path.join(t.config.dataDir, 'batches.xlsx');
    writeFileSync(file, await xlsx(rows));
    const orgA = () => t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${seed.A}` }).then((r) => r.json<{ memberCount: number }>().memberCount);
    const before = { members: await memberCount(), audit: await auditCount(), orgA: await orgA(), head: await readCheckpoint(t.database.db) };

    const written: number[] = [];
    const onProgress = (state: string, n: number) => void (state === 'writing' && written.push(n));
    const failed = await runImport(t.system, file, { kind: 'members', dryRun: false, batchSize: 2, onProgress });
    expect(failed).toMatchObject({ rows: 6, created: 5, errors: [{ row: 7, column: '所在党组织' }] });
    // the first call announces the writing pass (with the rows read); then two batches were written before the bad row
    expect(written.slice(1, 3)).toEqual([2, 4]);
    expect({ members: await memberCount(), audit: await auditCount(), orgA: await orgA(), head: await readCheckpoint(t.database.db) }).toEqual(before);
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true });

    writeFileSync(file, await xlsx(rows.slice(0, -1)));
    const done = await runImport(t.system, file, { kind: 'members', dryRun: false, batchSize: 2 });
    expect(done).toMatchObject({ rows: 5, created: 5, errors: [] });
    expect(await memberCount()).toBe(before.members + 5);
    expect(await orgA()).toBe(before.orgA + 5);
    const events = await t.database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, 'member.create'));
    expect(Number(events[0]?.n)).toBeGreaterThanOrEqual(5);
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true });
  });
});

describe('GET /api/v1/imports/template.xlsx', () => {
  it('returns a workbook with the canonical headers and an example row that passes the cell checks', async () => {
    const res = await t.call(orgAdminA, { method: 'GET', url: '/api/v1/imports/template.xlsx?kind=members' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '姓名',
      '性别',
      '民族',
      '出生日期',
      '公民身份号码',
      '学历',
      '入党时间',
      '转正时间',
      '人员类别',
      '党员状态',
      '所在党组织',
      '党小组',
      '联系电话',
      '工作单位及职务',
    ]);
    expect(ws.getRow(2).getCell(1).value).toBe('张三');
    expect((await t.call(orgAdminA, { method: 'GET', url: '/api/v1/imports/template.xlsx?kind=x' })).statusCode).toBe(400);
    expect((await t.call(null, { method: 'GET', url: '/api/v1/imports/template.xlsx?kind=orgs' })).statusCode).toBe(401);
  });
});

describe('GET /api/v1/imports/:jobId', () => {
  it('shows a report stored before problems carried codes, its texts under the generic code', async () => {
    const id = 'job-stored-by-an-older-version';
    const old = {
      kind: 'members',
      dryRun: true,
      rows: 2,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [{ row: 3, column: '身份证号', message: '身份证号校验位不对' }],
      fileErrors: ['缺少必填列：姓名'],
    };
    await t.database.db.insert(importJobs).values({ id, userId: orgAdminA.userId, kind: 'members', dryRun: 'true', state: 'failed', report: old });
    const res = await t.call(orgAdminA, { method: 'GET', url: `/api/v1/imports/${id}` });
    expect(res.statusCode).toBe(200);
    const report = res.json<ImportJob>().report!;
    expect(report.errors).toEqual([{ row: 3, column: '身份证号', message: '身份证号校验位不对', code: 'invalid', params: {} }]);
    expect(report.fileErrors).toEqual(['缺少必填列：姓名']);
    expect(report.fileErrorCodes).toEqual([{ code: 'invalid', params: {} }]);
    expect(report.notices).toEqual([]);
    // another user's job is not found
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/imports/${id}` })).statusCode).toBe(404);
  });
});
