import { and, eq, isNull } from 'drizzle-orm';
import { authorize, type Actor } from '../../../domain/access';
import { isOverdue, shouldEscalate, type DeadlineOptions } from '../../../domain/pairings/deadlines';
import {
  allowedTransitions,
  canTransition,
  nextActor,
  transition,
  type DemandActor,
  type DemandRecord,
  type TransitionInput,
  type TransitionResult,
  type TransitionTarget,
} from '../../../domain/pairings/demands';
import type { DemandState, PairingCategory, Urgency } from '../../../domain/pairings/enums';
import type { Reminder, ReminderKind } from '../../../domain/reminders';
import { settledDemandKinds } from '../../../domain/workbench/todos';
import type { DemandBatchAccept, DemandExportQuery, DemandPageQuery } from '../../../domain/schemas/demands';
import type { Demand, DemandAssigneeList, DemandCreate, DemandTransition } from '../../../domain/schemas/pairings';
import type { AccessRole } from '../../../domain/enums';
import { appendAudit } from '../../audit';
import { forEachOrNone } from '../../batch';
import { inTx, type Ctx } from '../../context';
import { decodeCursor, encodeCursor } from '../../cursor';
import type { Db } from '../../db/client';
import { demandEvents, demands } from '../../db/schema/pairings';
import { AppError, FieldErrors, conflict, forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../ids';
import { actorForUser } from '../auth/service';
import { inAppChannel, settleNotifications, type NotificationChannel } from '../notifications/service';
import { actingOrgIds, actsForCoordinator, canReadPairing, loadPairingScope, mayDeleteFile, ownPartyOrgIds, readablePairings, requirePairing, type PairingScope } from '../pairings/access';
import { effectivePolicy } from '../pairings/pairingPolicy';
import { stateOn } from '../../../domain/pairings/agreements';
import * as q from './queries';

// The demand workflow (诉求, "appeal for joint settlement") of a pairing. The rules of the state machine are in
// domain/pairings/demands.ts; here the caller is matched to the organization it acts as, the move is written with
// its timeline entry and audit event in one transaction, and the next actor is told in-app.

function recordOf(row: q.DemandRow): DemandRecord {
  return {
    state: row.state as DemandState,
    urgency: row.urgency as Urgency,
    raisedByOrgId: row.raisedByOrgId,
    assignedOrgId: row.assignedOrgId,
    assigneeId: row.assigneeId,
    acceptedOn: row.acceptedOn,
    dueOn: row.dueOn,
    resolution: row.resolution,
    resolvedOn: row.resolvedOn,
    rating: row.rating,
    confirmedOn: row.confirmedOn,
    reopenReason: row.reopenReason,
    reopenCount: row.reopenCount,
  };
}

/**
 * The organizations among `mine` that may make a move: the raiser confirms and reopens, a partner accepts, the assigned
 * organization works on and resolves, and the coordinator (to whom an overdue demand escalates) does so when the
 * caller does not act for the assigned organization.
 */
function eligibleOrgIds(scope: PairingScope, demand: Pick<q.DemandRow, 'raisedByOrgId' | 'assignedOrgId'>, to: TransitionTarget, mine: string[]): string[] {
  switch (to) {
    case 'confirmed':
    case 'reopened':
      return mine.filter((o) => o === demand.raisedByOrgId);
    case 'accepted':
      return mine.filter((o) => o !== demand.raisedByOrgId && scope.parties.some((p) => p.orgId === o));
    case 'in_progress':
    case 'resolved':
      if (demand.assignedOrgId !== null && mine.includes(demand.assignedOrgId)) return [demand.assignedOrgId];
      return scope.coordinatorOrgId !== null && mine.includes(scope.coordinatorOrgId) ? [scope.coordinatorOrgId] : [];
  }
}

interface ActingAs {
  /** the organization the move is made as; with several choices, the first of them (the caller must choose) */
  actor: DemandActor;
  /** every organization the caller could make this move as (more than one: it must choose) */
  choices: DemandActor[];
}

/**
 * The organization the caller acts as for a move: the one it chose (`actingAsOrgId`), or else the only one eligible for
 * the move among those it acts for. A party is acted for in its own right only (ownPartyOrgIds), so a coordinator whose
 * grant covers the raiser still acts as the coordinator. When the caller fits no eligible organization, whatever it acts
 * for is passed on and the domain refuses it with 403 (or 409 for a move out of order).
 */
function actingAs(actor: Actor, scope: PairingScope, demand: Pick<q.DemandRow, 'raisedByOrgId' | 'assignedOrgId'>, to: TransitionTarget, chosen?: string): ActingAs {
  const parties = ownPartyOrgIds(actor, scope);
  const coordinator = actsForCoordinator(actor, scope) ? scope.coordinatorOrgId : null;
  const as = (orgId: string): DemandActor => ({
    orgId,
    isRaiser: orgId === demand.raisedByOrgId && parties.includes(orgId),
    isCoordinator: orgId === coordinator,
    userId: actor.userId || undefined,
  });
  const mine = [...parties, ...(coordinator !== null && !parties.includes(coordinator) ? [coordinator] : [])];
  if (chosen !== undefined) {
    if (!scope.parties.some((p) => p.orgId === chosen) && chosen !== scope.coordinatorOrgId) {
      throw invalid([{ field: 'actingAsOrgId', code: 'acting_as_outside_pairing' }]);
    }
    if (!mine.includes(chosen)) throw forbidden('acting_as_not_entitled');
    return { actor: as(chosen), choices: [as(chosen)] };
  }
  const choices = eligibleOrgIds(scope, demand, to, mine).map(as);
  return { actor: choices[0] ?? as(mine[0] ?? ''), choices };
}

/** Complete inputs for each move, so that when listing what the caller may do only the state and the actor decide. */
const PROBES: Record<TransitionTarget, TransitionInput> = {
  accepted: { to: 'accepted', assigneeId: 'probe' },
  in_progress: { to: 'in_progress', note: 'probe' },
  resolved: { to: 'resolved', resolution: 'probe' },
  confirmed: { to: 'confirmed', rating: 5 },
  reopened: { to: 'reopened', reason: 'probe' },
};

function allowedFor(ctx: Ctx, scope: PairingScope, row: q.DemandRow): TransitionTarget[] {
  const record = recordOf(row);
  const partyOrgIds = scope.parties.map((p) => p.orgId);
  return allowedTransitions(record.state).filter((to) => {
    const { actor, choices } = actingAs(ctx.actor, scope, row, to);
    return (choices.length > 0 ? choices : [actor]).some((a) => transition(record, PROBES[to], a, { today: ctx.today, partyOrgIds }).ok);
  });
}

function toApi(ctx: Ctx, r: q.NamedDemandRow, scope: PairingScope | undefined, detail?: Pick<Demand, 'events' | 'files'>): Demand {
  const d = r.demand;
  const state = d.state as DemandState;
  return {
    id: d.id,
    pairingId: d.pairingId,
    pairingTitle: r.pairingTitle,
    raisedByOrgId: d.raisedByOrgId,
    raisedByOrgName: r.raisedByOrgName,
    assignedOrgId: d.assignedOrgId,
    assignedOrgName: r.assignedOrgName,
    assigneeId: d.assigneeId,
    assigneeName: d.assigneeId ? r.assigneeName : null,
    title: d.title,
    description: d.description,
    category: d.category as PairingCategory,
    urgency: d.urgency as Urgency,
    state,
    raisedOn: d.raisedOn,
    acceptedOn: d.acceptedOn,
    dueOn: d.dueOn,
    resolution: d.resolution,
    resolvedOn: d.resolvedOn,
    rating: d.rating,
    confirmedOn: d.confirmedOn,
    reopenReason: d.reopenReason,
    escalatedOn: d.escalatedOn,
    overdue: isOverdue({ state, dueOn: d.dueOn, escalatedOn: d.escalatedOn }, ctx.today),
    allowed: scope ? allowedFor(ctx, scope, d) : [],
    ...detail,
  };
}

/**
 * 404 when the demand does not exist; 403 when the caller may not read its pairing, or, to add to it, acts for
 * neither a party nor the coordinator.
 */
export async function loadDemand(ctx: Ctx, db: Db, id: string, purpose: 'read' | 'contribute') {
  const row = await q.getNamedDemand(db, id);
  if (!row) throw notFound('demand');
  const scope = await loadPairingScope(db, row.demand.pairingId);
  if (!scope || !canReadPairing(ctx.actor, scope)) throw forbidden();
  if (purpose === 'contribute' && actingOrgIds(ctx.actor, scope).length === 0 && !actsForCoordinator(ctx.actor, scope)) throw forbidden();
  return { row, scope };
}

export async function getDemand(ctx: Ctx, id: string): Promise<Demand> {
  const { row, scope } = await loadDemand(ctx, ctx.db, id, 'read');
  const [events, files] = await Promise.all([q.eventsOf(ctx.db, id), q.filesOf(ctx.db, id)]);
  return toApi(ctx, row, scope, {
    events: events.map((e) => ({ ...e, from: e.from as DemandState | null, to: e.to as DemandState, at: new Date(e.at).toISOString() })),
    files: files.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, createdAt: f.createdAt.toISOString(), mayDelete: row.demand.state !== 'confirmed' && mayDeleteFile(ctx.actor, scope, f.uploadedBy) })),
  });
}

/** Beyond this many matches the list reports `total` as a lower bound (`totalExact: false`). */
const COUNT_CAP = 10_000;

/**
 * What a list of demands selects: a partner sees the demands of its own pairings, a coordinator those of all the
 * pairings it coordinates; the filters narrow that. The list and its export share it.
 */
export async function demandListWhere(ctx: Ctx, query: DemandExportQuery) {
  if (query.pairing) await requirePairing(ctx, ctx.db, query.pairing);
  const where = [readablePairings(ctx.actor)];
  if (query.pairing) where.push(q.demandFilters.pairing(query.pairing));
  if (query.coordinator) where.push(q.demandFilters.coordinator(query.coordinator));
  if (query.org) where.push(q.demandFilters.org(query.org));
  if (query.state) where.push(q.demandFilters.state(query.state));
  if (query.urgency) where.push(q.demandFilters.urgency(query.urgency));
  if (query.overdue !== undefined) where.push(q.demandFilters.overdue(query.overdue, ctx.today));
  return where;
}

/** A page by cursor, or by page number (`offset`, the cursor then ignored), with the matches counted up to a cap. */
export async function listDemands(ctx: Ctx, query: DemandPageQuery) {
  const where = await demandListWhere(ctx, query);
  const limit = query.limit ?? 50;
  const offset = query.offset;
  const rows = await q.listPage(ctx.db, where, offset === undefined ? decodeCursor(query.cursor, 'date') : null, limit, offset ?? 0);
  const page = rows.slice(0, limit);
  const scopes = await q.pairingScopes(ctx.db, page.map((r) => r.demand.pairingId));
  const last = page.at(-1)?.demand;
  const counted = await q.countWhere(ctx.db, where, COUNT_CAP);
  return {
    items: page.map((r) => toApi(ctx, r, scopes.get(r.demand.pairingId))),
    total: Math.min(counted, COUNT_CAP),
    totalExact: counted <= COUNT_CAP,
    nextCursor: rows.length > limit && last ? encodeCursor(last.raisedOn, last.id) : null,
  };
}

// ---- notifications --------------------------------------------------------------------------------

const short = (text: string, max = 60) => (text.length > max ? text.slice(0, max - 1) + '…' : text);

/** One in-app notice per recipient, never to the person who just acted. */
async function notify(
  ctx: Pick<Ctx, 'actor'>,
  tx: Db,
  userIds: (string | null)[],
  reminder: Omit<Reminder, 'subjectType'>,
  channel: NotificationChannel = inAppChannel,
): Promise<number> {
  const to = [...new Set(userIds)].filter((u): u is string => u !== null && u !== ctx.actor.userId);
  return channel.send(
    tx,
    to.map((userId) => ({ userId, reminder: { ...reminder, subjectType: 'demand' } })),
  );
}

const pathOf = (scope: PairingScope, orgId: string) => scope.parties.find((p) => p.orgId === orgId)?.orgPath ?? null;

/** The officers of each partner: every party of the pairing but the raiser. */
async function partnerOfficers(tx: Db, scope: PairingScope, raisedByOrgId: string): Promise<string[]> {
  // one party after another: the transaction is one connection, on which node-postgres will refuse overlapping queries
  const lists = [];
  for (const p of scope.parties.filter((party) => party.orgId !== raisedByOrgId)) lists.push(await q.officersOf(tx, p.orgPath));
  return lists.flat();
}

/**
 * Tells the next actor (domain `nextActor`) about a move: the assignee of an accepted, in-progress or reopened
 * demand, the raiser's officers of a resolved one. A confirmed demand has no next actor; its assignee hears the
 * rating. Keyed by the timeline entry, so one move never notifies twice.
 */
async function notifyMove(ctx: Ctx, tx: Db, scope: PairingScope, next: DemandRecord & { id: string; title: string }, eventId: string, byOrgId: string, input: TransitionInput) {
  const to = input.to;
  const kind: ReminderKind = `demand_${to}`;
  const params: Record<string, string | number> = { title: short(next.title) };
  if (to === 'accepted' && next.dueOn) params.dueOn = next.dueOn;
  if (to === 'in_progress' && input.note?.trim()) params.note = short(input.note.trim());
  if (to === 'confirmed' && next.rating !== null) params.rating = next.rating;
  if (to === 'reopened' && next.reopenReason) params.reason = short(next.reopenReason);
  let userIds: (string | null)[];
  switch (nextActor(next.state)) {
    case 'assignee':
      userIds = [next.assigneeId ?? null];
      break;
    case 'raiser': {
      const path = pathOf(scope, next.raisedByOrgId);
      userIds = path ? await q.officersOf(tx, path) : [];
      break;
    }
    case 'partners':
      userIds = await partnerOfficers(tx, scope, next.raisedByOrgId);
      break;
    case null:
      userIds = [next.assigneeId ?? null];
      break;
  }
  await notify(ctx, tx, userIds, { kind, key: `${kind}:${eventId}`, orgId: byOrgId, subjectId: next.id, params });
}

// ---- writes --------------------------------------------------------------------------------------

/** The caller raises a demand for a party organization it acts for, in an active pairing. */
export async function createDemand(ctx: Ctx, input: DemandCreate): Promise<Demand> {
  const id = newId();
  await inTx(ctx, async (tx) => {
    const scope = await requirePairing(ctx, tx, input.pairingId);
    const raiser = scope.parties.find((p) => p.orgId === input.raisedByOrgId);
    if (!raiser) throw invalid([{ field: 'raisedByOrgId', code: 'not_a_party' }]);
    if (!actingOrgIds(ctx.actor, scope).includes(raiser.orgId)) throw forbidden();
    const state = stateOn({ state: scope.state, validTo: await q.validTo(tx, scope.id) }, ctx.today);
    if (state !== 'active') throw conflict('demand_needs_active', { state });
    const errors = new FieldErrors();
    const title = input.title.trim();
    const description = input.description.trim();
    if (!title) errors.add('title', 'required');
    if (!description) errors.add('description', 'required');
    errors.throwIfAny();
    const row = {
      id,
      pairingId: input.pairingId,
      raisedByOrgId: raiser.orgId,
      raisedByUserId: ctx.actor.userId || null,
      title,
      description,
      category: input.category,
      urgency: input.urgency,
      state: 'submitted',
      raisedOn: ctx.today,
    };
    await tx.insert(demands).values(row);
    await tx.insert(demandEvents).values({ id: newId(), demandId: id, fromState: null, toState: 'submitted', byOrgId: raiser.orgId, byUserId: ctx.actor.userId || null });
    await appendAudit(ctx, tx, { action: 'demand.create', subjectType: 'demand', subjectId: id, orgPath: raiser.orgPath, after: row });
    await notify(ctx, tx, await partnerOfficers(tx, scope, raiser.orgId), {
      kind: 'demand_submitted',
      key: `demand_submitted:${id}`,
      orgId: raiser.orgId,
      subjectId: id,
      params: { title: short(title) },
    });
  });
  return getDemand(ctx, id);
}

/** Time limits from the coordinator's pairing policy (pairingPolicy.ts: the defaults without a coordinator or a policy). */
async function deadlinesFor(tx: Db, scope: PairingScope): Promise<DeadlineOptions> {
  const policy = await effectivePolicy(tx, scope.coordinatorOrgId);
  return { limits: policy.timeLimits, counting: policy.counting, holidays: policy.holidays, extraWorkingDays: policy.extraWorkingDays };
}

/** The assignee must be able to move the demand on: an active user who acts for the accepting organization. */
async function mayHandle(tx: Db, userId: string, orgPath: string): Promise<boolean> {
  const user = await q.activeUser(tx, userId);
  return user !== undefined && authorize(await actorForUser(tx, user), 'pairing.manage', { orgPath });
}

function refusalError(r: Extract<TransitionResult<DemandRecord>, { ok: false }>): AppError {
  if (r.status === 400) return invalid([{ field: r.field ?? 'to', code: r.code, params: r.params }]);
  if (r.status === 403) return forbidden(r.code, r.params);
  return conflict(r.code, r.params);
}

export async function transitionDemand(ctx: Ctx, id: string, input: DemandTransition): Promise<Demand> {
  await inTx(ctx, (tx) => moveDemand(ctx, tx, id, input));
  return getDemand(ctx, id);
}

/** One move of a demand inside the caller's transaction: locked, checked, written with its timeline entry and audit event, told. */
async function moveDemand(ctx: Ctx, tx: Db, id: string, input: DemandTransition): Promise<void> {
  const row = await q.lockDemand(tx, id);
  if (!row) throw notFound('demand');
  const scope = await loadPairingScope(tx, row.pairingId);
  if (!scope || !canReadPairing(ctx.actor, scope)) throw forbidden();
  const before = recordOf(row);
  const { actingAsOrgId, ...move } = input;
  const { actor, choices } = actingAs(ctx.actor, scope, row, input.to, actingAsOrgId);
  // A move out of order is 409 whoever asks; a possible one made as several organizations needs the caller's choice.
  if (choices.length > 1 && canTransition(before.state, input.to)) {
    throw invalid([{ field: 'actingAsOrgId', code: 'acting_as_ambiguous', params: { count: choices.length } }]);
  }
  const result = transition(before, move, actor, {
    today: ctx.today,
    partyOrgIds: scope.parties.map((p) => p.orgId),
    deadlines: input.to === 'accepted' ? await deadlinesFor(tx, scope) : undefined,
  });
  if (!result.ok) throw refusalError(result);
  const { next, event } = result;
  if (input.to === 'accepted' && input.assigneeId !== undefined) {
    const path = pathOf(scope, actor.orgId);
    if (!path || !(await mayHandle(tx, input.assigneeId, path))) {
      throw invalid([{ field: 'assigneeId', code: 'assignee_not_acting' }]);
    }
  }
  await tx
    .update(demands)
    .set({
      state: next.state,
      assignedOrgId: next.assignedOrgId,
      assigneeId: next.assigneeId,
      acceptedOn: next.acceptedOn,
      dueOn: next.dueOn,
      resolution: next.resolution,
      resolvedOn: next.resolvedOn,
      rating: next.rating,
      confirmedOn: next.confirmedOn,
      reopenReason: next.reopenReason,
      reopenCount: next.reopenCount,
      updatedAt: new Date(),
    })
    .where(eq(demands.id, id));
  const eventId = newId();
  await tx.insert(demandEvents).values({ id: eventId, demandId: id, fromState: event.from, toState: event.to, byOrgId: event.byOrgId, byUserId: event.byUserId, note: event.note });
  await appendAudit(ctx, tx, {
    action: `demand.${input.to}`,
    subjectType: 'demand',
    subjectId: id,
    orgPath: pathOf(scope, event.byOrgId) ?? scope.coordinatorPath,
    before,
    after: { ...next, note: event.note },
  });
  await settleNotifications(tx, { subjectType: 'demand', subjectIds: [id], kinds: settledDemandKinds({ state: next.state, escalatedOn: row.escalatedOn }) });
  await notifyMove(ctx, tx, scope, { ...next, id, title: row.title }, eventId, event.byOrgId, input);
}

/**
 * Accepts the selected demands with one note, all or none, in one transaction: each is moved as a single accept would
 * be (the caller acting for the one partner it may accept as); if any cannot be, the answer names each (`ids.3`) and
 * nothing changes.
 */
export async function acceptDemands(ctx: Ctx, input: DemandBatchAccept): Promise<{ accepted: number }> {
  await inTx(ctx, (tx) => forEachOrNone(input.ids, (id) => moveDemand(ctx, tx, id, { to: 'accepted', note: input.note })));
  return { accepted: input.ids.length };
}

// ---- escalation ----------------------------------------------------------------------------------

/** The scheduler's own writes are audited without a user or a request. */
const SCHEDULER: Pick<Ctx, 'actor' | 'requestId'> = { actor: { userId: '', memberId: null, grants: [] }, requestId: 'scheduler' };

/**
 * A demand past its due date and not settled escalates to its pairing's coordinator once: `escalatedOn` is set, the
 * coordinator's secretary and admins are told, and the change is audited. Running it again changes nothing, also
 * from several processes at once (the update only applies while `escalatedOn` is empty). A pairing without a
 * coordinator has no one to escalate to; its overdue demands show as overdue only.
 */
export async function escalateOverdueDemands(db: Db, today: string, channel: NotificationChannel = inAppChannel): Promise<{ escalated: number; sent: number }> {
  const candidates = (await q.escalationCandidates(db, today)).filter((c) =>
    shouldEscalate({ state: c.demand.state as DemandState, dueOn: c.demand.dueOn, escalatedOn: c.demand.escalatedOn }, today),
  );
  let escalated = 0;
  let sent = 0;
  for (const { demand: d, coordinatorPath } of candidates) {
    if (coordinatorPath === null) continue;
    await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const [done] = await tx
        .update(demands)
        .set({ escalatedOn: today, updatedAt: new Date() })
        .where(and(eq(demands.id, d.id), isNull(demands.escalatedOn)))
        .returning({ id: demands.id });
      if (!done) return;
      escalated += 1;
      await appendAudit(SCHEDULER, tx, {
        action: 'demand.escalate',
        subjectType: 'demand',
        subjectId: d.id,
        orgPath: coordinatorPath,
        before: { escalatedOn: null },
        after: { escalatedOn: today, dueOn: d.dueOn, state: d.state },
      });
      sent += await notify(
        SCHEDULER,
        tx,
        await q.officersOf(tx, coordinatorPath),
        {
          kind: 'demand_escalated',
          key: `demand_escalated:${d.id}`,
          orgId: d.assignedOrgId ?? d.raisedByOrgId,
          subjectId: d.id,
          params: { title: short(d.title), dueOn: d.dueOn ?? '' },
        },
        channel,
      );
    });
  }
  return { escalated, sent };
}

/**
 * Who may handle a demand, for the accept dialog's picker: the accounts entitled for the handling party (the assigned
 * organization once accepted, otherwise each partner other than the raiser). Asked by whoever may assign: a caller
 * acting for a handling party sees that party's people, the coordinator's people see every handling party's.
 */
export async function assigneesOf(ctx: Ctx, id: string): Promise<DemandAssigneeList> {
  const { row, scope } = await loadDemand(ctx, ctx.db, id, 'read');
  const d = row.demand;
  const handling = scope.parties.filter((p) => (d.assignedOrgId !== null ? p.orgId === d.assignedOrgId : p.orgId !== d.raisedByOrgId));
  const mine = new Set(actingOrgIds(ctx.actor, scope));
  const visible = actsForCoordinator(ctx.actor, scope) ? handling : handling.filter((p) => mine.has(p.orgId));
  if (visible.length === 0) throw forbidden('assignees_not_entitled');
  const names = new Map((await q.orgNames(ctx.db, visible.map((p) => p.orgId))).map((o) => [o.id, o.name]));
  const items: DemandAssigneeList['items'] = [];
  for (const party of visible) {
    const seen = new Set<string>();
    for (const g of await q.handlerGrants(ctx.db, party.orgPath)) {
      const allowed = authorize({ userId: g.userId, memberId: null, grants: [{ role: g.role as AccessRole, orgPath: g.grantPath }] }, 'pairing.manage', { orgPath: party.orgPath });
      if (!allowed || seen.has(g.userId)) continue;
      seen.add(g.userId);
      items.push({ userId: g.userId, name: g.name, orgId: party.orgId, orgName: names.get(party.orgId) ?? '' });
    }
  }
  return { items };
}
