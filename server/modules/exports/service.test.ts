import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../domain/imports/report';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { multipartBody } from '../../testing/uploads';
import { createMember } from '../members/service';
import { prepareMemberExport } from './service';

let t: TestApp;
let seed: Awaited<ReturnType<typeof seedTwoTrees>>;
let orgAdminA: Session;
let viewerA: Session;
let orgAdminB: Session;

beforeAll(async () => {
  t = await startTestApp();
  seed = await seedTwoTrees(t);
  // a member with every optional field, in the second branch
  await createMember(t.system, {
    orgId: seed.A2,
    name: '周全',
    gender: 'female',
    ethnicity: '壮族',
    birthDate: '1970-10-01',
    education: 'junior_college',
    joinedOn: '1995-07-01',
    fullOn: '1996-07-01',
    status: 'full',
    category: 'retired',
    jobTitle: '甲公司 退休职工',
    phone: '0731-88886666',
  });
  await seed.member(seed.A2, '吴预备', 'probationary', '1999-12-31');
  orgAdminA = await t.login('orgAdminA');
  viewerA = await t.login('viewerA');
  orgAdminB = await t.login('orgAdminB');
});
afterAll(async () => {
  await t?.close();
});

async function readWorkbook(body: Buffer): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  });
  return rows;
}

async function exportOf(session: Session | null, org: string) {
  return t.call(session, { method: 'GET', url: `/api/v1/exports/members.xlsx?org=${org}` });
}

describe('GET /api/v1/exports/members.xlsx', () => {
  it('needs a session and the organization in scope', async () => {
    expect((await exportOf(null, seed.A)).statusCode).toBe(401);
    expect((await exportOf(orgAdminB, seed.A)).statusCode).toBe(403);
    expect((await exportOf(orgAdminA, 'no-such-org')).statusCode).toBe(404);
    // a member's own record is no roster to export
    expect((await t.call(await t.login('memberA1'), { method: 'GET', url: '/api/v1/exports/members.xlsx' })).statusCode).toBe(403);
  });

  it("exports the caller's whole scope when no organization is chosen, as the list shows it", async () => {
    const names = async (s: Session) =>
      (await readWorkbook((await t.call(s, { method: 'GET', url: '/api/v1/exports/members.xlsx' })).rawPayload)).map((r) => String(r['姓名'])).sort();
    expect(await names(orgAdminA)).toEqual(['吴预备', '周全', '张某一'].sort());
    expect(await names(orgAdminB)).toEqual(['李某二']);
    expect(await names(await t.login('admin'))).toEqual(['吴预备', '周全', '张某一', '李某二'].sort());
  });

  it("streams the subtree's roster with the import headers, Chinese labels and text dates", async () => {
    const res = await exportOf(orgAdminA, seed.A);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const rows = await readWorkbook(res.rawPayload);
    expect(rows.map((r) => r['姓名']).sort()).toEqual(['吴预备', '周全', '张某一']);
    expect(rows.find((r) => r['姓名'] === '周全')).toEqual({
      姓名: '周全',
      性别: '女',
      民族: '壮族',
      出生日期: '1970-10-01',
      公民身份号码: null,
      学历: '大学专科',
      入党时间: '1995-07-01',
      转正时间: '1996-07-01',
      人员类别: '离退休',
      党员状态: '正式党员',
      所在党组织: '甲公司党委/甲公司第二党支部',
      党小组: null,
      联系电话: '073188886666', // the member service keeps digits only
      工作单位及职务: '甲公司 退休职工',
    });
    const zhang = rows.find((r) => r['姓名'] === '张某一')!;
    expect(zhang['公民身份号码']).toMatch(/^\d{17}[\dX]$/);
    expect(rows.find((r) => r['姓名'] === '吴预备')?.['党员状态']).toBe('预备党员');
  });

  it('exports exactly the rows of the list with the same filters, in its order, all pages', async () => {
    const namesOf = async (query: string) => {
      const list = (await t.call(viewerA, { method: 'GET', url: `/api/v1/members?org=${seed.A}&limit=1&${query}` })).json();
      const res = await t.call(viewerA, { method: 'GET', url: `/api/v1/exports/members.xlsx?org=${seed.A}&${query}` });
      expect(res.statusCode).toBe(200);
      const names = (await readWorkbook(res.rawPayload)).map((r) => r['姓名']);
      // the list shows one per page: the export holds every page
      expect(names).toHaveLength(list.total);
      expect(names[0]).toBe(list.items[0]?.name);
      return names;
    };
    expect(await namesOf('status=probationary')).toEqual(['吴预备']);
    expect(await namesOf('gender=female&category=retired&education=junior_college')).toEqual(['周全']);
    expect(await namesOf(`q=${encodeURIComponent('周')}`)).toEqual(['周全']);
    expect(await namesOf('ageMin=50')).toEqual(['周全']);
    expect(await namesOf('joinedFrom=1990&joinedTo=2000')).toEqual(['周全']);
    expect(await namesOf('sort=joinedOn&order=desc')).toEqual(['吴预备', '张某一', '周全']);
    expect(await namesOf('subtree=false')).toEqual([]);
    expect((await t.call(viewerA, { method: 'GET', url: `/api/v1/exports/members.xlsx?org=${seed.A1}&subtree=false` })).statusCode).toBe(200);
    expect((await t.call(orgAdminA, { method: 'GET', url: `/api/v1/exports/members.xlsx?org=${seed.A}&status=honorary` })).statusCode).toBe(400);
    expect((await t.call(orgAdminB, { method: 'GET', url: `/api/v1/exports/members.xlsx?org=${seed.A}&status=full` })).statusCode).toBe(403);
  });

  it('masks ID-card and phone numbers for a viewer', async () => {
    const res = await exportOf(viewerA, seed.A);
    expect(res.statusCode).toBe(200);
    const zhang = (await readWorkbook(res.rawPayload)).find((r) => r['姓名'] === '张某一')!;
    expect(zhang['公民身份号码']).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    expect(zhang['联系电话']).toBe('139****5678');
  });

  it('re-imports cleanly: every row unchanged', async () => {
    const exported = (await exportOf(orgAdminA, seed.A)).rawPayload;
    const { payload, headers } = multipartBody({ kind: 'members', dryRun: 'false' }, { name: 'export.xlsx', content: exported });
    const res = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/imports', payload, headers });
    expect(res.statusCode).toBe(200);
    expect(res.json<ImportReport>()).toMatchObject({ kind: 'members', dryRun: false, rows: 3, created: 0, updated: 0, unchanged: 3, errors: [], fileErrors: [], notices: [] });
  });

  it('reads members in keyset batches', async () => {
    const roster = await prepareMemberExport(t.system, { org: seed.A }, { batchSize: 1 });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await roster.write(out);
    const rows = await readWorkbook(Buffer.concat(chunks));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r['姓名'])).size).toBe(3);
  });
});
