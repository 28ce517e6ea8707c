import type { AccessRole } from '../enums';
import type { Texts } from '../messages/text';

// What a role is called, for files the server writes (the users export, the audit export); the web
// app's enums.accessRole says the same (labels.test.ts holds them together).

export const ACCESS_ROLE_LABELS: Record<AccessRole, Texts> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  org_admin: { zh: '组织管理员', en: 'Organization admin' },
  secretary: { zh: '书记', en: 'Secretary' },
  member: { zh: '党员', en: 'Member' },
  viewer: { zh: '查看者', en: 'Viewer' },
};
