import type { Ctx } from '../../context';
import type { Db } from '../../db/client';
import { forbidden, type FieldErrors } from '../../errors';
import { canReadPairing, loadPairingScope } from './access';

/**
 * An activity linked to a pairing is one of its joint activities: every host must be a party of
 * that pairing (a field error otherwise), and the caller must be able to read the pairing (403),
 * so nobody attaches records to an agreement they cannot see.
 */
export async function checkJointActivity(ctx: Ctx, db: Db, pairingId: string, hostOrgIds: readonly string[], errors: FieldErrors): Promise<void> {
  const scope = await loadPairingScope(db, pairingId);
  if (!scope) {
    errors.add('pairingId', 'no_such_pairing');
    return;
  }
  if (!canReadPairing(ctx.actor, scope)) throw forbidden();
  const parties = new Set(scope.parties.map((p) => p.orgId));
  if (hostOrgIds.some((id) => !parties.has(id))) errors.add('pairingId', 'hosts_must_be_parties');
}
