import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { projectReminders } from '../../../domain/projects/reminders';
import { effectiveSettings } from '../../../domain/projects/settings';
import type { Db } from '../../db/client';
import { projectCampaigns, projectMilestones, projectRequirements, projectSupervisions, secretaryProjects } from '../../db/schema/projects';
import { inAppChannel, type NotificationChannel } from '../notifications/service';
import * as q from './queries';

// The scheduler's reminders for running projects (domain/projects/reminders.ts decides what and whom): the leader of
// the weekly report due and missing, of milestones due and overdue and of unanswered requirements; the supervisors of
// a visit due. A project without a leader reminds its organization's officers, one without supervisors the
// organizer's. Each reminder is keyed, so running it every hour sends each once.

export async function runProjectReminders(db: Db, today: string, channel: NotificationChannel = inAppChannel): Promise<{ reminders: number; sent: number }> {
  const running = await db
    .select({ project: secretaryProjects, settings: projectCampaigns.settings, organizerPath: projectCampaigns.organizerPath })
    .from(secretaryProjects)
    .innerJoin(projectCampaigns, eq(projectCampaigns.id, secretaryProjects.campaignId))
    .where(and(eq(secretaryProjects.state, 'in_progress'), sql`${secretaryProjects.startOn} <= ${today}`, sql`${secretaryProjects.endOn} >= ${today}`));
  if (running.length === 0) return { reminders: 0, sent: 0 };
  const ids = running.map((r) => r.project.id);
  const [facts, milestones, requirements, visits] = await Promise.all([
    q.factsOf(db, ids),
    db.select().from(projectMilestones).where(and(inArray(projectMilestones.projectId, ids), isNull(projectMilestones.doneOn))),
    db.select().from(projectRequirements).where(and(inArray(projectRequirements.projectId, ids), isNull(projectRequirements.answeredOn))),
    db
      .select({ projectId: projectSupervisions.projectId, last: sql<string>`max(${projectSupervisions.visitedOn})::text` })
      .from(projectSupervisions)
      .where(inArray(projectSupervisions.projectId, ids))
      .groupBy(projectSupervisions.projectId),
  ]);
  const officers = new Map<string, string[]>();
  const officersOf = async (path: string) => {
    if (!officers.has(path)) officers.set(path, await q.officersOf(db, path));
    return officers.get(path)!;
  };
  let count = 0;
  const items = [];
  for (const { project: p, settings, organizerPath } of running) {
    const reminders = projectReminders(
      {
        id: p.id,
        title: p.title,
        startOn: p.startOn,
        endOn: p.endOn,
        launchedOn: p.launchedOn,
        lastReportWeek: facts.get(p.id)!.lastReportWeek,
        lastVisitOn: visits.find((v) => v.projectId === p.id)?.last ?? null,
        milestones: milestones.filter((m) => m.projectId === p.id),
        requirements: requirements.filter((r) => r.projectId === p.id),
      },
      today,
      effectiveSettings(settings),
    );
    count += reminders.length;
    for (const r of reminders) {
      const to = r.to === 'leader' ? (p.leaderId ? [p.leaderId] : await officersOf(p.orgPath)) : p.supervisorIds.length ? p.supervisorIds : await officersOf(organizerPath);
      for (const userId of new Set(to)) {
        items.push({ userId, reminder: { kind: r.kind, key: r.key, orgId: p.orgId, subjectType: 'secretary_project' as const, subjectId: p.id, params: r.params } });
      }
    }
  }
  return { reminders: count, sent: await channel.send(db, items) };
}
