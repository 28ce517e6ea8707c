import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import { todayInChina } from '../domain/dates';
import { messageText } from '../domain/messages/registry';
import { passwordProblem, passwordProblemMessage } from '../domain/passwords/rules';
import { setAuditKey } from './audit';
import type { Config } from './config';
import type { Ctx } from './context';
import { fieldCrypto } from './crypto';
import type { Database } from './db/client';
import { users } from './db/schema/auth';
import { orgs } from './db/schema/orgs';
import { loadDemo } from './demo/seed';
import { createUser } from './modules/users/service';

/** Acts as the system itself (first start, command line): a global admin with no user behind it. */
export function systemCtx(database: Database, config: Config): Ctx {
  setAuditKey(config.secretKey); // the first start writes audit events before the app is built
  return {
    db: database.db,
    actor: { userId: '', memberId: null, grants: [{ role: 'admin', orgPath: null }] },
    requestId: 'system',
    today: todayInChina(),
    lang: 'zh',
    crypto: fieldCrypto(config.secretKey),
    config,
  };
}

export interface BootstrapReport {
  adminCreated: { password: string; generated: boolean } | null;
  demo: { accounts: { username: string; password: string; role: string; org: string }[] } | null;
}

/** First start of a database: the admin account, and the demo organizations when wanted. */
export async function bootstrap(database: Database, config: Config): Promise<BootstrapReport> {
  const ctx = systemCtx(database, config);
  const [{ n: userCount } = { n: 0 }] = await database.db.select({ n: count() }).from(users);
  const [{ n: orgCount } = { n: 0 }] = await database.db.select({ n: count() }).from(orgs);
  const report: BootstrapReport = { adminCreated: null, demo: null };
  if (userCount === 0) {
    const problem = config.adminPassword === null ? null : passwordProblem(config.adminPassword, 'admin');
    if (problem) {
      const { code, params } = passwordProblemMessage(problem);
      throw new Error(`configuration: GONGJIAN_ADMIN_PASSWORD ${messageText(code, params, 'en')}`);
    }
    const password = config.adminPassword ?? randomBytes(12).toString('base64url');
    await createUser(ctx, { username: 'admin', password, displayName: '系统管理员', roles: [{ role: 'admin', orgId: null }] });
    report.adminCreated = { password, generated: !config.adminPassword };
  }
  const isNew = userCount === 0 && orgCount === 0;
  const wantDemo = config.demo ?? (isNew && database.embedded);
  if (wantDemo && orgCount === 0) report.demo = await loadDemo(ctx);
  return report;
}
