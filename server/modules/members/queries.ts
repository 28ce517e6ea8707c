import { and, asc, desc, eq, getTableColumns, gt, gte, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { memberOrgHistory, members } from '../../db/schema/members';
import { committeeRoles, orgs, partyGroups } from '../../db/schema/orgs';

export type MemberRow = typeof members.$inferSelect;

// What a list shows of a member: not the blind index nor the row's own timestamps, which a page of
// fifty would otherwise fetch and turn into a hundred Dates for nothing, and not the encrypted
// numbers, which a list shows masked (toApiMember)
const { idNumberHash: _hash, createdAt: _created, updatedAt: _updated, idNumberEnc: _idEnc, phoneEnc: _phoneEnc, ...listedColumns } = getTableColumns(members);
export type ListedMemberRow = Omit<MemberRow, 'idNumberHash' | 'createdAt' | 'updatedAt' | 'idNumberEnc' | 'phoneEnc'>;

export async function getMember(db: Db, id: string) {
  const [row] = await db
    .select({ member: members, orgName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, id));
  return row;
}

export async function findByIdHash(db: Db, hash: string): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(members).where(eq(members.idNumberHash, hash));
  return row;
}

/** Members by blind index, for a batch of imported rows. */
export async function findByIdHashes(db: Db, hashes: string[]): Promise<Map<string, MemberRow>> {
  if (hashes.length === 0) return new Map();
  const rows = await db.select().from(members).where(inArray(members.idNumberHash, [...new Set(hashes)]));
  return new Map(rows.map((r) => [r.idNumberHash!, r]));
}

/** party group id → its organization */
export async function groupOrgs(db: Db, groupIds: string[]): Promise<Map<string, string>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db.select({ id: partyGroups.id, orgId: partyGroups.orgId }).from(partyGroups).where(inArray(partyGroups.id, [...new Set(groupIds)]));
  return new Map(rows.map((r) => [r.id, r.orgId]));
}

export const SORT_COLUMNS = { name: members.name, joinedOn: members.joinedOn, birthDate: members.birthDate } as const;

export interface ListFilter {
  where: SQL[];
  sort: keyof typeof SORT_COLUMNS;
  order: 'asc' | 'desc';
  after: [string, string] | null;
  /** skips this many rows (a page number); used instead of `after` */
  offset?: number;
  limit: number;
}

export function listPage(db: Db, f: ListFilter) {
  return selectPage(db, f, listedColumns);
}

/** A roster export's pages: also the encrypted numbers, which the export writes in full for those allowed to read them. */
export function exportPage(db: Db, f: ListFilter) {
  return selectPage(db, f, { ...listedColumns, idNumberEnc: members.idNumberEnc, phoneEnc: members.phoneEnc });
}

async function selectPage<T extends typeof listedColumns>(db: Db, f: ListFilter, member: T) {
  const col = SORT_COLUMNS[f.sort];
  const conds = [...f.where];
  if (f.after) {
    const [value, id] = f.after;
    conds.push(
      f.order === 'asc'
        ? or(gt(col, value), and(eq(col, value), gt(members.id, id)))!
        : or(lt(col, value), and(eq(col, value), lt(members.id, id)))!,
    );
  }
  const dir = f.order === 'asc' ? asc : desc;
  return db
    .select({ member, orgName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(dir(col), dir(members.id))
    .limit(f.limit + 1)
    .offset(f.offset ?? 0);
}

/** Counts matching rows, but stops at `cap`: a filtered count over a province must not stall the server. */
export async function countWhere(db: Db, where: SQL[], cap: number): Promise<number> {
  const limited = db
    .select({ one: sql`1` })
    .from(members)
    .where(where.length ? and(...where) : undefined)
    .limit(cap + 1)
    .as('limited');
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(limited);
  return row?.n ?? 0;
}

export const filters = {
  inSubtree: (path: string) => sql`${members.orgPath} <@ ${path}::ltree`,
  inAnySubtree: (paths: string[]) => sql`(${sql.join(paths.map((p) => sql`${members.orgPath} <@ ${p}::ltree`), sql` or `)})`,
  inOrg: (orgId: string) => eq(members.orgId, orgId),
  eq: (column: 'status' | 'category' | 'gender' | 'education', value: string) => eq(members[column], value),
  bornOnOrBefore: (date: string) => lte(members.birthDate, date),
  bornAfter: (date: string) => gt(members.birthDate, date),
  joinedFrom: (date: string) => gte(members.joinedOn, date),
  joinedTo: (date: string) => lte(members.joinedOn, date),
  nameLike: (text: string) => ilike(members.name, `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`),
};

export async function historyOf(db: Db, memberId: string) {
  return db
    .select({ orgId: memberOrgHistory.orgId, orgName: orgs.name, fromOn: memberOrgHistory.fromOn, toOn: memberOrgHistory.toOn, note: memberOrgHistory.note })
    .from(memberOrgHistory)
    .innerJoin(orgs, eq(orgs.id, memberOrgHistory.orgId))
    .where(eq(memberOrgHistory.memberId, memberId))
    .orderBy(asc(memberOrgHistory.fromOn), asc(memberOrgHistory.id));
}

export async function openHistory(db: Db, memberId: string) {
  const [row] = await db
    .select()
    .from(memberOrgHistory)
    .where(and(eq(memberOrgHistory.memberId, memberId), isNull(memberOrgHistory.toOn)));
  return row;
}

export async function rolesOf(db: Db, memberId: string) {
  return db
    .select({ orgId: committeeRoles.orgId, orgName: orgs.name, role: committeeRoles.role, startedOn: committeeRoles.startedOn })
    .from(committeeRoles)
    .innerJoin(orgs, eq(orgs.id, committeeRoles.orgId))
    .where(and(eq(committeeRoles.memberId, memberId), isNull(committeeRoles.endedOn)));
}
