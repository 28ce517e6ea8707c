import { eq, sql, type SQL } from 'drizzle-orm';
import { authorize, isWithin, readScopes, type Actor } from '../../../domain/access';
import type { PairingState } from '../../../domain/pairings/enums';
import type { Ctx } from '../../context';
import type { Db } from '../../db/client';
import { pairingParties, pairings } from '../../db/schema/pairings';
import { forbidden, notFound } from '../../errors';

// Who sees and acts on a pairing. A pairing spans organizations anywhere in the tree, so access is
// decided per party: the caller reads a pairing when it may read any party or the coordinator, and
// acts for each party organization it manages. A partner never sees another pairing's records.

export interface PairingScope {
  id: string;
  state: PairingState;
  coordinatorOrgId: string | null;
  coordinatorPath: string | null;
  parties: { orgId: string; orgPath: string }[];
}

export async function loadPairingScope(db: Db, id: string): Promise<PairingScope | null> {
  const [row] = await db
    .select({ id: pairings.id, state: pairings.state, coordinatorOrgId: pairings.coordinatorOrgId, coordinatorPath: pairings.coordinatorPath })
    .from(pairings)
    .where(eq(pairings.id, id));
  if (!row) return null;
  const parties = await db
    .select({ orgId: pairingParties.orgId, orgPath: pairingParties.orgPath })
    .from(pairingParties)
    .where(eq(pairingParties.pairingId, id))
    .orderBy(pairingParties.position);
  return { ...row, state: row.state as PairingState, parties };
}

export function canReadPairing(actor: Actor, scope: PairingScope): boolean {
  const paths = [...scope.parties.map((p) => p.orgPath), ...(scope.coordinatorPath ? [scope.coordinatorPath] : [])];
  return paths.some((orgPath) => authorize(actor, 'pairing.read', { orgPath }));
}

/** The party organizations the caller acts for (raises and answers demands, keeps the lists). */
export function actingOrgIds(actor: Actor, scope: PairingScope): string[] {
  return scope.parties.filter((p) => authorize(actor, 'pairing.manage', { orgPath: p.orgPath })).map((p) => p.orgId);
}

/**
 * The party organizations the caller acts for in the party's own right, for the moves only a party makes (raising
 * side: confirm, rate, reopen; partner side: accept). A grant held in the coordinator or above it makes the caller the
 * coordinator, not the party the grant happens to cover: the zone's committee never confirms as an enterprise of the
 * zone. (A system administrator's grant names no organization and counts for every party.)
 */
export function ownPartyOrgIds(actor: Actor, scope: PairingScope): string[] {
  const coordinatorPath = scope.coordinatorPath;
  if (coordinatorPath === null || scope.parties.some((p) => p.orgId === scope.coordinatorOrgId)) return actingOrgIds(actor, scope);
  const grants = actor.grants.filter((g) => g.orgPath === null || !isWithin(coordinatorPath, g.orgPath));
  return actingOrgIds({ ...actor, grants }, scope);
}

export function actsForCoordinator(actor: Actor, scope: PairingScope): boolean {
  return scope.coordinatorPath !== null && authorize(actor, 'pairing.manage', { orgPath: scope.coordinatorPath });
}

/** The agreement itself is kept by the coordinator, or by the parties when there is none. */
export function mayManageAgreement(actor: Actor, scope: PairingScope): boolean {
  if (scope.coordinatorPath !== null) return actsForCoordinator(actor, scope);
  return actingOrgIds(actor, scope).length > 0;
}

/** An attachment (the agreement's or a demand's) is deleted by whoever uploaded it, or by the agreement's keeper. */
export function mayDeleteFile(actor: Actor, scope: PairingScope, uploadedBy: string | null): boolean {
  return mayManageAgreement(actor, scope) || (!!actor.userId && uploadedBy === actor.userId && canReadPairing(actor, scope));
}

/** 404 when the pairing does not exist, 403 when the caller may not read it. */
export async function requirePairing(ctx: Ctx, db: Db, id: string): Promise<PairingScope> {
  const scope = await loadPairingScope(db, id);
  if (!scope) throw notFound('pairing');
  if (!canReadPairing(ctx.actor, scope)) throw forbidden();
  return scope;
}

/** A condition on `pairings` for the pairings the actor may read; undefined means all of them. */
export function readablePairings(actor: Actor): SQL | undefined {
  const scopes = readScopes(actor, 'pairing.read');
  if (scopes === null) return undefined;
  if (scopes.length === 0) return sql`false`;
  const within = (column: SQL) => sql.join(scopes.map((s) => sql`${column} <@ ${s}::ltree`), sql` or `);
  return sql`(${pairings.coordinatorPath} is not null and (${within(sql`${pairings.coordinatorPath}`)}) or exists (select 1 from ${pairingParties} pp where pp.pairing_id = ${pairings.id} and (${within(sql`pp.org_path`)})))`;
}
