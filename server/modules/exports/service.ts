// Export of a members list as .xlsx: the roster of an organization (its subtree unless subtree=false),
// or of the caller's whole scope without one, with the list's filters and in the list's order, streamed: members are read in keyset
// batches and written as a list sheet (server/listSheet.ts), so memory stays flat.
// The headers and labels are the import's, so an exported file imports again without changes.

import { inArray, sql, type SQL } from 'drizzle-orm';
import { authorize, readScopes } from '../../../domain/access';
import {
  CATEGORY_LABELS,
  EDUCATION_LABELS,
  GENDER_LABELS,
  STATUS_LABELS,
  labelOf,
} from '../../../domain/imports/cells';
import { MEMBER_FIELDS, canonicalHeader, type MemberField } from '../../../domain/imports/headers';
import type { Education, Gender, MemberCategory, MemberStatus } from '../../../domain/enums';
import type { Ctx } from '../../context';
import { forbidden } from '../../errors';
import type { MemberExportQuery } from '../../../domain/schemas/members';
import { orgs, partyGroups } from '../../db/schema/orgs';
import * as memberQ from '../members/queries';
import { filterConditions, memberNumbers } from '../members/service';
import * as orgQ from '../orgs/queries';
import { loadOrg } from '../orgs/service';
import { listExport, type ListExport } from '../../listSheet';

export const EXPORT_BATCH = 2000;

const WIDTHS: Partial<Record<MemberField, number>> = { idNumber: 22, org: 40, jobTitle: 30, phone: 16 };
const COLUMNS = MEMBER_FIELDS.map((f) => ({ header: canonicalHeader('members', f), key: f, width: WIDTHS[f] ?? 12 }));

/** Path names of organizations ("甲公司党委/第一党支部"), cached across batches. */
class OrgPaths {
  private readonly names = new Map<string, string>();
  private readonly paths = new Map<string, string>();
  constructor(private readonly ctx: Ctx) {}

  async load(orgIds: string[]): Promise<void> {
    const missing = [...new Set(orgIds)].filter((id) => !this.paths.has(id));
    if (missing.length === 0) return;
    const rows = await this.ctx.db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(inArray(orgs.id, missing));
    const labels = rows.flatMap((r) => orgQ.labelsOf(r.path)).filter((id) => !this.names.has(id));
    for (const [id, name] of await orgQ.namesByIds(this.ctx.db, labels)) this.names.set(id, name);
    for (const r of rows) {
      this.paths.set(r.id, orgQ.labelsOf(r.path).map((id) => this.names.get(id) ?? '').join('/'));
    }
  }

  get(orgId: string): string {
    return this.paths.get(orgId) ?? '';
  }
}

/** Checks access (before anything is sent) and returns the writer of the roster the query selects. */
export async function prepareMemberExport(ctx: Ctx, query: MemberExportQuery, opts: { batchSize?: number } = {}): Promise<ListExport> {
  const batchSize = opts.batchSize ?? EXPORT_BATCH;
  let scope: SQL;
  let filename: string;
  if (query.org) {
    const org = await loadOrg(ctx, ctx.db, query.org, 'export.run');
    scope = query.subtree === false ? memberQ.filters.inOrg(org.id) : memberQ.filters.inSubtree(org.path);
    filename = `${org.name}-党员名册-${ctx.today}.xlsx`;
  } else {
    // the list without an organization shows the caller's whole scope: so does its export
    const scopes = readScopes(ctx.actor, 'member.read')?.filter((path) => authorize(ctx.actor, 'export.run', { orgPath: path })) ?? null;
    if (scopes?.length === 0) throw forbidden();
    scope = scopes === null ? sql`true` : memberQ.filters.inAnySubtree(scopes);
    filename = `党员名册-${ctx.today}.xlsx`;
  }
  const where = [scope, ...filterConditions(ctx, query)];
  const sort = query.sort ?? 'name';
  const order = query.order ?? 'asc';

  async function* rows(ctx: Ctx) {
    const paths = new OrgPaths(ctx);
    let after: [string, string] | null = null;
    for (;;) {
      const page = await memberQ.exportPage(ctx.db, { where, sort, order, after, limit: batchSize });
      const batch = page.slice(0, batchSize);
      if (batch.length === 0) break;
      await paths.load(batch.map((m) => m.orgId));
      const groupIds = [...new Set(batch.map((m) => m.partyGroupId).filter((id): id is string => id !== null))];
      const groups = new Map<string, string>();
      if (groupIds.length) {
        const rows = await ctx.db.select({ id: partyGroups.id, name: partyGroups.name }).from(partyGroups).where(inArray(partyGroups.id, groupIds));
        for (const g of rows) groups.set(g.id, g.name);
      }
      for (const m of batch) {
        const numbers = memberNumbers(ctx, m);
        const values: Record<MemberField, string | null> = {
          name: m.name,
          gender: labelOf(GENDER_LABELS, m.gender as Gender),
          ethnicity: m.ethnicity,
          birthDate: m.birthDate,
          idNumber: numbers.idNumber,
          education: m.education ? labelOf(EDUCATION_LABELS, m.education as Education) : null,
          joinedOn: m.joinedOn,
          fullOn: m.fullOn,
          category: labelOf(CATEGORY_LABELS, m.category as MemberCategory),
          status: labelOf(STATUS_LABELS, m.status as MemberStatus),
          org: paths.get(m.orgId),
          partyGroup: m.partyGroupId ? (groups.get(m.partyGroupId) ?? null) : null,
          phone: numbers.phone,
          jobTitle: m.jobTitle,
        };
        yield values;
      }
      if (page.length <= batchSize) break;
      const last = batch[batch.length - 1]!;
      after = [String(last[sort]), last.id];
    }
  }

  return listExport(ctx, filename, '党员名册', COLUMNS, rows);
}
