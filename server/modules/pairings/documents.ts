// Printable documents of a pairing, derived from the agreement's records: the 共建 plaque (one landscape page, large
// and centred, for printing and framing) and the agreement summary (parties, contacts with masked phones, validity,
// commitments with their owners and due dates, the needs and resources lists and the joint projects). Both are in
// Chinese, the language the plaque is hung in; whoever may read the pairing may print them.

import { AlignmentType, BorderStyle, Document, PageOrientation, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { and, eq } from 'drizzle-orm';
import { maskPhone } from '../../../domain/idcard';
import { stateOn } from '../../../domain/pairings/agreements';
import { labelText } from '../../../domain/messages/registry';
import type { Ctx } from '../../context';
import { pairingItems } from '../../db/schema/pairings';
import { requirePairing } from './access';
import * as q from './queries';

export interface PairingDocument {
  filename: string;
  body: Buffer;
}

/** a code in the words of the registry's label tables (the code itself where it has none) */
const words = (table: string, code: string) => labelText(table, code, 'zh') ?? code;
const PER: Record<string, string> = { month: '每月', quarter: '每季度', year: '每年' };

const chineseDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const FONT = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体', cs: 'SimSun' };
const HEI = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '黑体', cs: 'SimHei' };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
const dash = (v: string | null | undefined) => v || '—';
/** A file name without characters that a file system or a header refuses. */
const fileName = (title: string, what: string, ext: string) => `${title.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 80)}-${what}.${ext}`;

async function load(ctx: Ctx, id: string) {
  await requirePairing(ctx, ctx.db, id);
  const row = (await q.getPairing(ctx.db, id))!;
  const [parties, commitments, coordinator] = await Promise.all([
    q.partiesOf(ctx.db, [id]),
    q.commitmentsOf(ctx.db, [id]),
    row.coordinatorOrgId ? q.orgsByIds(ctx.db, [row.coordinatorOrgId]) : Promise.resolve([]),
  ]);
  return { row, parties, commitments, coordinatorName: coordinator[0]?.name ?? null };
}

const text = (value: string, opts: { size?: number; bold?: boolean; hei?: boolean; center?: boolean; after?: number; before?: number } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 120, line: 400 },
    children: [new TextRun({ text: value, bold: opts.bold, size: opts.size ?? 24, font: opts.hei ? HEI : FONT })],
  });

/**
 * The plaque: the wording (default 结对共建单位) in very large type, the parties' names one a line, the agreement's
 * title, the period, and the coordinator with the day it was awarded. A landscape A4 page with wide margins and
 * type sizes chosen so that four parties and a long title still fit on it.
 */
export async function plaqueDocx(ctx: Ctx, id: string): Promise<PairingDocument> {
  const { row, parties, coordinatorName } = await load(ctx, id);
  const names = parties.map((p) => p.orgName);
  // two parties in 22 pt; more (up to the handful a pairing has) in 16 pt with less space, so the page still holds them
  const many = names.length > 2;
  const children = [
    text(row.plaqueWording?.trim() || '结对共建单位', { size: 88, bold: true, hei: true, center: true, before: many ? 200 : 600, after: many ? 240 : 480 }),
    ...names.map((n) => text(n, { size: many ? 32 : 44, bold: true, center: true, after: many ? 40 : 160 })),
    text(row.title, { size: 32, center: true, before: 360, after: 200 }),
    text(`共建期限：${chineseDate(row.validFrom)}至${chineseDate(row.validTo)}`, { size: 28, center: true, after: 480 }),
    ...(coordinatorName ? [text(coordinatorName, { size: 28, center: true, after: 120 })] : []),
    ...(row.plaqueAwardedOn || row.signedOn ? [text(chineseDate((row.plaqueAwardedOn ?? row.signedOn)!), { size: 28, center: true })] : []),
  ];
  const doc = new Document({
    title: `${row.title} 共建牌匾`,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        properties: {
          // A4 landscape; the width and height are given as portrait and turned by the orientation
          page: { size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE }, margin: { top: 1134, bottom: 1134, left: 1440, right: 1440 } },
        },
        children,
      },
    ],
  });
  return { filename: fileName(row.title, '共建牌匾', 'docx'), body: await Packer.toBuffer(doc) };
}

function table(headers: string[], widths: number[], rows: string[][]): Table {
  const cell = (value: string, width: number, header = false) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      children: [new Paragraph({ alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text: value, bold: header, size: 21 })] })],
    });
  const body = rows.length ? rows : [headers.map((_, i) => (i === 0 ? '（无）' : ''))];
  return new Table({
    borders: BORDERS,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    rows: [new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, widths[i]!, true)) }), ...body.map((r) => new TableRow({ children: r.map((v, i) => cell(v, widths[i]!)) }))],
  });
}

const heading = (value: string) => text(value, { size: 28, bold: true, hei: true, before: 240, after: 120 });

/** The agreement summary: what was agreed, by whom, until when, and what each side has put on its lists. */
export async function agreementDocx(ctx: Ctx, id: string): Promise<PairingDocument> {
  const { row, parties, commitments, coordinatorName } = await load(ctx, id);
  const [items, projects] = await Promise.all([q.itemsOf(ctx.db, and(eq(pairingItems.pairingId, id))!), q.projectsOf(ctx.db, id)]);
  const nameOf = new Map(parties.map((p) => [p.orgId, p.orgName]));
  const phone = (stored: string | null) => (stored ? maskPhone(ctx.crypto.decrypt(stored)) : '—');
  const list = (kind: 'need' | 'resource') =>
    items
      .filter((r) => r.item.kind === kind)
      .map((r) => [r.orgName, r.item.title, words('pairingCategory', r.item.category), words('pairingItemStatus', r.item.status)]);
  const W = 9000; // text width of A4 portrait with 2 cm margins, in twentieths of a point
  const children: (Paragraph | Table)[] = [
    text(row.title, { size: 36, bold: true, hei: true, center: true, after: 120 }),
    text('结对共建协议摘要', { size: 28, center: true, after: 240 }),
    heading('一、基本情况'),
    table(
      ['项目', '内容'],
      [2200, W - 2200],
      [
        ['共建各方', parties.map((p) => p.orgName).join('、')],
        ['统筹单位', dash(coordinatorName)],
        ['签订日期', row.signedOn ? chineseDate(row.signedOn) : '—'],
        ['有效期', `${chineseDate(row.validFrom)}至${chineseDate(row.validTo)}`],
        ['状态', words('pairingState', stateOn(row, ctx.today))],
        ['联合活动频次', `${PER[row.frequencyPer] ?? row.frequencyPer}不少于${row.frequencyMin}次`],
        ['共建内容', dash(row.content)],
      ],
    ),
    heading('二、各方联系人'),
    table(
      ['共建单位', '联系人', '职务', '联系电话'],
      [3600, 1600, 1800, 2000],
      parties.map((p) => [p.orgName, dash(p.contactName), dash(p.contactTitle), phone(p.contactPhone)]),
    ),
    heading('三、共建承诺'),
    table(
      ['承诺方', '承诺事项', '目标', '完成时限', '完成情况'],
      [2200, 2800, 1500, 1300, 1200],
      commitments.map((c) => [nameOf.get(c.orgId) ?? c.orgId, c.description, dash(c.target), c.dueOn ? chineseDate(c.dueOn) : '—', c.doneOn ? `${chineseDate(c.doneOn)}完成` : '未完成']),
    ),
    heading('四、需求清单'),
    table(['提出单位', '需求', '类别', '状态'], [2800, 3600, 1400, 1200], list('need')),
    heading('五、资源清单'),
    table(['提供单位', '资源', '类别', '状态'], [2800, 3600, 1400, 1200], list('resource')),
    heading('六、共建项目'),
    table(
      ['项目', '对接需求与资源', '负责人', '完成时限', '状态'],
      [2400, 2600, 1600, 1200, 1200],
      projects.map((p) => [
        p.project.title,
        [p.needTitle, p.resourceTitle].filter(Boolean).join(' ↔ ') || '—',
        p.project.owners.map((o) => `${o.name}（${nameOf.get(o.orgId) ?? ''}）`).join('、') || '—',
        p.project.dueOn ? chineseDate(p.project.dueOn) : '—',
        words('jointProjectStatus', p.project.status),
      ]),
    ),
    text(`本摘要由系统根据协议记录生成，生成日期：${chineseDate(ctx.today)}`, { size: 20, before: 360 }),
  ];
  const doc = new Document({
    title: `${row.title} 协议摘要`,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children }],
  });
  return { filename: fileName(row.title, '协议摘要', 'docx'), body: await Packer.toBuffer(doc) };
}
