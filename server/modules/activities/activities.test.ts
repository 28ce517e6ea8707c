import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody } from '../../testing/uploads';
import { seedTwoTrees, startTestApp, USER_PASSWORD, type Session, type TestApp } from '../../testing/harness';
import { and, eq, inArray } from 'drizzle-orm';
import { verifyAudit } from '../../audit';
import { auditEvents } from '../../db/schema/audit';
import { createUser } from '../users/service';
import { prepareActivityListExport } from './listExport';
import { currentCode } from './signInCodes';

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let admin: Session;
let secretaryA1: Session;
let viewerA: Session;
let memberA1: Session;
let orgAdminB: Session;

const at = (day: string, hour = 14) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const themeDay = (hostOrgIds: string[], extra: Record<string, unknown> = {}) => ({
  type: 'theme_day',
  hostOrgIds,
  state: 'held',
  startsAt: at('2024-06-01'),
  endsAt: at('2024-06-01', 16),
  place: '党员活动室',
  theme: '“一月一课、一片一践”主题党日',
  ...extra,
});

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  admin = await t.login('admin');
  secretaryA1 = await t.login('secretaryA1');
  viewerA = await t.login('viewerA');
  memberA1 = await t.login('memberA1');
  orgAdminB = await t.login('orgAdminB');
});
afterAll(async () => t.close());

describe('recording activities', () => {
  it('needs a session, and a manager of the organizing host', async () => {
    expect((await t.call(null, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1]) })).statusCode).toBe(401);
    expect((await t.call(viewerA, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1]) })).statusCode).toBe(403);
    expect((await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A2]) })).statusCode).toBe(403);
  });

  it('records a held theme party day with attendance, guests and resolutions', async () => {
    const res = await t.call(secretaryA1, {
      method: 'POST',
      url: '/api/v1/activities',
      payload: themeDay([ids.A1], {
        presiderMemberId: ids.memberA1,
        attendees: [{ memberId: ids.memberA1, status: 'present' }],
        guests: [{ name: '王某', unit: '街道党工委', title: '组织委员' }],
        resolutions: [{ text: '每月开展一次志愿服务', ownerMemberId: ids.memberA1, dueOn: '2024-07-01' }],
      }),
    });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ type: 'theme_day', state: 'held', heldOn: '2024-06-01', hostOrgIds: [ids.A1], presider: { name: '张某一' } });
    expect(a.attendance).toEqual({ present: 1, absent: 0, excused: 0 });
    expect(a.guests).toEqual([expect.objectContaining({ name: '王某', unit: '街道党工委' })]);
    expect(a.resolutions).toEqual([expect.objectContaining({ text: '每月开展一次志愿服务', owner: { id: ids.memberA1, name: '张某一' } })]);
  });

  it('lets a joint activity across trees count for each host once it accepted, visible from each side', async () => {
    const res = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1, ids.B1], { type: 'joint_meeting', theme: '联席会议' }) });
    expect(res.statusCode).toBe(201);
    const listedForB = async () => (await t.call(orgAdminB, { method: 'GET', url: `/api/v1/activities?org=${ids.B1}` })).json().items.map((x: { theme: string }) => x.theme);
    // B1 was named without its consent (cohosts.test.ts follows the consent through)
    expect(await listedForB()).not.toContain('联席会议');
    expect((await t.call(orgAdminB, { method: 'POST', url: `/api/v1/activities/${res.json().id}/hosts/${ids.B1}/accept` })).statusCode).toBe(200);
    expect(await listedForB()).toContain('联席会议');
    const fromA2 = (await t.call(admin, { method: 'GET', url: `/api/v1/activities?org=${ids.A2}` })).json();
    expect(fromA2.items).toEqual([]);
  });

  it('names every wrong field and records nothing', async () => {
    const before = (await t.call(admin, { method: 'GET', url: `/api/v1/activities?org=${ids.A}` })).json().items.length;
    const res = await t.call(secretaryA1, {
      method: 'POST',
      url: '/api/v1/activities',
      payload: themeDay([ids.A1], {
        type: 'general_assembly',
        endsAt: at('2024-06-01', 9),
        attendees: [{ memberId: ids.memberB1, status: 'present' }],
        votes: [{ subject: '接收预备党员', entitled: 10, present: 12, yes: 9, no: 0, abstain: 0 }],
      }),
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['endsAt', 'attendees.0.memberId', 'votes.0.present']));
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/activities?org=${ids.A}` })).json().items.length).toBe(before);
  });

  it('refuses an activity before the organization was founded, and a held one in the future', async () => {
    const early = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1], { startsAt: at('2009-06-01'), endsAt: at('2009-06-01', 16) }) });
    // before the founding (2010) is also more than five years ago
    expect(early.json().error.details.map((d: { field: string }) => d.field)).toEqual(['startsAt', 'hostOrgIds']);
    const nextYear = `${Number(t.system.today.slice(0, 4)) + 1}-06-01`;
    const future = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1], { startsAt: at(nextYear), endsAt: at(nextYear, 16) }) });
    expect(future.json().error.details).toMatchObject([{ field: 'state', code: 'activity_future_held', message: '未来的活动不能标为已开展' }]);
  });

  it('applies the voting rule: passes only with yes above half of those entitled', async () => {
    const res = await t.call(secretaryA1, {
      method: 'POST',
      url: '/api/v1/activities',
      payload: themeDay([ids.A1], {
        type: 'general_assembly',
        theme: '支部党员大会',
        votes: [
          { subject: '表决一', entitled: 10, present: 8, yes: 6, no: 2, abstain: 0 },
          { subject: '表决二', entitled: 10, present: 8, yes: 5, no: 3, abstain: 0 },
          { subject: '表决三', entitled: 10, present: 5, yes: 5, no: 0, abstain: 0 },
        ],
      }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().votes.map((v: { quorum: boolean; passed: boolean }) => [v.quorum, v.passed])).toEqual([
      [true, true],
      [true, false],
      [false, false],
    ]);
  });

  it('moves planned → held, refuses held → planned, and needs a reason to cancel', async () => {
    const planned = (await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1], { state: 'planned', theme: '计划中' }) })).json();
    const noReason = await t.call(secretaryA1, { method: 'PATCH', url: `/api/v1/activities/${planned.id}`, payload: { state: 'cancelled' } });
    expect(noReason.json().error.details).toMatchObject([{ field: 'cancelReason', code: 'cancel_reason_required', message: '取消时须填写原因' }]);
    const held = await t.call(secretaryA1, { method: 'PATCH', url: `/api/v1/activities/${planned.id}`, payload: { state: 'held' } });
    expect(held.json().state).toBe('held');
    const back = await t.call(secretaryA1, { method: 'PATCH', url: `/api/v1/activities/${planned.id}`, payload: { state: 'planned' } });
    expect(back.statusCode).toBe(409);
    expect((await t.call(viewerA, { method: 'PATCH', url: `/api/v1/activities/${planned.id}`, payload: { theme: 'x' } })).statusCode).toBe(403);
  });

  it('filters the list by type, state and dates, and pages', async () => {
    const list = (await t.call(admin, { method: 'GET', url: `/api/v1/activities?org=${ids.A}&type=general_assembly&from=2024-06-01&to=2024-06-30` })).json();
    expect(list.items.map((x: { theme: string }) => x.theme)).toEqual(['支部党员大会']);
    const page1 = (await t.call(admin, { method: 'GET', url: `/api/v1/activities?org=${ids.A}&limit=2` })).json();
    const page2 = (await t.call(admin, { method: 'GET', url: `/api/v1/activities?org=${ids.A}&limit=2&cursor=${page1.nextCursor}` })).json();
    expect(page1.items).toHaveLength(2);
    expect(page2.items.map((x: { id: string }) => x.id)).not.toContain(page1.items[0].id);
  });
});

/** The headers and rows (header → value) of an export's first sheet. */
async function readSheet(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return { headers, rows };
}

describe('the list as pages, its export and a batch cancel', () => {
  let orgAdminA: Session;
  /** five planned study sessions of A2, 1–5 September 2024 */
  const planned: string[] = [];
  let heldId = '';
  const studies = () => `/api/v1/activities?org=${ids.A2}&type=study_session`;

  beforeAll(async () => {
    orgAdminA = await t.login('orgAdminA');
    for (const day of [1, 2, 3, 4, 5]) {
      const date = `2024-09-0${day}`;
      const res = await t.call(orgAdminA, {
        method: 'POST',
        url: '/api/v1/activities',
        payload: themeDay([ids.A2], { type: 'study_session', state: 'planned', theme: `理论学习 9月${day}日`, startsAt: at(date), endsAt: at(date, 16) }),
      });
      planned.push(res.json().id);
    }
    heldId = (await t.call(orgAdminA, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A2], { theme: '已开展的主题党日' }) })).json().id;
    await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1], { theme: '第一支部的主题党日' }) });
  });

  it('jumps to a page by offset, counts what the filter selects, and still pages by cursor', async () => {
    expect((await t.call(null, { method: 'GET', url: `${studies()}&limit=2&offset=2` })).statusCode).toBe(401);
    expect((await t.call(secretaryA1, { method: 'GET', url: `${studies()}&limit=2&offset=2` })).statusCode).toBe(403);
    const page3 = (await t.call(viewerA, { method: 'GET', url: `${studies()}&limit=2&offset=2` })).json();
    expect(page3).toMatchObject({ total: 5, totalExact: true });
    expect(page3.items.map((a: { theme: string }) => a.theme)).toEqual(['理论学习 9月3日', '理论学习 9月2日']);
    // the offset wins over a cursor given with it
    const first = (await t.call(viewerA, { method: 'GET', url: `${studies()}&limit=2` })).json();
    const byCursor = (await t.call(viewerA, { method: 'GET', url: `${studies()}&limit=2&cursor=${first.nextCursor}` })).json();
    expect(byCursor.items.map((a: { id: string }) => a.id)).toEqual(page3.items.map((a: { id: string }) => a.id));
    const both = (await t.call(viewerA, { method: 'GET', url: `${studies()}&limit=2&offset=4&cursor=${first.nextCursor}` })).json();
    expect(both.items.map((a: { theme: string }) => a.theme)).toEqual(['理论学习 9月1日']);
    const past = (await t.call(viewerA, { method: 'GET', url: `${studies()}&offset=50` })).json();
    expect(past).toMatchObject({ items: [], total: 5 });
    expect((await t.call(viewerA, { method: 'GET', url: `${studies()}&offset=-1` })).statusCode).toBe(400);
  });

  it('exports exactly the activities the filter selects, all pages, within what the caller may read', async () => {
    const exportUrl = `/api/v1/exports/activity-list.xlsx?org=${ids.A2}&type=study_session`;
    expect((await t.call(null, { method: 'GET', url: exportUrl })).statusCode).toBe(401);
    expect((await t.call(secretaryA1, { method: 'GET', url: exportUrl })).statusCode).toBe(403);
    expect((await t.call(viewerA, { method: 'GET', url: `${exportUrl}&limit=2` })).statusCode).toBe(400);
    const res = await t.call(viewerA, { method: 'GET', url: exportUrl });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const { headers, rows } = await readSheet(res.rawPayload);
    expect(headers).toEqual(['序号', '日期', '时间', '活动类型', '主题', '主办组织', '地点', '主持人', '状态', '出席', '缺席', '请假', '取消原因']);
    expect(rows.map((r) => r['主题'])).toEqual([5, 4, 3, 2, 1].map((d) => `理论学习 9月${d}日`));
    expect(rows[0]).toMatchObject({ 序号: 1, 日期: '2024-09-05', 时间: '14:00—16:00', 活动类型: '学习', 主办组织: '甲公司第二党支部', 状态: '计划', 出席: 0 });
    // read in batches, every page reaches the file
    const file = await prepareActivityListExport(t.system, { org: ids.A2, type: 'study_session' }, { batchSize: 2 });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await file.write(out);
    expect((await readSheet(Buffer.concat(chunks))).rows).toEqual(rows);
    // without an organization, a secretary's export holds its own branch's activities only
    const own = await readSheet((await t.call(secretaryA1, { method: 'GET', url: '/api/v1/exports/activity-list.xlsx' })).rawPayload);
    expect(own.rows.length).toBeGreaterThan(0);
    expect(own.rows.every((r) => r['主办组织'] !== '甲公司第二党支部')).toBe(true);
  });

  it('cancels selected planned activities with one reason, all or none', async () => {
    const cancel = (who: Session | null, payload: Record<string, unknown>) => t.call(who, { method: 'POST', url: '/api/v1/activities/batch-cancel', payload });
    const states = async () =>
      Promise.all(planned.map(async (id) => (await t.call(admin, { method: 'GET', url: `/api/v1/activities/${id}` })).json().state as string));
    const reason = '与上级党委集中学习冲突';
    expect((await cancel(null, { ids: [planned[0]], cancelReason: reason })).statusCode).toBe(401);
    const outside = await cancel(secretaryA1, { ids: [planned[0]], cancelReason: reason });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error).toMatchObject({ code: 'batch_refused', details: [{ field: 'ids.0', code: 'forbidden' }] });
    for (const bad of [{ ids: [], cancelReason: reason }, { ids: [planned[0], planned[0]], cancelReason: reason }, { ids: [planned[0]] }, { ids: Array(201).fill(planned[0]), cancelReason: reason }]) {
      expect((await cancel(orgAdminA, bad)).statusCode).toBe(400);
    }
    // one held activity among them: nothing is cancelled, and the answer names it
    const mixed = await cancel(orgAdminA, { ids: [planned[0], heldId, planned[1], 'no-such-activity'], cancelReason: reason });
    expect(mixed.statusCode).toBe(404);
    expect(mixed.json().error.details).toMatchObject([
      { field: 'ids.1', code: 'activity_transition', message: '“已开展”的活动不能改为“已取消”' },
      { field: 'ids.3', code: 'not_found' },
    ]);
    expect(await states()).toEqual(['planned', 'planned', 'planned', 'planned', 'planned']);

    const done = await cancel(orgAdminA, { ids: [planned[0], planned[1]], cancelReason: reason });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ cancelled: 2 });
    expect(await states()).toEqual(['cancelled', 'cancelled', 'planned', 'planned', 'planned']);
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/activities/${planned[0]}` })).json().cancelReason).toBe(reason);
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'activity.update'), inArray(auditEvents.subjectId, planned)));
    expect(events.map((e) => e.subjectId).sort()).toEqual([planned[0], planned[1]].sort());
    const again = await cancel(orgAdminA, { ids: [planned[2], planned[0]], cancelReason: reason });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toMatchObject([{ field: 'ids.1', code: 'activity_cancelled' }]);
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true });
  });
});

describe('QR sign-in', () => {
  let activityId: string;

  beforeAll(async () => {
    const now = new Date();
    const hour = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString();
    activityId = (await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1], { state: 'planned', startsAt: hour(-1), endsAt: hour(1), theme: '扫码签到' }) })).json().id;
  });

  it('gives the organizer a six-digit code and a QR image, and no one else', async () => {
    const res = await t.call(secretaryA1, { method: 'GET', url: `/api/v1/activities/${activityId}/sign-in-code` });
    expect(res.statusCode).toBe(200);
    expect(res.json().code).toMatch(/^\d{6}$/);
    expect(res.json().qr).toMatch(/^data:image\/png;base64,/);
    expect(Date.parse(res.json().expiresAt)).toBeGreaterThan(Date.now());
    expect((await t.call(memberA1, { method: 'GET', url: `/api/v1/activities/${activityId}/sign-in-code` })).statusCode).toBe(403);
  });

  it('signs a member in with the code, once, and the attendance shows it', async () => {
    const { code } = (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/activities/${activityId}/sign-in-code` })).json();
    const first = await t.call(memberA1, { method: 'POST', url: `/api/v1/activities/${activityId}/sign-in`, payload: { code } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ memberId: ids.memberA1, status: 'present', source: 'sign_in' });
    const second = await t.call(memberA1, { method: 'POST', url: `/api/v1/activities/${activityId}/sign-in`, payload: { code } });
    expect(second.json().signedInAt).toBe(first.json().signedInAt);
    const list = (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/activities/${activityId}/attendance` })).json();
    expect(list.counts.present).toBe(1);
    expect(list.items).toEqual([first.json()]); // the answer, built without reading back, is the stored row
  });

  it('refuses an old code, another activity’s code, and a member of another organization', async () => {
    const stale = currentCode(t.config.secretKey, activityId, Date.now() - 120_000).digits;
    const res = await t.call(memberA1, { method: 'POST', url: `/api/v1/activities/${activityId}/sign-in`, payload: { code: stale } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toMatchObject([{ field: 'code', code: 'checkin_code_wrong', message: '签到码错误或已过期，请扫描当前的二维码' }]);
    const other = currentCode(t.config.secretKey, 'another-activity').digits;
    expect((await t.call(memberA1, { method: 'POST', url: `/api/v1/activities/${activityId}/sign-in`, payload: { code: other } })).statusCode).toBe(400);
    // orgAdminB has no member record at all
    const { code } = (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/activities/${activityId}/sign-in-code` })).json();
    expect((await t.call(orgAdminB, { method: 'POST', url: `/api/v1/activities/${activityId}/sign-in`, payload: { code } })).statusCode).toBe(403);
    // a member of an organization outside the hosts, not invited
    await createUser(t.system, { username: 'memberB1', password: USER_PASSWORD, memberId: ids.memberB1, roles: [{ role: 'member', orgId: ids.B1 }] });
    const outsider = await t.login('memberB1');
    const refused = await t.call(outsider, { method: 'POST', url: `/api/v1/activities/${activityId}/sign-in`, payload: { code } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('checkin_not_invited');
    expect((await t.call(secretaryA1, { method: 'GET', url: `/api/v1/activities/${activityId}/attendance` })).json().counts.present).toBe(1);
  });

  it('signs in many members at once, each under their own name in the audit trail', async () => {
    const crowd = (await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1], { state: 'planned', startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3600_000).toISOString(), theme: '集中签到' }) })).json();
    const people: Session[] = [];
    for (let i = 0; i < 12; i++) {
      // probationary: full members would give A1 a committee, and the year plan below counts on none
      const memberId = await ids.member(ids.A1, `签到党员${i}`, 'probationary', `19${70 + i}-05-0${1 + (i % 9)}`);
      await createUser(t.system, { username: `crowd${i}`, password: USER_PASSWORD, memberId, roles: [{ role: 'member', orgId: ids.A1 }] });
      people.push(await t.login(`crowd${i}`));
    }
    const { code } = (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/activities/${crowd.id}/sign-in-code` })).json();
    // every phone at once, one of them tapping twice
    const answers = await Promise.all([...people, people[0]!].map((s) => t.call(s, { method: 'POST', url: `/api/v1/activities/${crowd.id}/sign-in`, payload: { code } })));
    expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 200));
    const list = (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/activities/${crowd.id}/attendance` })).json();
    expect(list.counts.present).toBe(12);
    for (const answer of answers) expect(list.items).toContainEqual(answer.json());
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, crowd.id), eq(auditEvents.action, 'activity.sign_in')));
    expect(new Set(events.map((e) => e.actorUserId))).toEqual(new Set(people.map((s) => s.userId)));
    expect(events).toHaveLength(12);
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true });
  });

  it('pushes each sign-in to a watching organizer over Server-Sent Events', async () => {
    const later = (await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1], { state: 'planned', startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3600_000).toISOString(), theme: '直播签到' }) })).json();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const stream = await fetch(`${address}/api/v1/activities/${later.id}/attendance/stream`, { headers: secretaryA1.headers, signal: controller.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = stream.body!.getReader();
    const { code } = (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/activities/${later.id}/sign-in-code` })).json();
    await reader.read(); // ': connected'
    await t.call(memberA1, { method: 'POST', url: `/api/v1/activities/${later.id}/sign-in`, payload: { code } });
    let text = '';
    while (!text.includes('event: attendee')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('"name":"张某一"');
    controller.abort();
  });
});

describe('yearly plan', () => {
  it('plans the year from the rule pack once, for a manager of the organization only', async () => {
    const year = Number(t.system.today.slice(0, 4)) + 1;
    expect((await t.call(viewerA, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/plan`, payload: { year } })).statusCode).toBe(403);
    const res = await t.call(secretaryA1, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/plan`, payload: { year } });
    expect(res.statusCode).toBe(201);
    const items = res.json().items as { type: string; state: string }[];
    const count = (type: string) => items.filter((a) => a.type === type).length;
    // one full member: no committee, so no committee meetings
    expect([count('theme_day'), count('general_assembly'), count('committee_meeting'), count('life_meeting')]).toEqual([12, 4, 0, 1]);
    expect(items.every((a) => a.state === 'planned')).toBe(true);
    const again = await t.call(secretaryA1, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/plan`, payload: { year } });
    expect(again.json().planned).toBe(0);
    expect((await t.call(secretaryA1, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/plan`, payload: { year: 1999 } })).statusCode).toBe(400);
  });
});

describe('photos and documents', () => {
  let activityId: string;
  const upload = (s: Session | null, name: string, content: Buffer) => {
    const body = multipartBody({}, { name, content });
    return t.call(s, { method: 'POST', url: `/api/v1/activities/${activityId}/files`, payload: body.payload, headers: body.headers });
  };

  beforeAll(async () => {
    activityId = (await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1], { theme: '带照片的主题党日' }) })).json().id;
  });

  it('stores a photo with a thumbnail, lists it on the activity, and serves both', async () => {
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c8102e' } }).jpeg().toBuffer();
    const res = await upload(secretaryA1, 'photo.jpg', photo);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'photo', mime: 'image/jpeg', size: photo.length, hasThumbnail: true });
    const detail = (await t.call(viewerA, { method: 'GET', url: `/api/v1/activities/${activityId}` })).json();
    expect(detail.files).toEqual([expect.objectContaining({ id: res.json().id, filename: 'photo.jpg' })]);
    const thumb = await t.call(viewerA, { method: 'GET', url: `/api/v1/activities/${activityId}/files/${res.json().id}/thumbnail` });
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);
    const original = await t.call(viewerA, { method: 'GET', url: `/api/v1/activities/${activityId}/files/${res.json().id}` });
    expect(original.rawPayload.equals(photo)).toBe(true);
  });

  it('checks the type by content: a renamed program is refused and nothing is kept', async () => {
    const res = await upload(secretaryA1, 'photo.jpg', Buffer.from('MZ\x90\x00 pretending to be a photo'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('file');
    expect((await t.call(secretaryA1, { method: 'GET', url: `/api/v1/activities/${activityId}` })).json().files).toHaveLength(1);
  });

  it('refuses a file over the size limit, and uploads by someone who cannot manage the activity', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 10)]);
    expect((await upload(secretaryA1, 'big.pdf', big)).statusCode).toBe(413);
    expect((await upload(viewerA, 'minutes.pdf', Buffer.from('%PDF-1.7\n%%EOF'))).statusCode).toBe(403);
    expect((await upload(null, 'minutes.pdf', Buffer.from('%PDF-1.7\n%%EOF'))).statusCode).toBe(401);
  });

  it('deletes a file', async () => {
    const pdf = await upload(secretaryA1, 'minutes.pdf', Buffer.from('%PDF-1.7\n%%EOF'));
    expect(pdf.json()).toMatchObject({ kind: 'document', hasThumbnail: false });
    expect((await t.call(secretaryA1, { method: 'DELETE', url: `/api/v1/activities/${activityId}/files/${pdf.json().id}` })).statusCode).toBe(204);
    expect((await t.call(secretaryA1, { method: 'GET', url: `/api/v1/activities/${activityId}/files/${pdf.json().id}` })).statusCode).toBe(404);
  });
});

describe("an organization's own activity types", () => {
  it('adds a type that the organization and its subtree can record, and no one else', async () => {
    const orgAdminA = await t.login('orgAdminA');
    const created = await t.call(orgAdminA, { method: 'POST', url: `/api/v1/orgs/${ids.A}/activity-types`, payload: { nameZh: '安全生产党员示范岗活动', nameEn: 'Safety pioneer post' } });
    expect(created.statusCode).toBe(201);
    const typeId = created.json().id;
    const forA1 = (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/orgs/${ids.A1}/activity-types` })).json().items;
    expect(forA1.map((x: { nameZh: string }) => x.nameZh)).toEqual(['安全生产党员示范岗活动']);
    const ok = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1], { type: 'other', customTypeId: typeId, theme: '示范岗' }) });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().customTypeId).toBe(typeId);
    const elsewhere = await t.call(admin, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.B1], { type: 'other', customTypeId: typeId }) });
    expect(elsewhere.json().error.details).toMatchObject([{ field: 'customTypeId', code: 'custom_type_not_of_hosts', message: '不是这些党组织的活动类型' }]);
    const wrongType = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: themeDay([ids.A1], { customTypeId: typeId }) });
    expect(wrongType.json().error.details[0].field).toBe('customTypeId');
    expect((await t.call(viewerA, { method: 'POST', url: `/api/v1/orgs/${ids.A}/activity-types`, payload: { nameZh: 'x', nameEn: 'x' } })).statusCode).toBe(403);
    const dup = await t.call(secretaryA1, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/activity-types`, payload: { nameZh: '安全生产党员示范岗活动', nameEn: 'again' } });
    expect(dup.json().error.details[0].field).toBe('nameZh');
  });
});
