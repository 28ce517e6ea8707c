import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { isWithin, authorize, readScopes } from '../../../domain/access';
import { formatBallotCode, newBallotCode } from '../../../domain/assessments/codes';
import { validateSetup } from '../../../domain/assessments/setup';
import { allowedTransitions, isEditable, transition, type AssessmentState, type Problem } from '../../../domain/assessments/states';
import { DEFAULT_SCALE, DEFAULT_THRESHOLDS, diffResults, tally, type ScaleStep, type Thresholds } from '../../../domain/assessments/tally';
import type { Reminder } from '../../../domain/reminders';
import type {
  Assessment,
  AssessmentCreate,
  AssessmentPatch,
  FollowUp,
  Progress,
  Results,
} from '../../../domain/schemas/assessments';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import {
  assessmentCriteria,
  assessmentFollowUps,
  assessmentNotes,
  assessmentRaterGroups,
  assessmentReporters,
  assessmentVenues,
  assessments,
  ballotCodes,
} from '../../db/schema/assessments';
import { users } from '../../db/schema/auth';
import { notifications } from '../../db/schema/activities';
import { appError, forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../ids';
import { orgCompliance } from '../compliance/service';
import { inAppChannel } from '../notifications/service';
import { codeKey, hashCode } from './ballots';
import * as q from './queries';

// Debriefing assessments (述职评议考核): set-up, ballot codes, the moves of scoring, progress, results, notes and the
// follow-up list. The rules are in domain/assessments (state machine, set-up and ballot checks, the exact tally);
// casting a ballot is in ballots.ts. Each write and its audit event commit in one transaction; a close computes the
// results under the assessment's row lock, after every ballot in flight, and stores them as what the meeting saw.

// ---- access --------------------------------------------------------------------------------------------------

interface Loaded {
  row: q.AssessmentRow;
  reporters: q.ReporterRow[];
  canManage: boolean;
  /** reads the whole assessment (organizer or a reader of the organizer's subtree) */
  readsAll: boolean;
  /** the reporters whose organization the caller reads (all of them when readsAll) */
  readableReporterIds: Set<string>;
}

/**
 * 404 when it does not exist; 403 when the caller neither reads the organizer's subtree nor a reporter's
 * organization, or, to manage, is not entitled for the organizer.
 */
async function load(ctx: Ctx, db: Db, id: string, need: 'read' | 'manage', lock = false): Promise<Loaded> {
  const row = lock ? await q.lockAssessment(db, id) : await q.getAssessment(db, id);
  if (!row) throw notFound('assessment');
  const subject = { orgPath: row.organizerPath };
  const canManage = authorize(ctx.actor, 'assessment.manage', subject);
  if (need === 'manage' && !canManage) throw forbidden();
  const reporters = await q.reportersOf(db, id);
  const readsAll = canManage || authorize(ctx.actor, 'assessment.read', subject);
  const readableReporterIds = new Set(reporters.filter((r) => readsAll || authorize(ctx.actor, 'assessment.read', { orgPath: r.orgPath })).map((r) => r.r.id));
  if (readableReporterIds.size === 0 && !readsAll) throw forbidden();
  return { row, reporters, canManage, readsAll, readableReporterIds };
}

const problemsError = (status: 400 | 409, problems: Problem[]) =>
  status === 400 ? invalid(problems) : appError(409, problems[0]!.code, problems[0]!.params, problems);

// ---- reading -------------------------------------------------------------------------------------------------

async function toApi(ctx: Ctx, db: Db, l: Loaded): Promise<Assessment> {
  const { row } = l;
  const [groups, venues, criteria, codesIssued, organizerOrgName, previousId] = await Promise.all([
    q.groupsOf(db, row.id),
    q.venuesOf(db, row.id),
    q.criteriaOf(db, row.id),
    q.codesIssued(db, row.id),
    q.orgName(db, row.organizerOrgId),
    q.previousOf(db, row),
  ]);
  const state = row.state as AssessmentState;
  const record = { state, reporterIds: l.reporters.map((r) => r.r.id), openReporterIds: l.reporters.filter((r) => r.r.open).map((r) => r.r.id), codesIssued };
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    heldOn: row.heldOn,
    organizerOrgId: row.organizerOrgId,
    organizerOrgName,
    state,
    scale: row.scale,
    thresholds: row.thresholds,
    reporters: l.reporters.map((r) => ({
      id: r.r.id,
      memberId: r.r.memberId,
      memberName: r.memberName,
      orgId: r.r.orgId,
      orgName: r.orgName,
      position: r.r.position,
      open: r.r.open,
      reportFilename: r.r.reportFilename,
    })),
    raterGroups: groups.map((g) => ({ id: g.id, name: g.name, weight: g.weight, position: g.position })),
    venues: venues.map((v) => ({ id: v.id, name: v.name, main: v.main, position: v.position })),
    criteria: criteria.map((c) => ({ id: c.id, name: c.name, position: c.position })),
    codesIssued,
    previousId,
    allowed: l.canManage ? allowedTransitions(record) : [],
    canManage: l.canManage,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function getAssessment(ctx: Ctx, id: string): Promise<Assessment> {
  return toApi(ctx, ctx.db, await load(ctx, ctx.db, id, 'read'));
}

/** Assessments the caller organizes or reads: organized in its subtrees, or with a reporter in them. */
export interface AssessmentFilter {
  org?: string;
  year?: number;
  state?: AssessmentState;
}

/** The list's filter within what the caller may read; the list shows the newest 200, the export all of them. */
export async function findAssessments(ctx: Ctx, query: AssessmentFilter, limit = 200) {
  const scopes = readScopes(ctx.actor, 'org.read');
  const where = [scopes === null ? undefined : q.visibleIn(scopes)];
  if (query.org) where.push(eq(assessments.organizerOrgId, query.org));
  if (query.year) where.push(eq(assessments.year, query.year));
  if (query.state) where.push(eq(assessments.state, query.state));
  return q.listAssessments(ctx.db, where, limit);
}

export async function listAssessments(ctx: Ctx, query: AssessmentFilter) {
  const rows = await findAssessments(ctx, query);
  return {
    items: rows.map(({ a, organizerOrgName, reporters }) => ({
      id: a.id,
      title: a.title,
      year: a.year,
      heldOn: a.heldOn,
      organizerOrgId: a.organizerOrgId,
      organizerOrgName,
      state: a.state as AssessmentState,
      reporters,
      canManage: authorize(ctx.actor, 'assessment.manage', { orgPath: a.organizerPath }),
    })),
    nextCursor: null,
  };
}

// ---- set-up --------------------------------------------------------------------------------------------------

type SetupLists = Required<Pick<AssessmentCreate, 'reporters' | 'raterGroups' | 'venues' | 'criteria' | 'scale' | 'thresholds'>>;

/** Field problems of a set-up: the domain's checks, plus people and organizations that exist under the organizer. */
async function checkSetup(db: Db, organizerPath: string, s: SetupLists): Promise<Problem[]> {
  const problems = validateSetup({ ...s, thresholds: s.thresholds });
  const memberMap = await q.membersByIds(db, s.reporters.map((r) => r.memberId));
  const orgMap = await q.orgsByIds(db, s.reporters.map((r) => r.orgId));
  s.reporters.forEach((r, i) => {
    if (!memberMap.has(r.memberId)) problems.push({ field: `reporters.${i}.memberId`, code: 'no_such_member' });
    const org = orgMap.get(r.orgId);
    if (!org) problems.push({ field: `reporters.${i}.orgId`, code: 'no_such_org' });
    else if (!isWithin(org.path, organizerPath)) problems.push({ field: `reporters.${i}.orgId`, code: 'outside_organizer' });
  });
  return problems;
}

async function insertLists(tx: Db, assessmentId: string, s: Pick<SetupLists, 'reporters' | 'criteria'>) {
  if (s.reporters.length) {
    await tx.insert(assessmentReporters).values(s.reporters.map((r, i) => ({ id: r.id ?? newId(), assessmentId, memberId: r.memberId, orgId: r.orgId, position: i + 1 })));
  }
  if (s.criteria.length) await tx.insert(assessmentCriteria).values(s.criteria.map((c, i) => ({ id: c.id ?? newId(), assessmentId, name: c.name.trim(), position: i + 1 })));
}

export async function createAssessment(ctx: Ctx, input: AssessmentCreate): Promise<Assessment> {
  const id = newId();
  await inTx(ctx, async (tx) => {
    const organizer = (await q.orgsByIds(tx, [input.organizerOrgId])).get(input.organizerOrgId);
    if (!organizer) throw invalid([{ field: 'organizerOrgId', code: 'no_such_org' }]);
    if (!authorize(ctx.actor, 'assessment.manage', { orgPath: organizer.path })) throw forbidden();
    const lists: SetupLists = {
      reporters: input.reporters.map(({ memberId, orgId }) => ({ memberId, orgId })),
      raterGroups: input.raterGroups.map(({ name, weight }) => ({ name, weight })),
      venues: input.venues.map(({ name, main }) => ({ name, main })),
      criteria: (input.criteria ?? []).map(({ name }) => ({ name })),
      scale: input.scale ?? [...DEFAULT_SCALE],
      thresholds: input.thresholds ?? { ...DEFAULT_THRESHOLDS },
    };
    const problems = await checkSetup(tx, organizer.path, lists);
    if (problems.length) throw invalid(problems);
    const row = {
      id,
      organizerOrgId: input.organizerOrgId,
      organizerPath: organizer.path,
      title: input.title.trim(),
      year: input.year,
      heldOn: input.heldOn,
      state: 'draft',
      scale: lists.scale,
      thresholds: lists.thresholds,
      createdBy: ctx.actor.userId || null,
    };
    await tx.insert(assessments).values(row);
    await insertLists(tx, id, lists);
    // the first venue is the main one unless another is marked
    const mainAt = Math.max(0, lists.venues.findIndex((v) => v.main));
    await tx.insert(assessmentRaterGroups).values(lists.raterGroups.map((g, i) => ({ id: newId(), assessmentId: id, name: g.name.trim(), weight: g.weight, position: i + 1 })));
    await tx.insert(assessmentVenues).values(lists.venues.map((v, i) => ({ id: newId(), assessmentId: id, name: v.name.trim(), main: i === mainAt, position: i + 1 })));
    await appendAudit(ctx, tx, { action: 'assessment.create', subjectType: 'assessment', subjectId: id, orgPath: organizer.path, after: { ...row, ...lists } });
  });
  return getAssessment(ctx, id);
}

const SETUP_FIELDS = ['reporters', 'raterGroups', 'venues', 'criteria', 'scale', 'thresholds'] as const;

/**
 * Edits an assessment. Title, year and date change in any state; the set-up only in draft (409 `locked` naming each
 * field). Lists are replaced: an item with its id keeps it, one without is new, one left out is removed — unless
 * codes were issued for that group or venue (409 `in_use`).
 */
export async function updateAssessment(ctx: Ctx, id: string, patch: AssessmentPatch): Promise<Assessment> {
  await inTx(ctx, async (tx) => {
    const l = await load(ctx, tx, id, 'manage', true);
    const { row } = l;
    const locked = SETUP_FIELDS.filter((f) => patch[f] !== undefined);
    if (locked.length && !isEditable(row.state as AssessmentState)) {
      throw problemsError(409, locked.map((field) => ({ field, code: 'locked', params: { state: row.state } })));
    }
    // one after another: a transaction is one connection, and node-postgres will refuse overlapping queries on it
    const groups = await q.groupsOf(tx, id);
    const venues = await q.venuesOf(tx, id);
    const criteria = await q.criteriaOf(tx, id);
    const lists: SetupLists = {
      reporters: patch.reporters ?? l.reporters.map((r) => ({ id: r.r.id, memberId: r.r.memberId, orgId: r.r.orgId })),
      raterGroups: patch.raterGroups ?? groups,
      venues: patch.venues ?? venues,
      criteria: patch.criteria ?? criteria,
      scale: patch.scale ?? row.scale,
      thresholds: patch.thresholds ?? row.thresholds,
    };
    const problems = locked.length ? await checkSetup(tx, row.organizerPath, lists) : [];
    const known = { reporters: l.reporters.map((r) => r.r.id), raterGroups: groups.map((g) => g.id), venues: venues.map((v) => v.id), criteria: criteria.map((c) => c.id) };
    for (const f of ['reporters', 'raterGroups', 'venues', 'criteria'] as const) {
      (patch[f] ?? []).forEach((item, i) => {
        if (item.id !== undefined && !known[f].includes(item.id)) problems.push({ field: `${f}.${i}.id`, code: 'unknown_id' });
      });
    }
    if (problems.length) throw invalid(problems);
    const used = await tx
      .selectDistinct({ g: ballotCodes.raterGroupId, v: ballotCodes.venueId })
      .from(ballotCodes)
      .where(eq(ballotCodes.assessmentId, id));
    const inUse: Problem[] = [];
    if (patch.raterGroups && used.some((u) => !patch.raterGroups!.some((g) => g.id === u.g))) inUse.push({ field: 'raterGroups', code: 'in_use' });
    if (patch.venues && used.some((u) => !patch.venues!.some((v) => v.id === u.v))) inUse.push({ field: 'venues', code: 'in_use' });
    if (inUse.length) throw problemsError(409, inUse);

    const next = {
      title: patch.title?.trim() ?? row.title,
      year: patch.year ?? row.year,
      heldOn: patch.heldOn ?? row.heldOn,
      scale: lists.scale as ScaleStep[],
      thresholds: lists.thresholds as Thresholds,
      updatedAt: new Date(),
    };
    await tx.update(assessments).set(next).where(eq(assessments.id, id));
    if (patch.reporters || patch.criteria) {
      if (patch.reporters) await tx.delete(assessmentReporters).where(eq(assessmentReporters.assessmentId, id));
      if (patch.criteria) await tx.delete(assessmentCriteria).where(eq(assessmentCriteria.assessmentId, id));
      await insertLists(tx, id, { reporters: patch.reporters ?? [], criteria: patch.criteria ?? [] });
    }
    if (patch.raterGroups) {
      const keep = patch.raterGroups.flatMap((g) => (g.id ? [g.id] : []));
      await tx.delete(assessmentRaterGroups).where(and(eq(assessmentRaterGroups.assessmentId, id), keep.length ? notInArray(assessmentRaterGroups.id, keep) : undefined));
      for (const [i, g] of patch.raterGroups.entries()) {
        const values = { name: g.name.trim(), weight: g.weight, position: i + 1 };
        if (g.id) await tx.update(assessmentRaterGroups).set(values).where(eq(assessmentRaterGroups.id, g.id));
        else await tx.insert(assessmentRaterGroups).values({ id: newId(), assessmentId: id, ...values });
      }
    }
    if (patch.venues) {
      const keep = patch.venues.flatMap((v) => (v.id ? [v.id] : []));
      await tx.delete(assessmentVenues).where(and(eq(assessmentVenues.assessmentId, id), keep.length ? notInArray(assessmentVenues.id, keep) : undefined));
      const mainAt = Math.max(0, patch.venues.findIndex((v) => v.main));
      for (const [i, v] of patch.venues.entries()) {
        const values = { name: v.name.trim(), main: i === mainAt, position: i + 1 };
        if (v.id) await tx.update(assessmentVenues).set(values).where(eq(assessmentVenues.id, v.id));
        else await tx.insert(assessmentVenues).values({ id: newId(), assessmentId: id, ...values });
      }
    }
    await appendAudit(ctx, tx, { action: 'assessment.update', subjectType: 'assessment', subjectId: id, orgPath: row.organizerPath, before: row, after: { ...next, ...patch } });
  });
  return getAssessment(ctx, id);
}

// ---- codes ---------------------------------------------------------------------------------------------------

async function requireGroupVenue(tx: Db, id: string, raterGroupId: string, venueId: string) {
  // one after another on the transaction's one connection
  const groups = await q.groupsOf(tx, id);
  const venues = await q.venuesOf(tx, id);
  const problems: Problem[] = [];
  if (!groups.some((g) => g.id === raterGroupId)) problems.push({ field: 'raterGroupId', code: 'unknown_group' });
  if (!venues.some((v) => v.id === venueId)) problems.push({ field: 'venueId', code: 'unknown_venue' });
  if (problems.length) throw invalid(problems);
}

/** New codes stored by hash; the plain codes are returned and kept nowhere. */
async function makeCodes(ctx: Ctx, tx: Db, id: string, raterGroupId: string, venueId: string, count: number, issuedInApp: boolean): Promise<string[]> {
  const key = codeKey(ctx.config.secretKey);
  const codes: string[] = [];
  while (codes.length < count) {
    const batch = Array.from({ length: Math.min(1000, count - codes.length) }, () => newBallotCode());
    // 65 random bits make a collision all but impossible; one is dropped and replaced rather than failing the batch
    const inserted = await tx
      .insert(ballotCodes)
      .values(batch.map((c) => ({ hash: hashCode(key, c), assessmentId: id, raterGroupId, venueId, issuedInApp })))
      .onConflictDoNothing()
      .returning({ hash: ballotCodes.hash });
    const kept = new Set(inserted.map((r) => r.hash));
    codes.push(...batch.filter((c) => kept.has(hashCode(key, c))));
  }
  return codes;
}

export async function issueCodes(ctx: Ctx, id: string, input: { raterGroupId: string; venueId: string; count: number }) {
  return inTx(ctx, async (tx) => {
    const { row } = await load(ctx, tx, id, 'manage', true);
    if (row.state === 'closed' || row.state === 'published') throw appError(409, 'closed', {}, [{ field: 'state', code: 'closed' }]);
    await requireGroupVenue(tx, id, input.raterGroupId, input.venueId);
    const codes = await makeCodes(ctx, tx, id, input.raterGroupId, input.venueId, input.count, false);
    await appendAudit(ctx, tx, { action: 'assessment.codes', subjectType: 'assessment', subjectId: id, orgPath: row.organizerPath, after: input });
    return { codes: codes.map(formatBallotCode), raterGroupId: input.raterGroupId, venueId: input.venueId };
  });
}

/**
 * Issues one code to each user in-app (a notification carrying the code and the ballot link). A user is issued one
 * code per assessment (409 `already_issued`). The notification holds the code, so it tells whether that user voted,
 * never what: ballots do not know their codes.
 */
export async function issueCodesToUsers(ctx: Ctx, id: string, input: { raterGroupId: string; venueId: string; userIds: string[] }) {
  return inTx(ctx, async (tx) => {
    const { row } = await load(ctx, tx, id, 'manage', true);
    if (row.state === 'closed' || row.state === 'published') throw appError(409, 'closed', {}, [{ field: 'state', code: 'closed' }]);
    await requireGroupVenue(tx, id, input.raterGroupId, input.venueId);
    const found = new Set((await tx.select({ id: users.id }).from(users).where(inArray(users.id, input.userIds))).map((u) => u.id));
    const dedupeKey = `assessment_code:${id}`;
    const already = new Set(
      (await tx.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.dedupeKey, dedupeKey), inArray(notifications.userId, input.userIds)))).map((n) => n.userId),
    );
    const problems: Problem[] = [];
    input.userIds.forEach((u, i) => {
      if (!found.has(u)) problems.push({ field: `userIds.${i}`, code: 'unknown_user' });
      else if (already.has(u)) problems.push({ field: `userIds.${i}`, code: 'already_issued' });
    });
    if (problems.some((p) => p.code === 'unknown_user')) throw invalid(problems);
    if (problems.length) throw problemsError(409, problems);
    const codes = await makeCodes(ctx, tx, id, input.raterGroupId, input.venueId, input.userIds.length, true);
    const items = input.userIds.map((userId, i): { userId: string; reminder: Reminder } => ({
      userId,
      reminder: {
        kind: 'assessment_code',
        key: dedupeKey,
        orgId: row.organizerOrgId,
        subjectType: 'assessment',
        subjectId: id,
        params: { title: row.title, code: formatBallotCode(codes[i]!), link: `/ballot#${codes[i]!}` },
      },
    }));
    const sent = await inAppChannel.send(tx, items);
    await appendAudit(ctx, tx, { action: 'assessment.codes_in_app', subjectType: 'assessment', subjectId: id, orgPath: row.organizerPath, after: { raterGroupId: input.raterGroupId, venueId: input.venueId, userIds: input.userIds } });
    return { issued: sent };
  });
}

/** The codes of a request that belong to this assessment, for printing slips; any other is a field error. */
export async function requireOwnCodes(ctx: Ctx, id: string, codes: string[], normalize: (c: string) => string | null) {
  const l = await load(ctx, ctx.db, id, 'manage');
  const key = codeKey(ctx.config.secretKey);
  const normalized = codes.map(normalize);
  const hashes = normalized.flatMap((c) => (c ? [hashCode(key, c)] : []));
  const rows = hashes.length ? await ctx.db.select({ hash: ballotCodes.hash, raterGroupId: ballotCodes.raterGroupId, venueId: ballotCodes.venueId }).from(ballotCodes).where(and(eq(ballotCodes.assessmentId, id), inArray(ballotCodes.hash, hashes))) : [];
  const byHash = new Map(rows.map((r) => [r.hash, r]));
  const problems: Problem[] = [];
  const slips = normalized.flatMap((c, i) => {
    const found = c ? byHash.get(hashCode(key, c)) : undefined;
    if (!found) {
      problems.push({ field: `codes.${i}`, code: 'other_assessment' });
      return [];
    }
    return [{ code: c!, raterGroupId: found.raterGroupId, venueId: found.venueId }];
  });
  if (problems.length) throw invalid(problems);
  const [groups, venues] = await Promise.all([q.groupsOf(ctx.db, id), q.venuesOf(ctx.db, id)]);
  return { assessment: l.row, slips, groups: new Map(groups.map((g) => [g.id, g.name])), venues: new Map(venues.map((v) => [v.id, v.name])) };
}

// ---- moves ---------------------------------------------------------------------------------------------------

/** The results from the ballots, exactly (domain/assessments/tally.ts). */
export async function computeResults(db: Db, row: q.AssessmentRow, reporterIds: string[]) {
  // one after another: closing calls this inside its transaction, which is one connection
  const groups = await q.groupsOf(db, row.id);
  const venues = await q.venuesOf(db, row.id);
  const criteria = await q.criteriaOf(db, row.id);
  const ballots = await q.ballotsOf(db, row.id);
  const result = tally({
    scale: row.scale,
    thresholds: row.thresholds,
    raterGroups: groups,
    venues,
    reporters: reporterIds.map((id) => ({ id })),
    criteria,
    ballots,
  });
  return { ballots: result.ballots, paperBallots: ballots.filter((b) => b.paper).length, reporters: result.reporters };
}
export type StoredResults = Awaited<ReturnType<typeof computeResults>>;

export async function transitionAssessment(ctx: Ctx, id: string, input: { to: 'open' | 'closed' | 'published'; reporterIds?: string[] }): Promise<Assessment> {
  await inTx(ctx, async (tx) => {
    // the row lock: a close waits here for the ballots in flight, which hold a share lock on the row
    const l = await load(ctx, tx, id, 'manage', true);
    const { row } = l;
    const record = {
      state: row.state as AssessmentState,
      reporterIds: l.reporters.map((r) => r.r.id),
      openReporterIds: l.reporters.filter((r) => r.r.open).map((r) => r.r.id),
      codesIssued: await q.codesIssued(tx, id),
    };
    const result = transition(record, input);
    if (!result.ok) throw problemsError(result.status, [result.problem]);
    const now = new Date();
    const set: Partial<typeof assessments.$inferInsert> = { state: result.state, updatedAt: now };
    if (input.to === 'open') {
      await tx.update(assessmentReporters).set({ open: true }).where(and(eq(assessmentReporters.assessmentId, id), inArray(assessmentReporters.id, result.openReporterIds)));
    }
    if (input.to === 'closed') {
      await tx.update(assessments).set({ state: 'closed', updatedAt: now }).where(eq(assessments.id, id));
      set.results = await computeResults(tx, row, record.reporterIds);
      set.closedAt = now;
      // Rewrite the codes and receipts in this transaction, so that no system column (the writing transaction) still
      // pairs a ballot with the code that cast it.
      await tx.execute(sql`update ballot_codes set used = used where assessment_id = ${id}`);
      await tx.execute(sql`update ballot_submissions set answer = answer where assessment_id = ${id}`);
    }
    if (input.to === 'published') set.publishedAt = now;
    await tx.update(assessments).set(set).where(eq(assessments.id, id));
    await appendAudit(ctx, tx, {
      action: `assessment.${input.to === 'open' ? 'open' : input.to === 'closed' ? 'close' : 'publish'}`,
      subjectType: 'assessment',
      subjectId: id,
      orgPath: row.organizerPath,
      before: { state: row.state, openReporterIds: record.openReporterIds },
      after: { state: result.state, openReporterIds: result.openReporterIds },
    });
  });
  return getAssessment(ctx, id);
}

// ---- progress and results ------------------------------------------------------------------------------------

/** Counts only, never grades: safe for a projector while scoring is open. */
export async function progressOf(db: Db, id: string): Promise<Progress> {
  const [row, counts, perReporter, groups, venues, reporters] = await Promise.all([
    q.getAssessment(db, id),
    q.codeCounts(db, id),
    q.ballotsPerReporter(db, id),
    q.groupsOf(db, id),
    q.venuesOf(db, id),
    q.reportersOf(db, id),
  ]);
  const sum = (rows: typeof counts) => ({ issued: rows.reduce((s, r) => s + r.issued, 0), submitted: rows.reduce((s, r) => s + r.submitted, 0) });
  const ballotsFor = new Map(perReporter.map((r) => [r.reporterId, r.n]));
  const open = reporters.filter((r) => r.r.open);
  return {
    assessmentId: id,
    state: (row?.state ?? 'draft') as AssessmentState,
    ...sum(counts),
    byVenue: venues.map((v) => ({ venueId: v.id, ...sum(counts.filter((c) => c.venueId === v.id)) })),
    byGroup: groups.map((g) => ({ raterGroupId: g.id, ...sum(counts.filter((c) => c.raterGroupId === g.id)) })),
    byReporter: open.map((r) => ({ reporterId: r.r.id, ballots: ballotsFor.get(r.r.id) ?? 0 })),
    openReporterIds: open.map((r) => r.r.id),
  };
}

export async function getProgress(ctx: Ctx, id: string): Promise<Progress> {
  const l = await load(ctx, ctx.db, id, 'read');
  if (!l.readsAll) throw forbidden();
  return progressOf(ctx.db, id);
}

/** Who may watch the progress stream (checked once when it opens). */
export async function assertCanWatch(ctx: Ctx, id: string): Promise<void> {
  await getProgress(ctx, id);
}

/**
 * The results: stored at close (what was shown), computed live while open. The organizer reads them at any time;
 * others once published, and then only for the reporters whose organization they read (or all, reading the organizer).
 */
export async function getResults(ctx: Ctx, id: string): Promise<Results> {
  const l = await load(ctx, ctx.db, id, 'read');
  return resultsFor(ctx.db, l);
}

async function resultsFor(db: Db, l: Loaded): Promise<Results> {
  const { row } = l;
  if (!l.canManage && row.state !== 'published') throw appError(403, 'results_not_published');
  const stored = (row.results as StoredResults | null) ?? (await computeResults(db, row, l.reporters.map((r) => r.r.id)));
  return {
    assessmentId: row.id,
    state: row.state as AssessmentState,
    ballots: stored.ballots,
    paperBallots: stored.paperBallots,
    reporters: stored.reporters.filter((r) => l.readableReporterIds.has(r.reporterId)),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/** Everything the documents need: the assessment, its lists and the results the caller may read. */
export async function resultsBundle(ctx: Ctx, id: string) {
  const l = await load(ctx, ctx.db, id, 'read');
  const results = await resultsFor(ctx.db, l);
  const [groups, venues, criteria] = await Promise.all([q.groupsOf(ctx.db, id), q.venuesOf(ctx.db, id), q.criteriaOf(ctx.db, id)]);
  return { l, results, groups, venues, criteria };
}

/** The ballots, for the anonymous export; in a canonical order (by content) so the order says nothing of time. */
export async function ballotsForExport(ctx: Ctx, id: string) {
  const bundle = await resultsBundle(ctx, id);
  const ballots = await q.ballotsOf(ctx.db, id);
  return { ...bundle, ballots };
}

// ---- notes ---------------------------------------------------------------------------------------------------

const noteApi = (n: typeof assessmentNotes.$inferSelect) => ({
  id: n.id,
  reporterId: n.reporterId,
  kind: n.kind as 'question' | 'comment',
  text: n.text,
  byName: n.byName,
  createdAt: n.createdAt.toISOString(),
});

export async function listNotes(ctx: Ctx, id: string) {
  const l = await load(ctx, ctx.db, id, 'read');
  const rows = await q.notesOf(ctx.db, id);
  return { items: rows.filter((n) => l.readableReporterIds.has(n.reporterId)).map(noteApi) };
}

export async function addNote(ctx: Ctx, id: string, input: { reporterId: string; kind: 'question' | 'comment'; text: string; byName?: string | null }) {
  return inTx(ctx, async (tx) => {
    const l = await load(ctx, tx, id, 'manage');
    if (!l.reporters.some((r) => r.r.id === input.reporterId)) throw invalid([{ field: 'reporterId', code: 'unknown_reporter' }]);
    const text = input.text.trim();
    if (!text) throw invalid([{ field: 'text', code: 'required' }]);
    const [note] = await tx.insert(assessmentNotes).values({ id: newId(), assessmentId: id, reporterId: input.reporterId, kind: input.kind, text, byName: input.byName?.trim() || null }).returning();
    await appendAudit(ctx, tx, { action: 'assessment.note', subjectType: 'assessment', subjectId: id, orgPath: l.row.organizerPath, after: note });
    return noteApi(note!);
  });
}

// ---- follow-up list ------------------------------------------------------------------------------------------

const followUpApi = (today: string, { f, orgName }: { f: typeof assessmentFollowUps.$inferSelect; orgName: string }): FollowUp => ({
  id: f.id,
  assessmentId: f.assessmentId,
  reporterId: f.reporterId,
  orgId: f.orgId,
  orgName,
  problem: f.problem,
  measure: f.measure,
  owner: f.owner,
  dueOn: f.dueOn,
  doneOn: f.doneOn,
  evidence: f.evidence,
  overdue: f.doneOn === null && f.dueOn !== null && f.dueOn < today,
});

/** This year's list and, from the organizer's assessments of the year before, last year's and how it was closed. */
export async function listFollowUps(ctx: Ctx, id: string) {
  const l = await load(ctx, ctx.db, id, 'read');
  const [items, previous] = await Promise.all([q.followUpsOf(ctx.db, id), q.followUpsOfYear(ctx.db, l.row.organizerOrgId, l.row.year - 1)]);
  const orgIds = new Set(l.reporters.filter((r) => l.readableReporterIds.has(r.r.id)).map((r) => r.r.orgId));
  const visible = (x: { f: { orgId: string } }) => l.readsAll || orgIds.has(x.f.orgId);
  return { items: items.filter(visible).map((x) => followUpApi(ctx.today, x)), previous: previous.filter(visible).map((x) => followUpApi(ctx.today, x)) };
}

export async function addFollowUp(ctx: Ctx, id: string, input: { reporterId: string; problem: string; measure?: string | null; owner?: string | null; dueOn?: string | null }): Promise<FollowUp> {
  const itemId = newId();
  await inTx(ctx, async (tx) => {
    const l = await load(ctx, tx, id, 'manage');
    const reporter = l.reporters.find((r) => r.r.id === input.reporterId);
    if (!reporter) throw invalid([{ field: 'reporterId', code: 'unknown_reporter' }]);
    const problem = input.problem.trim();
    if (!problem) throw invalid([{ field: 'problem', code: 'required' }]);
    const row = { id: itemId, assessmentId: id, reporterId: reporter.r.id, orgId: reporter.r.orgId, problem, measure: input.measure?.trim() || null, owner: input.owner?.trim() || null, dueOn: input.dueOn ?? null };
    await tx.insert(assessmentFollowUps).values(row);
    await appendAudit(ctx, tx, { action: 'assessment.follow_up.create', subjectType: 'assessment', subjectId: id, orgPath: reporter.orgPath, after: row });
  });
  return (await listFollowUps(ctx, id)).items.find((f) => f.id === itemId)!;
}

/**
 * Edits a follow-up item: the organizer, or the reporter's organization (which closes it). Done needs evidence
 * (`evidence_required`) and a date not in the future.
 */
export async function updateFollowUp(
  ctx: Ctx,
  id: string,
  itemId: string,
  patch: { problem?: string; measure?: string | null; owner?: string | null; dueOn?: string | null; doneOn?: string | null; evidence?: string | null },
): Promise<FollowUp> {
  await inTx(ctx, async (tx) => {
    const l = await load(ctx, tx, id, 'read');
    const [item] = await tx.select().from(assessmentFollowUps).where(and(eq(assessmentFollowUps.id, itemId), eq(assessmentFollowUps.assessmentId, id)));
    if (!item) throw notFound('follow_up');
    const reporter = l.reporters.find((r) => r.r.id === item.reporterId)!;
    if (!l.canManage && !authorize(ctx.actor, 'assessment.manage', { orgPath: reporter.orgPath })) throw forbidden();
    const next = {
      problem: patch.problem?.trim() ?? item.problem,
      measure: patch.measure !== undefined ? patch.measure?.trim() || null : item.measure,
      owner: patch.owner !== undefined ? patch.owner?.trim() || null : item.owner,
      dueOn: patch.dueOn !== undefined ? patch.dueOn : item.dueOn,
      doneOn: patch.doneOn !== undefined ? patch.doneOn : item.doneOn,
      evidence: patch.evidence !== undefined ? patch.evidence?.trim() || null : item.evidence,
    };
    const problems: Problem[] = [];
    if (!next.problem) problems.push({ field: 'problem', code: 'required' });
    if (next.doneOn && !next.evidence) problems.push({ field: 'evidence', code: 'evidence_required' });
    if (next.doneOn && next.doneOn > ctx.today) problems.push({ field: 'doneOn', code: 'date_in_future' });
    if (problems.length) throw invalid(problems);
    await tx.update(assessmentFollowUps).set({ ...next, updatedAt: new Date() }).where(eq(assessmentFollowUps.id, itemId));
    await appendAudit(ctx, tx, { action: 'assessment.follow_up.update', subjectType: 'assessment', subjectId: id, orgPath: reporter.orgPath, before: item, after: next });
  });
  return (await listFollowUps(ctx, id)).items.find((f) => f.id === itemId)!;
}

/** Reminders of follow-up items past due and not done, to the organization's secretaries and admins above it. */
export async function followUpReminders(db: Db, today: string): Promise<number> {
  const overdue = await q.overdueFollowUps(db, today);
  if (overdue.length === 0) return 0;
  const grants = await q.officerGrants(db);
  const items = overdue.flatMap(({ f, title, orgPath }) => {
    const reminder: Reminder = {
      kind: 'follow_up_overdue',
      key: `follow_up_overdue:${f.id}`,
      orgId: f.orgId,
      subjectType: 'assessment',
      subjectId: f.assessmentId,
      params: { title, problem: f.problem.length > 60 ? f.problem.slice(0, 59) + '…' : f.problem, dueOn: f.dueOn ?? '' },
    };
    const to = grants.filter((g) => (g.role === 'secretary' ? g.orgPath === orgPath : isWithin(orgPath, g.orgPath))).map((g) => g.userId);
    return [...new Set(to)].map((userId) => ({ userId, reminder }));
  });
  return inAppChannel.send(db, items);
}

// ---- figures -------------------------------------------------------------------------------------------------

/** A reporter's organization in the records for the assessment's year (its subtree), for the reporter's page. */
export async function reporterFigures(ctx: Ctx, id: string, reporterId: string) {
  const l = await load(ctx, ctx.db, id, 'read');
  const reporter = l.reporters.find((r) => r.r.id === reporterId);
  if (!reporter || !l.readableReporterIds.has(reporterId)) throw notFound('reporter');
  const f = await q.figuresOf(ctx.db, reporter.orgPath, l.row.year);
  const { items } = await orgCompliance(ctx, reporter.r.orgId, String(l.row.year));
  const count = (status: string) => items.filter((i) => i.status === status).length;
  return {
    reporterId,
    orgId: reporter.r.orgId,
    year: l.row.year,
    activitiesHeld: f.held,
    activitiesPlanned: f.planned,
    activitiesByType: f.byType,
    pairingsActive: f.pairings,
    demandsRaised: f.raised,
    demandsResolved: f.resolved,
    membersFull: f.full,
    membersProbationary: f.probationary,
    compliance: { met: count('met'), missed: count('missed'), due: count('due') },
    secretaryProject: await q.secretaryProjectOf(ctx.db, reporter.r.orgId, l.row.year),
  };
}

// ---- verification ----------------------------------------------------------------------------------------------

/**
 * Recounts an assessment from its ballots and compares: with the results stored at close, with what the results
 * route shows, and the reporter scorings the codes recorded with those on the ballots (per venue and group: a lost
 * or doubled ballot shows here). Empty when everything agrees.
 */
export async function verifyAssessment(ctx: Ctx, id: string): Promise<{ ballots: number; problems: string[] }> {
  const row = await q.getAssessment(ctx.db, id);
  if (!row) throw notFound('assessment');
  const reporters = await q.reportersOf(ctx.db, id);
  const recount = await computeResults(ctx.db, row, reporters.map((r) => r.r.id));
  const problems: string[] = [];
  if (row.results) problems.push(...diffResults(recount, row.results, 'stored'));
  const shown = await getResults(ctx, id);
  problems.push(...diffResults({ ballots: recount.ballots, paperBallots: recount.paperBallots, reporters: recount.reporters }, { ballots: shown.ballots, paperBallots: shown.paperBallots, reporters: shown.reporters }, 'shown'));
  const [codes, onBallots] = await Promise.all([q.codeCounts(ctx.db, id), q.ballotScorings(ctx.db, id)]);
  const keys = new Set([...codes.map((c) => `${c.venueId}/${c.raterGroupId}`), ...onBallots.map((b) => `${b.venueId}/${b.raterGroupId}`)]);
  for (const k of keys) {
    const c = codes.find((x) => `${x.venueId}/${x.raterGroupId}` === k);
    const b = onBallots.find((x) => `${x.venueId}/${x.raterGroupId}` === k);
    if ((c?.scorings ?? 0) !== (b?.scorings ?? 0)) problems.push(`venue/group ${k}: codes record ${c?.scorings ?? 0} reporter scorings, ballots hold ${b?.scorings ?? 0}`);
  }
  return { ballots: recount.ballots, problems };
}


/** 403 unless the caller organizes the assessment (a clerk keying paper ballots). */
export async function requireManage(ctx: Ctx, id: string): Promise<void> {
  await load(ctx, ctx.db, id, 'manage');
}

/**
 * A reporter of an assessment the caller may read; to change it (its written report), the caller organizes the
 * assessment or acts for the reporter's organization.
 */
export async function loadReporter(ctx: Ctx, db: Db, id: string, reporterId: string, need: 'read' | 'manage') {
  const l = await load(ctx, db, id, 'read');
  const reporter = l.reporters.find((r) => r.r.id === reporterId);
  if (!reporter || !l.readableReporterIds.has(reporterId)) throw notFound('reporter');
  if (need === 'manage' && !l.canManage && !authorize(ctx.actor, 'assessment.manage', { orgPath: reporter.orgPath })) throw forbidden();
  return { assessment: l.row, reporter };
}
