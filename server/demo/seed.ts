import { addYears, fullYearsBetween } from '../../domain/dates';
import { makeIdNumber } from '../../domain/idcard';
import { seededRandom } from '../../domain/random';
import type { Education, MemberCategory } from '../../domain/enums';
import { inTx, type Ctx } from '../context';
import { createUser } from '../modules/users/service';
import { addCommitteeSeat, createOrg } from '../modules/orgs/service';
import { importMember } from '../modules/members/service';
import { COVERED_UNITS, DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TREE, type DemoOrg, type DemoPerson } from './seedData';
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

export async function loadDemo(ctx: Ctx) {
  const rand = seededRandom(20240516);
  const orgIds = new Map<string, string>();
  const personIds = new Map<string, string>();
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
    if (person) {
      const [row] = await ctx.db.select({ id: members.id }).from(members).where(and(eq(members.orgId, orgId), eq(members.name, name)));
      personIds.set(person.name, row!.id);
      if (person.role) await addCommitteeSeat(ctx, orgId, { memberId: row!.id, role: person.role, startedOn: org.termElectedOn ?? org.foundedOn });
    }
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
      termElectedOn: org.termElectedOn ?? null,
    });
    orgIds.set(org.key, detail.id);
    for (const person of org.people ?? []) await addMember(org, detail.id, person, false);
    for (let i = 0; i < org.synthetic[0]; i++) await addMember(org, detail.id, null, false);
    for (let i = 0; i < org.synthetic[1]; i++) await addMember(org, detail.id, null, true);
    for (const child of org.children ?? []) await addOrg(child, detail.id);
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
      memberId: a.person ? (personIds.get(a.person) ?? null) : null,
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
