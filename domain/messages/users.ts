import type { Catalog } from './text';

// Administering accounts: roles, disabling, resets (server/modules/users).

export const USERS: Catalog = {
  user_self: { zh: '不能停用自己的账号或更改自己的权限', en: 'You cannot disable your own account or change your own roles' },
  no_such_user: { zh: '没有这个账号', en: 'no such account' },
  user_out_of_scope: { zh: '该账号有您管理范围以外的角色，不能停用或启用', en: 'the account holds roles outside what you administer' },
  grant_out_of_scope: {
    zh: '只能在自己管理的党组织范围内授予或收回角色，且不能授予管理员角色',
    en: 'You may grant or take back roles only within the organizations you administer, and never the admin role',
  },
};
