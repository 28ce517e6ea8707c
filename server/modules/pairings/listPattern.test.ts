import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/dates';
import { auditEvents } from '../../db/schema/audit';
import type { Session, TestApp } from '../../testing/harness';
import { startTestApp } from '../../testing/harness';
import { agreement, fieldsOf, seedPairingWorld } from './fixtures';

// The pairing list as one list pattern (issue 11): page numbers (offset and total), the export of the current filter
// (.xlsx, the same rows and scope as the list) and the batch reminder (催办), all or nothing.

let t: TestApp;
let w: Awaited<ReturnType<typeof seedPairingWorld>>;
/** A1 ⇄ B1 and A2 ⇄ B1 in force, coordinated by the zone Z; a draft A1 ⇄ B1 for later; A1 ⇄ A2 kept by A itself */
let P1: string;
let P2: string;
let D: string;
let P3: string;

const call = (who: Session | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.call(who, { method, url: `/api/v1${url}`, payload: payload as Record<string, unknown> | undefined });
const reminds = async (id: string) =>
  (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'pairing.remind')))).length;
const reminders = async (who: Session) =>
  (await call(who, 'GET', '/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'pairing_reminder') as { subjectId: string; message: string }[];

async function sheetRows(body: Buffer): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, (row.values as unknown[])[i + 1] ?? null])));
  });
  return rows;
}

beforeAll(async () => {
  t = await startTestApp();
  w = await seedPairingWorld(t);
  const make = async (body: Record<string, unknown>) => {
    const res = await call(w.s.admin, 'POST', '/pairings', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  P1 = await make(agreement(t, [w.A1, w.B1], { coordinatorOrgId: w.Z, title: '甲一乙结对', state: 'active', validFrom: addDays(w.today, -30) }));
  P2 = await make(agreement(t, [w.A2, w.B1], { coordinatorOrgId: w.Z, title: '甲二乙结对', state: 'active', validFrom: addDays(w.today, -20) }));
  D = await make(agreement(t, [w.A1, w.B1], { coordinatorOrgId: w.Z, title: '甲一乙下期草案', validFrom: addDays(w.today, 800), validTo: addDays(w.today, 1500) }));
  P3 = await make(agreement(t, [w.A1, w.A2], { title: '甲公司内部结对', state: 'active', validFrom: addDays(w.today, -10) }));
});
afterAll(async () => t.close());

describe('GET /pairings with page numbers', () => {
  it('answers 401 without a session', async () => {
    expect((await call(null, 'GET', '/pairings?offset=0')).statusCode).toBe(401);
  });

  it('skips `offset` rows of the filtered list, ignores a cursor then, and counts the total', async () => {
    const all = (await call(w.s.orgAdminZ, 'GET', `/pairings?coordinator=${w.Z}`)).json();
    expect(all.items.map((p: { id: string }) => p.id)).toEqual([D, P2, P1]);
    const second = (await call(w.s.orgAdminZ, 'GET', `/pairings?coordinator=${w.Z}&limit=1&offset=1&cursor=garbage`)).json();
    expect(second.total).toBe(3);
    expect(second.items.map((p: { id: string }) => p.id)).toEqual([P2]);
    // the Contract's health stays on the items of a page by number
    expect(second.items[0].health).toMatchObject({ state: expect.any(String) });
    const past = (await call(w.s.orgAdminZ, 'GET', `/pairings?coordinator=${w.Z}&limit=2&offset=3`)).json();
    expect(past).toMatchObject({ items: [], total: 3 });
    expect((await call(w.s.orgAdminZ, 'GET', '/pairings?offset=-1')).statusCode).toBe(400);
  });

  it('never counts what the caller may not read', async () => {
    const b = (await call(w.s.orgAdminB, 'GET', '/pairings?limit=1&offset=0')).json();
    expect(b.total).toBe(3); // P1, P2 and the draft through B1; not A's own pairing
  });
});

describe('GET /pairings/export.xlsx', () => {
  it('answers 401 without a session', async () => {
    expect((await call(null, 'GET', '/pairings/export.xlsx')).statusCode).toBe(401);
  });

  it("holds exactly the filter's rows within the caller's scope, in Chinese", async () => {
    const res = await call(w.s.orgAdminB, 'GET', '/pairings/export.xlsx?state=active');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(res.rawPayload);
    // B reads P1 and P2 in force; A's own A1 ⇄ A2 is in force too but not B's to see, and the draft is filtered out
    expect(rows.map((r) => r['协议名称'])).toEqual(['甲二乙结对', '甲一乙结对']);
    expect(rows[1]).toMatchObject({ 序号: 2, 结对双方: '甲公司第一党支部 ⇄ 乙公司党支部', 协调单位: '高新区党工委', 状态: '生效' });
    expect(String(rows[1]!['有效期起'])).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(['运行良好', '需要关注', '不活跃']).toContain(rows[1]!['本季度运行情况']);

    const a = await sheetRows((await call(w.s.orgAdminA, 'GET', `/pairings/export.xlsx?q=${encodeURIComponent('内部')}`)).rawPayload);
    expect(a.map((r) => r['协议名称'])).toEqual(['甲公司内部结对']);
    expect((await call(w.s.orgAdminA, 'GET', '/pairings/export.xlsx?limit=5')).statusCode).toBe(400);
  });
});

describe('POST /pairings/remind (催办, all or nothing)', () => {
  const note = '请于本月底前开展本季度联合主题党日';

  it('answers 401 without a session', async () => {
    expect((await call(null, 'POST', '/pairings/remind', { ids: [P1], note })).statusCode).toBe(401);
  });

  it('refuses pairings the caller does not keep, naming each, and sends nothing', async () => {
    // B1's side is a party of P1, but the zone keeps it; A's own pairing is not B's to read
    const res = await call(w.s.orgAdminB, 'POST', '/pairings/remind', { ids: [P1, P3], note });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'batch_refused', params: { count: 2 } });
    expect(fieldsOf(res.json())).toEqual(['ids.0', 'ids.1']);
    expect(await reminds(P1)).toBe(0);
  });

  it('answers 400 for no ids, too many, a blank note, or an id listed twice', async () => {
    expect((await call(w.s.orgAdminZ, 'POST', '/pairings/remind', { ids: [], note })).statusCode).toBe(400);
    expect((await call(w.s.orgAdminZ, 'POST', '/pairings/remind', { ids: Array.from({ length: 201 }, (_, i) => `x${i}`), note })).statusCode).toBe(400);
    const blank = await call(w.s.orgAdminZ, 'POST', '/pairings/remind', { ids: [P1], note: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(fieldsOf(blank.json())).toEqual(['note']);
    const twice = await call(w.s.orgAdminZ, 'POST', '/pairings/remind', { ids: [P1, P1], note });
    expect(twice.statusCode).toBe(400);
    expect(fieldsOf(twice.json())).toEqual(['ids.1']);
    expect(await reminds(P1)).toBe(0);
  });

  it('changes nothing when one of them is refused (a draft, an unknown id)', async () => {
    const res = await call(w.s.orgAdminZ, 'POST', '/pairings/remind', { ids: [P1, D, P2, 'no-such-pairing'], note });
    expect(res.statusCode).toBe(404); // the status that tells most: not found before a conflict
    const details = res.json().error.details as { field: string; code: string; message: string }[];
    expect(details.map((d) => [d.field, d.code])).toEqual([
      ['ids.1', 'pairing_not_in_force'],
      ['ids.3', 'not_found'],
    ]);
    expect(details[0]!.message).toBe('协议处于“草拟”状态，不能催办');
    expect(await reminds(P1)).toBe(0);
    expect(await reminds(P2)).toBe(0);
    expect(await reminders(w.s.secretaryB1)).toEqual([]);
  });

  it("reminds every party's officers of each selected pairing, with the note, and audits each", async () => {
    const res = await call(w.s.orgAdminZ, 'POST', '/pairings/remind', { ids: [P1, P2], note });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ reminded: 2 });
    expect(await reminds(P1)).toBe(1);
    expect(await reminds(P2)).toBe(1);
    const b1 = await reminders(w.s.secretaryB1);
    expect(b1.map((n) => n.subjectId).sort()).toEqual([P1, P2].sort());
    expect(b1[0]!.message).toContain(note);
    expect((await reminders(w.s.secretaryA1)).map((n) => n.subjectId)).toEqual([P1]);
    // a party keeping its own pairing reminds the other party
    expect((await call(w.s.orgAdminA, 'POST', '/pairings/remind', { ids: [P3], note })).statusCode).toBe(200);
  });
});
