CREATE TABLE "activities" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"custom_type_id" text,
	"state" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"held_on" date NOT NULL,
	"place" text,
	"online" boolean DEFAULT false NOT NULL,
	"sub_venues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"presider_member_id" text,
	"recorder_member_id" text,
	"speaker" text,
	"theme" text NOT NULL,
	"agenda" text,
	"minutes" text,
	"cancel_reason" text,
	"talk_member_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"org_path" "ltree" NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_attendees" (
	"activity_id" text NOT NULL,
	"member_id" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"signed_in_at" timestamp with time zone,
	"source" text NOT NULL,
	CONSTRAINT "activity_attendees_activity_id_member_id_pk" PRIMARY KEY("activity_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "activity_files" (
	"id" text PRIMARY KEY NOT NULL,
	"activity_id" text NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"stored_as" text NOT NULL,
	"thumbnail_as" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_guests" (
	"id" text PRIMARY KEY NOT NULL,
	"activity_id" text NOT NULL,
	"name" text NOT NULL,
	"unit" text,
	"title" text
);
--> statement-breakpoint
CREATE TABLE "activity_hosts" (
	"activity_id" text NOT NULL,
	"org_id" text NOT NULL,
	"org_path" "ltree" NOT NULL,
	"held_on" date NOT NULL,
	"type" text NOT NULL,
	"state" text NOT NULL,
	CONSTRAINT "activity_hosts_activity_id_org_id_pk" PRIMARY KEY("activity_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "activity_resolutions" (
	"id" text PRIMARY KEY NOT NULL,
	"activity_id" text NOT NULL,
	"text" text NOT NULL,
	"owner_member_id" text,
	"due_on" date,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "activity_votes" (
	"id" text PRIMARY KEY NOT NULL,
	"activity_id" text NOT NULL,
	"subject" text NOT NULL,
	"entitled" integer NOT NULL,
	"present" integer NOT NULL,
	"yes" integer NOT NULL,
	"no" integer NOT NULL,
	"abstain" integer NOT NULL,
	"written_yes" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custom_activity_types" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rule_pack_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"effective_from" date NOT NULL,
	"override" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_custom_type_id_custom_activity_types_id_fk" FOREIGN KEY ("custom_type_id") REFERENCES "public"."custom_activity_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_presider_member_id_members_id_fk" FOREIGN KEY ("presider_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_recorder_member_id_members_id_fk" FOREIGN KEY ("recorder_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attendees" ADD CONSTRAINT "activity_attendees_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attendees" ADD CONSTRAINT "activity_attendees_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_files" ADD CONSTRAINT "activity_files_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_guests" ADD CONSTRAINT "activity_guests_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_hosts" ADD CONSTRAINT "activity_hosts_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_hosts" ADD CONSTRAINT "activity_hosts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_resolutions" ADD CONSTRAINT "activity_resolutions_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_resolutions" ADD CONSTRAINT "activity_resolutions_owner_member_id_members_id_fk" FOREIGN KEY ("owner_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_votes" ADD CONSTRAINT "activity_votes_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_activity_types" ADD CONSTRAINT "custom_activity_types_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_pack_versions" ADD CONSTRAINT "rule_pack_versions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_held_on" ON "activities" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "activities_path_gist" ON "activities" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "activity_attendees_member" ON "activity_attendees" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "activity_files_activity" ON "activity_files" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "activity_guests_activity" ON "activity_guests" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "activity_hosts_org_day" ON "activity_hosts" USING btree ("org_id","held_on");--> statement-breakpoint
CREATE INDEX "activity_hosts_path_gist" ON "activity_hosts" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "activity_resolutions_activity" ON "activity_resolutions" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "activity_votes_activity" ON "activity_votes" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "custom_activity_types_org" ON "custom_activity_types" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_key" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_created" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_pack_versions_org_from" ON "rule_pack_versions" USING btree ("org_id","effective_from");