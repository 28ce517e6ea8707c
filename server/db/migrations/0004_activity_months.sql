CREATE TABLE "org_activity_months" (
	"org_id" text NOT NULL,
	"month" text NOT NULL,
	"type" text NOT NULL,
	"state" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "org_activity_months_org_id_month_type_state_pk" PRIMARY KEY("org_id","month","type","state")
);
--> statement-breakpoint
ALTER TABLE "org_activity_months" ADD CONSTRAINT "org_activity_months_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Moving an organization did not rewrite the paths of its activities before this migration: bring them up to date first.
UPDATE "activity_hosts" h SET "org_path" = o."path" FROM "orgs" o WHERE o."id" = h."org_id" AND h."org_path" <> o."path";--> statement-breakpoint
UPDATE "activities" a SET "org_path" = o."path" FROM "orgs" o WHERE o."id" = ltree2text(subpath(a."org_path", -1)) AND a."org_path" <> o."path";--> statement-breakpoint
-- Backfill from the activities already recorded: each counts once for every organization whose subtree holds one of its hosts.
INSERT INTO "org_activity_months" ("org_id", "month", "type", "state", "n")
SELECT a.org_id, to_char(h.held_on, 'YYYY-MM'), h.type, h.state, count(DISTINCT h.activity_id)::int
FROM "activity_hosts" h
JOIN "orgs" o ON o.id = h.org_id
CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')) AS a(org_id)
GROUP BY a.org_id, to_char(h.held_on, 'YYYY-MM'), h.type, h.state;
