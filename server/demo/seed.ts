import { addYears, fullYearsBetween } from '../../domain/dates';
import { makeIdNumber } from '../../domain/idcard';
import { seededRandom } from '../../domain/random';
import type { CommitteeRole, Education, MemberCategory } from '../../domain/enums';
import { inTx, type Ctx } from '../context';
import { createUser } from '../modules/users/service';
import { addCommitteeSeat, createOrg } from '../modules/orgs/service';
import { importMember } from '../modules/members/service';
import { COVERED_UNITS, DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TREE, TERMS_OVERDUE, type DemoOrg, type DemoPerson } from './seedData';
import { termYears } from '../../domain/rules/orgFindings';
import { DEFAULT_RULE_PACK } from '../../domain/rules/pack';
import { and, eq } from 'drizzle-orm';
import { members } from '../db/schema/members';
import { loadDemoActivities } from './seedActivities';
import { loadDemoPairings } from './seedPairings';
import { loadDemoProjects } from './seedProjects';
import { loadDemoAssessments } from './seedAssessments';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const NUMERALS = '一二三四五六七八九十';
const EDUCATIONS: Education[] = ['postgraduate', 'bachelor', 'bachelor', 'bachelor', 'junior_college', 'junior_college', 'high_school'];
const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '土家族', '苗族', '壮族', '回族'];


function dateBetween(rand: () => number, from: string, to: string): string {
  const a = Date.parse(from + 'T00:00:00Z');
  const b = Date.parse(to + 'T00:00:00Z');
  return new Date(a + Math.floor(rand() * (b - a) / 86400_000) * 86400_000).toISOString().slice(0, 10);
}

/**
 * When the organization last elected its committee: most were re-elected on time, so the date the news or the
 * demo gives is moved on by whole terms to the last election before today; a few (TERMS_OVERDUE) are overdue.
 */
function lastElection(org: DemoOrg, today: string): string | undefined {
  if (!org.termElectedOn || TERMS_OVERDUE.has(org.key)) return org.termElectedOn;
  const years = termYears(org.type, org.sector, DEFAULT_RULE_PACK);
  if (years === null) return org.termElectedOn;
  let elected = org.termElectedOn;
  while (addYears(elected, years) <= today) elected = addYears(elected, years);
  return elected;
}

function fullMembersIn(org: DemoOrg): number {
  return org.synthetic[0] + (org.people?.length ?? 0) + (org.children ?? []).reduce((n, c) => n + fullMembersIn(c), 0);
}

export async function loadDemo(ctx: Ctx) {
  const rand = seededRandom(20240516);
  const orgIds = new Map<string, string>();
  const personIds = new Map<string, string>();
  /** the member in each organization's secretary seat, by organization key */
  const secretaryOf = new Map<string, string>();
  let sequence = 0;
  let synthetic = 0;

  async function addMember(org: DemoOrg, orgId: string, person: DemoPerson | null, probationary: boolean) {
    sequence += 1;
    const gender = person?.gender ?? (rand() < 0.62 ? 'male' : 'female');
    let name = person?.name;
    if (!name) {
      synthetic += 1;
      const surname = SURNAMES[Math.floor(rand() * SURNAMES.length)]!;
      name = `${surname}某${NUMERALS[synthetic % 10]}${synthetic > 10 ? NUMERALS[Math.floor(synthetic / 10) % 10] : ''}`;
    }
    const birthDate = person ? dateBetween(rand, '1968-01-01', '1982-12-31') : dateBetween(rand, '1966-01-01', '2001-12-31');
    const earliestJoin = addYears(birthDate, 20);
    const joinedOn = probationary
      ? dateBetween(rand, addYears(ctx.today, -1), addYears(ctx.today, 0) < earliestJoin ? earliestJoin : ctx.today)
      : dateBetween(rand, earliestJoin, addYears(ctx.today, -2));
    const seqDigit = gender === 'male' ? (sequence * 2 + 1) % 1000 : (sequence * 2) % 1000;
    const category: MemberCategory = fullYearsBetween(birthDate, ctx.today) >= 60 ? 'retired' : 'in_service';
    await inTx(ctx, async (tx) => {
      await importMember(ctx, tx, {
        name,
        gender,
        ethnicity: ETHNICITIES[Math.floor(rand() * ETHNICITIES.length)]!,
        birthDate,
        idNumber: makeIdNumber(org.region, birthDate, seqDigit),
        phone: `139${String(10000000 + sequence * 7919).slice(-8)}`,
        education: EDUCATIONS[Math.floor(rand() * EDUCATIONS.length)]!,
        joinedOn,
        fullOn: probationary ? null : addYears(joinedOn, 1),
        status: probationary ? 'probationary' : 'full',
        category,
        jobTitle: person?.jobTitle ?? null,
        orgId,
        partyGroupId: null,
      });
    });
    // the seats the named people leave empty go to the first full synthetic members
    const role = person ? person.role : probationary ? undefined : openSeats(org).shift();
    if (person || role) {
      const [row] = await ctx.db.select({ id: members.id }).from(members).where(and(eq(members.orgId, orgId), eq(members.name, name)));
      if (person) personIds.set(person.name, row!.id);
      if (role === 'secretary') secretaryOf.set(org.key, row!.id);
      if (role) await addCommitteeSeat(ctx, orgId, { memberId: row!.id, role, startedOn: lastElection(org, ctx.today) ?? org.foundedOn });
    }
  }

  /**
   * Every organization has a secretary, and one with seven full members or more (its subtree's, for a committee) a
   * committee of three (the default rule pack): the seats its named people leave empty, taken in turn by its first
   * full synthetic members, or after its children by their secretaries (a committee without members of its own).
   */
  const seats = new Map<string, CommitteeRole[]>();
  function openSeats(org: DemoOrg): CommitteeRole[] {
    if (!seats.has(org.key)) {
      const full = fullMembersIn(org);
      const named = (org.people ?? []).filter((p) => p.role);
      const held = new Set(named.map((p) => p.role));
      const open: CommitteeRole[] = held.has('secretary') ? [] : ['secretary'];
      for (const role of ['organization_member', 'publicity_member', 'discipline_member'] as const) {
        if (full >= 7 && named.length + open.length < 3 && !held.has(role)) open.push(role);
      }
      seats.set(org.key, open);
    }
    return seats.get(org.key)!;
  }

  async function addOrg(org: DemoOrg, parentId: string | null) {
    const detail = await createOrg(ctx, {
      parentId,
      name: org.name,
      shortName: org.shortName ?? null,
      code: org.code ?? null,
      type: org.type,
      sector: org.sector,
      hostUnit: org.hostUnit,
      foundedOn: org.foundedOn,
      coveredUnits: COVERED_UNITS[org.key] ?? [],
      termElectedOn: lastElection(org, ctx.today) ?? null,
    });
    orgIds.set(org.key, detail.id);
    for (const person of org.people ?? []) await addMember(org, detail.id, person, false);
    for (let i = 0; i < org.synthetic[0]; i++) await addMember(org, detail.id, null, false);
    for (let i = 0; i < org.synthetic[1]; i++) await addMember(org, detail.id, null, true);
    for (const child of org.children ?? []) await addOrg(child, detail.id);
    for (const child of org.children ?? []) {
      const memberId = secretaryOf.get(child.key);
      const role = memberId ? openSeats(org).shift() : undefined;
      if (!memberId || !role) continue;
      if (role === 'secretary') secretaryOf.set(org.key, memberId);
      await addCommitteeSeat(ctx, detail.id, { memberId, role, startedOn: lastElection(org, ctx.today) ?? org.foundedOn });
    }
  }

  for (const root of DEMO_TREE) await addOrg(root, null);
  const activityCount = await loadDemoActivities(ctx, orgIds);

  const accounts = [];
  for (const a of DEMO_ACCOUNTS) {
    const orgId = orgIds.get(a.orgKey)!;
    await createUser(ctx, {
      username: a.username,
      password: DEMO_PASSWORD,
      displayName: a.displayName,
      // a secretary's account is the person in the seat
      memberId: a.person ? (personIds.get(a.person) ?? null) : a.role === 'secretary' ? (secretaryOf.get(a.orgKey) ?? null) : null,
      roles: [{ role: a.role, orgId }],
    });
    accounts.push({ username: a.username, password: DEMO_PASSWORD, role: a.role, org: a.orgKey });
  }
  const pairings = await loadDemoPairings(ctx, orgIds);
  const projects = await loadDemoProjects(ctx, orgIds);
  accounts.push(...projects.accounts.map((a) => ({ ...a, password: DEMO_PASSWORD })));
  const assessments = await loadDemoAssessments(ctx, orgIds);
  accounts.push(...assessments.accounts.map((a) => ({ ...a, password: DEMO_PASSWORD })));
  return { accounts, orgIds, activityCount, pairings, projects, assessments };
}
