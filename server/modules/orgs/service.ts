import { and, eq, isNull, sql } from 'drizzle-orm';
import { ORG_ABILITIES, abilities, authorize, isWithin, readScopes, topOrgIds, type Action } from '../../../domain/access';
import { isValidDate } from '../../../domain/dates';
import type { CommitteeRole, OrgType, Sector } from '../../../domain/enums';
import { findingMessage, orgFindings, termDates } from '../../../domain/rules/orgFindings';
import type { OrgCreate, OrgDetail, OrgPatch, OrgSummary, PartyGroupPatch } from '../../../domain/schemas/orgs';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import { members } from '../../db/schema/members';
import { committeeRoles, orgCounts, orgs, partyGroups } from '../../db/schema/orgs';
import { FieldErrors, conflict, forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../ids';
import { packToday, recordVersion } from '../compliance/service';
import { orgMoved, refreshOrgs } from '../compliance/results';
import { countSubtreeActivities, shiftSubtreeFacets, shiftSubtreeOrgs, tallyOrgs } from '../dashboard/queries';
import { settleNotifications } from '../notifications/service';
import * as q from './queries';

type OrgRow = q.OrgRow;

function ensure(ctx: Ctx, action: Action, orgPath: string): void {
  if (!authorize(ctx.actor, action, { orgPath })) throw forbidden();
}

export async function loadOrg(ctx: Ctx, db: Db, id: string, action: Action): Promise<OrgRow> {
  const org = await q.getOrg(db, id);
  if (!org) throw notFound('organization');
  ensure(ctx, action, org.path);
  return org;
}

function isGlobalAdmin(ctx: Ctx): boolean {
  return ctx.actor.grants.some((g) => g.orgPath === null && g.role === 'admin');
}

async function toSummaries(db: Db, rows: Awaited<ReturnType<typeof q.selectSummaries>>): Promise<OrgSummary[]> {
  const names = await q.namesByIds(db, rows.flatMap((r) => q.labelsOf(r.org.path)));
  return rows.map((r) => ({
    id: r.org.id,
    name: r.org.name,
    shortName: r.org.shortName,
    code: r.org.code,
    type: r.org.type as OrgType,
    sector: r.org.sector as Sector | null,
    hostUnit: r.org.hostUnit,
    parentId: r.org.parentId,
    foundedOn: r.org.foundedOn,
    dissolvedOn: r.org.dissolvedOn,
    hasChildren: r.hasChildren,
    memberCount: r.members,
    fullMemberCount: r.fullMembers,
    pathNames: q.labelsOf(r.org.path).map((id) => names.get(id) ?? ''),
  }));
}

export async function listOrgs(ctx: Ctx, query: { parent?: string; q?: string; within?: string; limit?: number }): Promise<OrgSummary[]> {
  const scopes = readScopes(ctx.actor, 'org.read');
  if (query.q !== undefined) {
    let searchScopes = scopes;
    if (query.within) {
      const within = await loadOrg(ctx, ctx.db, query.within, 'org.read');
      searchScopes = [within.path];
    }
    return toSummaries(ctx.db, await q.selectSummaries(ctx.db, q.nameMatches(query.q, searchScopes), query.limit ?? 50));
  }
  if (query.parent) {
    const parent = await loadOrg(ctx, ctx.db, query.parent, 'org.read');
    const rows = await q.selectSummaries(ctx.db, q.childrenOf(parent.id), 2000);
    return toSummaries(
      ctx.db,
      rows.filter((r) => authorize(ctx.actor, 'org.read', { orgPath: r.org.path })),
    );
  }
  if (scopes === null) return toSummaries(ctx.db, await q.selectSummaries(ctx.db, q.isRoot()));
  // The roots a user sees are the organizations of their grants, minus those inside another grant.
  const ids = topOrgIds(scopes);
  return ids.length ? toSummaries(ctx.db, await q.selectSummaries(ctx.db, q.idIn(ids))) : [];
}

export async function getOrgDetail(ctx: Ctx, id: string): Promise<OrgDetail> {
  const row = await q.detailOf(ctx.db, id);
  if (!row) throw notFound('organization');
  ensure(ctx, 'org.read', row.org.path);
  const { org, ...counts } = row;
  const [summary] = await toSummaries(ctx.db, [row]);
  const pack = await packToday(ctx.db, org.path, ctx.today);
  const committee = await q.committeeOf(ctx.db, id);
  const groups = await q.partyGroupsOf(ctx.db, id);
  const type = org.type as OrgType;
  const sector = org.sector as Sector | null;
  const findings = orgFindings(
    {
      type,
      sector,
      members: counts.members,
      fullMembers: counts.fullMembers,
      coveredUnits: org.coveredUnits.length,
      committee: committee.map((c) => ({ role: c.role as CommitteeRole, fullOn: c.fullOn })),
      termElectedOn: org.termElectedOn,
      dissolved: org.dissolvedOn !== null,
    },
    pack,
    ctx.today,
  );
  const term = org.termElectedOn ? termDates(type, sector, org.termElectedOn, pack) : null;
  return {
    ...summary!,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    coveredUnits: org.coveredUnits,
    dissolvedReason: org.dissolvedReason,
    directMemberCount: counts.directMembers,
    directFullMemberCount: counts.directFullMembers,
    term: { electedOn: org.termElectedOn, years: term?.years ?? null, expiresOn: term?.expiresOn ?? null, remindOn: term?.remindOn ?? null },
    committee: committee.map((c) => ({ id: c.id, memberId: c.memberId, memberName: c.memberName, role: c.role as CommitteeRole, startedOn: c.startedOn })),
    partyGroups: groups,
    findings: findings.map((f) => ({ ...f, message: findingMessage(f, ctx.lang) })),
    rulePackOverride: org.rulePackOverride ?? null,
    abilities: abilities(ctx.actor, { orgPath: org.path }, ORG_ABILITIES),
  };
}

function checkDates(errors: FieldErrors, ctx: Ctx, fields: Record<string, string | null | undefined>): void {
  for (const [field, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    if (!isValidDate(value)) errors.add(field, 'not_a_date');
    else if (value > ctx.today) errors.add(field, 'date_in_future');
  }
}

function orgAudit(org: OrgRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = org;
  return rest;
}

async function checkUnique(tx: Db, input: { parentId: string | null; name: string; code?: string | null }, exceptId?: string) {
  if (await q.siblingWithName(tx, input.parentId, input.name, exceptId)) {
    throw invalid([{ field: 'name', code: 'org_name_taken' }]);
  }
  if (input.code) {
    const [other] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, input.code));
    if (other && other.id !== exceptId) throw invalid([{ field: 'code', code: 'org_code_taken' }]);
  }
}

async function insertOrg(ctx: Ctx, tx: Db, input: OrgCreate): Promise<OrgRow> {
  const errors = new FieldErrors();
  checkDates(errors, ctx, { foundedOn: input.foundedOn, termElectedOn: input.termElectedOn });
  let parentPath: string | null = null;
  if (input.parentId) {
    const parent = await q.getOrg(tx, input.parentId);
    if (!parent) errors.add('parentId', 'no_such_org');
    else {
      ensure(ctx, 'org.create', parent.path);
      if (parent.dissolvedOn) errors.add('parentId', 'parent_dissolved');
      parentPath = parent.path;
    }
  } else if (!isGlobalAdmin(ctx)) {
    throw forbidden();
  }
  errors.throwIfAny();
  await checkUnique(tx, { parentId: input.parentId, name: input.name, code: input.code });
  const id = newId();
  const [row] = await tx
    .insert(orgs)
    .values({
      id,
      path: parentPath ? `${parentPath}.${id}` : id,
      parentId: input.parentId,
      code: input.code ?? null,
      name: input.name.trim(),
      shortName: input.shortName ?? null,
      type: input.type,
      sector: input.sector ?? null,
      hostUnit: input.hostUnit ?? null,
      foundedOn: input.foundedOn ?? null,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      coveredUnits: input.coveredUnits ?? [],
      termElectedOn: input.termElectedOn ?? null,
    })
    .returning();
  await tx.insert(orgCounts).values({ orgId: id });
  await tallyOrgs(tx, [], [row!]);
  await refreshOrgs(tx, [id], ctx.today);
  await appendAudit(ctx, tx, { action: 'org.create', subjectType: 'org', subjectId: id, orgPath: row!.path, after: orgAudit(row!) });
  return row!;
}

export async function createOrg(ctx: Ctx, input: OrgCreate): Promise<OrgDetail> {
  const row = await inTx(ctx, (tx) => insertOrg(ctx, tx, input));
  return getOrgDetail(ctx, row.id);
}

async function patchOrg(ctx: Ctx, tx: Db, org: OrgRow, patch: OrgPatch): Promise<OrgRow> {
  if (patch.rulePackOverride !== undefined) ensure(ctx, 'org.rules', org.path);
  const errors = new FieldErrors();
  checkDates(errors, ctx, { foundedOn: patch.foundedOn, termElectedOn: patch.termElectedOn });
  errors.throwIfAny();
  if (patch.name !== undefined || patch.code !== undefined) {
    await checkUnique(tx, { parentId: org.parentId, name: patch.name ?? org.name, code: patch.code }, org.id);
  }
  const [row] = await tx
    .update(orgs)
    .set({ ...patch, rulePackOverride: patch.rulePackOverride, updatedAt: new Date() })
    .where(eq(orgs.id, org.id))
    .returning();
  await tallyOrgs(tx, [org], [row!]);
  await refreshOrgs(tx, [org.id], ctx.today);
  if (patch.termElectedOn !== undefined && patch.termElectedOn !== org.termElectedOn) await termRecorded(ctx, tx, row!);
  await appendAudit(ctx, tx, { action: 'org.update', subjectType: 'org', subjectId: org.id, orgPath: org.path, before: orgAudit(org), after: orgAudit(row!) });
  // a change of the override takes effect today; earlier periods keep the rules they had
  if (patch.rulePackOverride !== undefined) await recordVersion(ctx, tx, org, ctx.today, patch.rulePackOverride);
  return row!;
}

/** A new election recorded: the reminders of the term it ends are settled; one of the new term (if already due) stays. */
async function termRecorded(ctx: Ctx, tx: Db, org: OrgRow): Promise<void> {
  const term = org.termElectedOn ? termDates(org.type as OrgType, org.sector as Sector | null, org.termElectedOn, await packToday(tx, org.path, ctx.today)) : null;
  const keep = term ? [`term_due:${org.id}:${term.expiresOn}`, `term_expired:${org.id}:${term.expiresOn}`] : [];
  await settleNotifications(tx, { subjectType: 'org', subjectIds: [org.id], kinds: ['term_due', 'term_expired'], keep });
}

export async function updateOrg(ctx: Ctx, id: string, patch: OrgPatch): Promise<OrgDetail> {
  await inTx(ctx, async (tx) => patchOrg(ctx, tx, await loadOrg(ctx, tx, id, 'org.update'), patch));
  return getOrgDetail(ctx, id);
}

export async function moveOrg(ctx: Ctx, id: string, parentId: string): Promise<OrgDetail> {
  await inTx(ctx, async (tx) => {
    const org = await loadOrg(ctx, tx, id, 'org.move');
    const parent = await q.getOrg(tx, parentId);
    if (!parent) throw invalid([{ field: 'parentId', code: 'no_such_org' }]);
    ensure(ctx, 'org.create', parent.path);
    if (isWithin(parent.path, org.path)) {
      throw invalid([{ field: 'parentId', code: 'org_move_into_self' }]);
    }
    if (parent.dissolvedOn) throw invalid([{ field: 'parentId', code: 'new_parent_dissolved' }]);
    if (org.parentId === parent.id) return;
    await checkUnique(tx, { parentId: parent.id, name: org.name }, org.id);
    const oldParentPath = org.path.split('.').slice(0, -1).join('.');
    const newPath = `${parent.path}.${org.id}`;
    const counts = await q.countsOf(tx, org.id);
    // the subtree's activities leave the counts of the ancestors it loses (by the old paths) and join
    // those of the ones it gains (by the new paths); common ancestors keep them
    const { leaving, arriving } = q.ancestorsChange(oldParentPath, parent.path);
    const changed = [...leaving, ...arriving];
    await countSubtreeActivities(tx, org.path, changed, -1);
    await q.rewriteSubtreePaths(tx, org.path, newPath);
    await countSubtreeActivities(tx, newPath, changed, 1);
    await tx.update(orgs).set({ parentId: parent.id, updatedAt: new Date() }).where(eq(orgs.id, org.id));
    await q.shiftSubtreeCounts(tx, oldParentPath, parent.path, counts.members, counts.fullMembers);
    await shiftSubtreeFacets(tx, oldParentPath, parent.path, org.id);
    await shiftSubtreeOrgs(tx, oldParentPath, parent.path, org.id);
    await orgMoved(tx, org, org.path, newPath);
    await appendAudit(ctx, tx, {
      action: 'org.move',
      subjectType: 'org',
      subjectId: org.id,
      orgPath: newPath,
      before: { parentId: org.parentId, path: org.path },
      after: { parentId: parent.id, path: newPath },
    });
  });
  return getOrgDetail(ctx, id);
}

export async function dissolveOrg(ctx: Ctx, id: string, input: { dissolvedOn: string; reason: string }): Promise<OrgDetail> {
  await inTx(ctx, async (tx) => {
    const org = await loadOrg(ctx, tx, id, 'org.dissolve');
    if (org.dissolvedOn) throw conflict('org_already_dissolved');
    const errors = new FieldErrors();
    checkDates(errors, ctx, { dissolvedOn: input.dissolvedOn });
    if (org.foundedOn && input.dissolvedOn < org.foundedOn) errors.add('dissolvedOn', 'before_founding');
    errors.throwIfAny();
    const counts = await q.countsOf(tx, id);
    if (counts.members > 0) throw conflict('org_has_members', { members: counts.members });
    const children = await q.activeChildrenCount(tx, id);
    if (children > 0) throw conflict('org_has_children', { children });
    await tx.update(committeeRoles).set({ endedOn: input.dissolvedOn }).where(and(eq(committeeRoles.orgId, id), isNull(committeeRoles.endedOn)));
    const [row] = await tx.update(orgs).set({ dissolvedOn: input.dissolvedOn, dissolvedReason: input.reason, updatedAt: new Date() }).where(eq(orgs.id, id)).returning();
    await tallyOrgs(tx, [org], [row!]);
    await refreshOrgs(tx, [id], ctx.today);
    await appendAudit(ctx, tx, { action: 'org.dissolve', subjectType: 'org', subjectId: id, orgPath: org.path, before: orgAudit(org), after: orgAudit(row!) });
  });
  return getOrgDetail(ctx, id);
}

export async function addCommitteeSeat(ctx: Ctx, orgId: string, input: { memberId: string; role: CommitteeRole; startedOn: string }) {
  await inTx(ctx, async (tx) => {
    const org = await loadOrg(ctx, tx, orgId, 'org.update');
    const errors = new FieldErrors();
    checkDates(errors, ctx, { startedOn: input.startedOn });
    const [member] = await tx.select({ id: members.id, orgId: members.orgId }).from(members).where(eq(members.id, input.memberId));
    if (!member || !isWithin((await q.getOrg(tx, member.orgId))?.path ?? '', org.path)) {
      errors.add('memberId', 'member_not_in_org');
    }
    errors.throwIfAny();
    const seats = await q.committeeOf(tx, orgId);
    if (seats.some((s) => s.memberId === input.memberId && s.role === input.role)) throw conflict('committee_role_held');
    if (input.role === 'secretary' && seats.some((s) => s.role === 'secretary')) {
      throw conflict('committee_has_secretary');
    }
    const id = newId();
    await tx.insert(committeeRoles).values({ id, orgId, memberId: input.memberId, role: input.role, startedOn: input.startedOn });
    await refreshOrgs(tx, [orgId], ctx.today);
    await appendAudit(ctx, tx, { action: 'org.committee.add', subjectType: 'org', subjectId: orgId, orgPath: org.path, after: { seatId: id, ...input } });
  });
  return getOrgDetail(ctx, orgId);
}

export async function endCommitteeSeat(ctx: Ctx, orgId: string, seatId: string) {
  await inTx(ctx, async (tx) => {
    const org = await loadOrg(ctx, tx, orgId, 'org.update');
    const ended = await tx
      .update(committeeRoles)
      .set({ endedOn: ctx.today })
      .where(and(eq(committeeRoles.id, seatId), eq(committeeRoles.orgId, orgId), isNull(committeeRoles.endedOn)))
      .returning();
    await refreshOrgs(tx, [orgId], ctx.today);
    if (ended.length === 0) throw notFound('committee_seat');
    await appendAudit(ctx, tx, { action: 'org.committee.end', subjectType: 'org', subjectId: orgId, orgPath: org.path, before: ended[0] });
  });
  return getOrgDetail(ctx, orgId);
}

/** A party group's leader is one of its organization's own members. */
async function checkLeader(tx: Db, errors: FieldErrors, orgId: string, leaderMemberId: string | null | undefined): Promise<void> {
  if (!leaderMemberId) return;
  const [leader] = await tx.select({ orgId: members.orgId }).from(members).where(eq(members.id, leaderMemberId));
  if (leader?.orgId !== orgId) errors.add('leaderMemberId', 'member_not_in_org');
}

async function checkGroupName(tx: Db, errors: FieldErrors, orgId: string, name: string): Promise<void> {
  const [dup] = await tx.select({ id: partyGroups.id }).from(partyGroups).where(and(eq(partyGroups.orgId, orgId), eq(partyGroups.name, name)));
  if (dup) errors.add('name', 'party_group_name_taken');
}

export async function addPartyGroup(ctx: Ctx, orgId: string, input: { name: string; leaderMemberId?: string | null }) {
  await inTx(ctx, async (tx) => {
    const org = await loadOrg(ctx, tx, orgId, 'org.update');
    if (org.type !== 'branch' && org.type !== 'joint_branch') {
      throw invalid([{ field: 'orgId', code: 'party_group_needs_branch' }]);
    }
    const errors = new FieldErrors();
    await checkGroupName(tx, errors, orgId, input.name);
    await checkLeader(tx, errors, orgId, input.leaderMemberId);
    errors.throwIfAny();
    const id = newId();
    await tx.insert(partyGroups).values({ id, orgId, name: input.name, leaderMemberId: input.leaderMemberId ?? null });
    await refreshOrgs(tx, [orgId], ctx.today);
    await appendAudit(ctx, tx, { action: 'org.group.add', subjectType: 'org', subjectId: orgId, orgPath: org.path, after: { groupId: id, ...input } });
  });
  return getOrgDetail(ctx, orgId);
}

/** Renames a party group or changes its leader. */
export async function updatePartyGroup(ctx: Ctx, orgId: string, groupId: string, patch: PartyGroupPatch) {
  await inTx(ctx, async (tx) => {
    const org = await loadOrg(ctx, tx, orgId, 'org.update');
    const [group] = await tx.select().from(partyGroups).where(and(eq(partyGroups.id, groupId), eq(partyGroups.orgId, orgId)));
    if (!group) throw notFound('party_group');
    const errors = new FieldErrors();
    if (patch.name !== undefined && patch.name !== group.name) await checkGroupName(tx, errors, orgId, patch.name);
    await checkLeader(tx, errors, orgId, patch.leaderMemberId);
    errors.throwIfAny();
    const [after] = await tx.update(partyGroups).set(patch).where(eq(partyGroups.id, groupId)).returning();
    await appendAudit(ctx, tx, {
      action: 'org.group.update',
      subjectType: 'org',
      subjectId: orgId,
      orgPath: org.path,
      before: { groupId, name: group.name, leaderMemberId: group.leaderMemberId },
      after: { groupId, name: after!.name, leaderMemberId: after!.leaderMemberId },
    });
  });
  return getOrgDetail(ctx, orgId);
}

/** For imports: create, update or leave alone; matched by code, else by parent and name. */
export async function importOrg(ctx: Ctx, tx: Db, input: OrgCreate): Promise<'created' | 'updated' | 'unchanged'> {
  let existing: OrgRow | undefined;
  if (input.code) [existing] = await tx.select().from(orgs).where(eq(orgs.code, input.code));
  if (!existing) {
    [existing] = await tx
      .select()
      .from(orgs)
      .where(and(input.parentId ? eq(orgs.parentId, input.parentId) : isNull(orgs.parentId), eq(orgs.name, input.name), isNull(orgs.dissolvedOn)));
  }
  if (!existing) {
    await insertOrg(ctx, tx, input);
    return 'created';
  }
  ensure(ctx, 'org.update', existing.path);
  const { parentId: _p, ...fields } = input;
  const patch: OrgPatch = {};
  for (const [key, value] of Object.entries(fields) as [keyof OrgPatch, unknown][]) {
    if (value === undefined) continue;
    const current = (existing as Record<string, unknown>)[key];
    if (JSON.stringify(current ?? null) !== JSON.stringify(value ?? null)) (patch as Record<string, unknown>)[key] = value;
  }
  if (Object.keys(patch).length === 0) return 'unchanged';
  await patchOrg(ctx, tx, existing, patch);
  return 'updated';
}

/** Finds an organization by code, by a name path ("上级/下级") or by a name unique within the caller's scope. */
export async function resolveOrgRef(ctx: Ctx, tx: Db, ref: string): Promise<{ id: string; path: string } | null> {
  const text = ref.trim();
  if (!text) return null;
  const scopes = readScopes(ctx.actor, 'org.read');
  const visible = (path: string) => authorize(ctx.actor, 'org.read', { orgPath: path });
  const [byCode] = await tx.select({ id: orgs.id, path: orgs.path }).from(orgs).where(eq(orgs.code, text));
  if (byCode && visible(byCode.path)) return byCode;
  const parts = text.split(/[/／>]/).map((p) => p.trim()).filter(Boolean);
  const last = parts.at(-1);
  if (!last) return null;
  const candidates = await tx
    .select({ id: orgs.id, path: orgs.path })
    .from(orgs)
    .where(and(sql`(${orgs.name} = ${last} or ${orgs.shortName} = ${last})`, isNull(orgs.dissolvedOn)))
    .limit(50);
  const inScope = candidates.filter((c) => visible(c.path) && (scopes === null || scopes.some((s) => isWithin(c.path, s))));
  if (parts.length === 1) return inScope.length === 1 ? inScope[0]! : null;
  const names = await q.namesByIds(tx, inScope.flatMap((c) => q.labelsOf(c.path)));
  const matches = inScope.filter((c) => {
    const chain = q.labelsOf(c.path).map((id) => names.get(id) ?? '');
    return parts.every((p, i) => chain[chain.length - parts.length + i] === p);
  });
  return matches.length === 1 ? matches[0]! : null;
}
