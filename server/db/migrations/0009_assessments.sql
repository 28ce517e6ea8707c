CREATE TABLE "assessment_criteria" (
	"id" text PRIMARY KEY NOT NULL,
	"assessment_id" text NOT NULL,
	"name" text NOT NULL,
	"position" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_follow_ups" (
	"id" text PRIMARY KEY NOT NULL,
	"assessment_id" text NOT NULL,
	"reporter_id" text NOT NULL,
	"org_id" text NOT NULL,
	"problem" text NOT NULL,
	"measure" text,
	"owner" text,
	"due_on" date,
	"done_on" date,
	"evidence" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"assessment_id" text NOT NULL,
	"reporter_id" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_rater_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"assessment_id" text NOT NULL,
	"name" text NOT NULL,
	"weight" smallint NOT NULL,
	"position" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_reporters" (
	"id" text PRIMARY KEY NOT NULL,
	"assessment_id" text NOT NULL,
	"member_id" text NOT NULL,
	"org_id" text NOT NULL,
	"position" smallint NOT NULL,
	"open" boolean DEFAULT false NOT NULL,
	"report_filename" text,
	"report_mime" text,
	"report_stored_as" text
);
--> statement-breakpoint
CREATE TABLE "assessment_venues" (
	"id" text PRIMARY KEY NOT NULL,
	"assessment_id" text NOT NULL,
	"name" text NOT NULL,
	"main" boolean DEFAULT false NOT NULL,
	"position" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" text PRIMARY KEY NOT NULL,
	"organizer_org_id" text NOT NULL,
	"organizer_path" "ltree" NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"held_on" date NOT NULL,
	"state" text NOT NULL,
	"scale" jsonb NOT NULL,
	"thresholds" jsonb NOT NULL,
	"results" jsonb,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_codes" (
	"hash" text PRIMARY KEY NOT NULL,
	"assessment_id" text NOT NULL,
	"rater_group_id" text NOT NULL,
	"venue_id" text NOT NULL,
	"used" boolean DEFAULT false NOT NULL,
	"scored" text[] DEFAULT '{}' NOT NULL,
	"issued_in_app" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_submissions" (
	"code_hash" text NOT NULL,
	"submission_id" text NOT NULL,
	"assessment_id" text NOT NULL,
	"answer" jsonb NOT NULL,
	CONSTRAINT "ballot_submissions_code_hash_submission_id_pk" PRIMARY KEY("code_hash","submission_id")
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" text PRIMARY KEY NOT NULL,
	"assessment_id" text NOT NULL,
	"rater_group_id" text NOT NULL,
	"venue_id" text NOT NULL,
	"paper" boolean DEFAULT false NOT NULL,
	"reporter_ids" text[] NOT NULL,
	"grades" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_criteria" ADD CONSTRAINT "assessment_criteria_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_follow_ups" ADD CONSTRAINT "assessment_follow_ups_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_follow_ups" ADD CONSTRAINT "assessment_follow_ups_reporter_id_assessment_reporters_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."assessment_reporters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_follow_ups" ADD CONSTRAINT "assessment_follow_ups_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_notes" ADD CONSTRAINT "assessment_notes_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_notes" ADD CONSTRAINT "assessment_notes_reporter_id_assessment_reporters_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."assessment_reporters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_rater_groups" ADD CONSTRAINT "assessment_rater_groups_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_reporters" ADD CONSTRAINT "assessment_reporters_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_reporters" ADD CONSTRAINT "assessment_reporters_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_reporters" ADD CONSTRAINT "assessment_reporters_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_venues" ADD CONSTRAINT "assessment_venues_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_organizer_org_id_orgs_id_fk" FOREIGN KEY ("organizer_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_codes" ADD CONSTRAINT "ballot_codes_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_codes" ADD CONSTRAINT "ballot_codes_rater_group_id_assessment_rater_groups_id_fk" FOREIGN KEY ("rater_group_id") REFERENCES "public"."assessment_rater_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_codes" ADD CONSTRAINT "ballot_codes_venue_id_assessment_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."assessment_venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_submissions" ADD CONSTRAINT "ballot_submissions_code_hash_ballot_codes_hash_fk" FOREIGN KEY ("code_hash") REFERENCES "public"."ballot_codes"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_submissions" ADD CONSTRAINT "ballot_submissions_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_rater_group_id_assessment_rater_groups_id_fk" FOREIGN KEY ("rater_group_id") REFERENCES "public"."assessment_rater_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_venue_id_assessment_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."assessment_venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_criteria_assessment" ON "assessment_criteria" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "assessment_follow_ups_assessment" ON "assessment_follow_ups" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "assessment_follow_ups_org" ON "assessment_follow_ups" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "assessment_notes_assessment" ON "assessment_notes" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "assessment_rater_groups_assessment" ON "assessment_rater_groups" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "assessment_reporters_assessment" ON "assessment_reporters" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "assessment_reporters_org" ON "assessment_reporters" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "assessment_venues_assessment" ON "assessment_venues" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "assessments_organizer" ON "assessments" USING btree ("organizer_org_id","year");--> statement-breakpoint
CREATE INDEX "assessments_organizer_path_gist" ON "assessments" USING gist ("organizer_path");--> statement-breakpoint
CREATE INDEX "ballot_codes_assessment" ON "ballot_codes" USING btree ("assessment_id","venue_id","rater_group_id");--> statement-breakpoint
CREATE INDEX "ballot_submissions_assessment" ON "ballot_submissions" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "ballots_assessment" ON "ballots" USING btree ("assessment_id");