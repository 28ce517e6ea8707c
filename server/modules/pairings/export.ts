// The pairing list as its filter shows it (.xlsx): every pairing the list's filters select among those the caller may
// read, all pages, newest validity first, with this quarter's health as the list computes it. It holds no contact
// phones, so it is not personal data.

import { labelText } from '../../../domain/messages/registry';
import { stateOn } from '../../../domain/pairings/agreements';
import type { HealthState } from '../../../domain/pairings/health';
import type { PairingExportQuery } from '../../../domain/schemas/pairings';
import type { Ctx } from '../../context';
import { listExport, type ListExport } from '../../listSheet';
import { listHealth } from './health';
import * as q from './queries';
import { listWhere } from './service';

const HEALTH: Record<HealthState, string> = { on_track: '运行良好', needs_attention: '需要关注', inactive: '不活跃' };
/** pairings read per query (their parties and health with them) */
const PAGE = 500;
const COLUMNS = [
  { header: '序号', key: 'n', width: 6 },
  { header: '协议名称', key: 'title', width: 32 },
  { header: '结对双方', key: 'parties', width: 40 },
  { header: '协调单位', key: 'coordinator', width: 24 },
  { header: '签订日期', key: 'signedOn', width: 16 },
  { header: '有效期起', key: 'validFrom', width: 16 },
  { header: '有效期止', key: 'validTo', width: 16 },
  { header: '状态', key: 'state', width: 8 },
  { header: '本季度运行情况', key: 'health', width: 14 },
  { header: '联合活动（已开展/应开展）', key: 'activities', width: 16 },
  { header: '逾期承诺', key: 'commitments', width: 10 },
  { header: '逾期诉求', key: 'demands', width: 10 },
];
const chineseDate = (d: string | null) => (d ? `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '');

export function pairingsXlsx(ctx: Ctx, query: PairingExportQuery): ListExport {
  const where = listWhere(ctx, query);
  async function* rows(ctx: Ctx) {
    let n = 0;
    let after: [string, string] | null = null;
    // by keyset pages of the list's own order, so the file holds exactly the list's rows however many there are
    for (;;) {
      const rows = await q.listPage(ctx.db, where, after, PAGE);
      const page = rows.slice(0, PAGE);
      const ids = page.map((r) => r.id);
      const [parties, coordinators, health] = await Promise.all([
        q.partiesOf(ctx.db, ids),
        q.orgsByIds(ctx.db, page.map((r) => r.coordinatorOrgId).filter((x): x is string => !!x)),
        listHealth(ctx.db, page, ctx.today),
      ]);
      const coordinatorName = new Map(coordinators.map((o) => [o.id, o.name]));
      for (const r of page) {
        const h = health.get(r.id);
        yield {
          n: ++n,
          title: r.title,
          parties: parties
            .filter((p) => p.pairingId === r.id)
            .map((p) => p.orgName)
            .join(' ⇄ '),
          coordinator: (r.coordinatorOrgId && coordinatorName.get(r.coordinatorOrgId)) ?? '',
          signedOn: chineseDate(r.signedOn),
          validFrom: chineseDate(r.validFrom),
          validTo: chineseDate(r.validTo),
          state: labelText('pairingState', stateOn(r, ctx.today), 'zh'),
          health: h ? HEALTH[h.state] : '',
          activities: h ? `${h.activitiesHeld}/${h.activitiesRequired}` : '',
          commitments: h ? h.commitmentsOverdue : '',
          demands: h ? h.demandsOverdue : '',
        };
      }
      const last = page.at(-1);
      if (rows.length <= PAGE || !last) break;
      after = [last.validFrom, last.id];
    }
  }
  return listExport(ctx, `结对共建列表-${ctx.today}.xlsx`, '结对共建', COLUMNS, rows);
}
