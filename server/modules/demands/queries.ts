import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { SETTLED_DEMAND_STATES } from '../../../domain/pairings/deadlines';
import type { PairingState } from '../../../domain/pairings/enums';
import type { Db } from '../../db/client';
import { roleGrants, users } from '../../db/schema/auth';
import { orgs } from '../../db/schema/orgs';
import { demandEvents, demands, pairingFiles, pairingParties, pairings } from '../../db/schema/pairings';
import type { PairingScope } from '../pairings/access';

export type DemandRow = typeof demands.$inferSelect;

const raisedBy = alias(orgs, 'raised_by_org');
const assignedTo = alias(orgs, 'assigned_org');

/** A demand with the names the API shows beside its ids. */
const named = {
  demand: demands,
  pairingTitle: pairings.title,
  raisedByOrgName: raisedBy.name,
  assignedOrgName: assignedTo.name,
  assigneeName: sql<string | null>`coalesce(${users.displayName}, ${users.username})`,
};

function withNames(db: Db) {
  return db
    .select(named)
    .from(demands)
    .innerJoin(pairings, eq(pairings.id, demands.pairingId))
    .innerJoin(raisedBy, eq(raisedBy.id, demands.raisedByOrgId))
    .leftJoin(assignedTo, eq(assignedTo.id, demands.assignedOrgId))
    .leftJoin(users, eq(users.id, demands.assigneeId));
}
export type NamedDemandRow = Awaited<ReturnType<typeof withNames>>[number];

export async function getNamedDemand(db: Db, id: string): Promise<NamedDemandRow | undefined> {
  const [row] = await withNames(db).where(eq(demands.id, id));
  return row;
}

/** The bare record, locked for the rest of the transaction so two transitions of one demand run one after the other. */
export async function lockDemand(db: Db, id: string): Promise<DemandRow | undefined> {
  const [row] = await db.select().from(demands).where(eq(demands.id, id)).for('update');
  return row;
}

/**
 * One page, newest raised first: after a cursor (keyset) or, for a page number, past `offset` rows; one row more than
 * the limit tells whether a next page exists.
 */
export async function listPage(db: Db, where: (SQL | undefined)[], after: [string, string] | null, limit: number, offset = 0) {
  const conds = [...where];
  if (after) conds.push(or(lt(demands.raisedOn, after[0]), and(eq(demands.raisedOn, after[0]), lt(demands.id, after[1]))));
  return withNames(db)
    .where(and(...conds))
    .orderBy(desc(demands.raisedOn), desc(demands.id))
    .limit(limit + 1)
    .offset(offset);
}

/** Counts the demands a list's filters select, but stops at `cap`. */
export async function countWhere(db: Db, where: (SQL | undefined)[], cap: number): Promise<number> {
  const limited = db
    .select({ one: sql`1` })
    .from(demands)
    .innerJoin(pairings, eq(pairings.id, demands.pairingId))
    .where(and(...where))
    .limit(cap + 1)
    .as('limited');
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(limited);
  return row?.n ?? 0;
}

/**
 * Overdue as domain/pairings/deadlines.ts `isOverdue` defines it (past the due date and not settled), in SQL so the
 * list can filter on it; the flag on each demand is still computed by the domain function.
 */
export function overdueOn(today: string): SQL {
  return and(isNotNull(demands.dueOn), lt(demands.dueOn, today), notInArray(demands.state, [...SETTLED_DEMAND_STATES]))!;
}

export const demandFilters = {
  pairing: (id: string) => eq(demands.pairingId, id),
  coordinator: (orgId: string) => eq(pairings.coordinatorOrgId, orgId),
  org: (orgId: string) => or(eq(demands.raisedByOrgId, orgId), eq(demands.assignedOrgId, orgId))!,
  state: (state: string) => eq(demands.state, state),
  urgency: (urgency: string) => eq(demands.urgency, urgency),
  overdue: (overdue: boolean, today: string) => (overdue ? overdueOn(today) : sql`not (${overdueOn(today)})`),
};

/** The access scopes (parties and coordinator) of several pairings at once, for the demands of a page. */
export async function pairingScopes(db: Db, pairingIds: string[]): Promise<Map<string, PairingScope>> {
  const ids = [...new Set(pairingIds)];
  if (ids.length === 0) return new Map();
  const [heads, parties] = await Promise.all([
    db
      .select({ id: pairings.id, state: pairings.state, coordinatorOrgId: pairings.coordinatorOrgId, coordinatorPath: pairings.coordinatorPath })
      .from(pairings)
      .where(inArray(pairings.id, ids)),
    db
      .select({ pairingId: pairingParties.pairingId, orgId: pairingParties.orgId, orgPath: pairingParties.orgPath })
      .from(pairingParties)
      .where(inArray(pairingParties.pairingId, ids))
      .orderBy(asc(pairingParties.position)),
  ]);
  return new Map(
    heads.map((h) => [
      h.id,
      {
        ...h,
        state: h.state as PairingState,
        parties: parties.filter((p) => p.pairingId === h.id).map((p) => ({ orgId: p.orgId, orgPath: p.orgPath })),
      },
    ]),
  );
}

export async function eventsOf(db: Db, demandId: string) {
  return db
    .select({
      from: demandEvents.fromState,
      to: demandEvents.toState,
      at: demandEvents.at,
      byOrgId: demandEvents.byOrgId,
      byOrgName: orgs.name,
      byUserName: sql<string | null>`coalesce(${users.displayName}, ${users.username})`,
      note: demandEvents.note,
    })
    .from(demandEvents)
    .leftJoin(orgs, eq(orgs.id, demandEvents.byOrgId))
    .leftJoin(users, eq(users.id, demandEvents.byUserId))
    .where(eq(demandEvents.demandId, demandId))
    .orderBy(asc(demandEvents.at), asc(demandEvents.id));
}

/** A demand's attachments (kept with its pairing's files). */
export async function filesOf(db: Db, demandId: string) {
  return db.select().from(pairingFiles).where(eq(pairingFiles.demandId, demandId)).orderBy(asc(pairingFiles.createdAt), asc(pairingFiles.id));
}

export async function demandFile(db: Db, demandId: string, fileId: string) {
  const [file] = await db.select().from(pairingFiles).where(and(eq(pairingFiles.id, fileId), eq(pairingFiles.demandId, demandId)));
  return file;
}

/** The end of a pairing's validity ('' for no such pairing, which reads as long ended). */
export async function validTo(db: Db, pairingId: string): Promise<string> {
  const [row] = await db.select({ validTo: pairings.validTo }).from(pairings).where(eq(pairings.id, pairingId));
  return row?.validTo ?? '';
}

/**
 * The people who work for an organization: its secretary, and the admins of it or of an organization above it
 * (as reminders go, server/modules/notifications/service.ts). Disabled accounts are left out.
 */
export async function officersOf(db: Db, orgPath: string): Promise<string[]> {
  const rows = await db
    .select({ userId: roleGrants.userId, role: roleGrants.role, orgPath: orgs.path })
    .from(roleGrants)
    .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        inArray(roleGrants.role, ['secretary', 'org_admin', 'admin']),
        eq(users.disabled, false),
        sql`${orgs.path} @> ${orgPath}::ltree`,
      ),
    );
  return [...new Set(rows.filter((r) => r.role !== 'secretary' || r.orgPath === orgPath).map((r) => r.userId))];
}

export async function activeUser(db: Db, id: string) {
  const [row] = await db.select().from(users).where(and(eq(users.id, id), eq(users.disabled, false)));
  return row;
}

/** Demands that may have to escalate on `today`: past due, unsettled, not yet escalated, in a coordinated pairing. */
export async function escalationCandidates(db: Db, today: string) {
  return db
    .select({
      demand: demands,
      coordinatorOrgId: pairings.coordinatorOrgId,
      coordinatorPath: pairings.coordinatorPath,
    })
    .from(demands)
    .innerJoin(pairings, eq(pairings.id, demands.pairingId))
    .where(and(overdueOn(today), isNull(demands.escalatedOn), isNotNull(pairings.coordinatorPath)))
    .orderBy(asc(demands.dueOn), asc(demands.id));
}

/**
 * Active accounts with a managing role held in the organization or above it: the candidates who may handle a demand
 * for it (the service keeps those whose grant allows it, as authorize decides). Global administrators are left out,
 * as they are from officersOf: they act for every party but are nobody's person to assign.
 */
export async function handlerGrants(db: Db, orgPath: string) {
  return db
    .select({ userId: users.id, name: sql<string>`coalesce(${users.displayName}, ${users.username})`, role: roleGrants.role, grantPath: orgs.path })
    .from(roleGrants)
    .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(inArray(roleGrants.role, ['secretary', 'org_admin', 'admin']), eq(users.disabled, false), sql`${orgs.path} @> ${orgPath}::ltree`))
    .orderBy(asc(users.username));
}

export async function orgNames(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids));
}
