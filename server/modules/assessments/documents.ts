// The assessment's documents: the tally sheet (测评汇总表, .xlsx), the anonymous ballots (.csv) anyone can recount
// from, a reporter's result letter (.docx) and the ballot slips (.docx, one per code with its QR code, cut lines).

import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import QRCode from 'qrcode';
import { formatBallotCode } from '../../../domain/assessments/codes';
import type { ScaleStep } from '../../../domain/assessments/tally';
import { labelText } from '../../../domain/messages/registry';
import type { Ctx } from '../../context';
import { notFound } from '../../errors';
import { listExport, type ListExport } from '../../listSheet';
import { ballotsForExport, findAssessments, listFollowUps, listNotes, resultsBundle, type AssessmentFilter } from './service';

export interface AssessmentFile {
  filename: string;
  body: Buffer;
}

const GRADE_ZH: Record<string, string> = { excellent: '好', good: '较好', fair: '一般', poor: '差' };
const gradeLabel = (grade: string | null) => (grade === null ? '—' : (GRADE_ZH[grade] ?? grade));
/** more than any organizer holds; the export of a filter stops here (so it is read in one query) */
const LIST_EXPORT_MAX = 10_000;
const LIST_COLUMNS = [
  { header: '标题', key: 'title', width: 50 },
  { header: '年度', key: 'year', width: 8 },
  { header: '评议日期', key: 'heldOn', width: 12 },
  { header: '组织单位', key: 'organizer', width: 30 },
  { header: '述职人数', key: 'reporters', width: 10 },
  { header: '状态', key: 'state', width: 10 },
];
const fixed = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(2));

/** 测评汇总表: per reporter, ballots per grade, the share of 好 + 较好, each group's mean points, the score and grade. */
export async function resultsWorkbook(ctx: Ctx, id: string): Promise<AssessmentFile> {
  const { l, results, groups } = await resultsBundle(ctx, id);
  const scale: ScaleStep[] = l.row.scale;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('测评汇总表');
  const header = ['序号', '述职人', '单位', '票数', ...scale.map((s) => gradeLabel(s.grade)), '好和较好占比(%)', ...groups.map((g) => `${g.name}(${g.weight}%)平均分`), '综合得分', '等次'];
  ws.addRow([`${l.row.title} 测评汇总表`]);
  ws.mergeCells(1, 1, 1, header.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow([`${l.row.heldOn}\u3000共 ${results.ballots} 张测评票（纸质 ${results.paperBallots} 张）\u3000${results.state === 'published' ? '已公布' : results.closedAt ? '已结束' : '计票中'}`]);
  ws.addRow(header).font = { bold: true };
  const reporters = new Map(l.reporters.map((r) => [r.r.id, r]));
  results.reporters.forEach((r, i) => {
    const who = reporters.get(r.reporterId);
    ws.addRow([
      i + 1,
      who?.memberName ?? '',
      who?.orgName ?? '',
      r.ballots,
      ...scale.map((s) => r.counts[s.grade] ?? 0),
      fixed(r.share),
      // under 5 ballots a group shows its count only
      ...groups.map((g) => {
        const part = r.byGroup.find((x) => x.raterGroupId === g.id);
        return part?.meanPoints !== undefined ? fixed(part.meanPoints) : `（${part?.ballots ?? 0}票，不单列）`;
      }),
      fixed(r.score),
      gradeLabel(r.grade),
    ]);
  });
  ws.columns.forEach((c, i) => (c.width = i === 2 ? 30 : i === 1 ? 12 : 14));
  return { filename: `${l.row.title}-测评汇总表.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
}

const csvCell = (v: string | number | boolean) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * Every ballot, anonymous: its group, venue, paper or not, and a grade per reporter (and criterion). Rows are sorted
 * by their content, so their order tells nothing about when a ballot was cast.
 */
export async function ballotsCsv(ctx: Ctx, id: string): Promise<AssessmentFile> {
  const { l, groups, venues, criteria, ballots } = await ballotsForExport(ctx, id);
  const columns = l.reporters.flatMap((r): { reporterId: string; criterionId: string | null; label: string }[] => (criteria.length ? criteria.map((c) => ({ reporterId: r.r.id, criterionId: c.id, label: `${r.memberName}/${c.name}` })) : [{ reporterId: r.r.id, criterionId: null, label: r.memberName }]));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const venueName = new Map(venues.map((v) => [v.id, v.name]));
  const rows = ballots.map((b) => {
    const grade = new Map(b.grades.map((g) => [`${g.reporterId}/${g.criterionId ?? ''}`, g.grade]));
    return [groupName.get(b.raterGroupId) ?? b.raterGroupId, venueName.get(b.venueId) ?? b.venueId, b.paper ? 'paper' : 'phone', ...columns.map((c) => grade.get(`${c.reporterId}/${c.criterionId ?? ''}`) ?? '')];
  });
  rows.sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
  const header = ['ballot', 'raterGroup', 'venue', 'medium', ...columns.map((c) => c.label)];
  const lines = [header, ...rows.map((r, i) => [i + 1, ...r])].map((r) => r.map(csvCell).join(','));
  // a byte-order mark so Excel opens the Chinese names as UTF-8
  return { filename: `${l.row.title}-ballots.csv`, body: Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8') };
}

const SONG = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体', cs: 'SimSun' };
const text = (t: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: t, font: SONG, size: opts.size ?? 24, bold: opts.bold });
const para = (t: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) =>
  new Paragraph({ children: [text(t, opts)], alignment: opts.center ? AlignmentType.CENTER : undefined, spacing: { after: 120 } });

/** The result letter of one reporter (述职评议结果通知): figures, comments made, and the follow-up items. */
export async function reporterLetter(ctx: Ctx, id: string, reporterId: string): Promise<AssessmentFile> {
  const { l, results, groups } = await resultsBundle(ctx, id);
  const reporter = l.reporters.find((r) => r.r.id === reporterId);
  const result = results.reporters.find((r) => r.reporterId === reporterId);
  if (!reporter || !result) throw notFound('reporter');
  const [notes, followUps] = await Promise.all([listNotes(ctx, id), listFollowUps(ctx, id)]);
  const cell = (t: string, bold = false) => new TableCell({ children: [para(t, { bold })], width: { size: 25, type: WidthType.PERCENTAGE } });
  const figures = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ children: [cell('测评票数', true), cell(String(result.ballots)), cell('好和较好占比', true), cell(`${fixed(result.share)}%`)] }),
      new TableRow({ children: [cell('综合得分', true), cell(fixed(result.score)), cell('评议等次', true), cell(gradeLabel(result.grade))] }),
      ...l.row.scale.map((s) => new TableRow({ children: [cell(gradeLabel(s.grade), true), cell(`${result.counts[s.grade] ?? 0} 票`), cell(''), cell('')] })),
      ...groups.map((g) => {
        const part = result.byGroup.find((x) => x.raterGroupId === g.id);
        return new TableRow({ children: [cell(`${g.name}（权重${g.weight}%）`, true), cell(`${part?.ballots ?? 0} 票`), cell('平均分', true), cell(part?.meanPoints !== undefined ? fixed(part.meanPoints) : '不足5票，不单列')] });
      }),
    ],
  });
  const comments = notes.items.filter((n) => n.reporterId === reporterId);
  const items = followUps.items.filter((f) => f.reporterId === reporterId);
  const doc = new Document({
    sections: [
      {
        children: [
          para(`${l.row.title}`, { bold: true, size: 32, center: true }),
          para('述职评议结果通知', { bold: true, size: 28, center: true }),
          para(`${reporter.orgName}\u3000${reporter.memberName}同志：`),
          para(`在 ${l.row.heldOn} 召开的${l.row.title}上，您的述职评议结果如下：`),
          figures,
          para(''),
          para('提问与点评', { bold: true }),
          ...(comments.length ? comments.map((n) => para(`${n.kind === 'comment' ? '点评' : '提问'}${n.byName ? `（${n.byName}）` : ''}：${n.text}`)) : [para('（无）')]),
          para('问题整改清单', { bold: true }),
          ...(items.length
            ? items.map((f, i) => para(`${i + 1}. ${f.problem}${f.measure ? `；整改措施：${f.measure}` : ''}${f.owner ? `；责任人：${f.owner}` : ''}${f.dueOn ? `；完成时限：${f.dueOn}` : ''}${f.doneOn ? `；已于 ${f.doneOn} 完成` : ''}`))
            : [para('（无）')]),
        ],
      },
    ],
  });
  return { filename: `${l.row.title}-${reporter.memberName}-评议结果.docx`, body: await Packer.toBuffer(doc) };
}

/** One slip per code, two to a row, dashed borders to cut along: title, venue and group, the QR code, the code. */
export async function ballotSlips(
  input: { title: string; origin: string; slips: { code: string; raterGroupId: string; venueId: string }[]; groups: Map<string, string>; venues: Map<string, string> },
): Promise<AssessmentFile> {
  const cut = { style: BorderStyle.DASHED, size: 6, color: '888888' };
  const borders = { top: cut, bottom: cut, left: cut, right: cut };
  const slipCell = async (s: (typeof input.slips)[number] | undefined) => {
    if (!s) return new TableCell({ borders, children: [new Paragraph('')], width: { size: 50, type: WidthType.PERCENTAGE } });
    const png = await QRCode.toBuffer(`${input.origin}/ballot#${s.code}`, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
    return new TableCell({
      borders,
      width: { size: 50, type: WidthType.PERCENTAGE },
      margins: { top: 120, bottom: 120, left: 120, right: 120 },
      children: [
        para(input.title, { bold: true, size: 22, center: true }),
        para(`${input.venues.get(s.venueId) ?? ''} · ${input.groups.get(s.raterGroupId) ?? ''}`, { size: 20, center: true }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png, transformation: { width: 120, height: 120 } })] }),
        para(formatBallotCode(s.code), { bold: true, size: 28, center: true }),
        para('扫码或输入测评码评议；一码一票，请勿外传', { size: 16, center: true }),
      ],
    });
  };
  const rows: TableRow[] = [];
  for (let i = 0; i < input.slips.length; i += 2) {
    rows.push(new TableRow({ cantSplit: true, children: [await slipCell(input.slips[i]), await slipCell(input.slips[i + 1])] }));
  }
  const doc = new Document({ sections: [{ children: [new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows })] }] });
  return { filename: `${input.title}-测评码.docx`, body: await Packer.toBuffer(doc) };
}

/** The assessments list's current filter as .xlsx: every assessment it selects that the caller may read, newest first. */
export function assessmentsWorkbook(ctx: Ctx, filter: AssessmentFilter): ListExport {
  async function* rows(ctx: Ctx) {
    for (const r of await findAssessments(ctx, filter, LIST_EXPORT_MAX)) {
      yield { title: r.a.title, year: r.a.year, heldOn: r.a.heldOn, organizer: r.organizerOrgName, reporters: r.reporters, state: labelText('assessmentState', r.a.state, 'zh') ?? r.a.state };
    }
  }
  return listExport(ctx, `述职评议-${ctx.today}.xlsx`, '述职评议', LIST_COLUMNS, rows);
}
