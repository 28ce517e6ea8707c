import { changesText } from '../../../domain/audit/changes';
import { AUDIT_ACTIONS, AUDIT_SUBJECTS, auditLabel } from '../../../domain/audit/labels';
import type { AuditFilter } from '../../../domain/schemas/audit';
import { localDateTime } from '../../../domain/signInWindow';
import type { Ctx } from '../../context';
import { listExport, type ListExport } from '../../listSheet';
import { findAuditEvents } from './queries';
import { auditWhere, namedEvents } from './service';

// The audit log's current filter as .xlsx, newest first, in the words of the audit page: actions and
// object types by their labels (domain/audit/labels.ts), ids by name, the changes field by field.
// Read in batches by event number and streamed; a filter selecting more than the cap is cut there, with a note.

const BATCH = 1000;
export const AUDIT_EXPORT_CAP = 50_000;

const COLUMNS = [
  { header: '时间', key: 'at', width: 18 },
  { header: '操作人', key: 'actor', width: 16 },
  { header: '操作', key: 'action', width: 18 },
  { header: '对象类型', key: 'subjectType', width: 12 },
  { header: '对象', key: 'subject', width: 30 },
  { header: '所属组织', key: 'org', width: 28 },
  { header: '变更内容', key: 'changes', width: 80, wrap: true },
];

export function auditWorkbook(ctx: Ctx, q: AuditFilter, opts: { cap?: number } = {}): ListExport {
  const cap = opts.cap ?? AUDIT_EXPORT_CAP;
  const where = auditWhere(ctx, q);
  const tz = ctx.config.timeZone;
  async function* rows(ctx: Ctx) {
    let written = 0;
    let beforeSeq: number | undefined;
    while (written < cap) {
      const rows = await findAuditEvents(ctx.db, where, { limit: Math.min(BATCH, cap - written + 1), beforeSeq });
      const { items, names } = await namedEvents(ctx, rows.slice(0, cap - written));
      for (const e of items) {
        yield {
          at: localDateTime(e.at, tz),
          actor: (e.actorUserId && names.get(e.actorUserId)) || e.actorName || '系统',
          action: auditLabel(AUDIT_ACTIONS, e.action, 'zh') ?? e.action,
          subjectType: auditLabel(AUDIT_SUBJECTS, e.subjectType, 'zh') ?? e.subjectType,
          subject: e.subjectName ?? '已删除',
          org: e.orgName ?? '',
          changes: changesText(e.before, e.after, names, tz, e.subjectType),
        };
      }
      written += items.length;
      if (rows.length > items.length) {
        yield { at: `仅导出最近 ${cap} 条，请缩小筛选范围` };
        break;
      }
      if (rows.length < BATCH) break;
      beforeSeq = rows[rows.length - 1]!.seq;
    }
  }
  return listExport(ctx, `操作日志-${ctx.today}.xlsx`, '操作日志', COLUMNS, rows);
}
