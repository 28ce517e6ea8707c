CREATE TABLE "compliance_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"year" integer,
	"org_id" text,
	"cursor" text,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "compliance_results" (
	"org_id" text NOT NULL,
	"period" text NOT NULL,
	"requirement_id" text NOT NULL,
	"year" integer NOT NULL,
	"position" smallint NOT NULL,
	"requirement" text NOT NULL,
	"severity" text NOT NULL,
	"per" text NOT NULL,
	"required" integer NOT NULL,
	"count" integer NOT NULL,
	"status" text NOT NULL,
	"window" text NOT NULL,
	"missed_periods" text[] NOT NULL,
	"pending" jsonb NOT NULL,
	CONSTRAINT "compliance_results_org_id_period_requirement_id_pk" PRIMARY KEY("org_id","period","requirement_id")
);
--> statement-breakpoint
ALTER TABLE "compliance_jobs" ADD CONSTRAINT "compliance_jobs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_results" ADD CONSTRAINT "compliance_results_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "compliance_jobs_open" ON "compliance_jobs" USING btree ("finished_at","created_at");--> statement-breakpoint
CREATE INDEX "compliance_results_period_org" ON "compliance_results" USING btree ("period","org_id","status");