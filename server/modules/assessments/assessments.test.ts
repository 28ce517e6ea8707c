import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { assessments, ballotCodes, ballots } from '../../db/schema/assessments';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { multipartBody } from '../../testing/uploads';
import { sheetRows } from '../../testing/xlsx';
import { resetThrottle } from './ballots';
import { followUpReminders, verifyAssessment } from './service';

// A committee (A) assesses the secretaries of its two branches (A1, A2); another committee's organizer (orgAdminB)
// must see nothing of it. Ballots are cast through the public routes with codes from the issue route.

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let memberA2: string;
const users: Record<string, Session> = {};

const body = (extra: Record<string, unknown> = {}) => ({
  title: '2025年度党支部书记抓基层党建工作述职评议',
  year: 2025,
  heldOn: '2026-01-24',
  organizerOrgId: ids.A,
  reporters: [
    { memberId: ids.memberA1, orgId: ids.A1 },
    { memberId: memberA2, orgId: ids.A2 },
  ],
  raterGroups: [
    { name: '党委委员', weight: 40 },
    { name: '部门负责人', weight: 30 },
    { name: '党员代表', weight: 30 },
  ],
  venues: [{ name: '主会场', main: true }, { name: '分会场' }],
  ...extra,
});

interface Made {
  id: string;
  reporters: { id: string }[];
  raterGroups: { id: string }[];
  venues: { id: string }[];
  state: string;
}

async function create(extra: Record<string, unknown> = {}): Promise<Made> {
  const res = await t.call(users.orgAdminA!, { method: 'POST', url: '/api/v1/assessments', payload: body(extra) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function codes(a: Made, count: number, group = 0, venue = 0): Promise<string[]> {
  const res = await t.call(users.orgAdminA!, { method: 'POST', url: `/api/v1/assessments/${a.id}/codes`, payload: { raterGroupId: a.raterGroups[group]!.id, venueId: a.venues[venue]!.id, count } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().codes;
}
const move = (a: Made, to: string, reporterIds?: string[]) =>
  t.call(users.orgAdminA!, { method: 'POST', url: `/api/v1/assessments/${a.id}/transition`, payload: { to, ...(reporterIds ? { reporterIds } : {}) } });
const grades = (a: Made, grade = 'good', reporters = a.reporters) => reporters.map((r) => ({ reporterId: r.id, grade }));
const cast = (code: string, payload: unknown, address = '127.0.0.1') => t.app.inject({ method: 'POST', url: `/api/v1/ballots/${code}`, payload: payload as object, remoteAddress: address });
let submission = 0;
const sid = () => `sub-${++submission}-${Math.random().toString(36).slice(2)}`;
const ballotCount = async (id: string) => (await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(ballots).where(eq(ballots.assessmentId, id)))[0]!.n;

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  memberA2 = await ids.member(ids.A2, '王某三');
  for (const name of ['orgAdminA', 'orgAdminB', 'viewerA', 'secretaryA1']) users[name] = await t.login(name);
});
afterAll(() => t?.close());

describe('access', () => {
  it('asks for a session, keeps another committee out with no data, and lets the organizer in', async () => {
    expect((await t.call(null, { method: 'POST', url: '/api/v1/assessments', payload: body() })).statusCode).toBe(401);
    expect((await t.call(null, { method: 'GET', url: '/api/v1/assessments' })).statusCode).toBe(401);
    const other = await t.call(users.orgAdminB!, { method: 'POST', url: '/api/v1/assessments', payload: body() });
    expect(other.statusCode).toBe(403);

    const a = await create();
    expect(a.state).toBe('draft');
    expect(a.reporters.every((r) => typeof r.id === 'string')).toBe(true);
    for (const url of [`/api/v1/assessments/${a.id}`, `/api/v1/assessments/${a.id}/results`, `/api/v1/assessments/${a.id}/progress`, `/api/v1/assessments/${a.id}/ballots.csv`, `/api/v1/assessments/${a.id}/follow-ups`]) {
      const res = await t.call(users.orgAdminB!, { method: 'GET', url });
      expect(res.statusCode, url).toBe(403);
      expect(Object.keys(res.json())).toEqual(['error']);
      expect(res.body).not.toContain('王某三');
    }
    expect((await t.call(users.orgAdminB!, { method: 'POST', url: `/api/v1/assessments/${a.id}/codes`, payload: { raterGroupId: a.raterGroups[0]!.id, venueId: a.venues[0]!.id, count: 1 } })).statusCode).toBe(403);
    expect((await t.call(users.orgAdminB!, { method: 'POST', url: `/api/v1/assessments/${a.id}/transition`, payload: { to: 'open' } })).statusCode).toBe(403);
    const list = await t.call(users.orgAdminB!, { method: 'GET', url: '/api/v1/assessments' });
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(a.id);
    const mine = await t.call(users.orgAdminA!, { method: 'GET', url: '/api/v1/assessments' });
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(a.id);
  });
});

describe('bad input changes nothing', () => {
  it('refuses a bad set-up naming the field', async () => {
    const before = (await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(assessments))[0]!.n;
    const refuse = async (extra: Record<string, unknown>, field: string, code: string) => {
      const res = await t.call(users.orgAdminA!, { method: 'POST', url: '/api/v1/assessments', payload: body(extra) });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details).toContainEqual(expect.objectContaining({ field, code }));
    };
    await refuse({ raterGroups: [{ name: '委员', weight: 40 }, { name: '代表', weight: 50 }] }, 'raterGroups', 'weights_sum');
    // the problem is worded in the caller's language from its code and parameters
    const weights = await t.call(users.orgAdminA!, { method: 'POST', url: '/api/v1/assessments', payload: body({ raterGroups: [{ name: '委员', weight: 40 }, { name: '代表', weight: 50 }] }) });
    expect(weights.json().error.details).toContainEqual({ field: 'raterGroups', code: 'weights_sum', params: { sum: 90 }, message: '各测评组权重之和须为 100（现为 90）' });
    await refuse({ reporters: [{ memberId: ids.memberA1, orgId: ids.A1 }, { memberId: ids.memberA1, orgId: ids.A2 }] }, 'reporters.1.memberId', 'duplicate_reporter');
    await refuse({ scale: [{ grade: 'excellent', points: 100 }, { grade: 'excellent', points: 50 }] }, 'scale.1.grade', 'duplicate_grade');
    await refuse({ thresholds: { excellent: 90, good: 75, fair: 60, superb: 99 } }, 'thresholds.superb', 'grade_not_on_scale');
    await refuse({ reporters: [{ memberId: ids.memberB1, orgId: ids.B1 }] }, 'reporters.0.orgId', 'outside_organizer');
    expect((await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(assessments))[0]!.n).toBe(before);
  });

  it('refuses too many codes, opening without codes, and editing the set-up once open', async () => {
    const a = await create();
    const many = await t.call(users.orgAdminA!, { method: 'POST', url: `/api/v1/assessments/${a.id}/codes`, payload: { raterGroupId: a.raterGroups[0]!.id, venueId: a.venues[0]!.id, count: 10_001 } });
    expect(many.statusCode).toBe(400);
    expect(many.json().error.details).toContainEqual(expect.objectContaining({ field: 'count' }));
    const noCodes = await move(a, 'open');
    expect(noCodes.statusCode).toBe(409);
    expect(noCodes.json().error.code).toBe('no_codes');
    expect((await t.call(users.orgAdminA!, { method: 'GET', url: `/api/v1/assessments/${a.id}` })).json().state).toBe('draft');

    await codes(a, 2);
    expect((await move(a, 'open')).statusCode).toBe(200);
    for (const [field, value] of [
      ['scale', [{ grade: 'a', points: 10 }, { grade: 'b', points: 0 }]],
      ['raterGroups', [{ name: '全体', weight: 100 }]],
      ['criteria', [{ name: '履职尽责' }]],
    ] as const) {
      const res = await t.call(users.orgAdminA!, { method: 'PATCH', url: `/api/v1/assessments/${a.id}`, payload: { [field]: value } });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'locked', details: [expect.objectContaining({ field, code: 'locked' })] });
    }
    const after = (await t.call(users.orgAdminA!, { method: 'GET', url: `/api/v1/assessments/${a.id}` })).json();
    expect(after.raterGroups.map((g: { weight: number }) => g.weight)).toEqual([40, 30, 30]);
    expect(after.criteria).toEqual([]);
  });

  it('refuses a ballot missing an open reporter, a grade off the scale, a reporter not open, and a code of another assessment', async () => {
    resetThrottle();
    const a = await create();
    const [code] = await codes(a, 1);
    expect((await move(a, 'open', [a.reporters[0]!.id])).statusCode).toBe(200);
    const refuse = async (payload: unknown, field: string, code_: string) => {
      const res = await cast(code!, payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details).toContainEqual(expect.objectContaining({ field, code: code_ }));
    };
    await refuse({ submissionId: sid(), grades: [] }, 'grades', 'missing_grade');
    await refuse({ submissionId: sid(), grades: [{ reporterId: a.reporters[0]!.id, grade: 'great' }] }, 'grades.0.grade', 'grade_not_on_scale');
    await refuse({ submissionId: sid(), grades: grades(a) }, 'grades.1.reporterId', 'reporter_not_open');
    const b = await create();
    const paper = await t.call(users.orgAdminA!, { method: 'POST', url: `/api/v1/assessments/${b.id}/paper-ballots`, payload: { code, grades: grades(a, 'good', a.reporters.slice(0, 1)) } });
    expect(paper.statusCode).toBe(400);
    expect(paper.json().error.details).toContainEqual(expect.objectContaining({ field: 'code', code: 'other_assessment' }));
    expect(await ballotCount(a.id)).toBe(0);
    const [row] = await t.database.db.select().from(ballotCodes).where(eq(ballotCodes.assessmentId, a.id));
    expect(row!.used).toBe(false);
    // the code still works for a good ballot
    expect((await cast(code!, { submissionId: sid(), grades: grades(a, 'good', a.reporters.slice(0, 1)) })).statusCode).toBe(201);
  });

  it('answers 404 to an unknown code and 429 to an address that keeps guessing', async () => {
    resetThrottle();
    for (let i = 0; i < 30; i++) expect((await t.app.inject({ method: 'GET', url: `/api/v1/ballots/ABCD-EFGH-${String(10000 + i)}`, remoteAddress: '10.0.0.9' })).statusCode).toBe(404);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/ballots/ABCD-EFGH-99999', remoteAddress: '10.0.0.11', headers: { 'accept-language': 'en' } });
    expect(unknown.json().error).toMatchObject({ code: 'unknown_code', message: 'No ballot has this code' });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/ballots/ABCD-EFGH-JKMNP', remoteAddress: '10.0.0.9' });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('too_many_attempts');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/ballots/ABCD-EFGH-JKMNP', remoteAddress: '10.0.0.10' })).statusCode).toBe(404);
  });
});

describe('one ballot per code', () => {
  it('counts exactly one of 50 concurrent duplicates, and a retry with the same submission id gets the first answer', async () => {
    resetThrottle();
    const a = await create();
    const [code, second] = await codes(a, 2);
    expect((await move(a, 'open')).statusCode).toBe(200);
    const answers = await Promise.all(Array.from({ length: 50 }, () => cast(code!, { submissionId: sid(), grades: grades(a) })));
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 409 && r.json().error.code === 'already_voted')).toHaveLength(49);
    expect(await ballotCount(a.id)).toBe(1);

    const same = sid();
    const retries = await Promise.all(Array.from({ length: 20 }, () => cast(second!, { submissionId: same, grades: grades(a, 'excellent') })));
    expect(retries.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(retries.filter((r) => r.statusCode === 200)).toHaveLength(19);
    const first = retries.find((r) => r.statusCode === 201)!.json();
    expect(first).toEqual({ accepted: true, submissionId: same, reporterIds: a.reporters.map((r) => r.id), paper: false });
    for (const r of retries) expect(r.json()).toEqual(first);
    expect(await ballotCount(a.id)).toBe(2);
    const progress = (await t.call(users.orgAdminA!, { method: 'GET', url: `/api/v1/assessments/${a.id}/progress` })).json();
    expect(progress).toMatchObject({ issued: 2, submitted: 2 });
    expect(progress.byReporter).toEqual(a.reporters.map((r) => ({ reporterId: r.id, ballots: 2 })));
  });

  it('lets a code score reporters opened later, once each', async () => {
    const a = await create();
    const [code] = await codes(a, 1);
    await move(a, 'open', [a.reporters[0]!.id]);
    expect((await cast(code!, { submissionId: sid(), grades: grades(a, 'good', a.reporters.slice(0, 1)) })).statusCode).toBe(201);
    const sheet = (await t.app.inject({ method: 'GET', url: `/api/v1/ballots/${code}` })).json();
    expect(sheet.done).toBe(true);
    await move(a, 'open', [a.reporters[1]!.id]);
    const later = (await t.app.inject({ method: 'GET', url: `/api/v1/ballots/${code!.toLowerCase()}` })).json();
    expect(later.reporters.map((r: { scored: boolean }) => r.scored)).toEqual([true, false]);
    expect((await cast(code!, { submissionId: sid(), grades: grades(a, 'fair', a.reporters.slice(1)) })).statusCode).toBe(201);
    expect((await cast(code!, { submissionId: sid(), grades: grades(a, 'fair', a.reporters.slice(1)) })).json().error.code).toBe('already_voted');
    expect(await ballotCount(a.id)).toBe(2);
  });

  it('counts every ballot answered 201 when a close races the submissions, and refuses the rest', async () => {
    resetThrottle();
    const a = await create();
    const list = await codes(a, 40, 2, 1);
    await move(a, 'open');
    const submits = list.map((c, i) => new Promise((r) => setTimeout(r, i % 10)).then(() => cast(c, { submissionId: sid(), grades: grades(a, i % 2 ? 'excellent' : 'fair') })));
    const close = new Promise((r) => setTimeout(r, 4)).then(() => move(a, 'closed'));
    const [answers, closed] = await Promise.all([Promise.all(submits), close]);
    expect(closed.statusCode).toBe(200);
    const accepted = answers.filter((r) => r.statusCode === 201).length;
    for (const r of answers.filter((x) => x.statusCode !== 201)) expect(r.json().error.code).toBe('closed');
    const results = (await t.call(users.orgAdminA!, { method: 'GET', url: `/api/v1/assessments/${a.id}/results` })).json();
    expect(results.ballots).toBe(accepted);
    expect(await ballotCount(a.id)).toBe(accepted);
    expect((await verifyAssessment(t.system, a.id)).problems).toEqual([]);
  });
});

describe('secrecy', () => {
  it('keeps nothing on a ballot that could join it to a code, a user or a time', async () => {
    const columns = async (table: string) =>
      (await queryRows<{ column_name: string }>(t.database.db, sql`select column_name from information_schema.columns where table_name = ${table} order by column_name`)).map((c) => c.column_name);
    expect(await columns('ballots')).toEqual(['assessment_id', 'grades', 'id', 'paper', 'rater_group_id', 'reporter_ids', 'venue_id']);
    expect(await columns('ballot_codes')).toEqual(['assessment_id', 'hash', 'issued_in_app', 'rater_group_id', 'scored', 'used', 'venue_id']);
    expect(await columns('ballot_submissions')).toEqual(['answer', 'assessment_id', 'code_hash', 'submission_id']);

    const a = await create();
    const [code] = await codes(a, 1);
    await move(a, 'open');
    // a phone whose browser is signed in sends its cookie but no CSRF header: the ballot route ignores the session
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/ballots/${code}`, payload: { submissionId: sid(), grades: grades(a) }, headers: { cookie: users.orgAdminA!.headers.cookie! } });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json();
    const [ballot] = await t.database.db.select().from(ballots).where(eq(ballots.assessmentId, a.id));
    // the receipt names no ballot, the ballot id is random (not time-ordered), and no plain code is stored anywhere
    expect(JSON.stringify(receipt)).not.toContain(ballot!.id);
    expect(ballot!.id).toMatch(/^[0-9a-f]{32}$/);
    const dump = JSON.stringify(await queryRows(t.database.db, sql`select * from ballot_codes c left join ballot_submissions s on s.code_hash = c.hash where c.assessment_id = ${a.id}`));
    expect(dump).not.toContain(code!.replaceAll('-', ''));
    expect(dump).not.toContain(ballot!.id);
  });
});

describe('results', () => {
  it('tallies, stores on close, shows readers only once published, and recounts the same', async () => {
    resetThrottle();
    const a = await create();
    const committee = await codes(a, 5, 0, 0);
    const heads = await codes(a, 5, 1, 0);
    const reps = await codes(a, 3, 2, 1);
    await move(a, 'open');
    for (const c of committee) await cast(c, { submissionId: sid(), grades: grades(a, 'excellent') });
    for (const c of heads) await cast(c, { submissionId: sid(), grades: grades(a, 'good') });
    for (const c of reps.slice(0, 2)) await cast(c, { submissionId: sid(), grades: grades(a, 'fair') });
    const paper = await t.call(users.orgAdminA!, { method: 'POST', url: `/api/v1/assessments/${a.id}/paper-ballots`, payload: { code: reps[2], grades: grades(a, 'poor') } });
    expect(paper.statusCode, paper.body).toBe(201);

    expect((await t.call(users.viewerA!, { method: 'GET', url: `/api/v1/assessments/${a.id}/results` })).statusCode).toBe(403);
    expect((await move(a, 'closed')).statusCode).toBe(200);
    const results = (await t.call(users.orgAdminA!, { method: 'GET', url: `/api/v1/assessments/${a.id}/results` })).json();
    const r0 = results.reporters[0];
    expect(results).toMatchObject({ ballots: 13, paperBallots: 1, state: 'closed' });
    expect(r0.counts).toEqual({ excellent: 5, good: 5, fair: 2, poor: 1 });
    // 100 × 40 + 80 × 30 + (60 + 60 + 0) / 3 × 30 = 4000 + 2400 + 1200 → 76.00; share (5 + 5) / 13
    expect(r0.score).toBe(76);
    expect(r0.grade).toBe('good');
    expect(r0.share).toBe(76.92);
    expect(r0.byGroup[2]).toEqual({ raterGroupId: a.raterGroups[2]!.id, ballots: 3 });
    expect(r0.byGroup[0].meanPoints).toBe(100);

    expect((await move(a, 'published')).statusCode).toBe(200);
    expect((await t.call(users.viewerA!, { method: 'GET', url: `/api/v1/assessments/${a.id}/results` })).json().reporters).toHaveLength(2);
    const own = (await t.call(users.secretaryA1!, { method: 'GET', url: `/api/v1/assessments/${a.id}/results` })).json();
    expect(own.reporters.map((r: { reporterId: string }) => r.reporterId)).toEqual([a.reporters[0]!.id]);

    expect(await verifyAssessment(t.system, a.id)).toEqual({ ballots: 13, problems: [] });
    // a changed ballot shows up in the recount
    await t.database.db.execute(sql`update ballots set grades = jsonb_set(grades, '{0,grade}', '"poor"') where assessment_id = ${a.id} and paper = false and grades->0->>'grade' = 'excellent' and ctid = (select min(ctid) from ballots where assessment_id = ${a.id} and grades->0->>'grade' = 'excellent')`);
    expect((await verifyAssessment(t.system, a.id)).problems.length).toBeGreaterThan(0);
  });

  it('gives the documents: tally sheet, anonymous ballots, result letter, slips', async () => {
    const a = await create();
    const list = await codes(a, 3);
    await move(a, 'open');
    for (const c of list) await cast(c, { submissionId: sid(), grades: grades(a, 'good') });
    await move(a, 'closed');
    const xlsx = await t.call(users.orgAdminA!, { method: 'GET', url: `/api/v1/assessments/${a.id}/results.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const csv = await t.call(users.orgAdminA!, { method: 'GET', url: `/api/v1/assessments/${a.id}/ballots.csv` });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('1,党委委员,主会场,phone,good,good');
    const letter = await t.call(users.orgAdminA!, { method: 'GET', url: `/api/v1/assessments/${a.id}/reporters/${a.reporters[0]!.id}/letter.docx` });
    expect(letter.statusCode).toBe(200);
    expect(letter.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const slips = await t.call(users.orgAdminA!, { method: 'POST', url: `/api/v1/assessments/${a.id}/slips.docx`, payload: { codes: list } });
    expect(slips.statusCode).toBe(200);
    const foreign = await t.call(users.orgAdminA!, { method: 'POST', url: `/api/v1/assessments/${a.id}/slips.docx`, payload: { codes: ['0000-0000-00000'] } });
    expect(foreign.statusCode).toBe(400);
  });
});

describe('notes and follow-ups', () => {
  it('records questions and comments, and a follow-up list the reporter’s organization closes with evidence', async () => {
    const a = await create();
    const note = await t.call(users.orgAdminA!, { method: 'POST', url: `/api/v1/assessments/${a.id}/notes`, payload: { reporterId: a.reporters[0]!.id, kind: 'comment', text: '青年人才培养要再加力', byName: '郝书记' } });
    expect(note.statusCode).toBe(201);
    const item = await t.call(users.orgAdminA!, { method: 'POST', url: `/api/v1/assessments/${a.id}/follow-ups`, payload: { reporterId: a.reporters[0]!.id, problem: '三会一课记录不全', measure: '按月检查台账', owner: '张某一', dueOn: '2026-03-31' } });
    expect(item.statusCode, item.body).toBe(201);
    const itemId = item.json().id;
    const noEvidence = await t.call(users.secretaryA1!, { method: 'PATCH', url: `/api/v1/assessments/${a.id}/follow-ups/${itemId}`, payload: { doneOn: '2026-01-01' } });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().error.details).toContainEqual(expect.objectContaining({ field: 'evidence', code: 'evidence_required' }));
    const done = await t.call(users.secretaryA1!, { method: 'PATCH', url: `/api/v1/assessments/${a.id}/follow-ups/${itemId}`, payload: { doneOn: '2026-01-01', evidence: '台账已补齐' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ doneOn: '2026-01-01', evidence: '台账已补齐', overdue: false });
    expect((await t.call(users.orgAdminB!, { method: 'PATCH', url: `/api/v1/assessments/${a.id}/follow-ups/${itemId}`, payload: { owner: 'x' } })).statusCode).toBe(403);

    const next = await create({ year: 2026, heldOn: '2027-01-20' });
    const lists = (await t.call(users.orgAdminA!, { method: 'GET', url: `/api/v1/assessments/${next.id}/follow-ups` })).json();
    expect(lists.items).toEqual([]);
    expect(lists.previous.map((f: { problem: string }) => f.problem)).toContain('三会一课记录不全');
    const upload = multipartBody({}, { name: 'report.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') });
    const attached = await t.call(users.secretaryA1!, { method: 'POST', url: `/api/v1/assessments/${a.id}/reporters/${a.reporters[0]!.id}/report`, payload: upload.payload, headers: upload.headers });
    expect(attached.statusCode, attached.body).toBe(201);
    expect((await t.call(users.secretaryA1!, { method: 'POST', url: `/api/v1/assessments/${a.id}/reporters/${a.reporters[1]!.id}/report`, payload: upload.payload, headers: upload.headers })).statusCode).toBe(404);
    const report = await t.call(users.viewerA!, { method: 'GET', url: `/api/v1/assessments/${a.id}/reporters/${a.reporters[0]!.id}/report` });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('%PDF');
    const figures = await t.call(users.orgAdminA!, { method: 'GET', url: `/api/v1/assessments/${a.id}/reporters/${a.reporters[0]!.id}/figures` });
    expect(figures.statusCode, figures.body).toBe(200);
    expect(figures.json()).toMatchObject({ year: 2025, membersFull: 1, secretaryProject: null });
    // no activity was held in 2025: the monthly theme days of that year are missed, none met
    expect(figures.json().compliance).toMatchObject({ met: 0, due: 0 });
    expect(figures.json().compliance.missed).toBeGreaterThan(0);

    // an item past its due date and not done reminds the reporter's organization once
    await t.call(users.orgAdminA!, { method: 'POST', url: `/api/v1/assessments/${a.id}/follow-ups`, payload: { reporterId: a.reporters[0]!.id, problem: '党员发展计划滞后', dueOn: '2026-02-01' } });
    expect(await followUpReminders(t.database.db, '2026-02-02')).toBeGreaterThan(0);
    expect(await followUpReminders(t.database.db, '2026-02-03')).toBe(0);
    const notices = (await t.call(users.secretaryA1!, { method: 'GET', url: '/api/v1/notifications' })).json();
    expect(notices.items.map((n: { kind: string }) => n.kind)).toContain('follow_up_overdue');
  });
});

describe('the export of the list', () => {
  it('needs a session, holds only what the caller may read, and exactly what the filter selects', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/v1/assessments/export.xlsx' })).statusCode).toBe(401);
    await create({ title: '2024年度党支部书记述职评议', year: 2024, heldOn: '2025-01-20' });
    const sheet = async (s: Session, query: string) => {
      const res = await t.call(s, { method: 'GET', url: `/api/v1/assessments/export.xlsx${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return sheetRows(res.rawPayload);
    };
    const [header, ...rows] = await sheet(users.orgAdminA!, '?year=2024');
    expect(header).toEqual(['标题', '年度', '评议日期', '组织单位', '述职人数', '状态']);
    expect(rows).toEqual([['2024年度党支部书记述职评议', '2024', '2025-01-20', '甲公司党委', '2', '草稿']]);
    const listed = (await t.call(users.orgAdminA!, { method: 'GET', url: '/api/v1/assessments?state=draft' })).json().items.map((a: { title: string }) => a.title);
    expect((await sheet(users.orgAdminA!, '?state=draft')).slice(1).map((r) => r[0])).toEqual(listed);
    expect(listed.length).toBeGreaterThan(1);
    expect(await sheet(users.orgAdminB!, '')).toHaveLength(1);
    expect((await t.call(users.orgAdminA!, { method: 'GET', url: '/api/v1/assessments/export.xlsx?state=bogus' })).statusCode).toBe(400);
  });
});

