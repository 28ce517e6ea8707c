// A development zone for the pairing benchmark (issue 4): one working committee coordinating
// --pairings pairings (default 500) between organ branches and enterprise branches (each organ is
// paired with two enterprises), with --demands demands (default 20,000) in every state and
// --activities joint activities (default 5,000), plus commitments, needs, resources and projects.
// Dates spread over 2025–2026; reproducible with --seed. Loaded with multi-row INSERT … unnest.
//
//   npx tsx bench/generate-zone.ts --pglite .tmp/zone-pglite
//   npx tsx bench/generate-zone.ts --postgres-dir /tmp/gongjian-zone-pg
//
// bench/pairings.ts then measures the coordinator's dashboard and the demand board on it.
import { addDays } from '../domain/dates';
import { dueDate } from '../domain/pairings/deadlines';
import { PAIRING_CATEGORIES, URGENCIES, type DemandState } from '../domain/pairings/enums';
import { seededRandom } from '../domain/random';
import { newId } from '../server/ids';
import { FILL_ACTIVITY_MONTHS_SQL } from '../server/modules/dashboard/queries';
import { deadline, openTarget, parseArgs, type Target } from './common';

import { ZONE_CODE } from './common';

type Rows = Record<string, unknown[]>;

/** INSERT … SELECT * FROM unnest($1::type[], …) in batches. */
async function insert(target: Target, table: string, columns: [string, string][], rows: Rows, batch = 5000): Promise<void> {
  const n = rows[columns[0]![0]]!.length;
  for (let from = 0; from < n; from += batch) {
    const params = columns.map(([name]) => rows[name]!.slice(from, from + batch));
    // ltree travels as text (the drivers know no ltree[]) and is cast in the select
    const unnest = columns.map(([, type], i) => `$${i + 1}::${type === 'ltree' ? 'text' : type}[]`).join(', ');
    const select = columns.map(([name, type]) => (type === 'ltree' ? `${name}::ltree` : name)).join(', ');
    const names = columns.map(([c]) => c).join(', ');
    await target.query(`insert into ${table} (${names}) select ${select} from unnest(${unnest}) as t(${names})`, params);
  }
}

function columnsOf(names: string[]): Rows {
  return Object.fromEntries(names.map((c) => [c, []]));
}

async function main(): Promise<void> {
  const args = parseArgs();
  const pairingCount = Math.round(args.number('pairings', 500));
  const demandCount = Math.round(args.number('demands', 20000));
  const activityCount = Math.round(args.number('activities', 5000));
  const random = seededRandom(args.number('seed', 1));
  const timer = deadline(args.number('max-minutes', 15), 'zone generator');
  const target = await openTarget(args);
  const started = Date.now();
  try {
    const [existing] = await target.query<{ n: number }>(`select count(*)::int as n from orgs where code = $1`, [ZONE_CODE]);
    if (existing && existing.n > 0) throw new Error('this database already has the benchmark zone');
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const day = (from: string, span: number) => addDays(from, Math.floor(random() * span));

    // organizations: zone → organs committee → organ branches; zone → two-new committee → enterprise branches
    const organCount = Math.ceil(pairingCount / 2);
    const enterpriseCount = pairingCount;
    const zone = newId();
    const organsCommittee = newId();
    const enterprisesCommittee = newId();
    const o = columnsOf(['id', 'path', 'parent_id', 'code', 'name', 'type', 'sector', 'founded_on']);
    const addOrg = (id: string, path: string, parent: string | null, code: string | null, name: string, type: string, sector: string) => {
      o.id!.push(id);
      o.path!.push(path);
      o.parent_id!.push(parent);
      o.code!.push(code);
      o.name!.push(name);
      o.type!.push(type);
      o.sector!.push(sector);
      o.founded_on!.push('2015-01-01');
    };
    addOrg(zone, zone, null, ZONE_CODE, '压测开发区党工委', 'working_committee', 'government_organ');
    addOrg(organsCommittee, `${zone}.${organsCommittee}`, zone, null, '压测开发区机关党委', 'committee', 'government_organ');
    addOrg(enterprisesCommittee, `${zone}.${enterprisesCommittee}`, zone, null, '压测开发区两新组织综合党委', 'committee', 'private_enterprise');
    const organs: { id: string; path: string }[] = [];
    const enterprises: { id: string; path: string }[] = [];
    for (let i = 0; i < organCount; i++) {
      const id = newId();
      organs.push({ id, path: `${zone}.${organsCommittee}.${id}` });
      addOrg(id, organs[i]!.path, organsCommittee, null, `机关第${i + 1}党支部`, 'branch', 'government_organ');
    }
    for (let i = 0; i < enterpriseCount; i++) {
      const id = newId();
      enterprises.push({ id, path: `${zone}.${enterprisesCommittee}.${id}` });
      addOrg(id, enterprises[i]!.path, enterprisesCommittee, null, `企业第${i + 1}党支部`, 'branch', 'private_enterprise');
    }
    await insert(target, 'orgs', [['id', 'text'], ['path', 'ltree'], ['parent_id', 'text'], ['code', 'text'], ['name', 'text'], ['type', 'text'], ['sector', 'text'], ['founded_on', 'date']], o);
    await insert(target, 'org_counts', [['org_id', 'text']], { org_id: o.id! });

    // pairings: organ i with enterprises 2i and 2i+1
    const p = columnsOf(['id', 'title', 'coordinator_org_id', 'coordinator_path', 'parties_key', 'state', 'signed_on', 'valid_from', 'valid_to', 'frequency_min', 'frequency_per']);
    const pp = columnsOf(['pairing_id', 'org_id', 'org_path', 'position', 'contact_name']);
    const pairs: { id: string; organ: { id: string; path: string }; enterprise: { id: string; path: string } }[] = [];
    for (let i = 0; i < pairingCount; i++) {
      const organ = organs[Math.floor(i / 2)]!;
      const enterprise = enterprises[i]!;
      const id = newId();
      pairs.push({ id, organ, enterprise });
      p.id!.push(id);
      p.title!.push(`机关第${Math.floor(i / 2) + 1}党支部与企业第${i + 1}党支部结对共建`);
      p.coordinator_org_id!.push(zone);
      p.coordinator_path!.push(zone);
      p.parties_key!.push([organ.id, enterprise.id].sort().join(','));
      p.state!.push('active');
      p.signed_on!.push('2025-01-10');
      p.valid_from!.push('2025-01-10');
      p.valid_to!.push('2027-01-09');
      p.frequency_min!.push(1);
      p.frequency_per!.push('quarter');
      [organ, enterprise].forEach((org, position) => {
        pp.pairing_id!.push(id);
        pp.org_id!.push(org.id);
        pp.org_path!.push(org.path);
        pp.position!.push(position);
        pp.contact_name!.push(position === 0 ? '机关联络员' : '企业联络员');
      });
    }
    await insert(target, 'pairings', [['id', 'text'], ['title', 'text'], ['coordinator_org_id', 'text'], ['coordinator_path', 'ltree'], ['parties_key', 'text'], ['state', 'text'], ['signed_on', 'date'], ['valid_from', 'date'], ['valid_to', 'date'], ['frequency_min', 'int'], ['frequency_per', 'text']], p);
    await insert(target, 'pairing_parties', [['pairing_id', 'text'], ['org_id', 'text'], ['org_path', 'ltree'], ['position', 'smallint'], ['contact_name', 'text']], pp);

    // commitments (3 per pairing), needs and resources (2 + 2), one project in three pairings
    const c = columnsOf(['id', 'pairing_id', 'org_id', 'description', 'due_on', 'done_on']);
    const it = columnsOf(['id', 'pairing_id', 'org_id', 'kind', 'category', 'title', 'description', 'status']);
    const jp = columnsOf(['id', 'pairing_id', 'need_id', 'resource_id', 'title', 'status', 'done_on']);
    for (const pair of pairs) {
      for (let k = 0; k < 3; k++) {
        const due = day('2025-03-01', 600);
        c.id!.push(newId());
        c.pairing_id!.push(pair.id);
        c.org_id!.push(k === 0 ? pair.enterprise.id : pair.organ.id);
        c.description!.push(['每季度开展一次联合主题党日', '帮助企业解读惠企政策', '共享党员活动室'][k]);
        c.due_on!.push(due);
        c.done_on!.push(random() < 0.6 ? due : null);
      }
      const needIds: string[] = [];
      const resourceIds: string[] = [];
      for (const [kind, org, ids] of [['need', pair.enterprise, needIds], ['need', pair.enterprise, needIds], ['resource', pair.organ, resourceIds], ['resource', pair.organ, resourceIds]] as const) {
        const id = newId();
        ids.push(id);
        const category = pick(PAIRING_CATEGORIES);
        it.id!.push(id);
        it.pairing_id!.push(pair.id);
        it.org_id!.push(org.id);
        it.kind!.push(kind);
        it.category!.push(category);
        it.title!.push(kind === 'need' ? pick(['招工用工对接', '政策申报辅导', '融资渠道', '安全生产培训']) : pick(['人才招聘会', '政策宣讲', '会议场地', '志愿服务队']));
        it.description!.push(kind === 'need' ? '企业希望得到支持' : '机关可以提供');
        it.status!.push(random() < 0.7 ? 'open' : 'matched');
      }
      if (random() < 0.33) {
        const done = random() < 0.5;
        jp.id!.push(newId());
        jp.pairing_id!.push(pair.id);
        jp.need_id!.push(needIds[0]);
        jp.resource_id!.push(resourceIds[0]);
        jp.title!.push('联合共建项目');
        jp.status!.push(done ? 'done' : 'in_progress');
        jp.done_on!.push(done ? day('2025-02-01', 600) : null);
      }
    }
    await insert(target, 'pairing_commitments', [['id', 'text'], ['pairing_id', 'text'], ['org_id', 'text'], ['description', 'text'], ['due_on', 'date'], ['done_on', 'date']], c);
    await insert(target, 'pairing_items', [['id', 'text'], ['pairing_id', 'text'], ['org_id', 'text'], ['kind', 'text'], ['category', 'text'], ['title', 'text'], ['description', 'text'], ['status', 'text']], it);
    await insert(target, 'joint_projects', [['id', 'text'], ['pairing_id', 'text'], ['need_id', 'text'], ['resource_id', 'text'], ['title', 'text'], ['status', 'text'], ['done_on', 'date']], jp);

    // joint activities: two hosts each, held on a day of 2025–2026 (a few still planned)
    const a = columnsOf(['id', 'type', 'state', 'starts_at', 'ends_at', 'held_on', 'theme', 'org_path', 'pairing_id']);
    const h = columnsOf(['activity_id', 'org_id', 'org_path', 'held_on', 'type', 'state']);
    for (let i = 0; i < activityCount; i++) {
      const pair = pairs[i % pairs.length]!;
      const heldOn = day('2025-01-15', 700);
      const state = heldOn > '2026-10-31' ? 'planned' : 'held';
      const type = pick(['theme_day', 'joint_meeting', 'study_session', 'volunteer_service'] as const);
      const id = newId();
      a.id!.push(id);
      a.type!.push(type);
      a.state!.push(state);
      a.starts_at!.push(`${heldOn}T01:00:00Z`);
      a.ends_at!.push(`${heldOn}T03:00:00Z`);
      a.held_on!.push(heldOn);
      a.theme!.push('结对共建联合活动');
      a.org_path!.push(pair.organ.path);
      a.pairing_id!.push(pair.id);
      for (const org of [pair.organ, pair.enterprise]) {
        h.activity_id!.push(id);
        h.org_id!.push(org.id);
        h.org_path!.push(org.path);
        h.held_on!.push(heldOn);
        h.type!.push(type);
        h.state!.push(state);
      }
    }
    await insert(target, 'activities', [['id', 'text'], ['type', 'text'], ['state', 'text'], ['starts_at', 'timestamptz'], ['ends_at', 'timestamptz'], ['held_on', 'date'], ['theme', 'text'], ['org_path', 'ltree'], ['pairing_id', 'text']], a);
    await insert(target, 'activity_hosts', [['activity_id', 'text'], ['org_id', 'text'], ['org_path', 'ltree'], ['held_on', 'date'], ['type', 'text'], ['state', 'text']], h);

    // demands raised by the enterprise and answered by the organ, in every state; one event each
    const d = columnsOf(['id', 'pairing_id', 'raised_by_org_id', 'assigned_org_id', 'title', 'description', 'category', 'urgency', 'state', 'raised_on', 'accepted_on', 'due_on', 'resolution', 'resolved_on', 'rating', 'confirmed_on', 'escalated_on']);
    const e = columnsOf(['id', 'demand_id', 'from_state', 'to_state', 'at', 'by_org_id']);
    const states: DemandState[] = ['submitted', 'accepted', 'in_progress', 'in_progress', 'resolved', 'confirmed', 'confirmed', 'confirmed', 'reopened'];
    for (let i = 0; i < demandCount; i++) {
      const pair = pairs[Math.floor(random() * pairs.length)]!;
      const state = pick(states);
      const urgency = pick(URGENCIES);
      const raisedOn = day('2025-01-15', 680);
      const accepted = state !== 'submitted';
      const acceptedOn = accepted ? addDays(raisedOn, 1 + Math.floor(random() * 3)) : null;
      const dueOn = acceptedOn ? dueDate(acceptedOn, urgency) : null;
      const settled = state === 'resolved' || state === 'confirmed';
      const resolvedOn = settled ? addDays(acceptedOn!, Math.floor(random() * 25)) : null;
      const id = newId();
      d.id!.push(id);
      d.pairing_id!.push(pair.id);
      d.raised_by_org_id!.push(pair.enterprise.id);
      d.assigned_org_id!.push(accepted ? pair.organ.id : null);
      d.title!.push(pick(['申请惠企政策解读', '协调用工招聘', '办理施工许可咨询', '安全生产检查指导', '融资对接']));
      d.description!.push('企业在生产经营中遇到的问题，请结对机关协助解决。');
      d.category!.push(pick(PAIRING_CATEGORIES));
      d.urgency!.push(urgency);
      d.state!.push(state);
      d.raised_on!.push(raisedOn);
      d.accepted_on!.push(acceptedOn);
      d.due_on!.push(dueOn);
      d.resolution!.push(settled ? '已协调解决' : null);
      d.resolved_on!.push(resolvedOn);
      d.rating!.push(state === 'confirmed' ? 3 + Math.floor(random() * 3) : null);
      d.confirmed_on!.push(state === 'confirmed' ? addDays(resolvedOn!, 2) : null);
      d.escalated_on!.push(!settled && dueOn && dueOn < '2026-11-01' ? addDays(dueOn, 1) : null);
      e.id!.push(newId());
      e.demand_id!.push(id);
      e.from_state!.push(null);
      e.to_state!.push('submitted');
      e.at!.push(`${raisedOn}T02:00:00Z`);
      e.by_org_id!.push(pair.enterprise.id);
    }
    await insert(target, 'demands', [['id', 'text'], ['pairing_id', 'text'], ['raised_by_org_id', 'text'], ['assigned_org_id', 'text'], ['title', 'text'], ['description', 'text'], ['category', 'text'], ['urgency', 'text'], ['state', 'text'], ['raised_on', 'date'], ['accepted_on', 'date'], ['due_on', 'date'], ['resolution', 'text'], ['resolved_on', 'date'], ['rating', 'smallint'], ['confirmed_on', 'date'], ['escalated_on', 'date']], d);
    await insert(target, 'demand_events', [['id', 'text'], ['demand_id', 'text'], ['from_state', 'text'], ['to_state', 'text'], ['at', 'timestamptz'], ['by_org_id', 'text']], e);
    // the dashboard's maintained activity counts, as the activities service would have kept them
    await target.query(FILL_ACTIVITY_MONTHS_SQL);
    await target.query('analyze');
    console.log(
      `${target.label}: zone with ${o.id!.length} organizations, ${pairingCount} pairings, ${demandCount} demands, ${activityCount} joint activities, ` +
        `${c.id!.length} commitments, ${it.id!.length} list items, ${jp.id!.length} projects in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await target.close();
    clearTimeout(timer);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
