import { localDateTime } from '../../../domain/signInWindow';
import type { UserFilter } from '../../../domain/schemas/users';
import { ACCESS_ROLE_LABELS } from '../../../domain/users/labels';
import type { Ctx } from '../../context';
import { listExport, type ListExport } from '../../listSheet';
import { findUsers, grantsOfUsers } from './queries';
import { userFilter } from './service';

// The accounts list as .xlsx: exactly the accounts the list's filter selects within the caller's
// scope (every page of it), roles and organizations named, times in the installation's time zone.

const PAGE = 500;
const COLUMNS = [
  { header: '用户名', key: 'username', width: 20 },
  { header: '姓名', key: 'displayName', width: 14 },
  { header: '角色', key: 'roles', width: 60 },
  { header: '状态', key: 'state', width: 8 },
  { header: '最近登录', key: 'lastLogin', width: 18 },
];

export async function usersWorkbook(ctx: Ctx, q: UserFilter): Promise<ListExport> {
  const filter = await userFilter(ctx, q);
  async function* rows(ctx: Ctx) {
    for (let offset = 0; ; offset += PAGE) {
      const { rows } = await findUsers(ctx.db, filter, { limit: PAGE, offset });
      const grants = await grantsOfUsers(ctx.db, rows.map((r) => r.id));
      for (const u of rows) {
        yield {
          username: u.username,
          displayName: u.displayName ?? '',
          roles: (grants.get(u.id) ?? []).map((g) => `${ACCESS_ROLE_LABELS[g.role].zh} · ${g.orgName ?? '全部组织'}`).join('；'),
          state: u.disabled ? '已停用' : '正常',
          lastLogin: u.lastLoginAt ? localDateTime(u.lastLoginAt.toISOString(), ctx.config.timeZone) : '从未登录',
        };
      }
      if (rows.length < PAGE) break;
    }
  }
  return listExport(ctx, `用户-${ctx.today}.xlsx`, '用户', COLUMNS, rows);
}
