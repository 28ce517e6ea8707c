import { and, asc, eq, gt, gte, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { memberOrgHistory, members } from '../../db/schema/members';
import { committeeRoles, orgs, partyGroups } from '../../db/schema/orgs';

export type MemberRow = typeof members.$inferSelect;

export type ListedMemberRow = Omit<MemberRow, 'idNumberHash' | 'createdAt' | 'updatedAt' | 'idNumberEnc' | 'phoneEnc'>;
// What a list shows of a member, as plain SQL: not the blind index nor the row's own timestamps, nor
// the encrypted numbers, which a list shows masked (toApiMember). A page of fifty is the busiest read
// of the app, and building it with Drizzle's query builder and mapping its rows cost more than the
// database took (bench/limit.ts).
const LISTED_COLUMNS = sql`members.id, members.org_id as "orgId", members.org_path as "orgPath", members.party_group_id as "partyGroupId",
  members.name, members.gender, members.ethnicity, members.birth_date as "birthDate", members.id_number_masked as "idNumberMasked",
  members.phone_masked as "phoneMasked", members.education, members.joined_on as "joinedOn", members.full_on as "fullOn",
  members.status, members.category, members.job_title as "jobTitle", orgs.name as "orgName"`;

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
  return selectPage<ListedMemberRow & { orgName: string }>(db, f, LISTED_COLUMNS);
}

/** A roster export's pages: also the encrypted numbers, which the export writes in full for those allowed to read them. */
export function exportPage(db: Db, f: ListFilter) {
  return selectPage<ListedMemberRow & Pick<MemberRow, 'idNumberEnc' | 'phoneEnc'> & { orgName: string }>(
    db,
    f,
    sql`${LISTED_COLUMNS}, members.id_number_enc as "idNumberEnc", members.phone_enc as "phoneEnc"`,
  );
}

function selectPage<T>(db: Db, f: ListFilter, columns: SQL): Promise<T[]> {
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
  const dir = sql.raw(f.order);
  return queryRows<T>(
    db,
    sql`select ${columns} from members inner join orgs on orgs.id = members.org_id
        ${conds.length ? sql`where ${and(...conds)}` : sql``}
        order by ${col} ${dir}, members.id ${dir} limit ${f.limit + 1} offset ${f.offset ?? 0}`,
  );
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
