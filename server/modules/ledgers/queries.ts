import { and, asc, count, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import {
  activities,
  activityAttendees,
  activityHosts,
  customActivityTypes,
} from '../../db/schema/activities';
import { members } from '../../db/schema/members';
import { orgs } from '../../db/schema/orgs';

const presider = alias(members, 'presider');
const recorder = alias(members, 'recorder');

/** Activities one organization hosted (alone or jointly) between two days, in date order. */
export async function hostedBetween(db: Db, orgId: string, from: string, to: string) {
  return db
    .select({
      id: activities.id,
      type: activities.type,
      customTypeName: customActivityTypes.nameZh,
      state: activities.state,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      heldOn: activities.heldOn,
      place: activities.place,
      online: activities.online,
      subVenues: activities.subVenues,
      theme: activities.theme,
      cancelReason: activities.cancelReason,
      presider: presider.name,
      recorder: recorder.name,
    })
    .from(activities)
    .innerJoin(
      activityHosts,
      // a co-host's ledger holds the activity once it accepted to co-host it
      and(eq(activityHosts.activityId, activities.id), eq(activityHosts.orgId, orgId), isNotNull(activityHosts.acceptedAt)),
    )
    .leftJoin(customActivityTypes, eq(customActivityTypes.id, activities.customTypeId))
    .leftJoin(presider, eq(presider.id, activities.presiderMemberId))
    .leftJoin(recorder, eq(recorder.id, activities.recorderMemberId))
    .where(and(gte(activities.heldOn, from), lte(activities.heldOn, to)))
    .orderBy(asc(activities.startsAt), asc(activities.id));
}

/** Attendance counts per activity and status. */
export async function attendanceCounts(db: Db, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return db
    .select({ activityId: activityAttendees.activityId, status: activityAttendees.status, n: count() })
    .from(activityAttendees)
    .where(inArray(activityAttendees.activityId, activityIds))
    .groupBy(activityAttendees.activityId, activityAttendees.status);
}

/** Every host of the activities, by name. */
export async function hostNames(db: Db, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return db
    .select({ activityId: activityHosts.activityId, orgId: orgs.id, name: orgs.name })
    .from(activityHosts)
    .innerJoin(orgs, eq(orgs.id, activityHosts.orgId))
    .where(inArray(activityHosts.activityId, activityIds))
    .orderBy(asc(orgs.path));
}

export async function customTypeName(db: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db
    .select({ name: customActivityTypes.nameZh })
    .from(customActivityTypes)
    .where(eq(customActivityTypes.id, id));
  return row?.name ?? null;
}
