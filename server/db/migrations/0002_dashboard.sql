CREATE TABLE "org_member_facets" (
	"org_id" text NOT NULL,
	"facet" text NOT NULL,
	"value" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "org_member_facets_org_id_facet_value_pk" PRIMARY KEY("org_id","facet","value")
);
--> statement-breakpoint
ALTER TABLE "org_member_facets" ADD CONSTRAINT "org_member_facets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Backfill from the members already on the rosters: each member counts for its organization and every ancestor.
INSERT INTO "org_member_facets" ("org_id", "facet", "value", "n")
SELECT a.org_id, f.facet, f.value, count(*)::int
FROM "members" m
CROSS JOIN LATERAL (VALUES
	('gender', m.gender),
	('education', coalesce(m.education, '')),
	('status', m.status),
	('category', m.category),
	('birth_year', extract(year from m.birth_date)::int::text),
	('joined_year', extract(year from m.joined_on)::int::text)
) AS f(facet, value)
CROSS JOIN LATERAL unnest(string_to_array(m.org_path::text, '.')) AS a(org_id)
GROUP BY a.org_id, f.facet, f.value;
