// The minutes of one activity as a Word document laid out as a standard meeting record (会议记录):
// title, the record table (name, type, time, place, presider, recorder, counts, who attended, who was
// absent and why, who sat in), then agenda, content, resolutions and, for a general assembly, votes.

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Activity } from '../../../domain/schemas/activities';
import {
  ATTENDANCE_LABELS,
  chineseDate,
  chineseDateWithWeekday,
  placeLabel,
  stateLabel,
  timeSpan,
  chinaTime,
  typeLabel,
} from './labels';

// A4 portrait in twips, with the margins of official documents (37 mm top, 35 mm bottom, 28 / 26 mm sides)
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 2098, bottom: 1984, left: 1588, right: 1474 };
const BODY_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 8844

const SONG = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体', cs: 'SimSun' };
const HEI = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '黑体', cs: 'SimHei' };
const BODY_SIZE = 24; // half-points: 12 pt (小四)
const INDENT = 480; // two characters of 12 pt

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

function cell(
  text: string | Paragraph[],
  width: number,
  opts: { label?: boolean; span?: number; center?: boolean } = {},
): TableCell {
  const children =
    typeof text === 'string'
      ? [
          new Paragraph({
            alignment: opts.label || opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
            children: [new TextRun({ text, bold: opts.label ?? false })],
          }),
        ]
      : text;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span,
    verticalAlign: VerticalAlign.CENTER,
    children,
  });
}

/** lines of a text cell, each its own paragraph */
function lines(values: string[], empty = '无'): Paragraph[] {
  const list = values.length ? values : [empty];
  return list.map((v) => new Paragraph({ children: [new TextRun(v)] }));
}

function heading(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
}

function bodyParagraph(text: string, indent = true): Paragraph {
  const runs = text.split('\n').map((line, i) => new TextRun({ text: line.trimEnd(), break: i > 0 ? 1 : 0 }));
  return new Paragraph({
    indent: indent ? { firstLine: INDENT } : undefined,
    spacing: { line: 360 },
    children: runs,
  });
}

/** "第一，…" or "1. …" lines keep their numbers; plain lines of a list get one */
const NUMBERED = /^\s*(\d+|[一二三四五六七八九十]+)\s*[.、．)）]/;

function agenda(text: string | null): Paragraph[] {
  const items = (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (items.length === 0) return [bodyParagraph('无', false)];
  const number = items.length > 1 && !items.some((l) => NUMBERED.test(l));
  return items.map((l, i) => bodyParagraph(number ? `${i + 1}. ${l}` : l));
}

function content(text: string | null): Paragraph[] {
  const paragraphs = (text ?? '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return paragraphs.length ? paragraphs.map((p) => bodyParagraph(p)) : [bodyParagraph('无', false)];
}

function resolutions(a: Activity): Paragraph[] {
  if (a.resolutions.length === 0) return [bodyParagraph('无', false)];
  return a.resolutions.flatMap((r, i) => {
    const facts = [
      `责任人：${r.owner?.name ?? '未指定'}`,
      `完成时限：${r.dueOn ? chineseDate(r.dueOn) : '未定'}`,
    ];
    if (r.doneOn) facts.push(`已于${chineseDate(r.doneOn)}完成`);
    return [
      bodyParagraph(`${i + 1}. ${r.text}`),
      new Paragraph({
        indent: { left: INDENT * 2 },
        spacing: { line: 360 },
        children: [new TextRun(facts.join('　　'))],
      }),
    ];
  });
}

const VOTE_COLUMNS = [
  { header: '表决事项', width: 2844 },
  { header: '应到', width: 800 },
  { header: '实到', width: 800 },
  { header: '赞成', width: 1200 },
  { header: '反对', width: 800 },
  { header: '弃权', width: 800 },
  { header: '是否通过', width: 1600 },
];

function votes(a: Activity): (Paragraph | Table)[] {
  if (a.votes.length === 0) return [bodyParagraph('本次会议无表决事项。', false)];
  const header = new TableRow({
    tableHeader: true,
    children: VOTE_COLUMNS.map((c) => cell(c.header, c.width, { label: true })),
  });
  const rows = a.votes.map((v) => {
    const values = [
      v.subject,
      String(v.entitled),
      String(v.present),
      v.writtenYes ? `${v.yes}（另书面${v.writtenYes}）` : String(v.yes),
      String(v.no),
      String(v.abstain),
      v.passed ? '通过' : v.quorum ? '未通过' : '未通过（到会不足半数）',
    ];
    return new TableRow({
      children: values.map((x, i) => cell(x, VOTE_COLUMNS[i]!.width, { center: i > 0 })),
    });
  });
  return [
    new Table({
      width: { size: BODY_WIDTH, type: WidthType.DXA },
      columnWidths: VOTE_COLUMNS.map((c) => c.width),
      borders: BORDERS,
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      rows: [header, ...rows],
    }),
    new Paragraph({
      spacing: { before: 120 },
      children: [
        new TextRun({
          text: '注：到会有表决权的党员超过应到会人数的半数，会议方有效；赞成票超过应到会有表决权党员的半数，方为通过。',
          size: 20,
        }),
      ],
    }),
  ];
}

const LABEL = 2000; // "缺席人员及原因" on one line
const W = { label: LABEL, value: (BODY_WIDTH - 2 * LABEL) / 2, full: BODY_WIDTH - LABEL };

function recordTable(a: Activity, typeName: string): Table {
  const start = chinaTime(a.startsAt);
  const present = a.attendees.filter((x) => x.status === 'present');
  const missing = a.attendees.filter((x) => x.status !== 'present');
  const pair = (l1: string, v1: string, l2: string, v2: string) =>
    new TableRow({
      children: [
        cell(l1, W.label, { label: true }),
        cell(v1, W.value),
        cell(l2, W.label, { label: true }),
        cell(v2, W.value),
      ],
    });
  const wide = (label: string, value: string | Paragraph[]) =>
    new TableRow({ children: [cell(label, W.label, { label: true }), cell(value, W.full, { span: 3 })] });
  const rows = [
    wide('会议名称', a.theme),
    pair('会议类型', typeName, '会议状态', stateLabel(a.state)),
    wide('时间', `${chineseDateWithWeekday(start.date)} ${timeSpan(a.startsAt, a.endsAt)}`),
    wide('地点', placeLabel(a) || '—'),
    pair('主持人', a.presider?.name ?? '', '记录人', a.recorder?.name ?? ''),
  ];
  if (a.speaker)
    rows.push(wide(a.type === 'party_lecture' || a.type === 'micro_lesson' ? '主讲人' : '发言人', a.speaker));
  if (a.talkMembers.length) rows.push(wide('谈话双方', a.talkMembers.map((m) => m.name).join('、')));
  rows.push(
    pair('应到人数', `${a.attendees.length} 人`, '实到人数', `${present.length} 人`),
    wide('出席人员', present.map((x) => x.name).join('、') || '无'),
    wide(
      '缺席人员及原因',
      lines(
        missing.map((x) => `${x.name}（${ATTENDANCE_LABELS[x.status]}${x.reason ? `：${x.reason}` : ''}）`),
      ),
    ),
    wide(
      '列席人员',
      lines(
        a.guests.map((g) => [g.name, [g.unit, g.title].filter(Boolean).join(' ')].filter(Boolean).join('，')),
      ),
    ),
  );
  if (a.state === 'cancelled') rows.push(wide('取消原因', a.cancelReason ?? ''));
  return new Table({
    width: { size: BODY_WIDTH, type: WidthType.DXA },
    columnWidths: [W.label, W.value, W.label, W.value],
    borders: BORDERS,
    margins: { top: 80, bottom: 80, left: 120, right: 120 },
    rows,
  });
}

/** The .docx of one activity's minutes. */
export async function minutesDocx(a: Activity, typeName = typeLabel(a.type)): Promise<Buffer> {
  const title = `${a.hosts.map((h) => h.name).join('、')}会议记录`;
  const showVotes = a.type === 'general_assembly' || a.votes.length > 0;
  const doc = new Document({
    creator: 'gongjian 共建',
    title,
    styles: {
      default: {
        document: { run: { font: SONG, size: BODY_SIZE }, paragraph: { spacing: { line: 300 } } },
        title: {
          run: { font: HEI, size: 44, bold: false, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 360 } },
        },
        heading2: {
          run: { font: HEI, size: 28, bold: false, color: '000000' },
          paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
                    size: 18,
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
          recordTable(a, typeName),
          heading('会议议程'),
          ...agenda(a.agenda),
          heading('会议内容'),
          ...content(a.minutes),
          heading('会议决议'),
          ...resolutions(a),
          ...(showVotes ? [heading('表决情况'), ...votes(a)] : []),
          new Paragraph({
            spacing: { before: 720 },
            alignment: AlignmentType.RIGHT,
            children: [new TextRun('主持人（签字）：____________　　记录人（签字）：____________')],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
