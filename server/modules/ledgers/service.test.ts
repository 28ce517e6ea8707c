import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { docxText, unzip } from '../../testing/docx';

// Set LEDGER_SAMPLES=/some/dir to keep the generated files for a look (LibreOffice → PDF).
const SAMPLES = process.env.LEDGER_SAMPLES;

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let secretaryA1: Session;
let viewerA: Session;
let orgAdminB: Session;
let assemblyId: string;
let people: { present: string; absent: string; excused: string };

/** server/app.ts registers the routes; until it does, the test registers them itself. */

const at = (day: string, hour = 14, minute = 0) =>
  `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`;

async function create(session: Session, body: Record<string, unknown>): Promise<string> {
  const res = await t.call(session, { method: 'POST', url: '/api/v1/activities', payload: body });
  if (res.statusCode !== 201) throw new Error(`create activity: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  people = {
    present: await ids.member(ids.A1, '王记录'),
    absent: await ids.member(ids.A1, '赵缺席'),
    excused: await ids.member(ids.A1, '钱请假'),
  };
  secretaryA1 = await t.login('secretaryA1');
  viewerA = await t.login('viewerA');
  orgAdminB = await t.login('orgAdminB');

  // created first, held later: the ledger sorts by date, not by creation
  assemblyId = await create(secretaryA1, {
    type: 'general_assembly',
    hostOrgIds: [ids.A1],
    state: 'held',
    startsAt: at('2024-03-15', 9, 30),
    endsAt: at('2024-03-15', 11, 30),
    place: '公司三楼党员活动室',
    theme: '2024年第一季度支部党员大会',
    presiderMemberId: ids.memberA1,
    recorderMemberId: people.present,
    agenda: '传达学习上级会议精神\n讨论接收预备党员\n部署第二季度工作',
    minutes:
      '张某一同志传达了上级会议精神，要求全体党员认真学习。\n会议强调要结合实际抓好落实。\n\n会议讨论了接收预备党员事项，与会党员逐一发表意见。\n\n会议对第二季度工作作出部署。',
    attendees: [
      { memberId: ids.memberA1, status: 'present' },
      { memberId: people.present, status: 'present' },
      { memberId: people.absent, status: 'absent', reason: '外出培训' },
      { memberId: people.excused, status: 'excused', reason: '病假' },
    ],
    guests: [{ name: '孙列席', unit: '甲公司党委', title: '组织委员' }],
    resolutions: [
      { text: '各党小组于月底前完成专题学习', ownerMemberId: people.present, dueOn: '2024-03-31' },
    ],
    votes: [{ subject: '接收某某同志为预备党员', entitled: 4, present: 3, yes: 3, no: 0, abstain: 0 }],
  });
  const joint = await create(secretaryA1, {
    type: 'theme_day',
    hostOrgIds: [ids.A1, ids.B1],
    state: 'held',
    startsAt: at('2024-01-10'),
    endsAt: at('2024-01-10', 16),
    online: true,
    subVenues: ['甲公司会议室', '乙公司会议室'],
    theme: '甲乙联合主题党日',
    attendees: [{ memberId: ids.memberA1, status: 'present' }],
  });
  // named by A1's secretary, B1 counts it once its side accepts
  expect((await t.call(orgAdminB, { method: 'POST', url: `/api/v1/activities/${joint}/hosts/${ids.B1}/accept` })).statusCode).toBe(200);
  await create(secretaryA1, {
    type: 'committee_meeting',
    hostOrgIds: [ids.A1],
    state: 'cancelled',
    cancelReason: '与上级会议冲突',
    startsAt: at('2024-05-06'),
    endsAt: at('2024-05-06', 15),
    theme: '五月支委会',
  });
  // another year, and another branch: neither is in A1's ledger for 2024
  await create(secretaryA1, {
    type: 'party_lecture',
    hostOrgIds: [ids.A1],
    startsAt: at('2023-12-28'),
    endsAt: at('2023-12-28', 16),
    theme: '去年的党课',
  });
  await create(await t.login('orgAdminA'), {
    type: 'party_lecture',
    hostOrgIds: [ids.A2],
    state: 'held',
    startsAt: at('2024-02-02'),
    endsAt: at('2024-02-02', 16),
    theme: '第二支部党课',
  });
});
afterAll(async () => {
  await t?.close();
});

function keep(name: string, body: Buffer) {
  if (!SAMPLES) return;
  mkdirSync(SAMPLES, { recursive: true });
  writeFileSync(path.join(SAMPLES, name), body);
}

/** The title, the headers and the rows (as header → value) of the first sheet. */
async function readSheet(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(2).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n <= 2) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  });
  return { title: ws.getCell('A1').value, headers, rows, frozen: ws.views[0], ws };
}


const ledger = (session: Session | null, query: string) =>
  t.call(session, { method: 'GET', url: `/api/v1/exports/activities.xlsx?${query}` });

describe('GET /api/v1/exports/activities.xlsx', () => {
  it('needs a session, the organization in scope and a valid year', async () => {
    expect((await ledger(null, `org=${ids.A1}&year=2024`)).statusCode).toBe(401);
    expect((await ledger(orgAdminB, `org=${ids.A1}&year=2024`)).statusCode).toBe(403);
    expect((await ledger(viewerA, `org=no-such-org&year=2024`)).statusCode).toBe(404);
    for (const bad of ['year=abc', 'year=20245', '']) {
      const res = await ledger(viewerA, `org=${ids.A1}&${bad}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'year' })]);
    }
  });

  it("lists the organization's activities of the year by date, joint ones included, with Chinese labels", async () => {
    const res = await ledger(viewerA, `org=${ids.A1}&year=2024`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('甲公司第一党支部-2024年组织生活台账.xlsx'),
    );
    keep('activities.xlsx', res.rawPayload);
    const { title, headers, rows, frozen, ws } = await readSheet(res.rawPayload);
    expect(title).toBe('甲公司第一党支部 2024年组织生活台账');
    expect(headers).toEqual([
      '序号',
      '活动类型',
      '日期',
      '时间',
      '地点',
      '主题',
      '主持人',
      '记录人',
      '应到',
      '实到',
      '缺席',
      '请假',
      '状态',
      '联合主办',
      '备注',
    ]);
    expect(frozen).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual(25); // the theme gets room
    const activities = rows.filter((r) => typeof r['序号'] === 'number');
    expect(activities.map((r) => r['主题'])).toEqual([
      '甲乙联合主题党日',
      '2024年第一季度支部党员大会',
      '五月支委会',
    ]);
    expect(activities[0]).toMatchObject({
      活动类型: '主题党日',
      日期: '2024-01-10',
      地点: '线上（分会场：甲公司会议室、乙公司会议室）',
      联合主办: '乙公司党支部',
    });
    expect(activities[1]).toEqual({
      序号: 2,
      活动类型: '支部党员大会',
      日期: '2024-03-15',
      时间: '09:30—11:30',
      地点: '公司三楼党员活动室',
      主题: '2024年第一季度支部党员大会',
      主持人: '张某一',
      记录人: '王记录',
      应到: 4,
      实到: 2,
      缺席: 1,
      请假: 1,
      状态: '已开展',
      联合主办: null,
      备注: null,
    });
    expect(activities[2]).toMatchObject({
      活动类型: '支委会',
      状态: '取消',
      备注: '取消原因：与上级会议冲突',
    });
  });

  it('counts a joint activity for each host: the other side sees it in its own ledger', async () => {
    const res = await ledger(orgAdminB, `org=${ids.B1}&year=2024`);
    expect(res.statusCode).toBe(200);
    const { title, rows } = await readSheet(res.rawPayload);
    expect(title).toBe('乙公司党支部 2024年组织生活台账');
    expect(rows.filter((r) => typeof r['序号'] === 'number')).toEqual([
      expect.objectContaining({ 主题: '甲乙联合主题党日', 联合主办: '甲公司第一党支部' }),
    ]);
  });
});

describe('GET /api/v1/activities/:id/minutes.docx', () => {
  const minutes = (session: Session | null, id: string) =>
    t.call(session, { method: 'GET', url: `/api/v1/activities/${id}/minutes.docx` });

  it('needs a session and a host in scope', async () => {
    expect((await minutes(null, assemblyId)).statusCode).toBe(401);
    expect((await minutes(orgAdminB, assemblyId)).statusCode).toBe(403);
    expect((await minutes(viewerA, 'no-such-activity')).statusCode).toBe(404);
  });

  it('lays the record out as a 会议记录: title, record table, agenda, content, resolutions, votes', async () => {
    const res = await minutes(viewerA, assemblyId);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain('.docx');
    keep('minutes.docx', res.rawPayload);
    const text = docxText(res.rawPayload);
    const order = [
      '甲公司第一党支部会议记录',
      '2024年3月15日（星期五） 09:30—11:30',
      '张某一',
      '王记录',
      '4 人',
      '赵缺席（缺席：外出培训）',
      '钱请假（请假：病假）',
      '孙列席，甲公司党委 组织委员',
      '会议议程',
      '1. 传达学习上级会议精神',
      '会议内容',
      '会议讨论了接收预备党员事项',
      '会议决议',
      '1. 各党小组于月底前完成专题学习',
      '责任人：王记录　　完成时限：2024年3月31日',
      '表决情况',
      '接收某某同志为预备党员',
      '通过',
    ];
    let from = 0;
    for (const s of order) {
      const i = text.indexOf(s, from);
      expect(i, `"${s}" after position ${from}`).toBeGreaterThanOrEqual(0);
      from = i + s.length;
    }
    // the minutes' blank lines separate paragraphs; a single newline stays inside one
    const lines = text.split('\n');
    expect(lines).toContain('会议讨论了接收预备党员事项，与会党员逐一发表意见。');
    expect(lines).toContain('会议对第二季度工作作出部署。');
    // A4, with the Chinese fonts in the styles
    const xml = unzip(res.rawPayload, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const styles = unzip(res.rawPayload, 'word/styles.xml');
    expect(styles).toContain('w:eastAsia="宋体"');
    expect(styles).toContain('w:eastAsia="黑体"');
  });

  it('leaves the votes out of a meeting that has none, and names every host of a joint one', async () => {
    const list = (await t.call(orgAdminB, { method: 'GET', url: `/api/v1/activities?org=${ids.B1}` })).json<{
      items: { id: string }[];
    }>();
    const res = await minutes(orgAdminB, list.items[0]!.id);
    expect(res.statusCode).toBe(200);
    const text = docxText(res.rawPayload);
    expect(text).toMatch(/^(甲公司第一党支部、乙公司党支部|乙公司党支部、甲公司第一党支部)会议记录/);
    expect(text).toContain('线上（分会场：甲公司会议室、乙公司会议室）');
    expect(text).not.toContain('表决情况');
  });
});

describe('GET /api/v1/activities/:id/attendance.xlsx', () => {
  const sheet = (session: Session | null, id: string) =>
    t.call(session, { method: 'GET', url: `/api/v1/activities/${id}/attendance.xlsx` });

  it('needs a session and a host in scope', async () => {
    expect((await sheet(null, assemblyId)).statusCode).toBe(401);
    expect((await sheet(orgAdminB, assemblyId)).statusCode).toBe(403);
    expect((await sheet(viewerA, 'no-such-activity')).statusCode).toBe(404);
  });

  it('lists attendees, present first, with status, reason and how they signed in', async () => {
    const res = await sheet(viewerA, assemblyId);
    expect(res.statusCode).toBe(200);
    keep('attendance.xlsx', res.rawPayload);
    const { title, headers, rows } = await readSheet(res.rawPayload);
    expect(title).toBe('2024年第一季度支部党员大会 签到表');
    expect(headers).toEqual(['序号', '姓名', '所在党组织', '出席情况', '原因', '签到时间', '签到方式']);
    const listed = rows.filter((r) => typeof r['序号'] === 'number');
    expect(listed.map((r) => [r['姓名'], r['出席情况']])).toEqual([
      ['王记录', '出席'],
      ['张某一', '出席'],
      ['钱请假', '请假'],
      ['赵缺席', '缺席'],
    ]);
    expect(listed[0]).toMatchObject({ 所在党组织: '甲公司第一党支部', 原因: null, 签到方式: '登记' });
    expect(listed[3]).toMatchObject({ 原因: '外出培训', 签到时间: null, 签到方式: null });
    expect(rows.at(-1)?.['序号']).toBe('应到 4 人，实到 2 人，缺席 1 人，请假 1 人');
  });
});
