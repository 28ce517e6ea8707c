import { ACTIVITY_TYPES, type ActivityType, type ComplianceStatus, type OrgType } from '../../../domain/enums';
import { addMonths, addYears } from '../../../domain/dates';
import { BRANCH_TYPES } from '../../../domain/rules/orgFindings';
import { packRegions } from '../../../domain/rules/pack';
import { AGE_BANDS, STANDING_BANDS, type AgeBand, type Dashboard, type Slice, type StandingBand } from '../../../domain/schemas/dashboard';
import type { Ctx } from '../../context';
import type { Db } from '../../db/client';
import { servesPeriod, statusesFromRows } from '../compliance/results';
import { evaluateMany, packToday } from '../compliance/service';
import { countsOf } from '../orgs/queries';
import { loadOrg } from '../orgs/service';
import * as q from './queries';

/** The heatmap shows this many branches (the first by name); the rest are counted as omitted. */
export const HEATMAP_BRANCHES = 60;
const HEATMAP_MONTHS = 6;
const ACTIVITY_MONTHS = 12;
const TERM_WINDOW_MONTHS = 6;
const TERM_ITEMS = 100;

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export function ageBand(age: number): AgeBand {
  if (age <= 30) return 'le30';
  if (age <= 40) return '31_40';
  if (age <= 50) return '41_50';
  if (age <= 60) return '51_60';
  return 'gt60';
}

export function standingBand(years: number): StandingBand {
  if (years < 5) return 'lt5';
  if (years < 10) return '5_10';
  if (years < 20) return '10_20';
  if (years < 30) return '20_30';
  return 'ge30';
}

/** The last `n` months up to the one containing `today`, as 'YYYY-MM', oldest first. */
export function lastMonths(today: string, n: number): string[] {
  const first = `${today.slice(0, 7)}-01`;
  return Array.from({ length: n }, (_, i) => addMonths(first, i - n + 1).slice(0, 7));
}

function slices(counts: Map<string, number>, order: readonly string[] = []): Slice[] {
  const known = order.filter((k) => counts.has(k));
  const rest = [...counts.keys()].filter((k) => !order.includes(k)).sort();
  return [...known, ...rest].map((key) => ({ key, n: counts.get(key)! }));
}

function add(map: Map<string, number>, key: string, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

async function memberFigures(db: Db, orgId: string, year: number): Promise<Dashboard['members']> {
  const rows = await q.facetsOf(db, orgId);
  const by = new Map<string, Map<string, number>>(q.FACETS.map((f) => [f, new Map()]));
  const age = new Map<string, number>();
  const standing = new Map<string, number>();
  for (const r of rows) {
    if (r.facet === 'birth_year') add(age, ageBand(year - Number(r.value)), r.n);
    else if (r.facet === 'joined_year') add(standing, standingBand(year - Number(r.value)), r.n);
    else add(by.get(r.facet)!, r.value === '' ? 'unknown' : r.value, r.n);
  }
  const counts = await countsOf(db, orgId);
  return {
    total: counts.members,
    gender: slices(by.get('gender')!, ['male', 'female']),
    age: slices(age, AGE_BANDS),
    education: slices(by.get('education')!, ['postgraduate', 'bachelor', 'junior_college', 'secondary', 'high_school', 'middle_school', 'primary', 'unknown']),
    status: slices(by.get('status')!, ['full', 'probationary']),
    category: slices(by.get('category')!, ['in_service', 'retired', 'student', 'farmer', 'unemployed', 'other']),
    standing: slices(standing, STANDING_BANDS),
  };
}

async function orgFigures(db: Db, orgId: string): Promise<Dashboard['orgs'] & { branches: number }> {
  const rows = await q.orgsByTypeAndSector(db, orgId);
  const byType = new Map<string, number>();
  const bySector = new Map<string, number>();
  for (const r of rows) {
    add(byType, r.type, r.n);
    add(bySector, r.sector === '' ? 'unknown' : r.sector, r.n);
  }
  const branches = BRANCH_TYPES.reduce((s, t) => s + (byType.get(t) ?? 0), 0);
  return { total: rows.reduce((s, r) => s + r.n, 0), byType: slices(byType), bySector: slices(bySector), branches };
}

async function activityFigures(db: Db, orgId: string, today: string): Promise<Dashboard['activities']> {
  const months = lastMonths(today, ACTIVITY_MONTHS);
  const rows = await q.activitiesByMonth(db, orgId, months[0]!, months.at(-1)!);
  const byType = new Map<ActivityType, number[]>();
  for (const r of rows) {
    const i = months.indexOf(r.month);
    if (i < 0) continue;
    const type = r.type as ActivityType;
    const counts = byType.get(type) ?? months.map(() => 0);
    counts[i] = r.n;
    byType.set(type, counts);
  }
  return { months, series: ACTIVITY_TYPES.filter((t) => byType.has(t)).map((type) => ({ type, counts: byType.get(type)! })) };
}

/** Theme party days (the hard monthly requirement) of the first branches × the last months. */
async function themeDayFigures(db: Db, path: string, today: string, total: number): Promise<Dashboard['themeDays']> {
  const months = lastMonths(today, HEATMAP_MONTHS);
  const list = await q.branchesOf(db, path, HEATMAP_BRANCHES);
  const cells = new Map<string, ComplianceStatus[]>(list.map((o) => [o.id, []]));
  for (const month of months) {
    if (await servesPeriod(db, month, path)) {
      const statuses = await statusesFromRows(db, list.map((o) => o.id), [month], 'theme_day', today);
      for (const o of list) cells.get(o.id)!.push(statuses.get(`${o.id}\u0000${month}`) ?? 'not_applicable');
      continue;
    }
    for (const { org, results } of await evaluateMany(db, list, month, today)) {
      const result = results.find((r) => r.id === 'theme_day') ?? results.find((r) => r.requirement === 'theme_day');
      cells.get(org.id)!.push(result?.status ?? 'not_applicable');
    }
  }
  return {
    months,
    orgs: list.map((o) => ({ orgId: o.id, orgName: o.name, cells: cells.get(o.id)! })),
    branches: total,
    omitted: Math.max(0, total - list.length),
  };
}

/**
 * Below this many organizations the terms are read from the subtree's organizations (q.termsEnding);
 * from it on they are counted from org_term_counts, which also gives the election day of the first
 * of each kind, read as a range of the election-day index (q.termCounts, q.firstTerms): reading a
 * province's 150,000 terms took 230 ms.
 */
export const TERMS_PLAN = { countsFrom: 20_000, items: TERM_ITEMS };

/**
 * Terms expiring within 6 months, and terms already expired (on or before today, as the compliance findings count
 * them: term_expired) and not renewed since. The pack of an organization depends only on the versioned organizations
 * on its path, so the subtree has the root's pack and one per versioned organization below it: a handful of pack
 * reads, whatever the size of the subtree.
 */
export async function termFigures(db: Db, org: { id: string; path: string }, organizations: number, today: string, plan = TERMS_PLAN): Promise<Dashboard['terms']> {
  const until = addMonths(today, TERM_WINDOW_MONTHS);
  const packs = [{ orgId: org.id, path: org.path, terms: (await packToday(db, org.path, today)).terms }];
  for (const v of await q.versionedBelow(db, org.path)) packs.push({ orgId: v.id, path: v.path, terms: (await packToday(db, v.path, today)).terms });
  let rows: Omit<q.TermRow, 'n'>[];
  let total: number;
  let expiredTotal: number;
  if (organizations >= plan.countsFrom) {
    const regions = packRegions(packs);
    const counts = await q.termCounts(db, regions, today, until, plan.items);
    rows = await q.firstTerms(db, regions, counts, today, until);
    total = counts.reduce((s, c) => s + (c.ended ? 0 : c.n), 0);
    expiredTotal = counts.reduce((s, c) => s + (c.ended ? c.n : 0), 0);
  } else {
    const years = packs.flatMap((p) => [p.terms.committeeYears, p.terms.branchYears, p.terms.villageCommunityYears]);
    // the deepest pack above an organization is its own; elected so that some term length ends in the window or before it
    const byDepth = [...packs].sort((a, b) => b.path.length - a.path.length);
    const found = await q.termsEnding(db, org.path, byDepth, addYears(until, -Math.min(...years)), today, until, plan.items);
    rows = found;
    total = found.find((r) => !r.ended)?.n ?? 0;
    expiredTotal = found.find((r) => r.ended)?.n ?? 0;
  }
  const items: Dashboard['terms']['items'] = [];
  const expired: Dashboard['terms']['expiredItems'] = [];
  for (const r of rows) {
    const item = { orgId: r.id, orgName: r.name, type: r.type as OrgType, electedOn: r.electedOn, expiresOn: r.expiresOn };
    if (r.ended) expired.push({ ...item, daysLeft: -daysBetween(r.expiresOn, today) });
    else items.push({ ...item, daysLeft: daysBetween(today, r.expiresOn) });
  }
  const byDate = (a: { expiresOn: string; orgName: string }, b: { expiresOn: string; orgName: string }) => a.expiresOn.localeCompare(b.expiresOn) || a.orgName.localeCompare(b.orgName);
  items.sort(byDate);
  expired.sort(byDate);
  return { items: items.slice(0, plan.items), total, expired: expiredTotal, expiredItems: expired.slice(0, plan.items) };
}

/** Everything the dashboard of an organization's subtree shows, in one answer. */
export async function getDashboard(ctx: Ctx, orgId: string): Promise<Dashboard> {
  const org = await loadOrg(ctx, ctx.db, orgId, 'org.read');
  const db = ctx.db;
  const today = ctx.today;
  const { branches, ...orgFiguresShown } = await orgFigures(db, org.id);
  return {
    orgId: org.id,
    orgName: org.name,
    today,
    orgs: orgFiguresShown,
    members: await memberFigures(db, org.id, Number(today.slice(0, 4))),
    activities: await activityFigures(db, org.id, today),
    themeDays: await themeDayFigures(db, org.path, today, branches),
    terms: await termFigures(db, org, orgFiguresShown.total, today),
  };
}
