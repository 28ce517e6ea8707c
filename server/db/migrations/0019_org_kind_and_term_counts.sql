CREATE TABLE "org_kind_counts" (
	"org_id" text NOT NULL,
	"type" text NOT NULL,
	"sector" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "org_kind_counts_org_id_type_sector_pk" PRIMARY KEY("org_id","type","sector")
);
--> statement-breakpoint
CREATE TABLE "org_term_counts" (
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"elected_on" date NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "org_term_counts_org_id_kind_elected_on_pk" PRIMARY KEY("org_id","kind","elected_on")
);
--> statement-breakpoint
ALTER TABLE "org_kind_counts" ADD CONSTRAINT "org_kind_counts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_term_counts" ADD CONSTRAINT "org_term_counts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orgs_term_elected" ON "orgs" USING btree ("term_elected_on","id") WHERE "orgs"."dissolved_on" is null and "orgs"."term_elected_on" is not null;--> statement-breakpoint
-- Backfill from the organizations already there: each active organization counts for itself and every ancestor.
insert into org_kind_counts (org_id, type, sector, n) 
select a.org_id, o.type, coalesce(o.sector, '') as sector, count(*)::int as n
from orgs o cross join lateral unnest(string_to_array(o.path::text, '.')) as a(org_id)
where o.dissolved_on is null
group by a.org_id, o.type, coalesce(o.sector, '');--> statement-breakpoint
insert into org_term_counts (org_id, kind, elected_on, n) 
select a.org_id, case when o.sector in ('village', 'community') then 'village_community'
  when o.type in ('committee', 'working_committee') then 'committee' else 'branch' end as kind, o.term_elected_on as elected_on, count(*)::int as n
from orgs o cross join lateral unnest(string_to_array(o.path::text, '.')) as a(org_id)
where o.dissolved_on is null and o.term_elected_on is not null and o.type not in ('leading_group')
group by 1, 2, 3;
