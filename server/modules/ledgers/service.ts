// Ledgers (台账) derived from the activity records: the activity ledger of an organization for a
// year (.xlsx), the minutes of one activity (.docx) and its attendance sheet (.xlsx).
// Each is small (one organization's year, one activity), so it is built in memory after the access
// check, and an error is still a JSON error rather than a broken download.

import ExcelJS from 'exceljs';
import type { AttendanceStatus } from '../../../domain/enums';
import type { Attendee } from '../../../domain/schemas/activities';
import type { Ctx } from '../../context';
import { getActivity } from '../activities/service';
import { loadOrg } from '../orgs/service';
import {
  ACTIVITY_STATE_LABELS,
  ATTENDANCE_LABELS,
  SIGN_IN_SOURCE_LABELS,
  chinaDateTime,
  chinaTime,
  placeLabel,
  safeFilename,
  stateLabel,
  timeSpan,
  typeLabel,
} from './labels';
import { minutesDocx } from './minutes';
import * as q from './queries';

export interface LedgerFile {
  filename: string;
  body: Buffer;
}

interface Column {
  header: string;
  key: string;
  width: number;
  center?: boolean;
}

const LEDGER_COLUMNS: Column[] = [
  { header: '序号', key: 'n', width: 5, center: true },
  { header: '活动类型', key: 'type', width: 12, center: true },
  { header: '日期', key: 'date', width: 11, center: true },
  { header: '时间', key: 'time', width: 12, center: true },
  { header: '地点', key: 'place', width: 16 },
  { header: '主题', key: 'theme', width: 28 },
  { header: '主持人', key: 'presider', width: 8, center: true },
  { header: '记录人', key: 'recorder', width: 8, center: true },
  { header: '应到', key: 'expected', width: 5, center: true },
  { header: '实到', key: 'present', width: 5, center: true },
  { header: '缺席', key: 'absent', width: 5, center: true },
  { header: '请假', key: 'excused', width: 5, center: true },
  { header: '状态', key: 'state', width: 7, center: true },
  { header: '联合主办', key: 'coHosts', width: 16 },
  { header: '备注', key: 'note', width: 14 },
];

const ATTENDANCE_COLUMNS: Column[] = [
  { header: '序号', key: 'n', width: 6, center: true },
  { header: '姓名', key: 'name', width: 12, center: true },
  { header: '所在党组织', key: 'org', width: 32 },
  { header: '出席情况', key: 'status', width: 10, center: true },
  { header: '原因', key: 'reason', width: 28 },
  { header: '签到时间', key: 'signedInAt', width: 18, center: true },
  { header: '签到方式', key: 'source', width: 10, center: true },
];

/** How many lines a value takes in a column of the width (a Chinese character is about two units wide). */
function linesIn(value: string | number | null | undefined, width: number): number {
  if (value === null || value === undefined) return 1;
  return String(value)
    .split('\n')
    .reduce(
      (n, line) =>
        n +
        Math.max(
          1,
          Math.ceil(
            [...line].reduce((w, ch) => w + (ch.codePointAt(0)! > 0x2e80 ? 1.8 : 1.1), 0) /
              Math.max(1, width - 1),
          ),
        ),
      0,
    );
}

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BOXED: Partial<ExcelJS.Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/**
 * A sheet with a merged title row, a bold header row frozen under it, borders, widths, and print
 * settings (A4, fit to the page width, the header repeated on every page).
 */
function tableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: Column[],
  landscape: boolean,
) {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const titleRow = ws.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.height = 30;
  ws.mergeCells(1, 1, 1, columns.length);
  titleRow.getCell(1).font = { bold: true, size: 16 };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  const header = ws.getRow(2);
  header.values = columns.map((c) => c.header);
  header.height = 20;
  header.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    c.border = BOXED;
  });
  const addRow = (values: Record<string, string | number | null>) => {
    const row = ws.addRow(values);
    // spreadsheet programs do not grow rows to wrapped text when they open a file: give the height
    row.height = 15 * Math.max(...columns.map((c) => linesIn(values[c.key], c.width))) + 3;
    columns.forEach((c, i) => {
      const x = row.getCell(i + 1);
      x.border = BOXED;
      x.alignment = { vertical: 'middle', wrapText: true, horizontal: c.center ? 'center' : 'left' };
    });
    return row;
  };
  return { ws, addRow };
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The activity ledger of one organization for a year: the activities it hosted, joint ones included. */
export async function activityLedger(ctx: Ctx, orgId: string, year: number): Promise<LedgerFile> {
  const org = await loadOrg(ctx, ctx.db, orgId, 'activity.read');
  const rows = await q.hostedBetween(ctx.db, org.id, `${year}-01-01`, `${year}-12-31`);
  const ids = rows.map((r) => r.id);
  const counts = new Map<string, Record<AttendanceStatus, number>>();
  for (const c of await q.attendanceCounts(ctx.db, ids)) {
    const entry = counts.get(c.activityId) ?? { present: 0, absent: 0, excused: 0 };
    entry[c.status as AttendanceStatus] = Number(c.n);
    counts.set(c.activityId, entry);
  }
  const coHosts = new Map<string, string[]>();
  for (const h of await q.hostNames(ctx.db, ids)) {
    if (h.orgId !== org.id) coHosts.set(h.activityId, [...(coHosts.get(h.activityId) ?? []), h.name]);
  }

  const title = `${org.name} ${year}年组织生活台账`;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongjian 共建';
  wb.title = title;
  const { ws, addRow } = tableSheet(wb, `${year}年活动台账`, title, LEDGER_COLUMNS, true);
  rows.forEach((r, i) => {
    const c = counts.get(r.id) ?? { present: 0, absent: 0, excused: 0 };
    addRow({
      n: i + 1,
      type: typeLabel(r.type, r.customTypeName),
      date: r.heldOn,
      time: timeSpan(r.startsAt, r.endsAt),
      place: placeLabel(r),
      theme: r.theme,
      presider: r.presider,
      recorder: r.recorder,
      expected: c.present + c.absent + c.excused,
      present: c.present,
      absent: c.absent,
      excused: c.excused,
      state: stateLabel(r.state),
      coHosts: (coHosts.get(r.id) ?? []).join('、') || null,
      note: r.state === 'cancelled' && r.cancelReason ? `取消原因：${r.cancelReason}` : null,
    });
  });
  const held = rows.filter((r) => r.state === 'held').length;
  const summary = ws.addRow([
    `共 ${rows.length} 项：${ACTIVITY_STATE_LABELS.held} ${held} 项，${ACTIVITY_STATE_LABELS.planned} ${rows.filter((r) => r.state === 'planned').length} 项，${ACTIVITY_STATE_LABELS.cancelled} ${rows.filter((r) => r.state === 'cancelled').length} 项`,
  ]);
  ws.mergeCells(summary.number, 1, summary.number, LEDGER_COLUMNS.length);
  summary.getCell(1).font = { italic: true };
  return { filename: safeFilename(`${org.name}-${year}年组织生活台账.xlsx`), body: await toBuffer(wb) };
}

/** The minutes of one activity as a Word document. */
export async function activityMinutes(ctx: Ctx, activityId: string): Promise<LedgerFile> {
  const a = await getActivity(ctx, activityId);
  const typeName = typeLabel(a.type, await q.customTypeName(ctx.db, a.customTypeId));
  const body = await minutesDocx(a, typeName);
  return { filename: safeFilename(`${a.heldOn}-${a.theme}-会议记录.docx`), body };
}

const STATUS_ORDER: Record<AttendanceStatus, number> = { present: 0, excused: 1, absent: 2 };
const byPinyin = new Intl.Collator('zh-Hans-CN');

/** present first in sign-in order, then excused, then absent; names by pinyin within each */
function sheetOrder(x: Attendee, y: Attendee): number {
  return (
    STATUS_ORDER[x.status] - STATUS_ORDER[y.status] ||
    (x.signedInAt ?? '\uffff').localeCompare(y.signedInAt ?? '\uffff') ||
    byPinyin.compare(x.name, y.name)
  );
}

/** The attendance sheet of one activity: who attended, who was absent or excused and why, and how each signed in. */
export async function attendanceSheet(ctx: Ctx, activityId: string): Promise<LedgerFile> {
  const a = await getActivity(ctx, activityId);
  const typeName = typeLabel(a.type, await q.customTypeName(ctx.db, a.customTypeId));
  const title = `${a.theme} 签到表`;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongjian 共建';
  wb.title = title;
  const { ws, addRow } = tableSheet(wb, '签到表', title, ATTENDANCE_COLUMNS, false);
  const list = [...a.attendees].sort(sheetOrder);
  list.forEach((x, i) => {
    const present = x.status === 'present';
    addRow({
      n: i + 1,
      name: x.name,
      org: x.orgName,
      status: ATTENDANCE_LABELS[x.status],
      reason: present ? null : x.reason,
      signedInAt: present && x.signedInAt ? chinaDateTime(x.signedInAt) : null,
      source: present ? SIGN_IN_SOURCE_LABELS[x.source] : null,
    });
  });
  const n = (s: AttendanceStatus) => a.attendees.filter((x) => x.status === s).length;
  const start = chinaTime(a.startsAt);
  const footer = [
    `${typeName}｜${a.hosts.map((h) => h.name).join('、')}｜${start.date} ${timeSpan(a.startsAt, a.endsAt)}｜${placeLabel(a) || '—'}`,
    `应到 ${a.attendees.length} 人，实到 ${n('present')} 人，缺席 ${n('absent')} 人，请假 ${n('excused')} 人`,
  ];
  for (const text of footer) {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, ATTENDANCE_COLUMNS.length);
  }
  return { filename: safeFilename(`${a.heldOn}-${a.theme}-签到表.xlsx`), body: await toBuffer(wb) };
}
