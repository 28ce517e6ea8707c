import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { activities } from '../../db/schema/activities';
import { assessments } from '../../db/schema/assessments';
import { apiTokens, users } from '../../db/schema/auth';
import { members } from '../../db/schema/members';
import { orgs } from '../../db/schema/orgs';
import { demands, pairings } from '../../db/schema/pairings';
import { projectCampaigns, secretaryProjects } from '../../db/schema/projects';

/**
 * What a person calls each of these ids: an organization's or a member's name, a user's name, an
 * activity's theme, a title. Ids are unique across tables (time-ordered UUIDs), so one map serves.
 */
export async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const lookups = [
    db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids)),
    db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, ids)),
    db.select({ id: users.id, name: sql<string>`coalesce(${users.displayName}, ${users.username})` }).from(users).where(inArray(users.id, ids)),
    db.select({ id: apiTokens.id, name: apiTokens.name }).from(apiTokens).where(inArray(apiTokens.id, ids)),
    db.select({ id: activities.id, name: sql<string>`${activities.theme} || '（' || ${activities.heldOn} || '）'` }).from(activities).where(inArray(activities.id, ids)),
    db.select({ id: pairings.id, name: pairings.title }).from(pairings).where(inArray(pairings.id, ids)),
    db.select({ id: demands.id, name: demands.title }).from(demands).where(inArray(demands.id, ids)),
    db.select({ id: projectCampaigns.id, name: projectCampaigns.title }).from(projectCampaigns).where(inArray(projectCampaigns.id, ids)),
    db.select({ id: secretaryProjects.id, name: secretaryProjects.title }).from(secretaryProjects).where(inArray(secretaryProjects.id, ids)),
    db.select({ id: assessments.id, name: assessments.title }).from(assessments).where(inArray(assessments.id, ids)),
  ];
  // one after another: PGlite has one connection, and each lookup is an index probe
  for (const lookup of lookups) for (const row of await lookup) out.set(row.id, row.name);
  return out;
}
