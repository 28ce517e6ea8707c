import { isOverdue } from '../../../domain/pairings/deadlines';
import { labelText } from '../../../domain/messages/registry';
import type { DemandState } from '../../../domain/pairings/enums';
import type { DemandExportQuery } from '../../../domain/schemas/demands';
import type { Ctx } from '../../context';
import { listExport, type ListExport } from '../../listSheet';
import * as q from './queries';
import { demandListWhere } from './service';

// The demands list's current filter as .xlsx: every demand it selects, all pages, in the list's order and within the
// pairings the caller may read (demandListWhere). Read in keyset batches and streamed row by row; the access check
// runs before anything is sent, so a refusal is still a JSON error. The labels are the interface's Chinese ones.

export const EXPORT_BATCH = 500;

const COLUMNS = [
  { header: '序号', key: 'n', width: 6 },
  { header: '诉求标题', key: 'title', width: 32 },
  { header: '结对共建', key: 'pairing', width: 30 },
  { header: '提出方', key: 'raisedBy', width: 24 },
  { header: '提出日期', key: 'raisedOn', width: 12 },
  { header: '类别', key: 'category', width: 10 },
  { header: '紧急程度', key: 'urgency', width: 9 },
  { header: '状态', key: 'state', width: 8 },
  { header: '承办方', key: 'assignedTo', width: 24 },
  { header: '承办人', key: 'assignee', width: 12 },
  { header: '受理日期', key: 'acceptedOn', width: 12 },
  { header: '办理期限', key: 'dueOn', width: 12 },
  { header: '是否超期', key: 'overdue', width: 9 },
  { header: '办结日期', key: 'resolvedOn', width: 12 },
  { header: '办理结果', key: 'resolution', width: 36 },
  { header: '评价', key: 'rating', width: 6 },
  { header: '诉求内容', key: 'description', width: 48 },
];

export async function prepareDemandListExport(ctx: Ctx, query: DemandExportQuery, opts: { batchSize?: number } = {}): Promise<ListExport> {
  const batch = opts.batchSize ?? EXPORT_BATCH;
  const where = await demandListWhere(ctx, query);

  async function* rows(ctx: Ctx) {
    let n = 0;
    let after: [string, string] | null = null;
    for (;;) {
      const rows: q.NamedDemandRow[] = (await q.listPage(ctx.db, where, after, batch)).slice(0, batch);
      if (rows.length === 0) break;
      for (const r of rows) {
        const d = r.demand;
        const state = d.state as DemandState;
        yield {
          n: (n += 1),
          title: d.title,
          pairing: r.pairingTitle,
          raisedBy: r.raisedByOrgName,
          raisedOn: d.raisedOn,
          category: labelText('pairingCategory', d.category, 'zh') ?? d.category,
          urgency: labelText('urgency', d.urgency, 'zh') ?? d.urgency,
          state: labelText('demandState', state, 'zh') ?? state,
          assignedTo: r.assignedOrgName ?? '',
          assignee: d.assigneeId ? (r.assigneeName ?? '') : '',
          acceptedOn: d.acceptedOn ?? '',
          dueOn: d.dueOn ?? '',
          overdue: isOverdue({ state, dueOn: d.dueOn, escalatedOn: d.escalatedOn }, ctx.today) ? '是' : '否',
          resolvedOn: d.resolvedOn ?? '',
          resolution: d.resolution ?? '',
          rating: d.rating ?? '',
          description: d.description,
        };
      }
      if (rows.length < batch) break;
      const last = rows[rows.length - 1]!.demand;
      after = [last.raisedOn, last.id];
    }
  }

  return listExport(ctx, `诉求列表-${ctx.today}.xlsx`, '诉求列表', COLUMNS, rows);
}
