CREATE TABLE "project_activities" (
	"project_id" text NOT NULL,
	"activity_id" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"linked_by" text,
	CONSTRAINT "project_activities_project_id_activity_id_pk" PRIMARY KEY("project_id","activity_id")
);
--> statement-breakpoint
CREATE TABLE "project_campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"organizer_org_id" text NOT NULL,
	"organizer_path" "ltree" NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"plan" text,
	"application_deadline" date NOT NULL,
	"eligible_org_ids" jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_evaluations" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"evaluator_id" text NOT NULL,
	"scores" jsonb NOT NULL,
	"total" double precision NOT NULL,
	"grade" text NOT NULL,
	"comment" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_files" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"project_id" text,
	"report_id" text,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"stored_as" text NOT NULL,
	"thumbnail_as" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_indicator_values" (
	"report_id" text NOT NULL,
	"indicator_id" text NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "project_indicator_values_report_id_indicator_id_pk" PRIMARY KEY("report_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "project_indicators" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"position" smallint NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"baseline" double precision NOT NULL,
	"target" double precision NOT NULL,
	"direction" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"deliverable" text,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "project_obstacles" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"report_id" text,
	"description" text NOT NULL,
	"raised_on" date NOT NULL,
	"cleared_on" date
);
--> statement-breakpoint
CREATE TABLE "project_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"week" text NOT NULL,
	"week_start" date NOT NULL,
	"done" text NOT NULL,
	"percent_complete" smallint NOT NULL,
	"next_plan" text NOT NULL,
	"filed_by" text,
	"filed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_requirements" (
	"id" text PRIMARY KEY NOT NULL,
	"supervision_id" text NOT NULL,
	"project_id" text NOT NULL,
	"position" smallint NOT NULL,
	"description" text NOT NULL,
	"due_on" date,
	"answer" text,
	"answered_on" date,
	"answered_by" text
);
--> statement-breakpoint
CREATE TABLE "project_supervisions" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"supervisor_id" text,
	"visited_on" date NOT NULL,
	"place" text NOT NULL,
	"findings" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"milestone_id" text,
	"title" text NOT NULL,
	"owner_id" text,
	"start_on" date NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "secretary_projects" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"org_id" text NOT NULL,
	"org_path" "ltree" NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"goals" text NOT NULL,
	"measures" text NOT NULL,
	"expected_outcomes" text NOT NULL,
	"business_area" text NOT NULL,
	"state" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"leader_id" text,
	"contact_leader_id" text,
	"supervisor_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"percent_complete" smallint DEFAULT 0 NOT NULL,
	"submitted_on" date,
	"notice_no" text,
	"approved_on" date,
	"return_comment" text,
	"launched_on" date,
	"completed_on" date,
	"closing_report" text,
	"evaluated_on" date,
	"cancel_reason" text,
	"score" double precision,
	"grade" text,
	"evaluation_comment" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_activities" ADD CONSTRAINT "project_activities_project_id_secretary_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."secretary_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_activities" ADD CONSTRAINT "project_activities_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_activities" ADD CONSTRAINT "project_activities_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_campaigns" ADD CONSTRAINT "project_campaigns_organizer_org_id_orgs_id_fk" FOREIGN KEY ("organizer_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_campaigns" ADD CONSTRAINT "project_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_project_id_secretary_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."secretary_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_evaluator_id_users_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_files" ADD CONSTRAINT "project_files_campaign_id_project_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."project_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_files" ADD CONSTRAINT "project_files_project_id_secretary_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."secretary_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_files" ADD CONSTRAINT "project_files_report_id_project_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."project_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicator_values" ADD CONSTRAINT "project_indicator_values_report_id_project_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."project_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicator_values" ADD CONSTRAINT "project_indicator_values_indicator_id_project_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."project_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicators" ADD CONSTRAINT "project_indicators_project_id_secretary_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."secretary_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_secretary_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."secretary_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_obstacles" ADD CONSTRAINT "project_obstacles_project_id_secretary_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."secretary_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_obstacles" ADD CONSTRAINT "project_obstacles_report_id_project_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."project_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_project_id_secretary_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."secretary_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_requirements" ADD CONSTRAINT "project_requirements_supervision_id_project_supervisions_id_fk" FOREIGN KEY ("supervision_id") REFERENCES "public"."project_supervisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_requirements" ADD CONSTRAINT "project_requirements_project_id_secretary_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."secretary_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_requirements" ADD CONSTRAINT "project_requirements_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_supervisions" ADD CONSTRAINT "project_supervisions_project_id_secretary_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."secretary_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_supervisions" ADD CONSTRAINT "project_supervisions_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_tasks" ADD CONSTRAINT "project_tasks_project_id_secretary_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."secretary_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_tasks" ADD CONSTRAINT "project_tasks_milestone_id_project_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."project_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_tasks" ADD CONSTRAINT "project_tasks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_campaign_id_project_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."project_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_contact_leader_id_users_id_fk" FOREIGN KEY ("contact_leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_activities_activity" ON "project_activities" USING btree ("activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_campaigns_organizer_year" ON "project_campaigns" USING btree ("organizer_org_id","year");--> statement-breakpoint
CREATE INDEX "project_campaigns_path_gist" ON "project_campaigns" USING gist ("organizer_path");--> statement-breakpoint
CREATE UNIQUE INDEX "project_evaluations_evaluator" ON "project_evaluations" USING btree ("project_id","evaluator_id");--> statement-breakpoint
CREATE INDEX "project_files_campaign" ON "project_files" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "project_files_project" ON "project_files" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_indicator_values_indicator" ON "project_indicator_values" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "project_indicators_project" ON "project_indicators" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_milestones_project" ON "project_milestones" USING btree ("project_id","due_on");--> statement-breakpoint
CREATE INDEX "project_obstacles_project" ON "project_obstacles" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_reports_week" ON "project_reports" USING btree ("project_id","week");--> statement-breakpoint
CREATE INDEX "project_reports_week_start" ON "project_reports" USING btree ("week_start");--> statement-breakpoint
CREATE INDEX "project_requirements_project" ON "project_requirements" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_requirements_supervision" ON "project_requirements" USING btree ("supervision_id");--> statement-breakpoint
CREATE INDEX "project_supervisions_project" ON "project_supervisions" USING btree ("project_id","visited_on");--> statement-breakpoint
CREATE INDEX "project_tasks_project" ON "project_tasks" USING btree ("project_id","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "secretary_projects_campaign_org" ON "secretary_projects" USING btree ("campaign_id","org_id") WHERE state <> 'cancelled';--> statement-breakpoint
CREATE INDEX "secretary_projects_campaign" ON "secretary_projects" USING btree ("campaign_id","state");--> statement-breakpoint
CREATE INDEX "secretary_projects_path_gist" ON "secretary_projects" USING gist ("org_path");