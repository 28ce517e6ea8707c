import { listAudit, type AuditQuery } from '../../audit';
import type { Ctx } from '../../context';
import { forbidden } from '../../errors';
import { namesOf } from './queries';

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

export async function listAuditEvents(ctx: Ctx, q: AuditQuery) {
  const page = await listAudit(ctx.db, auditScopes(ctx), q);
  const ids = new Set<string>();
  for (const e of page.items) {
    ids.add(e.subjectId);
    if (e.actorUserId) ids.add(e.actorUserId);
    const orgId = orgIdOf(e.orgPath);
    if (orgId) ids.add(orgId);
    idsIn(e.before, ids);
    idsIn(e.after, ids);
  }
  const names = await namesOf(ctx.db, [...ids]);
  return {
    items: page.items.map((e) => {
      const orgId = orgIdOf(e.orgPath);
      return {
        ...e,
        subjectName: names.get(e.subjectId) ?? null,
        orgId,
        orgName: (orgId && names.get(orgId)) || null,
      };
    }),
    nextCursor: page.nextCursor,
    names: Object.fromEntries(names),
  };
}
