import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { activities, activityHosts } from '../../db/schema/activities';
import { orgs } from '../../db/schema/orgs';
import { demands, jointProjects, pairingCommitments, pairingFiles, pairingItems, pairingParties, pairingPolicies, pairings } from '../../db/schema/pairings';

export type PairingRow = typeof pairings.$inferSelect;

/**
 * The state as users see it: an active agreement whose validity has ended is expired, even before
 * the daily job has written that down.
 */
export const effectiveState = (today: string): SQL<string> =>
  sql<string>`(case when ${pairings.state} = 'active' and ${pairings.validTo} < ${today} then 'expired' else ${pairings.state} end)`;

/** The pairings a coordinator coordinates, as a subquery on ids. */
export const coordinatedBy = (db: Db, coordinatorOrgId: string) => db.select({ id: pairings.id }).from(pairings).where(eq(pairings.coordinatorOrgId, coordinatorOrgId));

export async function orgsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path, sector: orgs.sector, dissolvedOn: orgs.dissolvedOn })
    .from(orgs)
    .where(inArray(orgs.id, [...new Set(ids)]));
}

export async function getPairing(db: Db, id: string): Promise<PairingRow | undefined> {
  const [row] = await db.select().from(pairings).where(eq(pairings.id, id));
  return row;
}

export async function pairingsByIds(db: Db, ids: string[]): Promise<PairingRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(pairings).where(inArray(pairings.id, ids));
}

export const pairingFilters = {
  /** a party or the coordinator */
  org: (orgId: string) =>
    or(eq(pairings.coordinatorOrgId, orgId), sql`exists (select 1 from ${pairingParties} pp where pp.pairing_id = ${pairings.id} and pp.org_id = ${orgId})`)!,
  coordinator: (orgId: string) => eq(pairings.coordinatorOrgId, orgId),
  state: (state: string, today: string) => sql`${effectiveState(today)} = ${state}`,
  /** the title or a party's name contains the text */
  text: (q: string) => {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return or(
      sql`${pairings.title} ilike ${like}`,
      sql`exists (select 1 from ${pairingParties} pp join ${orgs} o on o.id = pp.org_id where pp.pairing_id = ${pairings.id} and o.name ilike ${like})`,
    )!;
  },
};

/** Newest agreements first (by the start of validity), then by id: a stable keyset order. */
export async function listPage(db: Db, where: SQL[], after: [string, string] | null, limit: number, offset = 0) {
  const conds = [...where];
  if (after) conds.push(or(lt(pairings.validFrom, after[0]), and(eq(pairings.validFrom, after[0]), lt(pairings.id, after[1])))!);
  return db
    .select()
    .from(pairings)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(pairings.validFrom), desc(pairings.id))
    .limit(limit + 1)
    .offset(offset);
}

export async function countWhere(db: Db, where: SQL[]): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(pairings)
    .where(where.length ? and(...where) : undefined);
  return row?.n ?? 0;
}

export async function partiesOf(db: Db, pairingIds: string[]) {
  if (pairingIds.length === 0) return [];
  return db
    .select({
      pairingId: pairingParties.pairingId,
      orgId: pairingParties.orgId,
      orgPath: pairingParties.orgPath,
      position: pairingParties.position,
      contactName: pairingParties.contactName,
      contactPhone: pairingParties.contactPhone,
      contactTitle: pairingParties.contactTitle,
      acceptedAt: pairingParties.acceptedAt,
      orgName: orgs.name,
      sector: orgs.sector,
    })
    .from(pairingParties)
    .innerJoin(orgs, eq(orgs.id, pairingParties.orgId))
    .where(inArray(pairingParties.pairingId, pairingIds))
    .orderBy(asc(pairingParties.pairingId), asc(pairingParties.position));
}

export async function commitmentsOf(db: Db, pairingIds: string[]) {
  if (pairingIds.length === 0) return [];
  return db.select().from(pairingCommitments).where(inArray(pairingCommitments.pairingId, pairingIds)).orderBy(asc(pairingCommitments.id));
}

/** The agreement's own files (a demand's attachments belong to the demand). */
export async function filesOf(db: Db, pairingIds: string[]) {
  if (pairingIds.length === 0) return [];
  return db
    .select()
    .from(pairingFiles)
    .where(and(inArray(pairingFiles.pairingId, pairingIds), isNull(pairingFiles.demandId)))
    .orderBy(asc(pairingFiles.createdAt), asc(pairingFiles.id));
}

export async function agreementFile(db: Db, pairingId: string, fileId: string) {
  const [file] = await db
    .select()
    .from(pairingFiles)
    .where(and(eq(pairingFiles.id, fileId), eq(pairingFiles.pairingId, pairingId), isNull(pairingFiles.demandId)));
  return file;
}

/** The renewals of these pairings: previous id → next id. */
export async function successorsOf(db: Db, pairingIds: string[]): Promise<Map<string, string>> {
  if (pairingIds.length === 0) return new Map();
  const rows = await db.select({ id: pairings.id, previousId: pairings.previousId }).from(pairings).where(inArray(pairings.previousId, pairingIds));
  return new Map(rows.map((r) => [r.previousId!, r.id]));
}

/** Agreements of the same parties still in draft or in force, for the duplicate check. */
export async function liveWithKeys(db: Db, keys: string[], today: string) {
  if (keys.length === 0) return [];
  return db
    .select({ id: pairings.id, partiesKey: pairings.partiesKey, validFrom: pairings.validFrom, validTo: pairings.validTo, title: pairings.title })
    .from(pairings)
    .where(and(inArray(pairings.partiesKey, [...new Set(keys)]), sql`${effectiveState(today)} in ('draft', 'active')`));
}

/** Active agreements whose validity ended before today, with the path their audit event is filed under. */
export async function endedActive(db: Db, today: string) {
  return db
    .select({
      id: pairings.id,
      validTo: pairings.validTo,
      orgPath: sql<string>`coalesce(${pairings.coordinatorPath}::text, (select pp.org_path::text from ${pairingParties} pp where pp.pairing_id = ${pairings.id} order by pp.position limit 1))`,
    })
    .from(pairings)
    .where(and(eq(pairings.state, 'active'), lt(pairings.validTo, today)));
}

// ---- the three lists -----------------------------------------------------------------------------

export async function itemsOf(db: Db, where: SQL) {
  return db
    .select({ item: pairingItems, orgName: orgs.name })
    .from(pairingItems)
    .innerJoin(orgs, eq(orgs.id, pairingItems.orgId))
    .where(where)
    .orderBy(asc(pairingItems.createdAt), asc(pairingItems.id));
}

export async function getItem(db: Db, id: string) {
  const [row] = await db.select().from(pairingItems).where(eq(pairingItems.id, id));
  return row;
}

/** Open items of the pairings (draft or in force) of a coordinator, with their pairing's title. */
export async function openItemsForMatching(db: Db, where: SQL, today: string) {
  return db
    .select({ item: pairingItems, orgName: orgs.name, pairingTitle: pairings.title })
    .from(pairingItems)
    .innerJoin(pairings, eq(pairings.id, pairingItems.pairingId))
    .innerJoin(orgs, eq(orgs.id, pairingItems.orgId))
    .where(and(where, eq(pairingItems.status, 'open'), sql`${effectiveState(today)} in ('draft', 'active')`));
}

export async function projectsOf(db: Db, pairingId: string, projectId?: string) {
  const need = sql<string | null>`(select i.title from ${pairingItems} i where i.id = ${jointProjects.needId})`;
  const resource = sql<string | null>`(select i.title from ${pairingItems} i where i.id = ${jointProjects.resourceId})`;
  const resourcePairing = sql<string | null>`(select i.pairing_id from ${pairingItems} i where i.id = ${jointProjects.resourceId})`;
  return db
    .select({ project: jointProjects, needTitle: need, resourceTitle: resource, resourcePairingId: resourcePairing })
    .from(jointProjects)
    .where(and(eq(jointProjects.pairingId, pairingId), projectId ? eq(jointProjects.id, projectId) : undefined))
    .orderBy(asc(jointProjects.createdAt), asc(jointProjects.id));
}

/** Marks still-open items matched (a matched or closed item keeps its status). */
export async function markMatched(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(pairingItems)
    .set({ status: 'matched', updatedAt: new Date() })
    .where(and(inArray(pairingItems.id, ids), eq(pairingItems.status, 'open')));
}

export async function jointActivitiesOf(db: Db, pairingId: string) {
  const rows = await db
    .select({ id: activities.id, type: activities.type, state: activities.state, theme: activities.theme, heldOn: activities.heldOn })
    .from(activities)
    .where(eq(activities.pairingId, pairingId))
    .orderBy(desc(activities.heldOn), desc(activities.id));
  const hosts = rows.length
    ? await db
        .select({ activityId: activityHosts.activityId, orgId: orgs.id, orgName: orgs.name })
        .from(activityHosts)
        .innerJoin(orgs, eq(orgs.id, activityHosts.orgId))
        .where(
          inArray(
            activityHosts.activityId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(orgs.name))
    : [];
  return rows.map((r) => ({ ...r, hosts: hosts.filter((h) => h.activityId === r.id).map((h) => ({ orgId: h.orgId, orgName: h.orgName })) }));
}

// ---- health records, for one pairing or all of a coordinator's at once -----------------------

/** `pairingIds` is a condition on a pairing_id column: one pairing, or a coordinator's (a subquery). */
export type PairingSet = (column: AnyColumn) => SQL;

export async function heldJointActivities(db: Db, inSet: PairingSet, from: string, to: string) {
  return db
    .select({ pairingId: activities.pairingId, id: activities.id, state: activities.state, date: activities.heldOn })
    .from(activities)
    .where(and(inSet(activities.pairingId), eq(activities.state, 'held'), gte(activities.heldOn, from), lte(activities.heldOn, to)));
}

export async function healthCommitments(db: Db, inSet: PairingSet) {
  return db
    .select({ pairingId: pairingCommitments.pairingId, dueOn: pairingCommitments.dueOn, doneOn: pairingCommitments.doneOn })
    .from(pairingCommitments)
    .where(inSet(pairingCommitments.pairingId));
}

/**
 * The demands that can count between `from` and `to`: raised, resolved or confirmed then, or still
 * unsettled with a due date (they may be overdue then). Demands settled before `from` cannot count.
 */
export async function healthDemands(db: Db, inSet: PairingSet, from: string, to: string) {
  return db
    .select({
      pairingId: demands.pairingId,
      state: demands.state,
      raisedOn: demands.raisedOn,
      dueOn: demands.dueOn,
      resolvedOn: demands.resolvedOn,
      confirmedOn: demands.confirmedOn,
      rating: demands.rating,
    })
    .from(demands)
    .where(
      and(
        inSet(demands.pairingId),
        lte(demands.raisedOn, to),
        or(
          gte(demands.raisedOn, from),
          gte(demands.resolvedOn, from),
          gte(demands.confirmedOn, from),
          sql`(${demands.dueOn} is not null and ${demands.resolvedOn} is null and ${demands.confirmedOn} is null)`,
        ),
      ),
    );
}

export async function doneProjects(db: Db, inSet: PairingSet, from: string, to: string) {
  return db
    .select({ pairingId: jointProjects.pairingId, doneOn: jointProjects.doneOn })
    .from(jointProjects)
    .where(and(inSet(jointProjects.pairingId), gte(jointProjects.doneOn, from), lte(jointProjects.doneOn, to)));
}

/** Today's open and overdue demands per pairing (settled: resolved or confirmed). */
export async function openDemandCounts(db: Db, inSet: PairingSet, today: string) {
  const open = sql`${demands.state} not in ('resolved', 'confirmed')`;
  return db
    .select({
      pairingId: demands.pairingId,
      open: sql<number>`count(*) filter (where ${open})`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${open} and ${demands.dueOn} < ${today})`.mapWith(Number),
    })
    .from(demands)
    .where(and(inSet(demands.pairingId), ne(demands.state, 'confirmed')))
    .groupBy(demands.pairingId);
}

export async function storedPolicy(db: Db, orgId: string): Promise<unknown> {
  const [row] = await db.select({ policy: pairingPolicies.policy }).from(pairingPolicies).where(eq(pairingPolicies.orgId, orgId));
  return row?.policy ?? null;
}

// ---- deleting a draft ----------------------------------------------------------------------------

/** What a draft may already carry that is not its own to delete: demands, linked activities, joint projects on its items. */
export async function recordsOfDraft(db: Db, pairingId: string): Promise<number> {
  const itemIds = db.select({ id: pairingItems.id }).from(pairingItems).where(eq(pairingItems.pairingId, pairingId));
  const [d, a, p] = await Promise.all([
    db.select({ n: count() }).from(demands).where(eq(demands.pairingId, pairingId)),
    db.select({ n: count() }).from(activities).where(eq(activities.pairingId, pairingId)),
    db
      .select({ n: count() })
      .from(jointProjects)
      .where(or(eq(jointProjects.pairingId, pairingId), inArray(jointProjects.needId, itemIds), inArray(jointProjects.resourceId, itemIds))),
  ]);
  return (d[0]?.n ?? 0) + (a[0]?.n ?? 0) + (p[0]?.n ?? 0);
}

/** Every file of a pairing (its own and its demands'), for removing them from disk. */
export async function allFilesOf(db: Db, pairingId: string) {
  return db.select({ storedAs: pairingFiles.storedAs, thumbnailAs: pairingFiles.thumbnailAs, demandId: pairingFiles.demandId }).from(pairingFiles).where(eq(pairingFiles.pairingId, pairingId));
}

export async function deleteDraftRows(db: Db, pairingId: string): Promise<void> {
  await db.delete(pairingFiles).where(eq(pairingFiles.pairingId, pairingId));
  await db.delete(pairingCommitments).where(eq(pairingCommitments.pairingId, pairingId));
  await db.delete(pairingItems).where(eq(pairingItems.pairingId, pairingId));
  await db.delete(pairingParties).where(eq(pairingParties.pairingId, pairingId));
  await db.delete(pairings).where(eq(pairings.id, pairingId));
}

export async function getCommitment(db: Db, pairingId: string, commitmentId: string) {
  const [row] = await db.select().from(pairingCommitments).where(and(eq(pairingCommitments.id, commitmentId), eq(pairingCommitments.pairingId, pairingId)));
  return row;
}
