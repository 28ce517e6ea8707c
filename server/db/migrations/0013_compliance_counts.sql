CREATE TABLE "compliance_counts" (
	"org_id" text NOT NULL,
	"period" text NOT NULL,
	"requirement_id" text NOT NULL,
	"applicable" integer NOT NULL,
	"met" integer NOT NULL,
	CONSTRAINT "compliance_counts_org_id_period_requirement_id_pk" PRIMARY KEY("org_id","period","requirement_id")
);
--> statement-breakpoint
CREATE TABLE "compliance_subtree_orgs" (
	"org_id" text NOT NULL,
	"period" text NOT NULL,
	"organizations" integer NOT NULL,
	CONSTRAINT "compliance_subtree_orgs_org_id_period_pk" PRIMARY KEY("org_id","period")
);
--> statement-breakpoint
ALTER TABLE "compliance_counts" ADD CONSTRAINT "compliance_counts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_subtree_orgs" ADD CONSTRAINT "compliance_subtree_orgs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- Subtree counts kept by statement triggers, so every writer of compliance_results (a write's
-- refresh, a background batch, the nightly pass, a restore) and every move of an organization
-- (the path of each organization of the subtree changes) keeps them exact. An organization's
-- ancestors (itself included) are the labels of its path. A count that drops to zero keeps its
-- row: a zero row reads as no row.
CREATE FUNCTION compliance_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO compliance_counts (org_id, period, requirement_id, applicable, met)
  SELECT a.id, n.period, n.requirement_id, count(*)::int, (count(*) FILTER (WHERE n.status = 'met'))::int
  FROM inserted n JOIN orgs o ON o.id = n.org_id CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')) AS a(id)
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (org_id, period, requirement_id) DO UPDATE
    SET applicable = compliance_counts.applicable + excluded.applicable, met = compliance_counts.met + excluded.met;
  -- an organization counts once per period: when the inserted rows are all it has of the period
  INSERT INTO compliance_subtree_orgs (org_id, period, organizations)
  SELECT a.id, f.period, count(*)::int
  FROM (SELECT n.org_id, n.period FROM inserted n GROUP BY n.org_id, n.period
        HAVING count(*) = (SELECT count(*) FROM compliance_results r WHERE r.org_id = n.org_id AND r.period = n.period)) f
  JOIN orgs o ON o.id = f.org_id CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')) AS a(id)
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (org_id, period) DO UPDATE SET organizations = compliance_subtree_orgs.organizations + excluded.organizations;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION compliance_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE compliance_counts c SET applicable = c.applicable - d.applicable, met = c.met - d.met
  FROM (SELECT a.id, x.period, x.requirement_id, count(*)::int AS applicable, (count(*) FILTER (WHERE x.status = 'met'))::int AS met
        FROM deleted x JOIN orgs o ON o.id = x.org_id CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')) AS a(id)
        GROUP BY 1, 2, 3) d
  WHERE c.org_id = d.id AND c.period = d.period AND c.requirement_id = d.requirement_id;
  -- an organization stops counting for a period when none of its rows of the period is left
  UPDATE compliance_subtree_orgs s SET organizations = s.organizations - g.organizations
  FROM (SELECT a.id, f.period, count(*)::int AS organizations
        FROM (SELECT DISTINCT x.org_id, x.period FROM deleted x
              WHERE NOT EXISTS (SELECT 1 FROM compliance_results r WHERE r.org_id = x.org_id AND r.period = x.period)) f
        JOIN orgs o ON o.id = f.org_id CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')) AS a(id)
        GROUP BY 1, 2) g
  WHERE s.org_id = g.id AND s.period = g.period;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION compliance_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- rows are rewritten in place (upserts, the nightly pass): their keys never change, only their status
  IF EXISTS (SELECT 1 FROM before_rows b FULL JOIN after_rows n
             ON n.org_id = b.org_id AND n.period = b.period AND n.requirement_id = b.requirement_id
             WHERE b.org_id IS NULL OR n.org_id IS NULL) THEN
    RAISE EXCEPTION 'compliance_results rows keep their organization, period and requirement';
  END IF;
  UPDATE compliance_counts c SET met = c.met + d.met
  FROM (SELECT a.id, n.period, n.requirement_id, sum((n.status = 'met')::int - (b.status = 'met')::int)::int AS met
        FROM after_rows n JOIN before_rows b ON b.org_id = n.org_id AND b.period = n.period AND b.requirement_id = n.requirement_id
        JOIN orgs o ON o.id = n.org_id CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')) AS a(id)
        WHERE (n.status = 'met') <> (b.status = 'met')
        GROUP BY 1, 2, 3) d
  WHERE c.org_id = d.id AND c.period = d.period AND c.requirement_id = d.requirement_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A move rewrites the path of every organization of the subtree: each one's own results leave the
-- ancestors it no longer has and join the ones it gains.
CREATE FUNCTION compliance_counts_after_org_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM after_orgs n JOIN before_orgs b ON b.id = n.id WHERE b.path IS DISTINCT FROM n.path) THEN
    RETURN NULL;
  END IF;
  WITH moved AS (
    SELECT n.id, string_to_array(b.path::text, '.') AS before, string_to_array(n.path::text, '.') AS after
    FROM after_orgs n JOIN before_orgs b ON b.id = n.id WHERE b.path IS DISTINCT FROM n.path),
  own AS (
    SELECT r.org_id, r.period, r.requirement_id, count(*)::int AS applicable, (count(*) FILTER (WHERE r.status = 'met'))::int AS met
    FROM compliance_results r WHERE r.org_id IN (SELECT id FROM moved) GROUP BY 1, 2, 3),
  shift AS (
    SELECT a.id, own.period, own.requirement_id, -own.applicable AS applicable, -own.met AS met
    FROM own JOIN moved m ON m.id = own.org_id CROSS JOIN LATERAL unnest(m.before) AS a(id) WHERE NOT a.id = ANY (m.after)
    UNION ALL
    SELECT a.id, own.period, own.requirement_id, own.applicable, own.met
    FROM own JOIN moved m ON m.id = own.org_id CROSS JOIN LATERAL unnest(m.after) AS a(id) WHERE NOT a.id = ANY (m.before))
  INSERT INTO compliance_counts (org_id, period, requirement_id, applicable, met)
  SELECT id, period, requirement_id, sum(applicable)::int, sum(met)::int FROM shift GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (org_id, period, requirement_id) DO UPDATE
    SET applicable = compliance_counts.applicable + excluded.applicable, met = compliance_counts.met + excluded.met;
  WITH moved AS (
    SELECT n.id, string_to_array(b.path::text, '.') AS before, string_to_array(n.path::text, '.') AS after
    FROM after_orgs n JOIN before_orgs b ON b.id = n.id WHERE b.path IS DISTINCT FROM n.path),
  own AS (SELECT DISTINCT r.org_id, r.period FROM compliance_results r WHERE r.org_id IN (SELECT id FROM moved)),
  shift AS (
    SELECT a.id, own.period, -1 AS organizations
    FROM own JOIN moved m ON m.id = own.org_id CROSS JOIN LATERAL unnest(m.before) AS a(id) WHERE NOT a.id = ANY (m.after)
    UNION ALL
    SELECT a.id, own.period, 1
    FROM own JOIN moved m ON m.id = own.org_id CROSS JOIN LATERAL unnest(m.after) AS a(id) WHERE NOT a.id = ANY (m.before))
  INSERT INTO compliance_subtree_orgs (org_id, period, organizations)
  SELECT id, period, sum(organizations)::int FROM shift GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (org_id, period) DO UPDATE SET organizations = compliance_subtree_orgs.organizations + excluded.organizations;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER compliance_counts_insert AFTER INSERT ON compliance_results REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION compliance_counts_after_insert();
--> statement-breakpoint
CREATE TRIGGER compliance_counts_delete AFTER DELETE ON compliance_results REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION compliance_counts_after_delete();
--> statement-breakpoint
CREATE TRIGGER compliance_counts_update AFTER UPDATE ON compliance_results REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION compliance_counts_after_update();
--> statement-breakpoint
CREATE TRIGGER compliance_counts_org_update AFTER UPDATE ON orgs REFERENCING OLD TABLE AS before_orgs NEW TABLE AS after_orgs
  FOR EACH STATEMENT EXECUTE FUNCTION compliance_counts_after_org_update();
--> statement-breakpoint
INSERT INTO compliance_counts (org_id, period, requirement_id, applicable, met)
SELECT a.id, r.period, r.requirement_id, count(*)::int, (count(*) FILTER (WHERE r.status = 'met'))::int
FROM compliance_results r JOIN orgs o ON o.id = r.org_id CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')) AS a(id)
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO compliance_subtree_orgs (org_id, period, organizations)
SELECT a.id, f.period, count(*)::int
FROM (SELECT DISTINCT org_id, period FROM compliance_results) f JOIN orgs o ON o.id = f.org_id
CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')) AS a(id)
GROUP BY 1, 2;
