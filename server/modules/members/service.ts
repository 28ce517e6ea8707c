import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { MEMBER_ABILITIES, abilities, abilitiesWithin, authorize, readScopes, topOrgIds, type Action } from '../../../domain/access';
import { addDays, addYears, isValidDate } from '../../../domain/dates';
import type { Education, Gender, MemberCategory, MemberStatus } from '../../../domain/enums';
import { maskIdNumber, maskPhone, parseIdCard } from '../../../domain/idcard';
import type {
  Member,
  MemberBatchResult,
  MemberCreate,
  MemberDetail,
  MemberFilterQuery,
  MemberGroupAssign,
  MemberListQuery,
  MemberPatch,
} from '../../../domain/schemas/members';
import { decodeCursor, encodeCursor } from '../../cursor';
import { EARLIEST_BIRTH_DATE } from '../../../domain/plausible';
import { appendAudit, redact } from '../../audit';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import { insertMany } from '../../db/insertMany';
import { memberOrgHistory, members } from '../../db/schema/members';
import { committeeRoles, orgs, partyGroups } from '../../db/schema/orgs';
import { forEachOrNone } from '../../batch';
import { AppError, appError, FieldErrors, forbidden, invalid, notFound } from '../../errors';
import { Turns } from '../../eventLoop';
import { newId } from '../../ids';
import * as dashQ from '../dashboard/queries';
import * as orgQ from '../orgs/queries';
import { refreshOrgs } from '../compliance/results';
import { loadOrg } from '../orgs/service';
import * as q from './queries';

type MemberRow = q.MemberRow;
const SECRET_COLUMNS = ['idNumberEnc', 'idNumberHash', 'phoneEnc', 'createdAt', 'updatedAt'] as const;
const ID_PROBLEMS = {
  format: 'id_number_format',
  birth_date: 'id_number_birth_date',
  check_digit: 'id_number_check_digit',
} as const;
const MIN_JOIN_AGE = 18;
/** Beyond this many matches a filtered list reports `total` as a lower bound (`totalExact: false`). */
export const COUNT_CAP = 10_000;

function ensure(ctx: Ctx, action: Action, orgPath: string, memberId?: string): void {
  if (!authorize(ctx.actor, action, { orgPath, ...(memberId ? { memberId } : {}) })) throw forbidden();
}

/**
 * A member's ID-card and phone numbers as shown: in full to those allowed to read them when the
 * encrypted ones were fetched (a member's record, the roster export), masked otherwise. A list
 * does not fetch them and shows them masked to everyone, as GB/T 35273-2020 §7.5 advises for what a
 * screen shows (a list is read over shoulders and projected); its page then decrypts nothing.
 */
export function memberNumbers(ctx: Ctx, row: q.ListedMemberRow & Partial<Pick<q.MemberRow, 'idNumberEnc' | 'phoneEnc'>>) {
  const full = row.idNumberEnc !== undefined && authorize(ctx.actor, 'member.readSensitive', { orgPath: row.orgPath, memberId: row.id });
  return {
    idNumber: full && row.idNumberEnc ? ctx.crypto.decrypt(row.idNumberEnc) : row.idNumberMasked,
    phone: full && row.phoneEnc ? ctx.crypto.decrypt(row.phoneEnc) : row.phoneMasked,
    masked: !full,
  };
}

export function toApiMember(ctx: Ctx, row: Parameters<typeof memberNumbers>[1], orgName: string): Member {
  const { idNumber, phone, masked } = memberNumbers(ctx, row);
  return {
    id: row.id,
    name: row.name,
    gender: row.gender as Gender,
    ethnicity: row.ethnicity,
    birthDate: row.birthDate,
    idNumber,
    phone,
    education: row.education as Education | null,
    joinedOn: row.joinedOn,
    fullOn: row.fullOn,
    status: row.status as MemberStatus,
    category: row.category as MemberCategory,
    jobTitle: row.jobTitle,
    orgId: row.orgId,
    orgName,
    partyGroupId: row.partyGroupId,
    masked,
  };
}

interface Resolved {
  name: string;
  gender: Gender;
  ethnicity: string | null;
  birthDate: string;
  idNumber: string | null;
  phone: string | null;
  education: Education | null;
  joinedOn: string;
  fullOn: string | null;
  status: MemberStatus;
  category: MemberCategory;
  jobTitle: string | null;
  partyGroupId: string | null;
}

/** Every check a member record must pass, on the record as it would be after the change. */
function validateRecord(ctx: Ctx, input: Partial<Resolved>): Resolved {
  const errors = new FieldErrors();
  let gender = input.gender;
  let birthDate = input.birthDate;
  let idNumber: string | null = null;
  if (input.idNumber) {
    const parsed = parseIdCard(input.idNumber, ctx.today);
    if (!parsed.ok) errors.add('idNumber', ID_PROBLEMS[parsed.problem]);
    else {
      idNumber = parsed.info.normalized;
      if (birthDate && birthDate !== parsed.info.birthDate) errors.add('birthDate', 'birth_date_mismatch', { birthDate: parsed.info.birthDate });
      if (gender && gender !== parsed.info.gender) errors.add('gender', 'gender_mismatch');
      birthDate ??= parsed.info.birthDate;
      gender ??= parsed.info.gender;
    }
  }
  if (!birthDate && !errors.has('idNumber')) errors.add('birthDate', 'required_or_id_number');
  if (!gender && !errors.has('idNumber')) errors.add('gender', 'required_or_id_number');
  for (const field of ['birthDate', 'joinedOn', 'fullOn'] as const) {
    const value = field === 'birthDate' ? birthDate : input[field];
    if (!value) continue;
    if (!isValidDate(value)) errors.add(field, 'not_a_date');
    else if (value > ctx.today) errors.add(field, 'date_in_future');
    else if (field === 'birthDate' && value < EARLIEST_BIRTH_DATE) errors.add(field, 'date_too_early', { min: EARLIEST_BIRTH_DATE });
  }
  const joinedOn = input.joinedOn;
  if (!joinedOn) errors.add('joinedOn', 'required');
  if (joinedOn && birthDate && isValidDate(birthDate) && isValidDate(joinedOn) && joinedOn < addYears(birthDate, MIN_JOIN_AGE)) {
    errors.add('joinedOn', 'join_age', { age: MIN_JOIN_AGE });
  }
  const status = input.status;
  const fullOn = input.fullOn ?? null;
  if (status === 'full' && !fullOn) errors.add('fullOn', 'full_on_required');
  if (status === 'probationary' && fullOn) errors.add('fullOn', 'full_on_probationary');
  if (fullOn && joinedOn && fullOn < joinedOn) errors.add('fullOn', 'full_on_before_joined');
  const phone = input.phone ? input.phone.replace(/[\s-]/g, '') : null;
  if (phone && !/^\+?\d{7,15}$/.test(phone)) errors.add('phone', 'phone_format');
  if (!input.name?.trim()) errors.add('name', 'required');
  errors.throwIfAny();
  return {
    name: input.name!.trim(),
    gender: gender!,
    ethnicity: input.ethnicity ?? null,
    birthDate: birthDate!,
    idNumber,
    phone,
    education: input.education ?? null,
    joinedOn: joinedOn!,
    fullOn,
    status: status!,
    category: input.category!,
    jobTitle: input.jobTitle ?? null,
    partyGroupId: input.partyGroupId ?? null,
  };
}

function sensitiveColumns(ctx: Ctx, r: Resolved) {
  return {
    idNumberEnc: r.idNumber ? ctx.crypto.encrypt(r.idNumber) : null,
    idNumberHash: r.idNumber ? ctx.crypto.blindIndex(r.idNumber) : null,
    idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
    phoneEnc: r.phone ? ctx.crypto.encrypt(r.phone) : null,
    phoneMasked: r.phone ? maskPhone(r.phone) : null,
  };
}

/** `groupOrgId`: the organization of the record's party group, as stored. */
function checkGroup(r: Resolved, orgId: string, groupOrgId: string | undefined): void {
  if (r.partyGroupId && groupOrgId !== orgId) throw invalid([{ field: 'partyGroupId', code: 'party_group_not_of_org' }]);
}

async function checkGroupAndDuplicate(ctx: Ctx, tx: Db, r: Resolved, orgId: string, selfId?: string) {
  if (r.partyGroupId) checkGroup(r, orgId, (await q.groupOrgs(tx, [r.partyGroupId])).get(r.partyGroupId));
  if (r.idNumber) {
    const other = await q.findByIdHash(tx, ctx.crypto.blindIndex(r.idNumber));
    if (other && other.id !== selfId) throw invalid([{ field: 'idNumber', code: 'id_number_taken' }]);
  }
}

const fullDelta = (status: string) => (status === 'full' ? 1 : 0);

/** A new member: the organization and the record checked, the row to insert (party group and duplicate not yet checked). */
function newMember(ctx: Ctx, org: orgQ.OrgRow | undefined, input: MemberCreate) {
  if (!org) throw invalid([{ field: 'orgId', code: 'no_such_org' }]);
  ensure(ctx, 'member.create', org.path);
  if (org.dissolvedOn) throw invalid([{ field: 'orgId', code: 'org_dissolved' }]);
  const r = validateRecord(ctx, input);
  const { idNumber: _i, phone: _p, ...plain } = r;
  const row = { id: newId(), orgId: org.id, orgPath: org.path, ...plain, ...sensitiveColumns(ctx, r) };
  return { r, row };
}

type NewMember = ReturnType<typeof newMember>;

/** Inserts new members (a batch of them in one statement each), their history, totals and audit events. */
async function writeNewMembers(ctx: Ctx, tx: Db, created: readonly NewMember[]): Promise<void> {
  if (created.length === 0) return;
  // an import batch: one JSON parameter each, not Drizzle's placeholder per value (server/db/insertMany.ts)
  await insertMany(tx, members, created.map((c) => c.row));
  await insertMany(tx, memberOrgHistory, created.map((c) => ({ id: newId(), memberId: c.row.id, orgId: c.row.orgId, fromOn: c.r.joinedOn, note: null })));
  // in an import these are deferred to memory: a thousand rows without a pause for I/O unless taken
  const turns = new Turns();
  for (const { r, row } of created) {
    if (turns.due()) await turns.take();
    await orgQ.adjustCounts(tx, row.orgPath, 1, fullDelta(r.status));
    await dashQ.adjustFacets(tx, row.orgPath, r, 1);
    await appendAudit(ctx, tx, { action: 'member.create', subjectType: 'member', subjectId: row.id, orgPath: row.orgPath, after: redact(row, SECRET_COLUMNS) });
  }
}

async function insertMember(ctx: Ctx, tx: Db, input: MemberCreate): Promise<string> {
  const created = newMember(ctx, await orgQ.getOrg(tx, input.orgId), input);
  await checkGroupAndDuplicate(ctx, tx, created.r, created.row.orgId);
  await writeNewMembers(ctx, tx, [created]);
  return created.row.id;
}

export async function createMember(ctx: Ctx, input: MemberCreate): Promise<MemberDetail> {
  const id = await inTx(ctx, (tx) => insertMember(ctx, tx, input));
  return getMemberDetail(ctx, id);
}

function currentValues(ctx: Ctx, row: MemberRow): Resolved {
  return {
    name: row.name,
    gender: row.gender as Gender,
    ethnicity: row.ethnicity,
    birthDate: row.birthDate,
    idNumber: row.idNumberEnc ? ctx.crypto.decrypt(row.idNumberEnc) : null,
    phone: row.phoneEnc ? ctx.crypto.decrypt(row.phoneEnc) : null,
    education: row.education as Education | null,
    joinedOn: row.joinedOn,
    fullOn: row.fullOn,
    status: row.status as MemberStatus,
    category: row.category as MemberCategory,
    jobTitle: row.jobTitle,
    partyGroupId: row.partyGroupId,
  };
}

async function applyPatch(ctx: Ctx, tx: Db, row: MemberRow, patch: MemberPatch): Promise<boolean> {
  ensure(ctx, 'member.update', row.orgPath, row.id);
  const current = currentValues(ctx, row);
  const merged = { ...current, ...patch };
  // A new ID number brings its own birth date and gender unless the patch sets them too.
  if (patch.idNumber !== undefined && patch.idNumber !== current.idNumber) {
    if (patch.birthDate === undefined) delete (merged as Partial<Resolved>).birthDate;
    if (patch.gender === undefined) delete (merged as Partial<Resolved>).gender;
  }
  const r = validateRecord(ctx, merged);
  const changed = (Object.keys(r) as (keyof Resolved)[]).filter((k) => (r[k] ?? null) !== (current[k] ?? null));
  if (changed.length === 0) return false;
  await checkGroupAndDuplicate(ctx, tx, r, row.orgId, row.id);
  const { idNumber: _i, phone: _p, ...plain } = r;
  const [after] = await tx
    .update(members)
    .set({ ...plain, ...sensitiveColumns(ctx, r), updatedAt: new Date() })
    .where(eq(members.id, row.id))
    .returning();
  await orgQ.adjustCounts(tx, row.orgPath, 0, fullDelta(r.status) - fullDelta(row.status));
  await dashQ.changeFacets(tx, row.orgPath, row, r);
  await appendAudit(ctx, tx, {
    action: 'member.update',
    subjectType: 'member',
    subjectId: row.id,
    orgPath: row.orgPath,
    before: { ...redact(row, SECRET_COLUMNS), changed },
    after: redact(after, SECRET_COLUMNS),
  });
  return true;
}

export async function updateMember(ctx: Ctx, id: string, patch: MemberPatch): Promise<MemberDetail> {
  await inTx(ctx, async (tx) => {
    const found = await q.getMember(tx, id);
    if (!found) throw notFound('member');
    await applyPatch(ctx, tx, found.member, patch);
  });
  return getMemberDetail(ctx, id);
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

/** For imports: matched by ID-card number; created, updated, or left alone when nothing differs. */
export async function importMember(ctx: Ctx, tx: Db, input: MemberCreate): Promise<ImportOutcome> {
  const [outcome] = await importMembers(ctx, tx, [input]);
  if (outcome instanceof AppError) throw outcome;
  return outcome!;
}

/**
 * For imports, many rows at once with the checks of one: each row is matched by ID-card number
 * and created, updated or left alone. The lookups are one query each for the whole batch and the
 * new members are written with multi-row inserts; updates go one by one (a re-import rarely changes
 * many). Returns each row's outcome, or the error that refused it (nothing of that row is written).
 */
export async function importMembers(ctx: Ctx, tx: Db, inputs: readonly MemberCreate[]): Promise<(ImportOutcome | AppError)[]> {
  const hashes = inputs.map((input) => {
    const parsed = input.idNumber ? parseIdCard(input.idNumber, ctx.today) : null;
    return parsed?.ok ? ctx.crypto.blindIndex(parsed.info.normalized) : null;
  });
  const existing = await q.findByIdHashes(tx, hashes.filter((h) => h !== null));
  const orgsById = await orgQ.getOrgs(tx, inputs.map((i) => i.orgId));
  const groupOrgs = await q.groupOrgs(tx, inputs.flatMap((i) => (i.partyGroupId ? [i.partyGroupId] : [])));
  const seen = new Set<string>();
  let created: NewMember[] = [];
  const outcomes: (ImportOutcome | AppError)[] = [];
  const turns = new Turns();
  for (const [i, input] of inputs.entries()) {
    if (turns.due()) await turns.take();
    const hash = hashes[i] ?? null;
    try {
      if (hash && seen.has(hash)) {
        // the same person twice in one batch: the second meets the first as a single import would
        await writeNewMembers(ctx, tx, created);
        created = [];
        outcomes.push(await importMember(ctx, tx, input));
        continue;
      }
      if (hash) seen.add(hash);
      const found = hash ? existing.get(hash) : undefined;
      if (found) {
        if (found.orgId !== input.orgId) throw invalid([{ field: 'orgId', code: 'member_on_other_roster' }]);
        const { orgId: _o, ...patch } = input;
        outcomes.push((await applyPatch(ctx, tx, found, patch)) ? 'updated' : 'unchanged');
        continue;
      }
      const member = newMember(ctx, orgsById.get(input.orgId), input);
      if (member.r.partyGroupId) checkGroup(member.r, member.row.orgId, groupOrgs.get(member.r.partyGroupId));
      created.push(member);
      outcomes.push('created');
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      outcomes.push(e);
    }
  }
  await writeNewMembers(ctx, tx, created);
  return outcomes;
}

export async function transferMember(ctx: Ctx, id: string, input: { orgId: string; on?: string; note?: string }): Promise<MemberDetail> {
  await inTx(ctx, async (tx) => {
    const found = await q.getMember(tx, id);
    if (!found) throw notFound('member');
    const row = found.member;
    ensure(ctx, 'member.transfer', row.orgPath, row.id);
    const target = await orgQ.getOrg(tx, input.orgId);
    if (!target) throw invalid([{ field: 'orgId', code: 'no_such_org' }]);
    ensure(ctx, 'member.create', target.path);
    if (target.dissolvedOn) throw invalid([{ field: 'orgId', code: 'org_dissolved' }]);
    if (target.id === row.orgId) throw invalid([{ field: 'orgId', code: 'member_already_in_org' }]);
    const on = input.on ?? ctx.today;
    const open = await q.openHistory(tx, row.id);
    if (!isValidDate(on) || on > ctx.today) throw invalid([{ field: 'on', code: 'transfer_date_invalid' }]);
    if (open && on < open.fromOn) throw invalid([{ field: 'on', code: 'transfer_before_current', params: { fromOn: open.fromOn } }]);
    if (open) await tx.update(memberOrgHistory).set({ toOn: on }).where(eq(memberOrgHistory.id, open.id));
    await tx.insert(memberOrgHistory).values({ id: newId(), memberId: row.id, orgId: target.id, fromOn: on, note: input.note ?? null });
    await tx
      .update(committeeRoles)
      .set({ endedOn: on })
      .where(and(eq(committeeRoles.memberId, row.id), eq(committeeRoles.orgId, row.orgId), isNull(committeeRoles.endedOn)));
    await refreshOrgs(tx, [row.orgId], ctx.today);
    await tx.update(members).set({ orgId: target.id, orgPath: target.path, partyGroupId: null, updatedAt: new Date() }).where(eq(members.id, row.id));
    await orgQ.adjustCounts(tx, row.orgPath, -1, -fullDelta(row.status));
    await dashQ.adjustFacets(tx, row.orgPath, row, -1);
    await orgQ.adjustCounts(tx, target.path, 1, fullDelta(row.status));
    await dashQ.adjustFacets(tx, target.path, row, 1);
    await appendAudit(ctx, tx, {
      action: 'member.transfer',
      subjectType: 'member',
      subjectId: row.id,
      orgPath: target.path,
      before: { orgId: row.orgId },
      after: { orgId: target.id, on, note: input.note ?? null },
    });
  });
  return getMemberDetail(ctx, id);
}

export async function getMemberDetail(ctx: Ctx, id: string): Promise<MemberDetail> {
  const found = await q.getMember(ctx.db, id);
  if (!found) throw notFound('member');
  ensure(ctx, 'member.read', found.member.orgPath, id);
  return {
    ...toApiMember(ctx, found.member, found.orgName),
    history: await q.historyOf(ctx.db, id),
    committeeRoles: await q.rolesOf(ctx.db, id),
    abilities: abilities(ctx.actor, { orgPath: found.member.orgPath, memberId: id }, MEMBER_ABILITIES),
  };
}

/** What a members list offers besides reading: adding, importing, exporting and editing members somewhere in it. */
const LIST_ABILITIES: readonly Action[] = ['member.create', 'import.run', 'export.run', 'member.update'];

/** The conditions of a members list's filters besides its organization; the list and its export share them. */
export function filterConditions(ctx: Ctx, query: MemberFilterQuery): SQL[] {
  const where: SQL[] = [];
  for (const key of ['status', 'category', 'gender', 'education'] as const) {
    const value = query[key];
    if (value) where.push(q.filters.eq(key, value));
  }
  if (query.ageMin !== undefined) where.push(q.filters.bornOnOrBefore(addYears(ctx.today, -query.ageMin)));
  if (query.ageMax !== undefined) where.push(q.filters.bornAfter(addYears(ctx.today, -(query.ageMax + 1))));
  if (query.joinedFrom !== undefined) where.push(q.filters.joinedFrom(`${query.joinedFrom}-01-01`));
  if (query.joinedTo !== undefined) where.push(q.filters.joinedTo(addDays(`${query.joinedTo + 1}-01-01`, -1)));
  if (query.q?.trim()) where.push(q.filters.nameLike(query.q.trim()));
  return where;
}

export async function listMembers(ctx: Ctx, query: MemberListQuery) {
  const where: SQL[] = [];
  const filtered = filterConditions(ctx, query);
  let listAbilities: Action[];
  let fastTotal: number | null = null;
  if (query.org) {
    const org = await loadOrg(ctx, ctx.db, query.org, 'member.read');
    const subtree = query.subtree ?? true;
    where.push(subtree ? q.filters.inSubtree(org.path) : q.filters.inOrg(org.id));
    listAbilities = subtree ? abilitiesWithin(ctx.actor, org.path, LIST_ABILITIES) : abilities(ctx.actor, { orgPath: org.path }, LIST_ABILITIES);
    const counts = await orgQ.countsOf(ctx.db, org.id);
    fastTotal = subtree ? counts.members : counts.directMembers;
  } else {
    listAbilities = abilitiesWithin(ctx.actor, null, LIST_ABILITIES);
    const scopes = readScopes(ctx.actor, 'member.read');
    if (scopes?.length === 0) return { items: [], total: 0, totalExact: true, nextCursor: null, abilities: listAbilities };
    if (scopes) where.push(q.filters.inAnySubtree(scopes));
    // the maintained counts of the caller's top organizations, unless a filter narrows the list
    if (filtered.length === 0) fastTotal = await orgQ.membersWithin(ctx.db, scopes && topOrgIds(scopes));
  }
  where.push(...filtered);
  const limit = query.limit ?? 50;
  const sort = query.sort ?? 'name';
  // a page number (offset) wins over a cursor
  const after = query.offset === undefined ? decodeCursor(query.cursor, sort === 'name' ? 'text' : 'date') : null;
  const rows = await q.listPage(ctx.db, { where, sort, order: query.order ?? 'asc', after, offset: query.offset, limit });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(String(last[sort]), last.id) : null;
  // The maintained counts answer an unfiltered subtree at once; filtered lists are counted up to a cap.
  let total = fastTotal ?? 0;
  let totalExact = true;
  if (filtered.length > 0 || fastTotal === null) {
    const counted = await q.countWhere(ctx.db, where, COUNT_CAP);
    totalExact = counted <= COUNT_CAP;
    total = Math.min(counted, COUNT_CAP);
  }
  const items = page.map((r) => ({
    ...toApiMember(ctx, r, r.orgName),
    abilities: abilities(ctx.actor, { orgPath: r.orgPath, memberId: r.id }, MEMBER_ABILITIES),
  }));
  return { items, total, totalExact, nextCursor, abilities: listAbilities };
}

/**
 * Puts members into a party group of their organization (or takes them out of theirs), all or none
 * (server/batch.ts): every id is checked and each that fails is named (`ids.3`) in one `batch_refused`
 * with nothing changed; each member whose group changes gets its own audit event, in the one transaction.
 */
export async function assignPartyGroup(ctx: Ctx, input: MemberGroupAssign): Promise<MemberBatchResult> {
  if (abilitiesWithin(ctx.actor, null, ['member.update']).length === 0) throw forbidden();
  return inTx(ctx, async (tx) => {
    let group: { id: string; orgId: string; orgPath: string } | undefined;
    if (input.partyGroupId) {
      [group] = await tx
        .select({ id: partyGroups.id, orgId: partyGroups.orgId, orgPath: orgs.path })
        .from(partyGroups)
        .innerJoin(orgs, eq(orgs.id, partyGroups.orgId))
        .where(eq(partyGroups.id, input.partyGroupId));
      if (!group) throw invalid([{ field: 'partyGroupId', code: 'no_such_party_group' }]);
      ensure(ctx, 'member.update', group.orgPath);
    }
    const rows = await tx.select().from(members).where(inArray(members.id, [...new Set(input.ids)]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    await forEachOrNone(input.ids, async (id) => {
      const row = byId.get(id);
      if (!row || !authorize(ctx.actor, 'member.read', { orgPath: row.orgPath, memberId: id })) throw appError(404, 'no_such_member');
      if (!authorize(ctx.actor, 'member.update', { orgPath: row.orgPath, memberId: id })) throw forbidden('member_not_editable');
      if (group && row.orgId !== group.orgId) throw invalid([{ field: 'partyGroupId', code: 'party_group_not_of_org' }]);
    });
    const changing = rows.filter((r) => r.partyGroupId !== input.partyGroupId);
    if (changing.length > 0) {
      await tx
        .update(members)
        .set({ partyGroupId: input.partyGroupId, updatedAt: new Date() })
        .where(inArray(members.id, changing.map((r) => r.id)));
    }
    for (const row of changing) {
      await appendAudit(ctx, tx, {
        action: 'member.update',
        subjectType: 'member',
        subjectId: row.id,
        orgPath: row.orgPath,
        before: { partyGroupId: row.partyGroupId, changed: ['partyGroupId'] },
        after: { partyGroupId: input.partyGroupId },
      });
    }
    return { updated: changing.length, unchanged: rows.length - changing.length };
  });
}

export async function assertMemberVisible(ctx: Ctx, id: string): Promise<void> {
  const found = await q.getMember(ctx.db, id);
  if (!found) throw invalid([{ field: 'memberId', code: 'no_such_member' }]);
  ensure(ctx, 'member.read', found.member.orgPath, id);
}

