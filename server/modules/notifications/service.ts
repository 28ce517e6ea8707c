import { and, desc, eq, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import { isWithin } from '../../../domain/access';
import { activityReminders, reminderMessage, resolutionReminders, termReminders, type Reminder, type ReminderKind } from '../../../domain/reminders';
import { termDates } from '../../../domain/rules/orgFindings';
import type { OrgType, Sector } from '../../../domain/enums';
import type { Ctx } from '../../context';
import type { Db } from '../../db/client';
import { activities, activityResolutions, notifications } from '../../db/schema/activities';
import { roleGrants } from '../../db/schema/auth';
import { orgs } from '../../db/schema/orgs';
import { notFound } from '../../errors';
import { newId } from '../../ids';
import { dueFromRows, monthResults, servesPeriod } from '../compliance/results';
import { evaluateMany, packToday } from '../compliance/service';
import { labelsOf } from '../orgs/queries';

/** Where reminders go. In-app today; e-mail or SMS would be another channel behind the same call. */
export interface NotificationChannel {
  /** returns how many were new (a reminder already sent to a user is skipped) */
  send(db: Db, items: { userId: string; reminder: Reminder }[]): Promise<number>;
}

export const inAppChannel: NotificationChannel = {
  async send(db, items) {
    if (items.length === 0) return 0;
    const inserted = await db
      .insert(notifications)
      .values(
        items.map(({ userId, reminder: r }) => ({
          id: newId(),
          userId,
          kind: r.kind,
          dedupeKey: r.key,
          subjectType: r.subjectType,
          subjectId: r.subjectId,
          params: { ...r.params, orgId: r.orgId },
        })),
      )
      .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
      .returning({ id: notifications.id });
    return inserted.length;
  },
};

/** The secretary of an organization and the admins of it or of a level above receive its reminders. */
async function recipients(db: Db) {
  const grants = await db
    .select({ userId: roleGrants.userId, role: roleGrants.role, orgPath: orgs.path })
    .from(roleGrants)
    .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .where(inArray(roleGrants.role, ['secretary', 'org_admin', 'admin']));
  return grants;
}

export async function runReminders(db: Db, today: string, opts: { activityDaysBefore: number; channel?: NotificationChannel }): Promise<{ reminders: number; sent: number }> {
  const channel = opts.channel ?? inAppChannel;
  const grants = await recipients(db);
  if (grants.length === 0) return { reminders: 0, sent: 0 };
  const scopes = [...new Set(grants.map((g) => g.orgPath))];
  const list = await db
    .select()
    .from(orgs)
    .where(and(isNull(orgs.dissolvedOn), sql`(${sql.join(scopes.map((s) => sql`${orgs.path} <@ ${s}::ltree`), sql` or `)})`));
  const reminders: Reminder[] = [];
  const month = today.slice(0, 7);
  const due = (await servesPeriod(db, month, null))
    ? await dueFromRows(db, month, scopes, today)
    : (await evaluateMany(db, list, month, today)).map(({ org, results }) => ({ orgId: org.id, results }));
  for (const { orgId, results } of due) reminders.push(...activityReminders(orgId, results, opts.activityDaysBefore));
  for (const org of list.filter((o) => o.termElectedOn)) {
    const pack = await packToday(db, org.path, today);
    reminders.push(...termReminders(org.id, termDates(org.type as OrgType, org.sector as Sector | null, org.termElectedOn!, pack), today));
  }
  const open = await db
    .select({ id: activityResolutions.id, activityId: activityResolutions.activityId, text: activityResolutions.text, dueOn: activityResolutions.dueOn, doneOn: activityResolutions.doneOn, orgPath: activities.orgPath })
    .from(activityResolutions)
    .innerJoin(activities, eq(activities.id, activityResolutions.activityId))
    .where(and(isNull(activityResolutions.doneOn), lt(activityResolutions.dueOn, today)));
  reminders.push(...resolutionReminders(open.map((r) => ({ ...r, orgId: labelsOf(r.orgPath).at(-1)! })), today));

  const pathOf = new Map(list.map((o) => [o.id, o.path]));
  for (const r of open) pathOf.set(labelsOf(r.orgPath).at(-1)!, r.orgPath);
  const items = reminders.flatMap((reminder) => {
    const path = pathOf.get(reminder.orgId);
    if (!path) return [];
    const users = grants.filter((g) => (g.role === 'secretary' ? g.orgPath === path : isWithin(path, g.orgPath))).map((g) => g.userId);
    return [...new Set(users)].map((userId) => ({ userId, reminder }));
  });
  return { reminders: reminders.length, sent: await channel.send(db, items) };
}

/**
 * The work a reminder asked for is done: its unread notifications about these subjects, of these kinds, are read for
 * every recipient: only those whose key is in `keys` when given, and never those whose key is in `keep` (work that
 * still waits). Called inside the transaction of the
 * write that completes the work (a demand moved, an activity held, a report filed), so a reminder is resolved with its
 * to-do and nothing reading the workbench has to write.
 */
export async function settleNotifications(
  tx: Db,
  about: { subjectType: Reminder['subjectType']; subjectIds: readonly string[]; kinds: readonly ReminderKind[]; keys?: readonly string[]; keep?: readonly string[] },
): Promise<number> {
  if (about.subjectIds.length === 0 || about.kinds.length === 0) return 0;
  const settled = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        isNull(notifications.readAt),
        eq(notifications.subjectType, about.subjectType),
        inArray(notifications.subjectId, [...about.subjectIds]),
        inArray(notifications.kind, [...about.kinds]),
        about.keys ? inArray(notifications.dedupeKey, about.keys.length ? [...about.keys] : ['']) : undefined,
        about.keep?.length ? notInArray(notifications.dedupeKey, [...about.keep]) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return settled.length;
}

/** An activity of these organizations was written: the reminders of required activities they no longer owe are settled. */
export async function settleActivityReminders(tx: Db, orgIds: readonly string[], today: string): Promise<number> {
  if (orgIds.length === 0) return 0;
  const list = await tx.select().from(orgs).where(inArray(orgs.id, [...orgIds]));
  const owed = (await monthResults(tx, list, today.slice(0, 7), today)).flatMap(({ orgId, results }) => activityReminders(orgId, results, Number.MAX_SAFE_INTEGER));
  return settleNotifications(tx, { subjectType: 'org', subjectIds: orgIds, kinds: ['activity_due'], keep: owed.map((r) => r.key) });
}

export async function listNotifications(ctx: Ctx, query: { unread?: boolean; limit?: number }) {
  const conds = [eq(notifications.userId, ctx.actor.userId)];
  if (query.unread) conds.push(isNull(notifications.readAt));
  const rows = await ctx.db
    .select({ n: notifications, orgName: orgs.name })
    .from(notifications)
    .leftJoin(orgs, eq(orgs.id, sql`${notifications.params}->>'orgId'`))
    .where(and(...conds))
    .orderBy(desc(notifications.createdAt))
    .limit(query.limit ?? 50);
  const [unread] = await ctx.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(notifications)
    .where(and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt)));
  return {
    items: rows.map(({ n, orgName }) => ({
      id: n.id,
      kind: n.kind as ReminderKind,
      subjectType: n.subjectType,
      subjectId: n.subjectId,
      params: n.params as Record<string, string | number>,
      message: reminderMessage(n.kind as ReminderKind, n.params as Record<string, unknown>, orgName ?? '', ctx.lang),
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
    unreadCount: unread?.n ?? 0,
  };
}

export async function markRead(ctx: Ctx, id: string | null): Promise<void> {
  const mine = eq(notifications.userId, ctx.actor.userId);
  const updated = await ctx.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(id ? and(mine, eq(notifications.id, id)) : and(mine, isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (id && updated.length === 0) throw notFound('notification');
}
