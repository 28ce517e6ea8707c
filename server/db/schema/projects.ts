import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Criterion } from '../../../domain/projects/evaluation';
import type { CampaignSettings } from '../../../domain/projects/settings';
import { ltree } from '../ltree';
import { activities } from './activities';
import { users } from './auth';
import { orgs } from './orgs';

/**
 * A committee's yearly secretary-project campaign (书记项目): the implementation plan, the application deadline, the
 * organizations that may apply (subtrees), the evaluation criteria and the thresholds of health and reminders.
 */
export const projectCampaigns = pgTable(
  'project_campaigns',
  {
    id: text('id').primaryKey(),
    organizerOrgId: text('organizer_org_id')
      .notNull()
      .references(() => orgs.id),
    organizerPath: ltree('organizer_path').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    plan: text('plan'),
    applicationDeadline: date('application_deadline', { mode: 'string' }).notNull(),
    /** the organizations whose subtrees may apply (the organizer's own by default) */
    eligibleOrgIds: jsonb('eligible_org_ids').$type<string[]>().notNull(),
    criteria: jsonb('criteria').$type<Criterion[]>().notNull(),
    settings: jsonb('settings').$type<Partial<CampaignSettings>>().notNull().default({}),
    createdBy: text('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('project_campaigns_organizer_year').on(t.organizerOrgId, t.year), index('project_campaigns_path_gist').using('gist', t.organizerPath)],
);

/** One organization's project in a campaign, from application to evaluation. */
export const secretaryProjects = pgTable(
  'secretary_projects',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => projectCampaigns.id),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    title: text('title').notNull(),
    problem: text('problem').notNull(),
    goals: text('goals').notNull(),
    measures: text('measures').notNull(),
    expectedOutcomes: text('expected_outcomes').notNull(),
    businessArea: text('business_area').notNull(),
    state: text('state').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }).notNull(),
    leaderId: text('leader_id').references(() => users.id),
    contactLeaderId: text('contact_leader_id').references(() => users.id),
    supervisorIds: jsonb('supervisor_ids').$type<string[]>().notNull().default([]),
    /** from the latest weekly report */
    percentComplete: smallint('percent_complete').notNull().default(0),
    submittedOn: date('submitted_on', { mode: 'string' }),
    noticeNo: text('notice_no'),
    approvedOn: date('approved_on', { mode: 'string' }),
    returnComment: text('return_comment'),
    launchedOn: date('launched_on', { mode: 'string' }),
    completedOn: date('completed_on', { mode: 'string' }),
    closingReport: text('closing_report'),
    evaluatedOn: date('evaluated_on', { mode: 'string' }),
    cancelReason: text('cancel_reason'),
    /** the mean of the evaluators' totals, and the grade and comment of the latest evaluation */
    score: doublePrecision('score'),
    grade: text('grade'),
    evaluationComment: text('evaluation_comment'),
    createdBy: text('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // one project per organization and campaign; a cancelled one makes room for another
    uniqueIndex('secretary_projects_campaign_org').on(t.campaignId, t.orgId).where(sql`state <> 'cancelled'`),
    index('secretary_projects_campaign').on(t.campaignId, t.state),
    index('secretary_projects_path_gist').using('gist', t.orgPath),
  ],
);

/** A business figure the project is meant to move: baseline → target, up or down. */
export const projectIndicators = pgTable(
  'project_indicators',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => secretaryProjects.id),
    position: smallint('position').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    baseline: doublePrecision('baseline').notNull(),
    target: doublePrecision('target').notNull(),
    direction: text('direction').notNull(),
  },
  (t) => [index('project_indicators_project').on(t.projectId)],
);

export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => secretaryProjects.id),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    deliverable: text('deliverable'),
    doneOn: date('done_on', { mode: 'string' }),
  },
  (t) => [index('project_milestones_project').on(t.projectId, t.dueOn)],
);

export const projectTasks = pgTable(
  'project_tasks',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => secretaryProjects.id),
    milestoneId: text('milestone_id').references(() => projectMilestones.id),
    title: text('title').notNull(),
    ownerId: text('owner_id').references(() => users.id),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    doneOn: date('done_on', { mode: 'string' }),
  },
  (t) => [index('project_tasks_project').on(t.projectId, t.dueOn)],
);

/** The leader's progress report for one ISO week. */
export const projectReports = pgTable(
  'project_reports',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => secretaryProjects.id),
    week: text('week').notNull(),
    /** the Monday of the week, for month queries */
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    done: text('done').notNull(),
    percentComplete: smallint('percent_complete').notNull(),
    nextPlan: text('next_plan').notNull(),
    filedBy: text('filed_by').references(() => users.id),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('project_reports_week').on(t.projectId, t.week), index('project_reports_week_start').on(t.weekStart)],
);

/** An indicator measured in a report. */
export const projectIndicatorValues = pgTable(
  'project_indicator_values',
  {
    reportId: text('report_id')
      .notNull()
      .references(() => projectReports.id),
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => projectIndicators.id),
    value: doublePrecision('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.indicatorId] }), index('project_indicator_values_indicator').on(t.indicatorId)],
);

/** A problem or obstacle (堵点) raised in a report, open until cleared. */
export const projectObstacles = pgTable(
  'project_obstacles',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => secretaryProjects.id),
    reportId: text('report_id').references(() => projectReports.id),
    description: text('description').notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    clearedOn: date('cleared_on', { mode: 'string' }),
  },
  (t) => [index('project_obstacles_project').on(t.projectId)],
);

/** A field supervisor's visit. */
export const projectSupervisions = pgTable(
  'project_supervisions',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => secretaryProjects.id),
    supervisorId: text('supervisor_id').references(() => users.id),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    findings: text('findings').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_supervisions_project').on(t.projectId, t.visitedOn)],
);

/** What a supervisor asked for on a visit, and the leader's answer. */
export const projectRequirements = pgTable(
  'project_requirements',
  {
    id: text('id').primaryKey(),
    supervisionId: text('supervision_id')
      .notNull()
      .references(() => projectSupervisions.id),
    projectId: text('project_id')
      .notNull()
      .references(() => secretaryProjects.id),
    position: smallint('position').notNull(),
    description: text('description').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    answer: text('answer'),
    answeredOn: date('answered_on', { mode: 'string' }),
    answeredBy: text('answered_by').references(() => users.id),
  },
  (t) => [index('project_requirements_project').on(t.projectId), index('project_requirements_supervision').on(t.supervisionId)],
);

/** One evaluator's scores of a completed project. */
export const projectEvaluations = pgTable(
  'project_evaluations',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => secretaryProjects.id),
    evaluatorId: text('evaluator_id')
      .notNull()
      .references(() => users.id),
    scores: jsonb('scores').$type<{ criterionId: string; score: number }[]>().notNull(),
    total: doublePrecision('total').notNull(),
    grade: text('grade').notNull(),
    comment: text('comment').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('project_evaluations_evaluator').on(t.projectId, t.evaluatorId)],
);

/** The campaign's plan attachments, and a project's plan and evidence files (a report's when reportId is set). */
export const projectFiles = pgTable(
  'project_files',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => projectCampaigns.id),
    projectId: text('project_id').references(() => secretaryProjects.id),
    reportId: text('report_id').references(() => projectReports.id),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    storedAs: text('stored_as').notNull(),
    thumbnailAs: text('thumbnail_as'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_files_campaign').on(t.campaignId), index('project_files_project').on(t.projectId)],
);

/** Activities (branch life) held for a project, shown on its timeline. */
export const projectActivities = pgTable(
  'project_activities',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => secretaryProjects.id),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
    linkedBy: text('linked_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.activityId] }), index('project_activities_activity').on(t.activityId)],
);
