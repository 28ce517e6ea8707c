import { createWriteStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { describeProblem, parseCheckpoints, readCheckpoint, setAuditKey, verifyAudit } from './audit';
import { buildApp } from './app';
import { backup, restore, verifyBackup } from './backup';
import { bootstrap, systemCtx } from './bootstrap';
import { loadConfig, type Config } from './config';
import { AppError, type FieldError } from './errors';
import { openDatabase, type Database } from './db/client';
import { verifyAssessment } from './modules/assessments/service';
import { verifyResults } from './modules/compliance/results';
import { prepareMemberExport } from './modules/exports/service';
import { runImport } from './modules/imports/service';
import { startReminderScheduler } from './modules/notifications/scheduler';
import { createUser, resetPasswordByName } from './modules/users/service';
import { todayInChina } from '../domain/dates';
import { ACCESS_ROLES, type AccessRole } from '../domain/enums';

const USAGE = `gongjian — 共建

usage: npm run cli -- <command> [options]

  serve                         migrate, load demo data into a new embedded database, and serve
  migrate                       apply database migrations
  seed                          load the demo organizations (into an empty database)
  import <file> --kind members|orgs [--commit]
                                check a spreadsheet (dry run), or apply it with --commit
  export --org <id> --out <file.xlsx>
                                export an organization subtree's roster
  backup <file>                 write a backup (PGlite or PostgreSQL) to a .jsonl.gz file
  backup --verify <file>        check a backup (header, schema version, secret key, every line) without restoring
  restore <file>                replace the database's contents with a backup (same secret key)
  assessment verify <id>        recount an assessment from its ballots; exit 0 when it agrees with what was stored and shown
  audit verify [--checkpoints <file>]
                                check the audit trail's chain, its checkpoint, and exported ones
  audit checkpoint              print the signed head of the chain (one JSON line) for export
  compliance verify             recompute the maintained compliance results live and name the first that differs
  user create <username> --password <pw> --role <role> [--org <id>]
  user password <username> [--password <pw>]
                                reset a password (prompted when not given); ends the user's sessions and tokens

Configuration comes from the environment: see README.md.`;

/** The database the configuration names (see Engine in server/db/client.ts). */
export function openConfigured(config: Config): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir, engine: config.engine, secretKey: config.secretKey });
}

async function withDatabase<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const database = await openConfigured(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

function printBootstrap(report: Awaited<ReturnType<typeof bootstrap>>, url: string | null): void {
  if (report.adminCreated) {
    console.log(`\n  管理员 admin account: username admin, password ${report.adminCreated.password}${report.adminCreated.generated ? '  (generated: note it now)' : ''}`);
  }
  if (report.demo) {
    console.log('  演示账号 demo accounts:');
    for (const a of report.demo.accounts) console.log(`    ${a.username.padEnd(12)} ${a.password}  ${a.role} @ ${a.org}`);
  }
  if (url) console.log(`\n  gongjian is ready at ${url}\n`);
}

async function serve(config: Config): Promise<void> {
  const database = await openConfigured(config);
  const report = await bootstrap(database, config);
  const app = await buildApp({ database, config, logger: true });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: closing`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Without its database the app can only fail: say so on /health for a moment, then exit non-zero
  // so a supervisor restarts both (what PostgreSQL acknowledged is on disk; the restart recovers it).
  database.server?.onUnexpectedExit((code, signal) => {
    app.log.error(`the embedded PostgreSQL server exited (${signal ?? code}); stopping`);
    setTimeout(() => process.exit(3), 1000).unref();
  });
  // hooks must be added before listen: Fastify refuses them afterwards
  const reminders = startReminderScheduler(database, config, app.log);
  app.addHook('onClose', () => reminders.stop());
  const address = await app.listen({ port: config.port, host: config.host });
  printBootstrap(report, address);
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      commit: { type: 'boolean', default: false },
      org: { type: 'string' },
      out: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      checkpoints: { type: 'string' },
      verify: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1;
    case 'migrate':
      await withDatabase(config, async (db) => console.log(`migrations applied (${db.kind})`));
      return 0;
    case 'seed':
      return withDatabase(config, async (db) => {
        const report = await bootstrap(db, { ...config, demo: true });
        if (!report.demo) console.log('the database already has organizations: demo data not loaded');
        printBootstrap(report, null);
        return 0;
      });
    case 'backup': {
      const file = rest[0];
      if (!file) throw new Error('backup needs a file name');
      if (values.verify) {
        const report = await withDatabase(config, (db) => verifyBackup(db, file, config.secretKey));
        console.log(`${file} is a sound backup made ${report.createdAt} at schema version ${report.migrations}:`, report.counts);
        return 0;
      }
      const counts = await withDatabase(config, (db) => backup(db, file, config.secretKey));
      console.log(`backup written to ${file}:`, counts);
      return 0;
    }
    case 'restore': {
      const file = rest[0];
      if (!file) throw new Error('restore needs a file name');
      const counts = await withDatabase(config, (db) => restore(db, file, config.secretKey));
      console.log(`restored from ${file}:`, counts);
      return 0;
    }
    case 'assessment': {
      const id = rest[1];
      if (rest[0] !== 'verify' || !id) throw new Error('usage: assessment verify <id>');
      const result = await withDatabase(config, (db) => verifyAssessment(systemCtx(db, config), id));
      if (result.problems.length === 0) {
        console.log(`assessment ${id}: ${result.ballots} ballots recounted; every figure agrees with the stored and shown results`);
        return 0;
      }
      console.error(`assessment ${id}: ${result.problems.length} differences after recounting ${result.ballots} ballots:`);
      for (const p of result.problems) console.error(`  ${p}`);
      return 2;
    }
    case 'audit': {
      setAuditKey(config.secretKey);
      if (rest[0] === 'checkpoint') {
        const head = await withDatabase(config, (db) => readCheckpoint(db.db));
        if (!head) throw new Error('the audit trail has no checkpoint yet');
        console.log(JSON.stringify(head));
        return 0;
      }
      if (rest[0] !== 'verify') throw new Error('usage: audit verify [--checkpoints <file>] | audit checkpoint');
      const exported = values.checkpoints ? parseCheckpoints(readFileSync(values.checkpoints, 'utf8')) : [];
      const result = await withDatabase(config, (db) => verifyAudit(db.db, exported));
      const legacy = result.legacy ? ` (the first ${result.legacy} from before the chain had a key, checked with plain SHA-256)` : '';
      if (result.ok) {
        console.log(`audit trail intact: ${result.checked} events${legacy}${exported.length ? `, ${exported.length} exported checkpoints match` : ''}`);
        return 0;
      }
      console.error(`audit trail broken: ${describeProblem(result.problem!)}; ${result.checked} events before it are intact${legacy}`);
      return 2;
    }
    case 'compliance': {
      if (rest[0] !== 'verify') throw new Error('usage: compliance verify');
      const today = todayInChina();
      const result = await withDatabase(config, (db) => verifyResults(db.db, today));
      if (result.openJobs > 0) console.warn(`${result.openJobs} recomputations still open: their rows are read only once they finish`);
      if (!result.difference) {
        console.log(`compliance results match the live evaluation on ${today}: ${result.rows} rows, years ${result.years.join(', ') || 'none maintained yet'}`);
        return 0;
      }
      const d = result.difference;
      console.error(`compliance result differs: org ${d.orgId}, period ${d.period}, requirement ${d.requirementId}\n  live:       ${JSON.stringify(d.expected)}\n  maintained: ${JSON.stringify(d.actual)}`);
      return 2;
    }
    case 'user': {
      const [sub, username] = rest;
      if (sub === 'password' && username) {
        const password = values.password ?? (await promptNewPassword());
        await withDatabase(config, (db) => resetPasswordByName(systemCtx(db, config), username, password));
        console.log(`password of ${username} reset: their sessions and API tokens have ended; they must change it at next sign-in`);
        return 0;
      }
      if (sub !== 'create' || !username || !values.password || !values.role) throw new Error('usage: user create <username> --password <pw> --role <role> [--org <id>]');
      if (!(ACCESS_ROLES as readonly string[]).includes(values.role)) throw new Error(`role must be one of ${ACCESS_ROLES.join(', ')}`);
      const user = await withDatabase(config, (db) =>
        createUser(systemCtx(db, config), { username, password: values.password!, roles: [{ role: values.role as AccessRole, orgId: values.org ?? null }] }),
      );
      console.log(`user ${user.username} created (${user.id})`);
      return 0;
    }
    case 'import':
      return importFile(config, rest[0], values.kind, values.commit ?? false);
    case 'export':
      return exportRoster(config, values.org, values.out);
    default: {
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      return 1;
    }
  }
}

/** Asks twice on a terminal without echoing; reads one line when the input is piped. */
async function promptNewPassword(): Promise<string> {
  const ask = (question: string) =>
    new Promise<string>((resolve, reject) => {
      const muted = new Writable({ write: (_chunk, _enc, done) => done() });
      const rl = createInterface({ input: process.stdin, output: muted, terminal: process.stdin.isTTY });
      process.stdout.write(question);
      rl.once('line', (line) => {
        resolve(line); // before close, whose handler would otherwise reject first
        rl.close();
        process.stdout.write('\n');
      });
      rl.once('close', () => reject(new Error('no password given')));
    });
  const first = await ask('new password: ');
  if (!process.stdin.isTTY) return first;
  if ((await ask('again: ')) !== first) throw new Error('the two passwords differ');
  return first;
}

async function importFile(config: Config, file: string | undefined, kind: string | undefined, commit: boolean): Promise<number> {
  if (!file || (kind !== 'members' && kind !== 'orgs')) throw new Error('usage: import <file> --kind members|orgs [--commit]');
  const report = await withDatabase(config, (db) => runImport(systemCtx(db, config), file, { kind, dryRun: !commit }));
  console.log(JSON.stringify(report, null, 2));
  const failed = report.errors.length > 0 || report.fileErrors.length > 0;
  console.log(`${commit ? (failed ? 'nothing written' : 'committed') : 'dry run'}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.errors.length + report.fileErrors.length} errors`);
  return failed ? 2 : 0;
}

async function exportRoster(config: Config, orgId: string | undefined, out: string | undefined): Promise<number> {
  if (!orgId || !out) throw new Error('usage: export --org <id> --out <file.xlsx>');
  await withDatabase(config, async (db) => {
    const roster = await prepareMemberExport(systemCtx(db, config), { org: orgId });
    await roster.write(createWriteStream(out));
  });
  console.log(`roster written to ${out}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    // a refused password or name: say which rule, not only that the input was invalid
    if (err instanceof AppError && Array.isArray(err.details)) for (const d of err.details as FieldError[]) console.error(`  ${d.field}: ${d.message}`);
    process.exit(1);
  },
);
