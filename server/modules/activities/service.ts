import { and, eq, gte, inArray, isNotNull, lte, ne, type SQL } from 'drizzle-orm';
import QRCode from 'qrcode';
import { authorize, isWithin, readScopes, type Action } from '../../../domain/access';
import { todayInChina } from '../../../domain/dates';
import { alsoCountable } from '../../../domain/rules/compliance';
import { resolutionReminders } from '../../../domain/reminders';
import { ACTIVITY_TYPES, type ActivityState, type ActivityType, type AttendanceStatus } from '../../../domain/enums';
import type { Activity, ActivityCreate, ActivityListQuery, ActivityPatch, Attendee } from '../../../domain/schemas/activities';
import { planYear } from '../../../domain/planning';
import { evaluateVote } from '../../../domain/voting';
import { decodeCursor, encodeCursor } from '../../cursor';
import { activityDateRange } from '../../../domain/plausible';
import { localDateTime, signInStatus, signInWindow } from '../../../domain/signInWindow';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import {
  activities,
  activityAttendees,
  activityGuests,
  activityHosts,
  activityResolutions,
  activityVotes,
  customActivityTypes,
} from '../../db/schema/activities';
import { orgs } from '../../db/schema/orgs';
import { FieldErrors, conflict, forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../ids';
import { packToday, structureOf } from '../compliance/service';
import { activityWritten } from '../compliance/results';
import { inAppChannel, settleActivityReminders, settleNotifications } from '../notifications/service';
import { ACTIVITY_TYPE_LABELS } from '../../../domain/activityLabels';
import { tallyActivities } from '../dashboard/queries';
import { checkJointActivity } from '../pairings/jointActivities';
import { officersOf } from '../demands/queries';
import { checkCode, currentCode } from './signInCodes';
import { recordSignIn } from './signIns';
import * as q from './queries';

type Row = q.ActivityRow;
const ACTIVITY_ABILITIES: readonly Action[] = ['activity.manage'];

/**
 * Readable when the caller may read any host, a co-host still asked for its consent included (so it can decide);
 * manageable only through a host that has accepted.
 */
async function hostPaths(db: Db, activityId: string, action: Action): Promise<string[]> {
  return (await q.hostsOf(db, [activityId])).filter((h) => action === 'activity.read' || h.acceptedAt !== null).map((h) => h.path);
}

function may(ctx: Ctx, action: Action, paths: string[]): boolean {
  return paths.some((orgPath) => authorize(ctx.actor, action, { orgPath }));
}

export async function loadActivity(ctx: Ctx, db: Db, id: string, action: Action): Promise<{ row: Row; paths: string[] }> {
  const row = await q.getActivity(db, id);
  if (!row) throw notFound('activity');
  const paths = await hostPaths(db, id, action);
  if (!may(ctx, action, paths)) throw forbidden();
  return { row, paths };
}

function counts(list: { status: string }[]) {
  return {
    present: list.filter((a) => a.status === 'present').length,
    absent: list.filter((a) => a.status === 'absent').length,
    excused: list.filter((a) => a.status === 'excused').length,
  };
}

function toAttendee(a: Awaited<ReturnType<typeof q.attendeesOf>>[number]): Attendee {
  return {
    memberId: a.memberId,
    name: a.name,
    orgId: a.orgId,
    orgName: a.orgName,
    status: a.status as AttendanceStatus,
    reason: a.reason,
    signedInAt: a.signedInAt ? new Date(a.signedInAt).toISOString() : null,
    source: a.source as Attendee['source'],
  };
}

async function toApi(ctx: Ctx, rows: Row[], detail: boolean): Promise<Activity[]> {
  const ids = rows.map((r) => r.id);
  const hosts = await q.hostsOf(ctx.db, ids);
  const attendees = await q.attendeesOf(ctx.db, ids);
  const refIds = rows.flatMap((r) => [r.presiderMemberId, r.recorderMemberId, ...r.talkMemberIds].filter((x): x is string => !!x));
  const out: Activity[] = [];
  for (const r of rows) {
    const children = detail ? await q.childrenOf(ctx.db, r.id) : { guests: [], resolutions: [], votes: [], files: [] };
    const owners = children.resolutions.map((x) => x.ownerMemberId).filter((x): x is string => !!x);
    const refs = new Map((await q.memberRefs(ctx.db, [...refIds, ...owners])).map((m) => [m.id, { id: m.id, name: m.name }]));
    const own = attendees.filter((a) => a.activityId === r.id);
    // the organizer first (hostOrgIds[0] names it on every write), the co-hosts by name
    const ownHosts = hosts.filter((h) => h.activityId === r.id).sort((x, y) => Number(y.path === r.orgPath) - Number(x.path === r.orgPath));
    out.push({
      id: r.id,
      type: r.type as ActivityType,
      customTypeId: r.customTypeId,
      state: r.state as ActivityState,
      hostOrgIds: ownHosts.map((h) => h.id),
      hosts: ownHosts.map((h) => {
        const pending = h.acceptedAt === null;
        return { id: h.id, name: h.name, pending, mayAccept: pending && authorize(ctx.actor, 'activity.manage', { orgPath: h.path }) };
      }),
      alsoCounts: r.alsoCounts as ActivityType[],
      startsAt: new Date(r.startsAt).toISOString(),
      endsAt: new Date(r.endsAt).toISOString(),
      heldOn: r.heldOn,
      place: r.place,
      online: r.online,
      subVenues: r.subVenues,
      presider: r.presiderMemberId ? (refs.get(r.presiderMemberId) ?? null) : null,
      recorder: r.recorderMemberId ? (refs.get(r.recorderMemberId) ?? null) : null,
      speaker: r.speaker,
      theme: r.theme,
      agenda: r.agenda,
      minutes: detail ? r.minutes : null,
      cancelReason: r.cancelReason,
      talkMembers: r.talkMemberIds.map((id) => refs.get(id)).filter((x) => x !== undefined),
      attendees: own.map(toAttendee),
      attendance: counts(own),
      guests: children.guests.map((g) => ({ id: g.id, name: g.name, unit: g.unit, title: g.title })),
      resolutions: children.resolutions.map((x) => ({
        id: x.id,
        text: x.text,
        owner: x.ownerMemberId ? (refs.get(x.ownerMemberId) ?? null) : null,
        dueOn: x.dueOn,
        doneOn: x.doneOn,
      })),
      files: children.files.map((f) => ({ id: f.id, kind: f.kind as 'photo' | 'document', filename: f.filename, mime: f.mime, size: f.size, hasThumbnail: f.thumbnailAs !== null })),
      votes: children.votes.map((v) => {
        const e = evaluateVote(v);
        return { ...v, quorum: e.quorum, passed: e.passed };
      }),
      abilities: ownHosts.some((h) => h.acceptedAt !== null && authorize(ctx.actor, 'activity.manage', { orgPath: h.path }))
        ? [...ACTIVITY_ABILITIES]
        : [],
      pairingId: r.pairingId,
    });
  }
  return out;
}

export async function getActivity(ctx: Ctx, id: string): Promise<Activity> {
  const { row } = await loadActivity(ctx, ctx.db, id, 'activity.read');
  const [activity] = await toApi(ctx, [row], true);
  return activity!;
}

/** Beyond this many matches the list reports `total` as a lower bound (`totalExact: false`). */
const COUNT_CAP = 10_000;

/**
 * What a list of activities selects: the filters inside what the caller may read (an organization it may read, or
 * every organization in its scopes). Null when nothing is in the caller's scope. The list and its export share it.
 */
export async function activityListWhere(ctx: Ctx, query: Omit<ActivityListQuery, 'limit' | 'cursor' | 'offset'>): Promise<SQL[] | null> {
  const where: SQL[] = [];
  if (query.org) {
    const [org] = await ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, query.org));
    if (!org) throw notFound('organization');
    if (!authorize(ctx.actor, 'activity.read', { orgPath: org.path })) throw forbidden();
    where.push(q.hostedWithin(org.path, query.subtree ?? true));
  } else {
    const scopes = readScopes(ctx.actor, 'org.read');
    if (scopes !== null) {
      if (scopes.length === 0) return null;
      where.push(q.hostedInAny(scopes));
    }
  }
  if (query.type) where.push(q.activityFilters.type(query.type));
  if (query.state) where.push(q.activityFilters.state(query.state));
  if (query.from) where.push(q.activityFilters.from(query.from));
  if (query.to) where.push(q.activityFilters.to(query.to));
  return where;
}

/** A page by cursor, or by page number (`offset`, the cursor then ignored), with the matches counted up to a cap. */
export async function listActivities(ctx: Ctx, query: ActivityListQuery) {
  const where = await activityListWhere(ctx, query);
  if (where === null) return { items: [], total: 0, totalExact: true, nextCursor: null };
  const limit = query.limit ?? 50;
  const offset = query.offset;
  const rows = await q.listPage(ctx.db, where, offset === undefined ? decodeCursor(query.cursor, 'timestamp') : null, limit, offset ?? 0);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const counted = await q.countWhere(ctx.db, where, COUNT_CAP);
  return {
    items: await toApi(ctx, page, false),
    total: Math.min(counted, COUNT_CAP),
    totalExact: counted <= COUNT_CAP,
    nextCursor: rows.length > limit && last ? encodeCursor(last.startsAt, last.id) : null,
  };
}

type Resolved = Required<Omit<ActivityCreate, 'attendees' | 'guests' | 'resolutions' | 'votes'>> &
  Pick<ActivityCreate, 'attendees' | 'guests' | 'resolutions' | 'votes'>;

/** Every check an activity must pass, on the record as it would be after the change. */
async function validate(ctx: Ctx, tx: Db, a: Resolved, datesChanged = true) {
  const errors = new FieldErrors();
  const hostIds = [...new Set(a.hostOrgIds)];
  const hosts = await tx.select().from(orgs).where(inArray(orgs.id, hostIds));
  if (hosts.length !== hostIds.length) errors.add('hostOrgIds', 'no_such_org');
  const start = Date.parse(a.startsAt);
  const end = Date.parse(a.endsAt);
  if (end <= start) errors.add('endsAt', 'end_before_start');
  const heldOn = todayInChina(new Date(start));
  // only when the dates are given: an old record stays editable
  const range = activityDateRange(ctx.today);
  if (datesChanged && (heldOn < range.min || heldOn > range.max)) errors.add('startsAt', 'date_out_of_range', range);
  for (const h of hosts) {
    if (h.foundedOn && heldOn < h.foundedOn) errors.add('hostOrgIds', 'host_founded_after', { org: h.name, date: h.foundedOn });
    if (h.dissolvedOn && heldOn > h.dissolvedOn) errors.add('hostOrgIds', 'org_dissolved_on', { org: h.name, date: h.dissolvedOn });
  }
  if (a.state === 'held' && heldOn > ctx.today) errors.add('state', 'activity_future_held');
  if (a.state === 'cancelled' && !a.cancelReason?.trim()) errors.add('cancelReason', 'cancel_reason_required');
  if (a.customTypeId && a.type !== 'other') errors.add('customTypeId', 'custom_type_needs_other');
  if (a.type === 'other' && a.customTypeId) {
    const [custom] = await tx.select().from(customActivityTypes).where(eq(customActivityTypes.id, a.customTypeId));
    if (!custom || !hosts.some((h) => h.path.split('.').includes(custom.orgId))) errors.add('customTypeId', 'custom_type_not_of_hosts');
  }
  // Everyone named must be on a host's roster (a host's subtree for a committee).
  const named = new Map<string, string>();
  a.attendees?.forEach((x, i) => named.set(x.memberId, `attendees.${i}.memberId`));
  if (a.presiderMemberId) named.set(a.presiderMemberId, 'presiderMemberId');
  if (a.recorderMemberId) named.set(a.recorderMemberId, 'recorderMemberId');
  a.talkMemberIds.forEach((id, i) => named.set(id, `talkMemberIds.${i}`));
  a.resolutions?.forEach((r, i) => r.ownerMemberId && named.set(r.ownerMemberId, `resolutions.${i}.ownerMemberId`));
  const found = new Map((await q.memberRefs(tx, [...named.keys()])).map((m) => [m.id, m]));
  for (const [id, field] of named) {
    const m = found.get(id);
    // a member of a higher committee may preside or record (a committee member convening a joint meeting)
    const fromAbove = (field === 'presiderMemberId' || field === 'recorderMemberId') && m && hosts.some((h) => isWithin(h.path, m.orgPath));
    if (!m || (!fromAbove && !hosts.some((h) => isWithin(m.orgPath, h.path)))) errors.add(field, 'not_on_host_roster');
  }
  const seen = new Set<string>();
  a.attendees?.forEach((x, i) => {
    if (seen.has(x.memberId)) errors.add(`attendees.${i}.memberId`, 'listed_twice');
    seen.add(x.memberId);
  });
  if (a.type === 'heart_talk' && (a.talkMemberIds.length !== 2 || a.talkMemberIds[0] === a.talkMemberIds[1])) {
    errors.add('talkMemberIds', 'heart_talk_two_people');
  }
  a.votes?.forEach((v, i) => {
    for (const p of evaluateVote(v).problems) errors.add(`votes.${i}.${p.field}`, p.code, p.params);
  });
  a.resolutions?.forEach((r, i) => {
    if (r.doneOn && r.doneOn > ctx.today) errors.add(`resolutions.${i}.doneOn`, 'date_in_future');
  });
  if (a.pairingId) await checkJointActivity(ctx, tx, a.pairingId, hostIds, errors);
  const organizer = hosts.find((h) => h.id === a.hostOrgIds[0]);
  if (a.alsoCounts.length && organizer) {
    // what the practice holds together, by the organizer's rules on the day
    const allowed = alsoCountable(await packToday(tx, organizer.path, heldOn), a.type);
    a.alsoCounts.forEach((t, i) => {
      if (!allowed.includes(t)) errors.add(`alsoCounts.${i}`, 'also_counts_not_held_with');
    });
  }
  errors.throwIfAny();
  return { hosts, heldOn };
}

async function writeChildren(tx: Db, id: string, a: Pick<ActivityCreate, 'attendees' | 'guests' | 'resolutions' | 'votes'>) {
  if (a.attendees) {
    const previous = await tx.select().from(activityAttendees).where(eq(activityAttendees.activityId, id));
    const signedIn = new Map(previous.map((p) => [p.memberId, p]));
    await tx.delete(activityAttendees).where(eq(activityAttendees.activityId, id));
    if (a.attendees.length) {
      await tx.insert(activityAttendees).values(
        a.attendees.map((x) => ({
          activityId: id,
          memberId: x.memberId,
          status: x.status,
          reason: x.reason ?? null,
          // a member's own sign-in time is kept when the organizer edits the list
          signedInAt: x.status === 'present' ? (signedIn.get(x.memberId)?.signedInAt ?? null) : null,
          source: signedIn.get(x.memberId)?.source === 'sign_in' && x.status === 'present' ? 'sign_in' : 'organizer',
        })),
      );
    }
  }
  if (a.guests) {
    await tx.delete(activityGuests).where(eq(activityGuests.activityId, id));
    if (a.guests.length) await tx.insert(activityGuests).values(a.guests.map((g) => ({ id: newId(), activityId: id, name: g.name, unit: g.unit ?? null, title: g.title ?? null })));
  }
  if (a.resolutions) {
    await tx.delete(activityResolutions).where(eq(activityResolutions.activityId, id));
    const rows = a.resolutions.map((r) => ({ id: newId(), activityId: id, text: r.text, ownerMemberId: r.ownerMemberId ?? null, dueOn: r.dueOn ?? null, doneOn: r.doneOn ?? null }));
    if (rows.length) await tx.insert(activityResolutions).values(rows);
    // the rows are replaced with new ids, so a reminder cannot be matched to its resolution: the activity's reminders
    // are settled once none of its resolutions is overdue any more
    if (resolutionReminders(rows.map((r) => ({ ...r, orgId: '' })), todayInChina()).length === 0) {
      await settleNotifications(tx, { subjectType: 'activity', subjectIds: [id], kinds: ['resolution_overdue'] });
    }
  }
  if (a.votes) {
    await tx.delete(activityVotes).where(eq(activityVotes.activityId, id));
    if (a.votes.length) await tx.insert(activityVotes).values(a.votes.map((v) => ({ id: newId(), activityId: id, ...v, writtenYes: v.writtenYes ?? 0 })));
  }
}

type HostRow = typeof activityHosts.$inferSelect;

/**
 * Moves what an activity counts from its hosts rows as they were to the rows as they are, in the same transaction:
 * its count in the dashboard's org_activity_months and the maintained compliance results. Only accepted hosts count.
 */
async function recount(tx: Db, before: HostRow[], after: HostRow[]) {
  const counted = (rows: HostRow[]) => rows.filter((r) => r.acceptedAt !== null);
  const was = before[0];
  const is = after[0];
  const tally = (rows: HostRow[], r: HostRow | undefined) => (r ? [{ hostPaths: counted(rows).map((h) => h.orgPath), heldOn: r.heldOn, type: r.type, state: r.state }] : []);
  await tallyActivities(tx, tally(before, was), tally(after, is));
  const hosted = (rows: HostRow[], r: HostRow | undefined) => (r ? { hostOrgIds: counted(rows).map((h) => h.orgId), heldOn: r.heldOn, state: r.state } : null);
  // an activity always has a host after a write
  await activityWritten(tx, todayInChina(), hosted(before, was), hosted(after, is)!);
}

/**
 * Every write of an activity goes through here: the hosts rows are replaced and recounted. A host keeps the consent
 * it gave, or the question put to it; a new host the caller manages is accepted at once; any other is pending until
 * someone entitled for it answers (answerHost). Returns the rows and the co-hosts newly asked for their consent.
 */
async function writeHosts(ctx: Ctx, tx: Db, id: string, hosts: { id: string; path: string }[], a: { heldOn: string; type: string; state: string }) {
  const previous = await tx.delete(activityHosts).where(eq(activityHosts.activityId, id)).returning();
  const consent = new Map(previous.filter((p) => p.acceptedAt !== null).map((p) => [p.orgId, p]));
  const wasPending = new Set(previous.filter((p) => p.acceptedAt === null).map((p) => p.orgId));
  const now = new Date();
  const rows: HostRow[] = hosts.map((h) => {
    const kept = consent.get(h.id);
    // a question already put is answered only by answerHost, never by an edit that happens to be made by someone entitled
    const asks = wasPending.has(h.id) || !authorize(ctx.actor, 'activity.manage', { orgPath: h.path });
    const accepted = kept ? { acceptedAt: kept.acceptedAt, acceptedBy: kept.acceptedBy } : asks ? { acceptedAt: null, acceptedBy: null } : { acceptedAt: now, acceptedBy: ctx.actor.userId || null };
    return { activityId: id, orgId: h.id, orgPath: h.path, heldOn: a.heldOn, type: a.type, state: a.state, ...accepted };
  });
  await tx.insert(activityHosts).values(rows);
  await recount(tx, previous, rows);
  await settleActivityReminders(tx, [...new Set([...previous.map((p) => p.orgId), ...hosts.map((h) => h.id)])], todayInChina());
  return { rows, asked: rows.filter((r) => r.acceptedAt === null && !wasPending.has(r.orgId)) };
}

function scalarColumns(a: Resolved, heldOn: string, orgPath: string) {
  return {
    type: a.type,
    customTypeId: a.customTypeId,
    state: a.state,
    startsAt: new Date(a.startsAt).toISOString(),
    endsAt: new Date(a.endsAt).toISOString(),
    heldOn,
    place: a.place,
    online: a.online,
    subVenues: a.subVenues,
    presiderMemberId: a.presiderMemberId,
    recorderMemberId: a.recorderMemberId,
    speaker: a.speaker,
    theme: a.theme,
    agenda: a.agenda,
    minutes: a.minutes,
    cancelReason: a.state === 'cancelled' ? a.cancelReason : null,
    talkMemberIds: a.talkMemberIds,
    pairingId: a.pairingId,
    alsoCounts: a.alsoCounts,
    orgPath,
  };
}

export async function createActivity(ctx: Ctx, input: ActivityCreate): Promise<Activity> {
  const a: Resolved = {
    customTypeId: null,
    state: 'planned',
    place: null,
    online: false,
    subVenues: [],
    presiderMemberId: null,
    recorderMemberId: null,
    speaker: null,
    agenda: null,
    minutes: null,
    cancelReason: null,
    talkMemberIds: [],
    pairingId: null,
    alsoCounts: [],
    ...input,
  };
  const id = newId();
  await inTx(ctx, async (tx) => {
    const { hosts, heldOn } = await validate(ctx, tx, a);
    // the organizer is the first host, and must manage it; co-hosts may be anywhere in the tree, and count once they consent
    const organizer = hosts.find((h) => h.id === a.hostOrgIds[0])!;
    if (!authorize(ctx.actor, 'activity.manage', { orgPath: organizer.path })) throw forbidden();
    await tx.insert(activities).values({ id, ...scalarColumns(a, heldOn, organizer.path), createdBy: ctx.actor.userId || null });
    const { asked } = await writeHosts(ctx, tx, id, hosts, { heldOn, type: a.type, state: a.state });
    await writeChildren(tx, id, a);
    await appendAudit(ctx, tx, { action: 'activity.create', subjectType: 'activity', subjectId: id, orgPath: organizer.path, after: { ...a } });
    await askCohosts(ctx, tx, { id, theme: a.theme, heldOn, organizerId: organizer.id }, asked);
  });
  return getActivity(ctx, id);
}

const TRANSITIONS: Record<ActivityState, ActivityState[]> = {
  planned: ['planned', 'held', 'cancelled'],
  held: ['held'],
  cancelled: ['cancelled', 'planned'],
};

export async function updateActivity(ctx: Ctx, id: string, patch: ActivityPatch): Promise<Activity> {
  await inTx(ctx, (tx) => patchActivity(ctx, tx, id, patch));
  return getActivity(ctx, id);
}

/** One change of an activity inside the caller's transaction: checked, written, recounted and audited. */
export async function patchActivity(ctx: Ctx, tx: Db, id: string, patch: ActivityPatch): Promise<void> {
  const { row } = await loadActivity(ctx, tx, id, 'activity.manage');
  const current = await toApi({ ...ctx, db: tx }, [row], true);
  const before = current[0]!;
  const next = (patch.state ?? before.state);
  if (!TRANSITIONS[before.state].includes(next)) throw conflict('activity_transition', { from: before.state, to: next });
  const a: Resolved = {
    type: before.type,
    customTypeId: before.customTypeId,
    hostOrgIds: before.hostOrgIds,
    state: before.state,
    startsAt: before.startsAt,
    endsAt: before.endsAt,
    place: before.place,
    online: before.online,
    subVenues: before.subVenues,
    presiderMemberId: before.presider?.id ?? null,
    recorderMemberId: before.recorder?.id ?? null,
    speaker: before.speaker,
    theme: before.theme,
    agenda: before.agenda,
    minutes: before.minutes,
    cancelReason: before.cancelReason,
    talkMemberIds: before.talkMembers.map((m) => m.id),
    pairingId: before.pairingId,
    alsoCounts: before.alsoCounts,
    ...patch,
  };
  const { hosts, heldOn } = await validate(ctx, tx, a, patch.startsAt !== undefined);
  if (!hosts.some((h) => authorize(ctx.actor, 'activity.manage', { orgPath: h.path }))) throw forbidden();
  const organizer = hosts.find((h) => h.id === a.hostOrgIds[0])!;
  await tx.update(activities).set({ ...scalarColumns(a, heldOn, organizer.path), updatedAt: new Date() }).where(eq(activities.id, id));
  const { rows, asked } = await writeHosts(ctx, tx, id, hosts, { heldOn, type: a.type, state: a.state });
  // the organizer speaks for the activity: it cannot be a host that has not agreed to it
  if (rows.some((h) => h.orgId === organizer.id && h.acceptedAt === null)) {
    throw invalid([{ field: 'hostOrgIds', code: 'activity_organizer_pending' }]);
  }
  await writeChildren(tx, id, patch);
  await appendAudit(ctx, tx, { action: 'activity.update', subjectType: 'activity', subjectId: id, orgPath: organizer.path, before, after: patch });
  await askCohosts(ctx, tx, { id, theme: a.theme, heldOn, organizerId: organizer.id }, asked);
}

type CohostNotice = 'activity_cohost' | 'activity_cohost_accepted' | 'activity_cohost_declined';

/** One in-app notice to each of these users but the caller. */
async function notify(ctx: Ctx, tx: Db, userIds: string[], n: { kind: CohostNotice; key: string; orgId: string; activityId: string; params: Record<string, string> }) {
  const to = [...new Set(userIds)].filter((u) => u !== ctx.actor.userId);
  await inAppChannel.send(
    tx,
    to.map((userId) => ({ userId, reminder: { kind: n.kind, key: n.key, orgId: n.orgId, subjectType: 'activity', subjectId: n.activityId, params: n.params } })),
  );
}

/** Each co-host newly named without its consent is told by the organizer: its secretary and the admins above it. */
async function askCohosts(ctx: Ctx, tx: Db, a: { id: string; theme: string; heldOn: string; organizerId: string }, asked: HostRow[]) {
  for (const h of asked) {
    await notify(ctx, tx, await officersOf(tx, h.orgPath), { kind: 'activity_cohost', key: `activity_cohost:${a.id}:${h.orgId}`, orgId: a.organizerId, activityId: a.id, params: { theme: a.theme, heldOn: a.heldOn } });
  }
}

/**
 * A co-host's answer to being named on another organization's activity, by someone entitled for it (a grant that
 * manages the co-host): accepting makes the activity count for it from then on (the tallies and compliance results in
 * the same transaction); declining takes it off the hosts. The activity's author is told either way.
 */
export async function answerHost(ctx: Ctx, id: string, orgId: string, answer: 'accept' | 'decline'): Promise<void> {
  await inTx(ctx, async (tx) => {
    const row = await q.getActivity(tx, id);
    if (!row) throw notFound('activity');
    const before = await tx.select().from(activityHosts).where(eq(activityHosts.activityId, id));
    const host = before.find((h) => h.orgId === orgId);
    if (!host) throw notFound('activity_host');
    if (!authorize(ctx.actor, 'activity.manage', { orgPath: host.orgPath })) throw forbidden();
    if (host.acceptedAt !== null) throw conflict('activity_host_not_pending');
    const acceptedAt = new Date();
    if (answer === 'accept') {
      await tx.update(activityHosts).set({ acceptedAt, acceptedBy: ctx.actor.userId || null }).where(and(eq(activityHosts.activityId, id), eq(activityHosts.orgId, orgId)));
      await recount(tx, before, before.map((h) => (h.orgId === orgId ? { ...h, acceptedAt, acceptedBy: ctx.actor.userId || null } : h)));
    } else {
      // a pending host counted nowhere: nothing to recount
      await tx.delete(activityHosts).where(and(eq(activityHosts.activityId, id), eq(activityHosts.orgId, orgId)));
    }
    await appendAudit(ctx, tx, {
      action: answer === 'accept' ? 'activity.host_accept' : 'activity.host_decline',
      subjectType: 'activity',
      subjectId: id,
      orgPath: host.orgPath,
      before: { orgId, acceptedAt: null },
      after: answer === 'accept' ? { orgId, acceptedAt: acceptedAt.toISOString() } : { orgId, removed: true },
    });
    // the question is answered for everyone it was put to
    await settleNotifications(tx, { subjectType: 'activity', subjectIds: [id], kinds: ['activity_cohost'], keys: [`activity_cohost:${id}:${orgId}`] });
    if (row.createdBy) {
      const kind = answer === 'accept' ? 'activity_cohost_accepted' : 'activity_cohost_declined';
      await notify(ctx, tx, [row.createdBy], { kind, key: `${kind}:${id}:${orgId}`, orgId, activityId: id, params: { theme: row.theme, heldOn: row.heldOn } });
    }
  });
}

export async function signInCode(ctx: Ctx, id: string, origin: string) {
  const { row } = await loadActivity(ctx, ctx.db, id, 'activity.manage');
  if (row.state === 'cancelled') throw conflict('activity_cancelled');
  const code = currentCode(ctx.config.secretKey, id);
  const url = `${origin}/checkin/${id}?c=${code.token}`;
  return { code: code.digits, url, qr: await QRCode.toDataURL(url, { margin: 1, width: 320 }), expiresAt: code.expiresAt };
}

/**
 * The caller signs in their own member record; doing it twice changes nothing. The hot path of a
 * meeting's start (hundreds of phones at once): one query decides, the write joins the sign-ins
 * committing together (signIns.ts), and the answer is built from what is known, not read back.
 */
export async function signIn(ctx: Ctx, id: string, code: string): Promise<Attendee> {
  const memberId = ctx.actor.memberId;
  const facts = await q.signInFacts(ctx.db, id, memberId);
  if (!facts) throw notFound('activity');
  if (!checkCode(ctx.config.secretKey, id, code)) {
    throw invalid([{ field: 'code', code: 'checkin_code_wrong' }]);
  }
  if (facts.state === 'cancelled') throw conflict('activity_cancelled');
  if (!memberId) throw forbidden('account_not_member');
  if (facts.memberName === null || facts.memberOrgId === null || (!facts.invited && !facts.inHost)) {
    throw forbidden('checkin_not_invited');
  }
  const attendee = (a: { status: string; reason: string | null; signedInAt: string | null; source: string }): Attendee =>
    toAttendee({ activityId: id, memberId, name: facts.memberName!, orgId: facts.memberOrgId!, orgName: facts.memberOrgName ?? '', ...a });
  if (facts.status === 'present' && facts.signedInAt) return attendee({ status: facts.status, reason: facts.reason, signedInAt: facts.signedInAt, source: facts.source ?? 'sign_in' });
  // self sign-in is open from GONGJIAN_SIGNIN_OPENS_MINUTES before the start until the end (domain/signInWindow.ts),
  // for the QR link and the typed code alike
  const window = signInWindow(facts.startsAt, facts.endsAt, ctx.config.signInOpensMinutes, ctx.config.timeZone);
  const status = signInStatus(window, new Date());
  if (status === 'not_yet') throw conflict('checkin_not_open', { opensAt: localDateTime(window.opensAt, ctx.config.timeZone) });
  if (status === 'closed') throw conflict('checkin_closed', { closedAt: localDateTime(window.closesAt, ctx.config.timeZone) });
  const at = await recordSignIn({ ctx, activityId: id, memberId, orgPath: facts.orgPath });
  return attendee({ status: 'present', reason: null, signedInAt: at, source: 'sign_in' });
}

async function attendeeList(ctx: Ctx, id: string): Promise<Attendee[]> {
  return (await q.attendeesOf(ctx.db, [id])).map(toAttendee);
}

export async function attendance(ctx: Ctx, id: string) {
  await loadActivity(ctx, ctx.db, id, 'activity.read');
  const items = await attendeeList(ctx, id);
  return { items, counts: counts(items) };
}

export async function assertCanWatch(ctx: Ctx, id: string): Promise<void> {
  await loadActivity(ctx, ctx.db, id, 'activity.read');
}



/** Adds the year's required activities as planned ones; what is already recorded is not planned again. */
export async function planYearFor(ctx: Ctx, orgId: string, year: number) {
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw notFound('organization');
  if (!authorize(ctx.actor, 'activity.manage', { orgPath: org.path })) throw forbidden();
  if (org.dissolvedOn) throw conflict('org_dissolved');
  const range = activityDateRange(ctx.today);
  if (year < Number(range.min.slice(0, 4)) || year > Number(range.max.slice(0, 4))) {
    throw invalid([{ field: 'year', code: 'date_out_of_range', params: { min: range.min.slice(0, 4), max: range.max.slice(0, 4) } }]);
  }
  const pack = await packToday(ctx.db, org.path, `${year}-01-01`);
  const existing = await ctx.db
    .select({ type: activityHosts.type, date: activityHosts.heldOn })
    .from(activityHosts)
    .where(and(eq(activityHosts.orgId, orgId), gte(activityHosts.heldOn, `${year}-01-01`), lte(activityHosts.heldOn, `${year}-12-31`), ne(activityHosts.state, 'cancelled'), isNotNull(activityHosts.acceptedAt)));
  const plan = planYear({ year, org: { type: org.type, ...(await structureOf(ctx.db, org, pack)) }, pack, existing, today: ctx.today });
  const created: string[] = [];
  await inTx(ctx, async (tx) => {
    for (const p of plan) {
      const id = newId();
      const startsAt = new Date(`${p.date}T09:00:00+08:00`).toISOString();
      const endsAt = new Date(`${p.date}T11:00:00+08:00`).toISOString();
      await tx.insert(activities).values({ id, type: p.type, state: 'planned', startsAt, endsAt, heldOn: p.date, theme: ACTIVITY_TYPE_LABELS[p.type].zh, orgPath: org.path, createdBy: ctx.actor.userId || null });
      await writeHosts(ctx, tx, id, [org], { heldOn: p.date, type: p.type, state: 'planned' });
      created.push(id);
    }
    await appendAudit(ctx, tx, { action: 'activity.plan', subjectType: 'org', subjectId: orgId, orgPath: org.path, after: { year, planned: plan.length } });
  });
  return { year, planned: created.length, items: created.length ? (await listActivities(ctx, { org: orgId, subtree: false, state: 'planned', from: `${year}-01-01`, to: `${year}-12-31`, limit: 200 })).items : [] };
}

/** Activity types an organization may use: its own and those its higher organizations added. */
export async function listCustomTypes(ctx: Ctx, orgId: string) {
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw notFound('organization');
  if (!authorize(ctx.actor, 'activity.read', { orgPath: org.path })) throw forbidden();
  return ctx.db.select().from(customActivityTypes).where(inArray(customActivityTypes.orgId, org.path.split('.')));
}

/** The types an organization may record: its custom ones, and what each type may also count for under its rules today. */
export async function listActivityTypes(ctx: Ctx, orgId: string) {
  const items = await listCustomTypes(ctx, orgId);
  const [org] = await ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId));
  const pack = await packToday(ctx.db, org!.path, ctx.today);
  return { items, alsoCountable: ACTIVITY_TYPES.map((type) => ({ type, alsoCounts: alsoCountable(pack, type) })).filter((x) => x.alsoCounts.length > 0) };
}

export async function addCustomType(ctx: Ctx, orgId: string, input: { nameZh: string; nameEn: string }) {
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw notFound('organization');
  if (!authorize(ctx.actor, 'activity.manage', { orgPath: org.path })) throw forbidden();
  const existing = await listCustomTypes(ctx, orgId);
  if (existing.some((t) => t.nameZh === input.nameZh.trim())) throw invalid([{ field: 'nameZh', code: 'activity_type_exists' }]);
  const row = { id: newId(), orgId, nameZh: input.nameZh.trim(), nameEn: input.nameEn.trim() };
  await inTx(ctx, async (tx) => {
    await tx.insert(customActivityTypes).values(row);
    await appendAudit(ctx, tx, { action: 'activity.type.add', subjectType: 'org', subjectId: orgId, orgPath: org.path, after: row });
  });
  return row;
}
