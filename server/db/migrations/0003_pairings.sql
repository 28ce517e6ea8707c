CREATE TABLE "demand_events" (
	"id" text PRIMARY KEY NOT NULL,
	"demand_id" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_org_id" text,
	"by_user_id" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "demands" (
	"id" text PRIMARY KEY NOT NULL,
	"pairing_id" text NOT NULL,
	"raised_by_org_id" text NOT NULL,
	"raised_by_user_id" text,
	"assigned_org_id" text,
	"assignee_id" text,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"urgency" text NOT NULL,
	"state" text NOT NULL,
	"raised_on" date NOT NULL,
	"accepted_on" date,
	"due_on" date,
	"resolution" text,
	"resolved_on" date,
	"rating" smallint,
	"confirmed_on" date,
	"reopen_reason" text,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"escalated_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_projects" (
	"id" text PRIMARY KEY NOT NULL,
	"pairing_id" text NOT NULL,
	"need_id" text,
	"resource_id" text,
	"title" text NOT NULL,
	"owners" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due_on" date,
	"status" text NOT NULL,
	"outcome" text,
	"done_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairing_commitments" (
	"id" text PRIMARY KEY NOT NULL,
	"pairing_id" text NOT NULL,
	"org_id" text NOT NULL,
	"description" text NOT NULL,
	"target" text,
	"due_on" date,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "pairing_files" (
	"id" text PRIMARY KEY NOT NULL,
	"pairing_id" text NOT NULL,
	"demand_id" text,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"stored_as" text NOT NULL,
	"thumbnail_as" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairing_items" (
	"id" text PRIMARY KEY NOT NULL,
	"pairing_id" text NOT NULL,
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairing_parties" (
	"pairing_id" text NOT NULL,
	"org_id" text NOT NULL,
	"org_path" "ltree" NOT NULL,
	"position" smallint NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"contact_title" text,
	CONSTRAINT "pairing_parties_pairing_id_org_id_pk" PRIMARY KEY("pairing_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "pairing_policies" (
	"org_id" text PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairings" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"coordinator_org_id" text,
	"coordinator_path" "ltree",
	"parties_key" text NOT NULL,
	"state" text NOT NULL,
	"signed_on" date,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"frequency_min" integer DEFAULT 1 NOT NULL,
	"frequency_per" text DEFAULT 'quarter' NOT NULL,
	"content" text,
	"plaque_awarded_on" date,
	"plaque_wording" text,
	"terminated_on" date,
	"terminate_reason" text,
	"previous_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "pairing_id" text;--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_by_org_id_orgs_id_fk" FOREIGN KEY ("by_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_raised_by_org_id_orgs_id_fk" FOREIGN KEY ("raised_by_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_raised_by_user_id_users_id_fk" FOREIGN KEY ("raised_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_assigned_org_id_orgs_id_fk" FOREIGN KEY ("assigned_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_projects" ADD CONSTRAINT "joint_projects_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_projects" ADD CONSTRAINT "joint_projects_need_id_pairing_items_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."pairing_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_projects" ADD CONSTRAINT "joint_projects_resource_id_pairing_items_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."pairing_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_commitments" ADD CONSTRAINT "pairing_commitments_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_commitments" ADD CONSTRAINT "pairing_commitments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_files" ADD CONSTRAINT "pairing_files_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_items" ADD CONSTRAINT "pairing_items_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_items" ADD CONSTRAINT "pairing_items_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_parties" ADD CONSTRAINT "pairing_parties_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_parties" ADD CONSTRAINT "pairing_parties_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_policies" ADD CONSTRAINT "pairing_policies_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_coordinator_org_id_orgs_id_fk" FOREIGN KEY ("coordinator_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demand_events_demand" ON "demand_events" USING btree ("demand_id","at");--> statement-breakpoint
CREATE INDEX "demands_pairing_state" ON "demands" USING btree ("pairing_id","state");--> statement-breakpoint
CREATE INDEX "demands_due" ON "demands" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "demands_raised_on" ON "demands" USING btree ("raised_on");--> statement-breakpoint
CREATE INDEX "joint_projects_pairing" ON "joint_projects" USING btree ("pairing_id");--> statement-breakpoint
CREATE INDEX "pairing_commitments_pairing" ON "pairing_commitments" USING btree ("pairing_id");--> statement-breakpoint
CREATE INDEX "pairing_files_pairing" ON "pairing_files" USING btree ("pairing_id");--> statement-breakpoint
CREATE INDEX "pairing_files_demand" ON "pairing_files" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "pairing_items_pairing_kind" ON "pairing_items" USING btree ("pairing_id","kind");--> statement-breakpoint
CREATE INDEX "pairing_items_status_category" ON "pairing_items" USING btree ("status","category");--> statement-breakpoint
CREATE INDEX "pairing_parties_org" ON "pairing_parties" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "pairing_parties_path_gist" ON "pairing_parties" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "pairings_coordinator" ON "pairings" USING btree ("coordinator_org_id");--> statement-breakpoint
CREATE INDEX "pairings_parties_key" ON "pairings" USING btree ("parties_key");--> statement-breakpoint
CREATE INDEX "pairings_coordinator_path_gist" ON "pairings" USING gist ("coordinator_path");--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_pairing" ON "activities" USING btree ("pairing_id","held_on");