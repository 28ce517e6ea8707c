import type { ActivityExportQuery } from '../../../domain/schemas/activities';
import type { Ctx } from '../../context';
import { listExport, type ListExport } from '../../listSheet';
import { chinaTime, placeLabel, stateLabel, timeSpan, typeLabel } from '../ledgers/labels';
import * as q from './queries';
import { activityListWhere } from './service';

// The activities list's current filter as .xlsx: every activity it selects, all pages, in the list's order and inside
// the same scope (activityListWhere). Read in keyset batches and streamed row by row, so a zone's years stay flat in
// memory; the access check runs before anything is sent, so a refusal is still a JSON error.

export const EXPORT_BATCH = 500;

const COLUMNS = [
  { header: '序号', key: 'n', width: 6 },
  { header: '日期', key: 'date', width: 12 },
  { header: '时间', key: 'time', width: 14 },
  { header: '活动类型', key: 'type', width: 14 },
  { header: '主题', key: 'theme', width: 36 },
  { header: '主办组织', key: 'hosts', width: 36 },
  { header: '地点', key: 'place', width: 20 },
  { header: '主持人', key: 'presider', width: 10 },
  { header: '状态', key: 'state', width: 8 },
  { header: '出席', key: 'present', width: 6 },
  { header: '缺席', key: 'absent', width: 6 },
  { header: '请假', key: 'excused', width: 6 },
  { header: '取消原因', key: 'cancelReason', width: 24 },
];

export async function prepareActivityListExport(ctx: Ctx, query: ActivityExportQuery, opts: { batchSize?: number } = {}): Promise<ListExport> {
  const batch = opts.batchSize ?? EXPORT_BATCH;
  const where = await activityListWhere(ctx, query);

  async function* rows(ctx: Ctx) {
    let n = 0;
    let after: [string, string] | null = null;
    while (where !== null) {
      const rows: q.ActivityRow[] = (await q.listPage(ctx.db, where, after, batch)).slice(0, batch);
      if (rows.length === 0) break;
      const ids = rows.map((r) => r.id);
      const hosts = await q.hostsOf(ctx.db, ids);
      const counts = await q.attendanceCounts(ctx.db, ids);
      const presiders = new Map((await q.memberRefs(ctx.db, rows.flatMap((r) => (r.presiderMemberId ? [r.presiderMemberId] : [])))).map((m) => [m.id, m.name]));
      const customNames = await q.customTypeNames(ctx.db, rows.flatMap((r) => (r.customTypeId ? [r.customTypeId] : [])));
      for (const r of rows) {
        const count = (status: string) => counts.find((c) => c.activityId === r.id && c.status === status)?.n ?? 0;
        // the organizer first, as the list shows them; a co-host still asked for its consent is marked
        const own = hosts.filter((h) => h.activityId === r.id).sort((x, y) => Number(y.path === r.orgPath) - Number(x.path === r.orgPath));
        const startsAt = new Date(r.startsAt).toISOString();
        yield {
          n: (n += 1),
          date: chinaTime(startsAt).date,
          time: timeSpan(startsAt, new Date(r.endsAt).toISOString()),
          type: typeLabel(r.type, r.customTypeId ? customNames.get(r.customTypeId) : null),
          theme: r.theme,
          hosts: own.map((h) => (h.acceptedAt === null ? `${h.name}（待确认）` : h.name)).join('、'),
          place: placeLabel(r),
          presider: r.presiderMemberId ? (presiders.get(r.presiderMemberId) ?? '') : '',
          state: stateLabel(r.state),
          present: count('present'),
          absent: count('absent'),
          excused: count('excused'),
          cancelReason: r.cancelReason ?? '',
        };
      }
      if (rows.length < batch) break;
      const last = rows[rows.length - 1]!;
      after = [last.startsAt, last.id];
    }
  }

  return listExport(ctx, `活动列表-${ctx.today}.xlsx`, '活动列表', COLUMNS, rows);
}
