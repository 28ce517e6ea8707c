import { and, eq, inArray } from 'drizzle-orm';
import { authorize } from '../../../domain/access';
import type { PairingCategory } from '../../../domain/pairings/enums';
import { suggestMatches, type ListItem } from '../../../domain/pairings/matching';
import type { ItemCreate, ItemPatch, JointProject, PairingItem, ProjectCreate, ProjectPatch, SuggestionList, SuggestionQuery } from '../../../domain/schemas/pairings';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import { orgs } from '../../db/schema/orgs';
import { jointProjects, pairingItems, pairings } from '../../db/schema/pairings';
import { FieldErrors, conflict, forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../ids';
import { actingOrgIds, actsForCoordinator, requirePairing, type PairingScope } from './access';
import * as q from './queries';
import { isClosed, stateOn } from '../../../domain/pairings/agreements';

// The three lists of a pairing (需求 / 资源 / 项目 清单) and the suggested matches between them.
// Each party keeps its own needs and resources; the coordinator may keep all of them.

type Kind = 'need' | 'resource';
type ItemRow = typeof pairingItems.$inferSelect;

const filedUnder = (scope: PairingScope) => scope.coordinatorPath ?? scope.parties[0]?.orgPath ?? null;

/** The caller may keep the lists of `orgId` in this pairing. */
const keeps = (ctx: Ctx, scope: PairingScope, orgId: string) => actsForCoordinator(ctx.actor, scope) || actingOrgIds(ctx.actor, scope).includes(orgId);
const keepsAny = (ctx: Ctx, scope: PairingScope) => actsForCoordinator(ctx.actor, scope) || actingOrgIds(ctx.actor, scope).length > 0;

/** The lists of an expired or terminated agreement are its record: they no longer change. */
async function refuseClosed(tx: Db, ctx: Ctx, pairingId: string): Promise<void> {
  const row = (await q.getPairing(tx, pairingId))!;
  const state = stateOn(row, ctx.today);
  if (isClosed(state)) throw conflict('pairing_lists_closed', { state });
}

/** Titles and names are trimmed; one of only spaces is missing. */
function blankTitle(title: string | undefined, errors: FieldErrors, field = 'title'): void {
  if (title !== undefined && !title.trim()) errors.add(field, 'required');
}

function itemToApi(row: ItemRow, orgName: string): PairingItem {
  return {
    id: row.id,
    pairingId: row.pairingId,
    orgId: row.orgId,
    orgName,
    kind: row.kind as Kind,
    category: row.category as PairingCategory,
    title: row.title,
    description: row.description,
    status: row.status as PairingItem['status'],
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listItems(ctx: Ctx, pairingId: string, kind: Kind): Promise<PairingItem[]> {
  await requirePairing(ctx, ctx.db, pairingId);
  const rows = await q.itemsOf(ctx.db, and(eq(pairingItems.pairingId, pairingId), eq(pairingItems.kind, kind))!);
  return rows.map((r) => itemToApi(r.item, r.orgName));
}

async function readItem(db: Db, id: string): Promise<PairingItem> {
  const [row] = await q.itemsOf(db, eq(pairingItems.id, id));
  return itemToApi(row!.item, row!.orgName);
}

export async function createItem(ctx: Ctx, pairingId: string, kind: Kind, input: ItemCreate): Promise<PairingItem> {
  const id = newId();
  await inTx(ctx, async (tx) => {
    const scope = await requirePairing(ctx, tx, pairingId);
    if (!keepsAny(ctx, scope)) throw forbidden();
    const errors = new FieldErrors();
    if (!scope.parties.some((p) => p.orgId === input.orgId)) errors.add('orgId', 'not_a_party');
    else if (!keeps(ctx, scope, input.orgId)) throw forbidden();
    blankTitle(input.title, errors);
    errors.throwIfAny();
    await refuseClosed(tx, ctx, pairingId);
    const row = { id, pairingId, orgId: input.orgId, kind, category: input.category, title: input.title.trim(), description: input.description ?? null, status: 'open' };
    await tx.insert(pairingItems).values(row);
    await appendAudit(ctx, tx, { action: `pairing.${kind}.create`, subjectType: 'pairing', subjectId: pairingId, orgPath: filedUnder(scope), after: row });
  });
  return readItem(ctx.db, id);
}

export async function updateItem(ctx: Ctx, pairingId: string, kind: Kind, itemId: string, patch: ItemPatch): Promise<PairingItem> {
  await inTx(ctx, async (tx) => {
    const scope = await requirePairing(ctx, tx, pairingId);
    const item = await q.getItem(tx, itemId);
    if (!item || item.pairingId !== pairingId || item.kind !== kind) throw notFound(kind);
    if (!keeps(ctx, scope, item.orgId)) throw forbidden();
    await refuseClosed(tx, ctx, pairingId);
    const errors = new FieldErrors();
    blankTitle(patch.title, errors);
    errors.throwIfAny();
    const set = {
      ...(patch.category !== undefined ? { category: patch.category } : {}),
      ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updatedAt: new Date(),
    };
    await tx.update(pairingItems).set(set).where(eq(pairingItems.id, itemId));
    await appendAudit(ctx, tx, { action: `pairing.${kind}.update`, subjectType: 'pairing', subjectId: pairingId, orgPath: filedUnder(scope), before: item, after: patch });
  });
  return readItem(ctx.db, itemId);
}

// ---- joint projects -----------------------------------------------------------------------------

function projectToApi(r: Awaited<ReturnType<typeof q.projectsOf>>[number]): JointProject {
  const p = r.project;
  return {
    id: p.id,
    pairingId: p.pairingId,
    needId: p.needId,
    resourceId: p.resourceId,
    needTitle: r.needTitle,
    resourceTitle: r.resourceTitle,
    resourcePairingId: r.resourcePairingId,
    title: p.title,
    owners: p.owners,
    dueOn: p.dueOn,
    status: p.status as JointProject['status'],
    outcome: p.outcome,
    doneOn: p.doneOn,
  };
}

export async function listProjects(ctx: Ctx, pairingId: string): Promise<JointProject[]> {
  await requirePairing(ctx, ctx.db, pairingId);
  return (await q.projectsOf(ctx.db, pairingId)).map(projectToApi);
}

async function readProject(db: Db, pairingId: string, projectId: string): Promise<JointProject> {
  const [row] = await q.projectsOf(db, pairingId, projectId);
  return projectToApi(row!);
}

/**
 * The need must be one of this pairing's; the resource one of this pairing's or of another pairing
 * of the same coordinator (a resource of one pairing answering a need in another). Closed items
 * cannot be matched. Owners come from the parties, or from the organization offering the resource.
 */
async function checkProject(tx: Db, scope: PairingScope, input: { needId?: string | null; resourceId?: string | null; owners?: { orgId: string; name: string }[] }, errors: FieldErrors) {
  const ids = [input.needId, input.resourceId].filter((x): x is string => !!x);
  const items = ids.length
    ? await tx
        .select({ item: pairingItems, coordinatorOrgId: pairings.coordinatorOrgId })
        .from(pairingItems)
        .innerJoin(pairings, eq(pairings.id, pairingItems.pairingId))
        .where(inArray(pairingItems.id, ids))
    : [];
  const need = items.find((x) => x.item.id === input.needId);
  const resource = items.find((x) => x.item.id === input.resourceId);
  if (input.needId) {
    if (!need || need.item.kind !== 'need' || need.item.pairingId !== scope.id) errors.add('needId', 'need_not_of_pairing');
    else if (need.item.status === 'closed') errors.add('needId', 'need_closed');
  }
  if (input.resourceId) {
    const sameCoordinator = !!resource && scope.coordinatorOrgId !== null && resource.coordinatorOrgId === scope.coordinatorOrgId;
    if (!resource || resource.item.kind !== 'resource' || (resource.item.pairingId !== scope.id && !sameCoordinator)) {
      errors.add('resourceId', 'resource_not_available');
    } else if (resource.item.status === 'closed') errors.add('resourceId', 'resource_closed');
  }
  const owners = new Set([...scope.parties.map((p) => p.orgId), ...(resource ? [resource.item.orgId] : [])]);
  input.owners?.forEach((o, i) => {
    if (!owners.has(o.orgId)) errors.add(`owners.${i}.orgId`, 'owner_not_party');
    blankTitle(o.name, errors, `owners.${i}.name`);
  });
}

export async function createProject(ctx: Ctx, pairingId: string, input: ProjectCreate): Promise<JointProject> {
  const id = newId();
  await inTx(ctx, async (tx) => {
    const scope = await requirePairing(ctx, tx, pairingId);
    if (!keepsAny(ctx, scope)) throw forbidden();
    await refuseClosed(tx, ctx, pairingId);
    const errors = new FieldErrors();
    blankTitle(input.title, errors);
    await checkProject(tx, scope, input, errors);
    errors.throwIfAny();
    const status = input.status ?? 'planned';
    const row = {
      id,
      pairingId,
      needId: input.needId ?? null,
      resourceId: input.resourceId ?? null,
      title: input.title.trim(),
      owners: input.owners.map((o) => ({ orgId: o.orgId, name: o.name.trim() })),
      dueOn: input.dueOn ?? null,
      status,
      outcome: input.outcome ?? null,
      doneOn: status === 'done' ? ctx.today : null,
    };
    await tx.insert(jointProjects).values(row);
    await q.markMatched(
      tx,
      [row.needId, row.resourceId].filter((x): x is string => !!x),
    );
    await appendAudit(ctx, tx, { action: 'pairing.project.create', subjectType: 'pairing', subjectId: pairingId, orgPath: filedUnder(scope), after: row });
  });
  return readProject(ctx.db, pairingId, id);
}

export async function updateProject(ctx: Ctx, pairingId: string, projectId: string, patch: ProjectPatch): Promise<JointProject> {
  await inTx(ctx, async (tx) => {
    const scope = await requirePairing(ctx, tx, pairingId);
    const [before] = await tx.select().from(jointProjects).where(and(eq(jointProjects.id, projectId), eq(jointProjects.pairingId, pairingId)));
    if (!before) throw notFound('joint_project');
    if (!keepsAny(ctx, scope)) throw forbidden();
    await refuseClosed(tx, ctx, pairingId);
    const errors = new FieldErrors();
    blankTitle(patch.title, errors);
    // owners are checked against the project's own resource, which does not change here
    if (patch.owners) await checkProject(tx, scope, { resourceId: before.resourceId, owners: patch.owners }, errors);
    errors.throwIfAny();
    const status = patch.status ?? before.status;
    await tx
      .update(jointProjects)
      .set({
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.owners !== undefined ? { owners: patch.owners.map((o) => ({ orgId: o.orgId, name: o.name.trim() })) } : {}),
        ...(patch.dueOn !== undefined ? { dueOn: patch.dueOn } : {}),
        ...(patch.outcome !== undefined ? { outcome: patch.outcome } : {}),
        status,
        // the day it was first marked done; reopening it clears the day
        doneOn: status === 'done' ? (before.doneOn ?? ctx.today) : null,
        updatedAt: new Date(),
      })
      .where(eq(jointProjects.id, projectId));
    await appendAudit(ctx, tx, { action: 'pairing.project.update', subjectType: 'pairing', subjectId: pairingId, orgPath: filedUnder(scope), before, after: patch });
  });
  return readProject(ctx.db, pairingId, projectId);
}

// ---- suggestions and joint activities -------------------------------------------------------------

/**
 * With a coordinator: open needs × open resources across all its pairings in draft or in force (the
 * caller must act for the coordinator), optionally only the needs of one of them. With a pairing
 * alone: within that pairing, for anyone who reads it (a partner never sees other pairings' lists).
 */
export async function suggestions(ctx: Ctx, query: SuggestionQuery): Promise<SuggestionList> {
  let where;
  let needPairing: string | null = null;
  if (query.coordinator) {
    const [org] = await ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, query.coordinator));
    if (!org) throw notFound('organization');
    if (!authorize(ctx.actor, 'pairing.manage', { orgPath: org.path })) throw forbidden();
    where = eq(pairings.coordinatorOrgId, query.coordinator);
    if (query.pairing) {
      const scope = await requirePairing(ctx, ctx.db, query.pairing);
      if (scope.coordinatorOrgId !== query.coordinator) throw invalid([{ field: 'pairing', code: 'pairing_not_of_coordinator' }]);
      needPairing = query.pairing;
    }
  } else if (query.pairing) {
    await requirePairing(ctx, ctx.db, query.pairing);
    where = eq(pairings.id, query.pairing);
    needPairing = query.pairing;
  } else {
    throw invalid([{ field: 'coordinator', code: 'coordinator_or_pairing' }]);
  }
  const rows = await q.openItemsForMatching(ctx.db, where, ctx.today);
  const byId = new Map(rows.map((r) => [r.item.id, r]));
  const asListItem = (r: (typeof rows)[number]): ListItem => ({
    id: r.item.id,
    pairingId: r.item.pairingId,
    orgId: r.item.orgId,
    category: r.item.category as PairingCategory,
    title: r.item.title,
    description: r.item.description ?? '',
  });
  const needs = rows.filter((r) => r.item.kind === 'need' && (!needPairing || r.item.pairingId === needPairing)).map(asListItem);
  const resources = rows.filter((r) => r.item.kind === 'resource').map(asListItem);
  const side = (id: string) => {
    const r = byId.get(id)!;
    return { id, title: r.item.title, category: r.item.category as PairingCategory, orgId: r.item.orgId, orgName: r.orgName, pairingId: r.item.pairingId, pairingTitle: r.pairingTitle };
  };
  return {
    items: suggestMatches(needs, resources, { limit: query.limit ?? 20 }).map((m) => ({
      need: side(m.needId),
      resource: side(m.resourceId),
      sameCategory: m.sameCategory,
      similarity: m.similarity,
      score: m.score,
      terms: m.terms,
    })),
  };
}

export async function jointActivities(ctx: Ctx, pairingId: string) {
  await requirePairing(ctx, ctx.db, pairingId);
  return q.jointActivitiesOf(ctx.db, pairingId);
}
