import type { AuditFilter, AuditListQuery } from '../../../domain/schemas/audit';
import type { Ctx } from '../../context';
import { forbidden } from '../../errors';
import { countAuditEvents, findAuditEvents, namesOf, type AuditWhere } from './queries';

// The audit log as people read it: the events of the caller's subtrees (server/audit.ts keeps and
// verifies the chain), with a name for every id the page mentions (subject, actor, the ids inside
// before and after), so the web app shows 甲公司第一党支部 instead of a UUID and links to the object.

/** Admins read the whole log; organization admins the events of their subtrees. */
function auditScopes(ctx: Ctx): string[] | null {
  const grants = ctx.actor.grants.filter((g) => g.role === 'admin' || g.role === 'org_admin');
  if (grants.length === 0) throw forbidden();
  if (grants.some((g) => g.orgPath === null)) return null;
  return grants.map((g) => g.orgPath!);
}

// ids in this installation are 32 hex digits (server/ids.ts); older imports may carry dashed UUIDs
const ID = /^[0-9a-f]{32}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The ids inside a before/after record: values of fields named …Id, …Ids or …By, at any depth. */
function idsIn(value: unknown, out: Set<string>, key = '', depth = 0): void {
  if (depth > 4 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (/(Id|Ids|By)$/.test(key) && ID.test(value)) out.add(value);
    return;
  }
  if (Array.isArray(value)) for (const v of value) idsIn(v, out, key, depth + 1);
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) idsIn(v, out, k, depth + 1);
}

/** An organization's id is the last label of its path. */
const orgIdOf = (path: string | null) => (path ? path.slice(path.lastIndexOf('.') + 1) : null);

/** Beyond this many events a filtered log reports `total` as a lower bound (`totalExact: false`). */
export const AUDIT_COUNT_CAP = 10_000;

/** The filter as a query within the caller's scope; dates are whole days in China Standard Time. */
export function auditWhere(ctx: Ctx, q: AuditFilter): AuditWhere {
  return {
    scopes: auditScopes(ctx),
    subjectType: q.subjectType,
    subjectId: q.subjectId,
    actor: q.actor,
    from: q.from ? `${q.from}T00:00:00+08:00` : undefined,
    to: q.to ? `${q.to}T23:59:59.999+08:00` : undefined,
  };
}

type EventRow = Awaited<ReturnType<typeof findAuditEvents>>[number];

/** Each event with the names of its subject and organization, and the names of every id it mentions. */
export async function namedEvents(ctx: Ctx, rows: EventRow[]) {
  const ids = new Set<string>();
  for (const e of rows) {
    ids.add(e.subjectId);
    if (e.actorUserId) ids.add(e.actorUserId);
    const orgId = orgIdOf(e.orgPath);
    if (orgId) ids.add(orgId);
    idsIn(e.before, ids);
    idsIn(e.after, ids);
  }
  const names = await namesOf(ctx.db, [...ids]);
  const items = rows.map((e) => {
    const orgId = orgIdOf(e.orgPath);
    return { ...e, subjectName: names.get(e.subjectId) ?? null, orgId, orgName: (orgId && names.get(orgId)) || null };
  });
  return { items, names };
}

/** One page of the log, by cursor (the last event seen) or by offset (page numbers), with a capped total. */
export async function listAuditEvents(ctx: Ctx, q: AuditListQuery) {
  const where = auditWhere(ctx, q);
  const limit = q.limit ?? 50;
  const rows = await findAuditEvents(ctx.db, where, {
    limit: limit + 1,
    ...(q.offset !== undefined ? { offset: q.offset } : q.cursor ? { beforeSeq: Number(q.cursor) } : {}),
  });
  const page = rows.slice(0, limit);
  const counted = await countAuditEvents(ctx.db, where, AUDIT_COUNT_CAP);
  const { items, names } = await namedEvents(ctx, page);
  return {
    items,
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
    total: Math.min(counted, AUDIT_COUNT_CAP),
    totalExact: counted <= AUDIT_COUNT_CAP,
    names: Object.fromEntries(names),
  };
}
