// The campaign's documents, derived from the records and never typed again: the approval notice (批复通知, .docx,
// the standard notice layout listing every approved project), the monthly bulletin (月度通报, .docx: for one month,
// each running project's progress, indicators, obstacles and supervision findings), and the campaign ledger (.xlsx).
// A campaign is a few dozen projects, so each is built in memory after the access check.

import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { and, gte, inArray, lte } from 'drizzle-orm';
import { addDays, daysInMonth } from '../../../domain/dates';
import type { BusinessArea, Grade, ProjectHealth, ProjectState } from '../../../domain/projects/enums';
import { weekKey } from '../../../domain/projects/weeks';
import type { Ctx } from '../../context';
import { projectIndicatorValues, projectObstacles, projectReports, projectRequirements, projectSupervisions } from '../../db/schema/projects';
import { appError } from '../../errors';
import { listExport, type ListExport } from '../../listSheet';
import type { BoardQuery } from '../../../domain/schemas/projects';
import * as q from './queries';
import { board, campaignReader } from './rollup';
import { healthOf, requireCampaign } from './service';

export interface ProjectDocument {
  filename: string;
  body: Buffer;
}

export const AREA_LABELS: Record<BusinessArea, string> = {
  safety_environment: '安全环保',
  production_operations: '生产经营',
  loss_reduction: '降本增效',
  research_innovation: '科研创新',
  talent: '人才培养',
  public_service: '服务群众',
  other: '其他',
};
const STATE_LABELS: Record<ProjectState, string> = {
  draft: '草稿',
  submitted: '已申报',
  returned: '已退回',
  approved: '已批准',
  in_progress: '实施中',
  completed: '已结项',
  evaluated: '已评价',
  cancelled: '已撤销',
};
const HEALTH_LABELS: Record<ProjectHealth, string> = { on_track: '正常推进', at_risk: '存在风险', late: '已逾期' };
const GRADE_LABELS: Record<Grade, string> = { excellent: '好', good: '较好', fair: '一般', poor: '差' };

const chineseDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const SONG = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '仿宋_GB2312', cs: 'SimSun' };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

const para = (text: string, opts: { center?: boolean; right?: boolean; bold?: boolean; indent?: boolean; size?: number; color?: string } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: opts.indent ? { firstLine: 640 } : undefined,
    spacing: { line: 520 },
    children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 32, color: opts.color })],
  });

function table(headers: string[], widths: number[], rows: string[][]): Table {
  const cell = (text: string, width: number, bold = false) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({ alignment: bold ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text, bold, size: 24 })] })] });
  return new Table({
    borders: BORDERS,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    rows: [new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, widths[i]!, true)) }), ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, widths[i]!)) }))],
  });
}

async function pack(children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    styles: { default: { document: { run: { font: SONG, size: 32 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}

const APPROVED: ProjectState[] = ['approved', 'in_progress', 'completed', 'evaluated'];

/** The approval notice: the campaign's title, the notice number, and the table of every approved project. */
export async function noticeDocx(ctx: Ctx, campaignId: string): Promise<ProjectDocument> {
  const { campaign: c, organizerName } = await requireCampaign(ctx, ctx.db, campaignId);
  const projects = (await q.projectsOfCampaign(ctx.db, campaignId)).filter((p) => APPROVED.includes(p.project.state as ProjectState));
  if (projects.length === 0) throw appError(409, 'nothing_approved');
  const noticeNo = projects.find((p) => p.project.noticeNo)?.project.noticeNo ?? '';
  const approvedOn = projects.map((p) => p.project.approvedOn ?? '').sort().at(-1) || ctx.today;
  const title = `关于批准${c.year}年度基层党建“书记项目”的通知`;
  const body = await pack([
    para(organizerName, { center: true, bold: true, size: 52, color: 'C00000' }),
    para(noticeNo, { center: true }),
    para(''),
    para(title, { center: true, bold: true, size: 40 }),
    para('各党支部：'),
    para(
      `根据《${c.title}》实施方案，经各党支部申报、${organizerName}审核，现批准以下${projects.length}个项目为${c.year}年度基层党建“书记项目”。请各项目负责人切实履行第一责任人职责，细化到日、周、月的工作措施，按周报送进展，确保项目按期完成、预期目标落地见效。`,
      { indent: true },
    ),
    table(
      ['序号', '项目名称', '申报单位', '负责人', '服务领域', '实施期限'],
      [600, 2600, 1900, 1000, 1100, 1644],
      projects.map((p, i) => [String(i + 1), p.project.title, p.orgName, p.leaderName ?? '', AREA_LABELS[p.project.businessArea as BusinessArea], `${p.project.startOn} 至 ${p.project.endOn}`]),
    ),
    para(''),
    para(organizerName, { right: true }),
    para(chineseDate(approvedOn), { right: true }),
  ]);
  return { filename: `${c.year}年度书记项目批复通知.docx`, body };
}

/** The monthly bulletin: what the records say of each running project in the month. */
export async function bulletinDocx(ctx: Ctx, campaignId: string, month: string): Promise<ProjectDocument> {
  const { campaign: c, organizerName } = await campaignReader(ctx, campaignId);
  const from = `${month}-01`;
  const to = `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;
  const rows = (await q.projectsOfCampaign(ctx.db, campaignId)).filter((p) => APPROVED.includes(p.project.state as ProjectState) && p.project.startOn <= to && p.project.endOn >= from);
  const ids = rows.map((r) => r.project.id);
  // reports of the weeks that start in the month (a week belongs to the month of its Monday)
  const [facts, indicators, reports, obstacles, visits, requirements] = await Promise.all([
    q.factsOf(ctx.db, ids),
    q.indicatorsOf(ctx.db, ids),
    ids.length ? ctx.db.select().from(projectReports).where(and(inArray(projectReports.projectId, ids), gte(projectReports.weekStart, from), lte(projectReports.weekStart, to))).orderBy(projectReports.week) : [],
    ids.length ? ctx.db.select().from(projectObstacles).where(and(inArray(projectObstacles.projectId, ids), lte(projectObstacles.raisedOn, to))) : [],
    ids.length ? ctx.db.select().from(projectSupervisions).where(and(inArray(projectSupervisions.projectId, ids), gte(projectSupervisions.visitedOn, from), lte(projectSupervisions.visitedOn, to))).orderBy(projectSupervisions.visitedOn) : [],
    ids.length ? ctx.db.select().from(projectRequirements).where(inArray(projectRequirements.projectId, ids)) : [],
  ]);
  const values = reports.length ? await ctx.db.select().from(projectIndicatorValues).where(inArray(projectIndicatorValues.reportId, reports.map((r) => r.id))) : [];
  // health as of the month's last day (or today, for the current month)
  const asOf = to < ctx.today ? to : ctx.today;
  const health = rows.map((r) => healthOf(r, facts.get(r.project.id)!, asOf).health);
  const count = (h: ProjectHealth) => health.filter((x) => x === h).length;
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const children: (Paragraph | Table)[] = [
    para(`${c.year}年度“书记项目”推进情况通报`, { center: true, bold: true, size: 40 }),
    para(`（${y}年${m}月）`, { center: true }),
    para(`${organizerName}`, { center: true }),
    para(
      `本月共${rows.length}个“书记项目”在实施期内，其中正常推进${count('on_track')}个、存在风险${count('at_risk')}个、已逾期${count('late')}个；本月共报送周报${reports.length}份，开展现场督导${visits.length}次。现将各项目推进情况通报如下。`,
      { indent: true },
    ),
  ];
  rows.forEach((r, i) => {
    const p = r.project;
    const mine = reports.filter((x) => x.projectId === p.id);
    const h = health[i];
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: `${i + 1}. ${r.orgName}：${p.title}`, bold: true, size: 32 })] }));
    const last = mine.at(-1);
    children.push(
      para(
        `【进展】${STATE_LABELS[p.state as ProjectState]}${h ? `，${HEALTH_LABELS[h]}` : ''}；` +
          (mine.length ? `本月报送周报${mine.length}份（${mine.map((x) => x.week).join('、')}），完成进度${last!.percentComplete}%。${mine.map((x) => x.done).join('；')}` : '本月未报送周报。'),
        { indent: true },
      ),
    );
    const own = indicators.filter((x) => x.indicator.projectId === p.id);
    if (own.length) {
      const text = own
        .map((x) => {
          const monthValue = values.filter((v) => v.indicatorId === x.indicator.id && mine.some((rep) => rep.id === v.reportId)).at(-1)?.value;
          const unit = x.indicator.unit;
          return `${x.indicator.name}：基线${x.indicator.baseline}${unit}，目标${x.indicator.target}${unit}，本月${monthValue === undefined ? '未报' : `${monthValue}${unit}`}`;
        })
        .join('；');
      children.push(para(`【指标】${text}。`, { indent: true }));
    }
    const openAtEnd = obstacles.filter((o) => o.projectId === p.id && (o.clearedOn === null || o.clearedOn > to));
    const cleared = obstacles.filter((o) => o.projectId === p.id && o.clearedOn !== null && o.clearedOn >= from && o.clearedOn <= to);
    children.push(
      para(
        `【堵点】` +
          (openAtEnd.length ? `未解决${openAtEnd.length}个：${openAtEnd.map((o) => `${o.description}（${o.raisedOn}提出）`).join('；')}` : '无未解决堵点') +
          (cleared.length ? `；本月解决${cleared.length}个：${cleared.map((o) => o.description).join('；')}` : '') +
          '。',
        { indent: true },
      ),
    );
    const seen = visits.filter((v) => v.projectId === p.id);
    children.push(
      para(
        `【督导】` +
          (seen.length
            ? seen
                .map((v) => {
                  const asks = requirements.filter((q2) => q2.supervisionId === v.id);
                  return `${chineseDate(v.visitedOn)}在${v.place}现场督导：${v.findings}${asks.length ? `。提出要求：${asks.map((a) => `${a.description}${a.answeredOn ? '（已答复）' : '（待答复）'}`).join('；')}` : ''}`;
                })
                .join('；')
            : '本月未开展现场督导') +
          '。',
        { indent: true },
      ),
    );
  });
  if (rows.length === 0) children.push(para('本月无在实施期内的项目。', { indent: true }));
  children.push(para(''), para(organizerName, { right: true }), para(chineseDate(to < ctx.today ? addDays(to, 1) : ctx.today), { right: true }));
  return { filename: `书记项目月度通报-${month}.docx`, body: await pack(children) };
}

/** The campaign ledger: one row per project, then one per weekly report. */
export async function ledgerXlsx(ctx: Ctx, campaignId: string): Promise<ProjectDocument> {
  const { campaign: c } = await campaignReader(ctx, campaignId);
  const rows = await q.projectsOfCampaign(ctx.db, campaignId);
  const ids = rows.map((r) => r.project.id);
  const [facts, reports] = await Promise.all([q.factsOf(ctx.db, ids), ids.length ? ctx.db.select().from(projectReports).where(inArray(projectReports.projectId, ids)).orderBy(projectReports.week) : []]);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('项目台账');
  sheet.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '申报单位', key: 'org', width: 22 },
    { header: '项目名称', key: 'title', width: 32 },
    { header: '服务领域', key: 'area', width: 10 },
    { header: '负责人', key: 'leader', width: 10 },
    { header: '联系领导', key: 'contact', width: 10 },
    { header: '开始', key: 'start', width: 12 },
    { header: '结束', key: 'end', width: 12 },
    { header: '状态', key: 'state', width: 8 },
    { header: '运行情况', key: 'health', width: 10 },
    { header: '完成进度(%)', key: 'percent', width: 10 },
    { header: '最近周报', key: 'week', width: 10 },
    { header: '未解决堵点', key: 'obstacles', width: 10 },
    { header: '批复文号', key: 'notice', width: 18 },
    { header: '评价得分', key: 'score', width: 10 },
    { header: '评价等次', key: 'grade', width: 8 },
  ];
  rows.forEach((r, i) => {
    const p = r.project;
    const f = facts.get(p.id)!;
    const h = healthOf(r, f, ctx.today).health;
    sheet.addRow({
      n: i + 1,
      org: r.orgName,
      title: p.title,
      area: AREA_LABELS[p.businessArea as BusinessArea],
      leader: r.leaderName ?? '',
      contact: r.contactLeaderName ?? '',
      start: p.startOn,
      end: p.endOn,
      state: STATE_LABELS[p.state as ProjectState],
      health: h ? HEALTH_LABELS[h] : '',
      percent: p.percentComplete,
      week: f.lastReportWeek ?? '',
      obstacles: f.openObstacles,
      notice: p.noticeNo ?? '',
      score: p.score ?? '',
      grade: p.grade ? GRADE_LABELS[p.grade as Grade] : '',
    });
  });
  sheet.getRow(1).font = { bold: true };
  const weekly = wb.addWorksheet('周报');
  weekly.columns = [
    { header: '项目名称', key: 'title', width: 32 },
    { header: '周次', key: 'week', width: 10 },
    { header: '本周完成', key: 'done', width: 50 },
    { header: '进度(%)', key: 'percent', width: 8 },
    { header: '下周计划', key: 'next', width: 40 },
    { header: '报送日期', key: 'filed', width: 12 },
    { header: '按时', key: 'onTime', width: 6 },
  ];
  const titles = new Map(rows.map((r) => [r.project.id, r.project.title]));
  for (const r of reports) {
    weekly.addRow({ title: titles.get(r.projectId), week: r.week, done: r.done, percent: r.percentComplete, next: r.nextPlan, filed: r.filedOn, onTime: weekKey(r.filedOn) <= r.week ? '是' : '否' });
  }
  weekly.getRow(1).font = { bold: true };
  return { filename: `${c.year}年度书记项目台账.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
}

const BOARD_COLUMNS = [
  { header: '序号', key: 'n', width: 6 },
  { header: '项目名称', key: 'title', width: 32 },
  { header: '申报单位', key: 'org', width: 22 },
  { header: '服务领域', key: 'area', width: 10 },
  { header: '状态', key: 'state', width: 8 },
  { header: '运行情况', key: 'health', width: 10 },
  { header: '完成进度(%)', key: 'percent', width: 10 },
  { header: '下一节点', key: 'milestone', width: 24 },
  { header: '节点日期', key: 'milestoneOn', width: 14 },
  { header: '未解决堵点', key: 'obstacles', width: 10 },
  { header: '最近周报', key: 'week', width: 10 },
  { header: '指标（基线 → 目标，实际）', key: 'indicators', width: 40 },
  { header: '评价得分', key: 'score', width: 10 },
  { header: '评价等次', key: 'grade', width: 8 },
];

/**
 * The organizer's board as its filter shows it (.xlsx): exactly the rows of `board` with the same query and the
 * same check of who may read the campaign, its codes named and its dates as the office writes them.
 */
export async function boardXlsx(ctx: Ctx, campaignId: string, query: BoardQuery): Promise<ListExport> {
  const { campaign: c } = await campaignReader(ctx, campaignId);
  // a campaign is a few dozen projects: the board is read whole, as its page reads it
  const { items } = await board(ctx, campaignId, query);
  async function* rows() {
    for (const [i, it] of items.entries()) {
      yield {
        n: i + 1,
        title: it.title,
        org: it.orgName,
        area: AREA_LABELS[it.businessArea],
        state: STATE_LABELS[it.state],
        health: it.health ? HEALTH_LABELS[it.health] : '',
        percent: it.percentComplete,
        milestone: it.nextMilestone?.title ?? '',
        milestoneOn: it.nextMilestone ? chineseDate(it.nextMilestone.dueOn) : '',
        obstacles: it.openObstacles,
        week: it.lastReportWeek ?? '',
        indicators: it.indicators.map((x) => `${x.name}：${x.baseline} → ${x.target}（${x.achieved ?? '—'}）${x.unit}`).join('\n'),
        score: it.score ?? '',
        grade: it.grade ? GRADE_LABELS[it.grade] : '',
      };
    }
  }
  return listExport(ctx, `${c.year}年度书记项目看板.xlsx`, '项目看板', BOARD_COLUMNS, rows);
}
