import { and, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { authorize, type Actor } from '../../../domain/access';
import { addDays, addMonths } from '../../../domain/dates';
import { maskPhone } from '../../../domain/idcard';
import type { PairingState } from '../../../domain/pairings/enums';
import { isClosed, stateOn } from '../../../domain/pairings/agreements';
import { DEFAULT_JOINT_ACTIVITY_FREQUENCY, isCommitmentOverdue } from '../../../domain/pairings/health';
import { daysInclusive, type PeriodKind } from '../../../domain/periods';
import type { CommitmentDone, Pairing, PairingAccept, PairingBulk, PairingCreate, PairingExportQuery, PairingListQuery, PairingPatch, PairingRemind, PairingRenew } from '../../../domain/schemas/pairings';
import { appendAudit } from '../../audit';
import { forEachOrNone } from '../../batch';
import { inTx, type Ctx } from '../../context';
import { decodeCursor, encodeCursor } from '../../cursor';
import type { Db } from '../../db/client';
import { pairingCommitments, pairingParties, pairings } from '../../db/schema/pairings';
import { FieldErrors, appError, conflict, forbidden, invalid } from '../../errors';
import { newId } from '../../ids';
import { officersOf } from '../demands/queries';
import { inAppChannel } from '../notifications/service';
import { removeStored } from '../../uploads';
import { actingOrgIds, actsForCoordinator, mayDeleteFile, mayManageAgreement, readablePairings, requirePairing, type PairingScope } from './access';
import { pairingDir } from './files';
import { listHealth } from './health';
import * as q from './queries';

// Agreements: create (one or many from the coordinator's matrix), read, edit, renew, expire.

const PAIRING_ABILITIES = { manage: 'pairing.manage', coordinate: 'pairing.coordinate', delete: 'pairing.delete' } as const;

const partiesKeyOf = (ids: readonly string[]) => [...ids].sort().join(',');

interface Contact {
  orgId: string;
  contactName?: string | null;
  contactPhone?: string | null;
  contactTitle?: string | null;
}
interface CommitmentDraft {
  id?: string;
  orgId: string;
  description: string;
  target?: string | null;
  dueOn?: string | null;
  doneOn?: string | null;
}

/** An agreement as it will be written, after defaults (create) or the merge with the record (edit). */
interface Draft {
  title: string;
  partyOrgIds: string[];
  coordinatorOrgId: string | null;
  signedOn: string | null;
  validFrom: string;
  validTo: string;
  state: PairingState;
  frequency: { min: number; per: PeriodKind };
  content: string | null;
  plaque: { awardedOn: string | null; wording: string | null } | null;
  terminatedOn: string | null;
  terminateReason: string | null;
  contacts: Contact[];
  commitments: CommitmentDraft[];
  previousId: string | null;
}

type OrgInfo = Awaited<ReturnType<typeof q.orgsByIds>>[number];

// ---- reading ------------------------------------------------------------------------------------

function scopeOf(row: q.PairingRow, parties: { orgId: string; orgPath: string }[]): PairingScope {
  return { id: row.id, state: row.state as PairingState, coordinatorOrgId: row.coordinatorOrgId, coordinatorPath: row.coordinatorPath, parties };
}

/** A draft is deleted by its author (while it may still read it) or by whoever keeps the agreement. */
function mayDeleteDraft(actor: Actor, scope: PairingScope, row: q.PairingRow, today: string): boolean {
  if (stateOn(row, today) !== 'draft') return false;
  return mayManageAgreement(actor, scope) || (!!actor.userId && row.createdBy === actor.userId);
}

/** A commitment is marked done by the party that owes it, or by the agreement's keeper. */
function mayMarkDone(actor: Actor, scope: PairingScope, orgId: string): boolean {
  return mayManageAgreement(actor, scope) || actingOrgIds(actor, scope).includes(orgId);
}

function abilitiesFor(actor: Actor, scope: PairingScope, row: q.PairingRow, today: string): string[] {
  const out: string[] = [];
  if (mayManageAgreement(actor, scope)) out.push(PAIRING_ABILITIES.manage);
  if (actsForCoordinator(actor, scope)) out.push(PAIRING_ABILITIES.coordinate);
  if (mayDeleteDraft(actor, scope, row, today)) out.push(PAIRING_ABILITIES.delete);
  return out;
}

/** Contact phones are encrypted at rest; a list shows them masked, the agreement itself in full. */
async function toApi(ctx: Ctx, db: Db, rows: q.PairingRow[], detail: boolean): Promise<Pairing[]> {
  const ids = rows.map((r) => r.id);
  // one after another: `db` may be a transaction's one connection, which takes one query at a time (pg 9 refuses overlap)
  const parties = await q.partiesOf(db, ids);
  const commitments = await q.commitmentsOf(db, ids);
  const files = await q.filesOf(db, ids);
  const successors = await q.successorsOf(db, ids);
  const coordinators = new Map((await q.orgsByIds(db, rows.map((r) => r.coordinatorOrgId).filter((x): x is string => !!x))).map((o) => [o.id, o.name]));
  const phone = (stored: string | null) => {
    if (!stored) return null;
    const plain = ctx.crypto.decrypt(stored);
    return detail ? plain : maskPhone(plain);
  };
  return rows.map((r) => {
    const own = parties.filter((p) => p.pairingId === r.id);
    const scope = scopeOf(r, own);
    return {
      id: r.id,
      title: r.title,
      partyOrgIds: own.map((p) => p.orgId),
      parties: own.map((p) => ({
        orgId: p.orgId,
        orgName: p.orgName,
        sector: p.sector,
        contactName: p.contactName,
        contactPhone: phone(p.contactPhone),
        contactTitle: p.contactTitle,
      })),
      coordinatorOrgId: r.coordinatorOrgId,
      coordinatorName: r.coordinatorOrgId ? (coordinators.get(r.coordinatorOrgId) ?? null) : null,
      signedOn: r.signedOn,
      validFrom: r.validFrom,
      validTo: r.validTo,
      state: stateOn(r, ctx.today),
      frequency: { min: r.frequencyMin, per: r.frequencyPer as PeriodKind },
      content: r.content,
      plaque: r.plaqueAwardedOn === null && r.plaqueWording === null ? null : { awardedOn: r.plaqueAwardedOn, wording: r.plaqueWording },
      terminatedOn: r.terminatedOn,
      terminateReason: r.terminateReason,
      previousId: r.previousId,
      nextId: successors.get(r.id) ?? null,
      commitments: commitments
        .filter((c) => c.pairingId === r.id)
        .map((c) => ({
          id: c.id,
          orgId: c.orgId,
          description: c.description,
          target: c.target,
          dueOn: c.dueOn,
          doneOn: c.doneOn,
          overdue: isCommitmentOverdue({ dueOn: c.dueOn, done: c.doneOn !== null, doneOn: c.doneOn }, ctx.today),
          mayMarkDone: mayMarkDone(ctx.actor, scope, c.orgId),
        })),
      files: files
        .filter((f) => f.pairingId === r.id)
        .map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, createdAt: f.createdAt.toISOString(), mayDelete: mayDeleteFile(ctx.actor, scope, f.uploadedBy) })),
      abilities: abilitiesFor(ctx.actor, scope, r, ctx.today),
      actingOrgIds: actingOrgIds(ctx.actor, scope),
      awaitingOrgIds: own.filter((p) => p.acceptedAt === null).map((p) => p.orgId),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

async function readPairings(ctx: Ctx, db: Db, ids: string[]): Promise<Pairing[]> {
  const rows = await q.pairingsByIds(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return toApi(
    ctx,
    db,
    ids.map((id) => byId.get(id)!),
    true,
  );
}

export async function getPairing(ctx: Ctx, id: string): Promise<Pairing> {
  await requirePairing(ctx, ctx.db, id);
  const [pairing] = await readPairings(ctx, ctx.db, [id]);
  return pairing!;
}

/** Only the pairings the caller may read; `org` is a party or the coordinator. */
/** What the list's filters select among the pairings the caller may read (the list and its export alike). */
export function listWhere(ctx: Ctx, query: PairingExportQuery): SQL[] {
  const where: SQL[] = [];
  const readable = readablePairings(ctx.actor);
  if (readable) where.push(readable);
  if (query.org) where.push(q.pairingFilters.org(query.org));
  if (query.coordinator) where.push(q.pairingFilters.coordinator(query.coordinator));
  if (query.state) where.push(q.pairingFilters.state(query.state, ctx.today));
  if (query.q?.trim()) where.push(q.pairingFilters.text(query.q.trim()));
  return where;
}

/** A page by cursor, or by `offset` for page numbers (the cursor is then ignored). */
export async function listPairings(ctx: Ctx, query: PairingListQuery) {
  const where = listWhere(ctx, query);
  const limit = query.limit ?? 50;
  const rows =
    query.offset !== undefined
      ? await q.listPage(ctx.db, where, null, limit, query.offset)
      : await q.listPage(ctx.db, where, decodeCursor(query.cursor, 'date'), limit);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const [items, health] = await Promise.all([toApi(ctx, ctx.db, page, false), listHealth(ctx.db, page, ctx.today)]);
  return {
    items: items.map((p) => ({ ...p, health: health.get(p.id) ?? null })),
    total: await q.countWhere(ctx.db, where),
    nextCursor: rows.length > limit && last ? encodeCursor(last.validFrom, last.id) : null,
  };
}

// ---- checking -----------------------------------------------------------------------------------

/**
 * Every field check of an agreement, all reported at once. Party and coordinator organizations are
 * checked when they are new to the record (a party dissolved later must not block terminating).
 */
async function checkDraft(ctx: Ctx, tx: Db, d: Draft, errors: FieldErrors, fresh: { parties: boolean; coordinator: boolean }) {
  const found = new Map((await q.orgsByIds(tx, [...d.partyOrgIds, ...(d.coordinatorOrgId ? [d.coordinatorOrgId] : [])])).map((o) => [o.id, o]));
  if (!d.title) errors.add('title', 'required');
  if (fresh.parties) {
    d.partyOrgIds.forEach((id, i) => {
      const org = found.get(id);
      if (d.partyOrgIds.indexOf(id) !== i) errors.add(`partyOrgIds.${i}`, 'pair_with_self');
      else if (!org) errors.add(`partyOrgIds.${i}`, 'no_such_org');
      else if (org.dissolvedOn) errors.add(`partyOrgIds.${i}`, 'org_dissolved_on', { org: org.name, date: org.dissolvedOn });
    });
  }
  const coordinator = d.coordinatorOrgId ? (found.get(d.coordinatorOrgId) ?? null) : null;
  if (fresh.coordinator && d.coordinatorOrgId) {
    if (!coordinator) errors.add('coordinatorOrgId', 'no_such_org');
    else if (coordinator.dissolvedOn) errors.add('coordinatorOrgId', 'org_dissolved_on', { org: coordinator.name, date: coordinator.dissolvedOn });
  }
  if (d.validTo < d.validFrom) errors.add('validTo', 'date_before_start');
  const parties = new Set(d.partyOrgIds);
  const contacted = new Set<string>();
  d.contacts.forEach((c, i) => {
    if (!parties.has(c.orgId)) errors.add(`contacts.${i}.orgId`, 'not_a_party');
    else if (contacted.has(c.orgId)) errors.add(`contacts.${i}.orgId`, 'listed_twice');
    contacted.add(c.orgId);
  });
  d.commitments.forEach((c, i) => {
    if (!parties.has(c.orgId)) errors.add(`commitments.${i}.orgId`, 'not_a_party');
    if (c.doneOn && c.doneOn > ctx.today) errors.add(`commitments.${i}.doneOn`, 'date_in_future');
  });
  return { found, coordinator };
}

/** The caller must manage the coordinator, or without one at least one party. */
function mayManageDraft(actor: Actor, d: Draft, found: Map<string, OrgInfo>): boolean {
  const coordinator = d.coordinatorOrgId ? found.get(d.coordinatorOrgId) : undefined;
  return mayManageAgreement(actor, {
    id: '',
    state: d.state,
    coordinatorOrgId: d.coordinatorOrgId,
    coordinatorPath: coordinator?.path ?? null,
    parties: d.partyOrgIds.flatMap((orgId) => {
      const org = found.get(orgId);
      return org ? [{ orgId, orgPath: org.path }] : [];
    }),
  });
}

/** Serializes agreement writes, so two requests cannot both pass the duplicate check. */
const lockAgreements = (tx: Db) => tx.execute(sql`select pg_advisory_xact_lock(7261002)`);

/** 409 when an agreement of the same parties in draft or in force overlaps the validity. */
async function refuseDuplicates(ctx: Ctx, tx: Db, drafts: { d: Draft; field: string; selfId?: string }[]) {
  const live = drafts.filter((x) => x.d.state === 'draft' || x.d.state === 'active');
  const existing = await q.liveWithKeys(
    tx,
    live.map((x) => partiesKeyOf(x.d.partyOrgIds)),
    ctx.today,
  );
  const clashes = live.flatMap(({ d, field, selfId }) => {
    const key = partiesKeyOf(d.partyOrgIds);
    const other = existing.find((e) => e.id !== selfId && e.partiesKey === key && e.validFrom <= d.validTo && e.validTo >= d.validFrom);
    return other ? [{ field, code: 'pairing_overlap', params: { title: other.title, from: other.validFrom, to: other.validTo }, pairingId: other.id }] : [];
  });
  if (clashes.length) throw conflict('pairing_overlaps', {}, clashes);
}

type WithPhones = { contactPhone?: string | null }[] | undefined;

/** The record as written to the audit trail: contact phones masked (in the input's contacts and the record's parties). */
function auditView<T extends { contacts?: WithPhones; parties?: WithPhones }>(d: T): T {
  const mask = (list: WithPhones) => list?.map((c) => ({ ...c, contactPhone: c.contactPhone ? maskPhone(c.contactPhone) : (c.contactPhone ?? null) }));
  return { ...d, contacts: mask(d.contacts), parties: mask(d.parties) };
}

// ---- writing ------------------------------------------------------------------------------------

const encryptPhone = (ctx: Ctx, phone: string | null | undefined) => (phone?.trim() ? ctx.crypto.encrypt(phone.trim()) : null);

function pairingColumns(d: Draft) {
  return {
    title: d.title,
    partiesKey: partiesKeyOf(d.partyOrgIds),
    state: d.state,
    signedOn: d.signedOn,
    validFrom: d.validFrom,
    validTo: d.validTo,
    frequencyMin: d.frequency.min,
    frequencyPer: d.frequency.per,
    content: d.content,
    plaqueAwardedOn: d.plaque?.awardedOn ?? null,
    plaqueWording: d.plaque?.wording ?? null,
    terminatedOn: d.terminatedOn,
    terminateReason: d.terminateReason,
  };
}

function commitmentRow(pairingId: string, c: CommitmentDraft) {
  return { id: c.id ?? newId(), pairingId, orgId: c.orgId, description: c.description, target: c.target ?? null, dueOn: c.dueOn ?? null, doneOn: c.doneOn ?? null };
}

/** Inserts checked agreements in a few statements (a bulk creation may hold hundreds). */
async function insertAgreements(ctx: Ctx, tx: Db, items: { id: string; d: Draft; found: Map<string, OrgInfo>; awaiting?: ReadonlySet<string> }[]) {
  const SLICE = 500; // well under PostgreSQL's limit of bound parameters per statement
  const pairingRows = items.map(({ id, d, found }) => ({
    id,
    ...pairingColumns(d),
    coordinatorOrgId: d.coordinatorOrgId,
    coordinatorPath: d.coordinatorOrgId ? found.get(d.coordinatorOrgId)!.path : null,
    previousId: d.previousId,
    createdBy: ctx.actor.userId || null,
  }));
  const now = new Date();
  const partyRows = items.flatMap(({ id, d, found, awaiting }) =>
    d.partyOrgIds.map((orgId, position) => {
      const c = d.contacts.find((x) => x.orgId === orgId);
      const accepted = !awaiting?.has(orgId);
      return {
        pairingId: id,
        orgId,
        orgPath: found.get(orgId)!.path,
        position,
        contactName: c?.contactName ?? null,
        contactPhone: encryptPhone(ctx, c?.contactPhone),
        contactTitle: c?.contactTitle ?? null,
        acceptedAt: accepted ? now : null,
        acceptedBy: accepted ? ctx.actor.userId || null : null,
      };
    }),
  );
  const commitmentRows = items.flatMap(({ id, d }) => d.commitments.map((c) => commitmentRow(id, c)));
  for (let i = 0; i < pairingRows.length; i += SLICE) await tx.insert(pairings).values(pairingRows.slice(i, i + SLICE));
  for (let i = 0; i < partyRows.length; i += SLICE) await tx.insert(pairingParties).values(partyRows.slice(i, i + SLICE));
  for (let i = 0; i < commitmentRows.length; i += SLICE) await tx.insert(pairingCommitments).values(commitmentRows.slice(i, i + SLICE));
  for (const { id, d, found } of items) {
    const orgPath = d.coordinatorOrgId ? found.get(d.coordinatorOrgId)!.path : found.get(d.partyOrgIds[0]!)!.path;
    await appendAudit(ctx, tx, { action: 'pairing.create', subjectType: 'pairing', subjectId: id, orgPath, after: auditView(d) });
  }
}

function draftOf(input: PairingCreate): Draft {
  return {
    title: input.title.trim(),
    partyOrgIds: input.partyOrgIds,
    coordinatorOrgId: input.coordinatorOrgId ?? null,
    signedOn: input.signedOn ?? null,
    validFrom: input.validFrom,
    validTo: input.validTo,
    state: input.state ?? 'draft',
    frequency: input.frequency ?? DEFAULT_JOINT_ACTIVITY_FREQUENCY,
    content: input.content ?? null,
    plaque: input.plaque ?? null,
    terminatedOn: null,
    terminateReason: null,
    contacts: input.contacts ?? [],
    commitments: input.commitments ?? [],
    previousId: input.previousId ?? null,
  };
}

/** A renewal continues an agreement the caller keeps, once, and not a draft or a terminated one. */
async function checkPrevious(ctx: Ctx, tx: Db, previousId: string, errors: FieldErrors): Promise<void> {
  const previous = await q.getPairing(tx, previousId);
  if (!previous) {
    errors.add('previousId', 'no_such_pairing');
    return;
  }
  const scope = await requirePairing(ctx, tx, previousId);
  if (!mayManageAgreement(ctx.actor, scope)) throw forbidden();
  const state = stateOn(previous, ctx.today);
  if (state === 'draft' || state === 'terminated') throw conflict('pairing_cannot_renew', { state });
  if ((await q.successorsOf(tx, [previousId])).size) throw conflict('pairing_already_renewed');
}

async function createDraft(ctx: Ctx, tx: Db, d: Draft): Promise<string> {
  await lockAgreements(tx);
  const errors = new FieldErrors();
  const { found } = await checkDraft(ctx, tx, d, errors, { parties: true, coordinator: true });
  const known = d.coordinatorOrgId ? found.has(d.coordinatorOrgId) : d.partyOrgIds.some((id) => found.has(id));
  if (known && !mayManageDraft(ctx.actor, d, found)) throw forbidden();
  if (d.previousId) await checkPrevious(ctx, tx, d.previousId, errors);
  errors.throwIfAny();
  // A party the author cannot act for has not agreed yet: the agreement waits for its side as a draft.
  const awaiting = new Set(d.partyOrgIds.filter((orgId) => !authorize(ctx.actor, 'pairing.manage', { orgPath: found.get(orgId)!.path })));
  const written: Draft = awaiting.size > 0 ? { ...d, state: 'draft' } : d;
  await refuseDuplicates(ctx, tx, [{ d: written, field: 'partyOrgIds' }]);
  const id = newId();
  await insertAgreements(ctx, tx, [{ id, d: written, found, awaiting }]);
  const byOrgId = d.partyOrgIds.find((orgId) => !awaiting.has(orgId)) ?? d.coordinatorOrgId ?? d.partyOrgIds[0]!;
  for (const orgId of awaiting) {
    await notifyOfficers(ctx, tx, found.get(orgId)!.path, { kind: 'pairing_consent', key: `pairing_consent:${id}:${orgId}`, orgId: byOrgId, subjectId: id, params: { title: written.title } });
  }
  return id;
}

/** One in-app notice to each officer of an organization (its secretary, the admins above it), never to the caller. */
async function notifyOfficers(ctx: Ctx, tx: Db, orgPath: string, reminder: { kind: 'pairing_consent' | 'pairing_accepted' | 'pairing_reminder'; key: string; orgId: string; subjectId: string; params: Record<string, string> }) {
  const to = (await officersOf(tx, orgPath)).filter((u) => u !== ctx.actor.userId);
  await inAppChannel.send(
    tx,
    to.map((userId) => ({ userId, reminder: { ...reminder, subjectType: 'pairing' } })),
  );
}

/**
 * 催办: the agreement's keeper reminds the parties of several pairings in force at once, with one note. The
 * coordinator reminds every party; without one, a party reminds the others. All or nothing, in one transaction.
 */
export async function remindPairings(ctx: Ctx, input: PairingRemind): Promise<{ reminded: number }> {
  const note = input.note.trim();
  if (!note) throw invalid([{ field: 'note', code: 'required' }]);
  await inTx(ctx, (tx) =>
    forEachOrNone(input.ids, async (id) => {
      const scope = await requirePairing(ctx, tx, id);
      if (!mayManageAgreement(ctx.actor, scope)) throw forbidden();
      const row = (await q.getPairing(tx, id))!;
      const state = stateOn(row, ctx.today);
      if (state !== 'active') throw conflict('pairing_not_in_force', { state });
      const by = row.coordinatorOrgId ?? actingOrgIds(ctx.actor, scope)[0]!;
      for (const p of scope.parties.filter((x) => x.orgId !== by)) {
        await notifyOfficers(ctx, tx, p.orgPath, { kind: 'pairing_reminder', key: `pairing_reminder:${id}:${p.orgId}:${newId()}`, orgId: by, subjectId: id, params: { title: row.title, note } });
      }
      await appendAudit(ctx, tx, { action: 'pairing.remind', subjectType: 'pairing', subjectId: id, orgPath: scope.coordinatorPath ?? scope.parties[0]?.orgPath ?? null, after: { note } });
    }),
  );
  return { reminded: input.ids.length };
}

/**
 * A party's side agrees to a draft pairing made by someone outside its scope: whoever may act for that party (its
 * secretary, or an admin above it such as a coordinator whose scope covers it). Without `orgId`, every awaited party
 * the caller acts for. The other parties' officers are told; the agreement can then be made active.
 */
export async function acceptPairing(ctx: Ctx, id: string, body: PairingAccept): Promise<Pairing> {
  await inTx(ctx, async (tx) => {
    await lockAgreements(tx);
    const scope = await requirePairing(ctx, tx, id);
    const row = (await q.getPairing(tx, id))!;
    const parties = (await q.partiesOf(tx, [id])).filter((p) => body.orgId === undefined || p.orgId === body.orgId);
    if (body.orgId !== undefined && parties.length === 0) throw invalid([{ field: 'orgId', code: 'not_a_party' }]);
    const mine = parties.filter((p) => authorize(ctx.actor, 'pairing.manage', { orgPath: p.orgPath }));
    if (mine.length === 0) throw forbidden();
    const accepting = mine.filter((p) => p.acceptedAt === null);
    if (stateOn(row, ctx.today) !== 'draft' || accepting.length === 0) throw conflict('pairing_not_awaiting');
    const at = new Date();
    for (const p of accepting) {
      await tx
        .update(pairingParties)
        .set({ acceptedAt: at, acceptedBy: ctx.actor.userId || null })
        .where(and(eq(pairingParties.pairingId, id), eq(pairingParties.orgId, p.orgId)));
      await appendAudit(ctx, tx, { action: 'pairing.accept', subjectType: 'pairing', subjectId: id, orgPath: p.orgPath, before: { acceptedAt: null }, after: { orgId: p.orgId, acceptedAt: at.toISOString() } });
    }
    const others = scope.parties.filter((p) => !accepting.some((a) => a.orgId === p.orgId));
    for (const other of others) {
      await notifyOfficers(ctx, tx, other.orgPath, { kind: 'pairing_accepted', key: `pairing_accepted:${id}:${accepting.map((a) => a.orgId).join(',')}:${other.orgId}`, orgId: accepting[0]!.orgId, subjectId: id, params: { title: row.title } });
    }
  });
  return getPairing(ctx, id);
}

export async function createPairing(ctx: Ctx, input: PairingCreate): Promise<Pairing> {
  const id = await inTx(ctx, (tx) => createDraft(ctx, tx, draftOf(input)));
  return getPairing(ctx, id);
}

/** Signed days from a to b. */
const dayOffset = (a: string, b: string) => (b >= a ? daysInclusive(a, b) - 1 : 1 - daysInclusive(b, a));

/**
 * The period after this one, of the same calendar length: whole months stay whole months (8 Dec to
 * 7 Dec two years on), otherwise the same number of days. `move` carries a date of the old period
 * (a commitment's due date) to the same place in the new one.
 */
function followingPeriod(validFrom: string, validTo: string) {
  const from = addDays(validTo, 1);
  const months = (Number(from.slice(0, 4)) - Number(validFrom.slice(0, 4))) * 12 + Number(from.slice(5, 7)) - Number(validFrom.slice(5, 7));
  if (months > 0 && addMonths(validFrom, months) === from) {
    return { validFrom: from, validTo: addDays(addMonths(from, months), -1), move: (date: string) => addMonths(date, months) };
  }
  const days = daysInclusive(validFrom, validTo);
  return { validFrom: from, validTo: addDays(from, days - 1), move: (date: string) => addDays(date, days) };
}

/** The next period as a draft: same parties, coordinator, contacts, frequency and text; commitments again, not done, due dates moved on. */
export async function renewPairing(ctx: Ctx, id: string, body: PairingRenew): Promise<Pairing> {
  const nextId = await inTx(ctx, async (tx) => {
    await requirePairing(ctx, tx, id);
    const old = (await q.getPairing(tx, id))!;
    const [current] = await toApi({ ...ctx, db: tx }, tx, [old], true);
    const next = followingPeriod(old.validFrom, old.validTo);
    // a new start keeps the old length; due dates move with the start
    const shift = body.validFrom ? dayOffset(next.validFrom, body.validFrom) : 0;
    const validFrom = body.validFrom ?? next.validFrom;
    const validTo = body.validTo ?? addDays(next.validTo, shift);
    return createDraft(ctx, tx, {
      title: body.title?.trim() ?? old.title,
      partyOrgIds: current!.partyOrgIds,
      coordinatorOrgId: old.coordinatorOrgId,
      signedOn: null,
      validFrom,
      validTo,
      state: 'draft',
      frequency: current!.frequency,
      content: old.content,
      plaque: null,
      terminatedOn: null,
      terminateReason: null,
      contacts: current!.parties.map((p) => ({ orgId: p.orgId, contactName: p.contactName, contactPhone: p.contactPhone, contactTitle: p.contactTitle })),
      commitments: current!.commitments.map((c) => ({ orgId: c.orgId, description: c.description, target: c.target, dueOn: c.dueOn ? addDays(next.move(c.dueOn), shift) : null, doneOn: null })),
      previousId: id,
    });
  });
  return getPairing(ctx, nextId);
}

/**
 * Many agreements from one template, all or nothing: each ticked pair becomes a pairing of the row
 * organization (first party) and the column organization, with `{row}` and `{column}` in the title
 * replaced by their names. As with one agreement, a pair with a party outside the caller's scope is a
 * draft awaiting that side, whose officers are asked.
 */
export async function bulkCreate(ctx: Ctx, input: PairingBulk): Promise<{ items: Pairing[] }> {
  const ids = await inTx(ctx, async (tx) => {
    await lockAgreements(tx);
    const errors = new FieldErrors();
    const found = new Map((await q.orgsByIds(tx, [input.coordinatorOrgId, ...input.pairs.flatMap((p) => [p.rowOrgId, p.columnOrgId])])).map((o) => [o.id, o]));
    const coordinator = found.get(input.coordinatorOrgId);
    if (!coordinator) errors.add('coordinatorOrgId', 'no_such_org');
    else if (!authorize(ctx.actor, 'pairing.manage', { orgPath: coordinator.path })) throw forbidden();
    else if (coordinator.dissolvedOn) errors.add('coordinatorOrgId', 'org_dissolved_on', { org: coordinator.name, date: coordinator.dissolvedOn });
    const t = input.template;
    if (t.validTo < t.validFrom) errors.add('template.validTo', 'date_before_start');
    const seen = new Set<string>();
    const items: { id: string; d: Draft; found: Map<string, OrgInfo>; field: string; awaiting: Set<string> }[] = [];
    input.pairs.forEach((p, i) => {
      const row = found.get(p.rowOrgId);
      const column = found.get(p.columnOrgId);
      for (const [side, org] of [['rowOrgId', row], ['columnOrgId', column]] as const) {
        if (!org) errors.add(`pairs.${i}.${side}`, 'no_such_org');
        else if (org.dissolvedOn) errors.add(`pairs.${i}.${side}`, 'org_dissolved_on', { org: org.name, date: org.dissolvedOn });
      }
      const key = partiesKeyOf([p.rowOrgId, p.columnOrgId]);
      if (p.rowOrgId === p.columnOrgId) errors.add(`pairs.${i}.columnOrgId`, 'pair_with_self');
      else if (seen.has(key)) errors.add(`pairs.${i}.columnOrgId`, 'pair_ticked_twice');
      seen.add(key);
      if (!row || !column) return;
      const title = t.title.replaceAll('{row}', row.name).replaceAll('{column}', column.name).trim();
      if (title.length > 200) errors.add(`pairs.${i}`, 'pair_title_too_long');
      if (!title && !errors.has('template.title')) errors.add('template.title', 'required');
      const awaiting = new Set([row, column].filter((o) => !authorize(ctx.actor, 'pairing.manage', { orgPath: o.path })).map((o) => o.id));
      const d: Draft = {
        ...draftOf({ ...t, commitments: [], title, partyOrgIds: [row.id, column.id], coordinatorOrgId: input.coordinatorOrgId }),
        commitments: (t.commitments ?? []).map((c) => ({ orgId: c.side === 'row' ? row.id : column.id, description: c.description, target: c.target ?? null, dueOn: c.dueOn ?? null })),
        ...(awaiting.size > 0 ? { state: 'draft' as const } : {}),
      };
      items.push({ id: newId(), d, found, field: `pairs.${i}`, awaiting });
    });
    errors.throwIfAny();
    await refuseDuplicates(
      ctx,
      tx,
      items.map((x) => ({ d: x.d, field: x.field })),
    );
    await insertAgreements(ctx, tx, items);
    for (const { id, d, found: orgsById, awaiting } of items) {
      for (const orgId of awaiting) {
        await notifyOfficers(ctx, tx, orgsById.get(orgId)!.path, { kind: 'pairing_consent', key: `pairing_consent:${id}:${orgId}`, orgId: input.coordinatorOrgId, subjectId: id, params: { title: d.title } });
      }
    }
    return items.map((x) => x.id);
  });
  return { items: await readPairings(ctx, ctx.db, ids) };
}

/**
 * Edits the agreement. `state` moves draft → active, or draft/active → terminated with a reason (on
 * today's date); an expired or terminated agreement is closed (renew it instead).
 */
export async function updatePairing(ctx: Ctx, id: string, patch: PairingPatch): Promise<Pairing> {
  await inTx(ctx, async (tx) => {
    await lockAgreements(tx);
    const scope = await requirePairing(ctx, tx, id);
    if (!mayManageAgreement(ctx.actor, scope)) throw forbidden();
    const row = (await q.getPairing(tx, id))!;
    const [before] = await toApi({ ...ctx, db: tx }, tx, [row], true);
    const current = before!.state;
    if (isClosed(current)) throw conflict('pairing_closed', { state: current });
    const errors = new FieldErrors();
    const terminating = patch.state === 'terminated';
    if (terminating && !patch.terminateReason?.trim()) errors.add('terminateReason', 'terminate_reason_required');
    if (!terminating && patch.terminateReason !== undefined) errors.add('terminateReason', 'terminate_reason_only');
    const d: Draft = {
      title: patch.title?.trim() ?? row.title,
      partyOrgIds: before!.partyOrgIds,
      coordinatorOrgId: patch.coordinatorOrgId === undefined ? row.coordinatorOrgId : patch.coordinatorOrgId,
      signedOn: patch.signedOn === undefined ? row.signedOn : patch.signedOn,
      validFrom: patch.validFrom ?? row.validFrom,
      validTo: patch.validTo ?? row.validTo,
      state: patch.state ?? current,
      frequency: patch.frequency ?? before!.frequency,
      content: patch.content === undefined ? row.content : patch.content,
      plaque: patch.plaque === undefined ? before!.plaque : patch.plaque,
      terminatedOn: terminating ? ctx.today : null,
      terminateReason: terminating ? (patch.terminateReason?.trim() ?? null) : null,
      contacts: patch.contacts ?? [],
      commitments: patch.commitments ?? [],
      previousId: row.previousId,
    };
    const coordinatorChanged = d.coordinatorOrgId !== row.coordinatorOrgId;
    const { found } = await checkDraft(ctx, tx, d, errors, { parties: false, coordinator: coordinatorChanged });
    const known = new Set(before!.commitments.map((c) => c.id));
    d.commitments.forEach((c, i) => {
      if (c.id && !known.has(c.id)) errors.add(`commitments.${i}.id`, 'commitment_not_of_pairing');
    });
    // handing the agreement to another coordinator: the caller must keep it there too
    if (coordinatorChanged && (!d.coordinatorOrgId || found.has(d.coordinatorOrgId)) && !mayManageDraft(ctx.actor, d, found)) throw forbidden();
    errors.throwIfAny();
    if (current === 'draft' && d.state === 'active') {
      const awaiting = before!.awaitingOrgIds ?? [];
      if (awaiting.length > 0) {
        const names = before!.parties.filter((p) => awaiting.includes(p.orgId)).map((p) => p.orgName);
        const params = { parties: names.join('、') };
        throw conflict('pairing_awaits_consent', params, [{ field: 'state', code: 'pairing_awaits_consent', params }]);
      }
    }
    await refuseDuplicates(ctx, tx, [{ d, field: patch.validFrom !== undefined ? 'validFrom' : 'validTo', selfId: id }]);

    const coordinatorPath = d.coordinatorOrgId ? (found.get(d.coordinatorOrgId)?.path ?? row.coordinatorPath) : null;
    await tx
      .update(pairings)
      .set({ ...pairingColumns(d), coordinatorOrgId: d.coordinatorOrgId, coordinatorPath, updatedAt: new Date() })
      .where(eq(pairings.id, id));
    if (patch.contacts) {
      for (const orgId of d.partyOrgIds) {
        const c = patch.contacts.find((x) => x.orgId === orgId);
        await tx
          .update(pairingParties)
          .set({ contactName: c?.contactName ?? null, contactPhone: encryptPhone(ctx, c?.contactPhone), contactTitle: c?.contactTitle ?? null })
          .where(and(eq(pairingParties.pairingId, id), eq(pairingParties.orgId, orgId)));
      }
    }
    if (patch.commitments) {
      const keep = patch.commitments.flatMap((c) => (c.id ? [c.id] : []));
      await tx.delete(pairingCommitments).where(and(eq(pairingCommitments.pairingId, id), keep.length ? notInArray(pairingCommitments.id, keep) : undefined));
      for (const c of patch.commitments) {
        const values = commitmentRow(id, c);
        if (c.id) await tx.update(pairingCommitments).set(values).where(eq(pairingCommitments.id, c.id));
        else await tx.insert(pairingCommitments).values(values);
      }
    }
    const orgPath = coordinatorPath ?? scope.parties[0]!.orgPath;
    await appendAudit(ctx, tx, { action: terminating ? 'pairing.terminate' : 'pairing.update', subjectType: 'pairing', subjectId: id, orgPath, before: auditView(before!), after: auditView(patch) });
  });
  return getPairing(ctx, id);
}

const SCHEDULER = { actor: { userId: '', memberId: null, grants: [] }, requestId: 'scheduler' };

/** The daily job: active agreements whose validity has ended become expired (reads show it before, see stateOn). */
export async function expirePairings(db: Db, today: string): Promise<{ expired: number }> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const ended = await q.endedActive(tx, today);
    if (ended.length === 0) return { expired: 0 };
    await tx
      .update(pairings)
      .set({ state: 'expired', updatedAt: new Date() })
      .where(
        and(
          inArray(
            pairings.id,
            ended.map((e) => e.id),
          ),
          eq(pairings.state, 'active'),
        ),
      );
    for (const e of ended) {
      await appendAudit(SCHEDULER, tx, { action: 'pairing.expire', subjectType: 'pairing', subjectId: e.id, orgPath: e.orgPath, before: { state: 'active' }, after: { state: 'expired', validTo: e.validTo } });
    }
    return { expired: ended.length };
  });
}

// ---- one commitment, deleting a draft -------------------------------------------------------------

/**
 * The party that owes a commitment marks it done (or undoes that) without editing the agreement; the keeper may too.
 * A closed agreement is left as it ended.
 */
export async function markCommitment(ctx: Ctx, id: string, commitmentId: string, body: CommitmentDone): Promise<Pairing> {
  await inTx(ctx, async (tx) => {
    const scope = await requirePairing(ctx, tx, id);
    const commitment = await q.getCommitment(tx, id, commitmentId);
    if (!commitment) throw appError(404, 'commitment_not_of_pairing');
    if (!mayMarkDone(ctx.actor, scope, commitment.orgId)) throw forbidden('commitment_not_owner');
    const row = (await q.getPairing(tx, id))!;
    const state = stateOn(row, ctx.today);
    if (isClosed(state) || state === 'draft') throw conflict('commitment_not_in_force', { state });
    if (body.doneOn !== null && body.doneOn > ctx.today) throw invalid([{ field: 'doneOn', code: 'date_in_future' }]);
    await tx.update(pairingCommitments).set({ doneOn: body.doneOn }).where(eq(pairingCommitments.id, commitmentId));
    const orgPath = scope.parties.find((p) => p.orgId === commitment.orgId)?.orgPath ?? scope.coordinatorPath;
    await appendAudit(ctx, tx, { action: 'pairing.commitment.done', subjectType: 'pairing', subjectId: id, orgPath, before: { commitmentId, doneOn: commitment.doneOn }, after: { commitmentId, doneOn: body.doneOn } });
  });
  return getPairing(ctx, id);
}

/**
 * A draft that was never put into force is deleted whole (parties, commitments, lists, files), by its author or its
 * keeper. Anything else is 409: an agreement once in force is terminated instead, and a draft that already carries
 * demands, joint activities or joint projects keeps them.
 */
export async function deletePairing(ctx: Ctx, id: string): Promise<void> {
  const stored = await inTx(ctx, async (tx) => {
    await lockAgreements(tx);
    const scope = await requirePairing(ctx, tx, id);
    const row = (await q.getPairing(tx, id))!;
    const state = stateOn(row, ctx.today);
    if (!mayManageAgreement(ctx.actor, scope) && !(ctx.actor.userId && row.createdBy === ctx.actor.userId)) throw forbidden();
    if (state !== 'draft') throw conflict('pairing_not_draft', { state });
    if ((await q.recordsOfDraft(tx, id)) > 0) throw conflict('pairing_has_records');
    const [before] = await toApi({ ...ctx, db: tx }, tx, [row], true);
    const files = await q.allFilesOf(tx, id);
    await q.deleteDraftRows(tx, id);
    await appendAudit(ctx, tx, { action: 'pairing.delete', subjectType: 'pairing', subjectId: id, orgPath: scope.coordinatorPath ?? scope.parties[0]?.orgPath ?? null, before: auditView(before!) });
    return files;
  });
  await removeStored(
    pairingDir(ctx, id),
    stored.flatMap((f) => [f.storedAs, f.thumbnailAs]),
  );
}
