import { eq } from 'drizzle-orm';
import { authorize } from '../../../domain/access';
import { DEFAULT_TIME_LIMITS } from '../../../domain/pairings/deadlines';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../domain/pairings/health';
import type { PairingPolicy } from '../../../domain/schemas/pairings';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import { orgs } from '../../db/schema/orgs';
import { pairingPolicies } from '../../db/schema/pairings';
import { forbidden, notFound } from '../../errors';
import * as q from './queries';

// A coordinator's pairing rules: demand time limits and the health thresholds. The coordinator's
// policy applies to all of its pairings; without one (or without a coordinator) the defaults of the
// domain rules apply. The demands module reads the same row for its time limits.

export const DEFAULT_PAIRING_POLICY: PairingPolicy = {
  timeLimits: { ...DEFAULT_TIME_LIMITS },
  counting: 'calendar',
  holidays: [],
  extraWorkingDays: [],
  thresholds: { ...DEFAULT_HEALTH_THRESHOLDS },
};

/** The policy in force for an organization's pairings; a stored policy missing a part takes the default part. */
export async function effectivePolicy(db: Db, orgId: string | null): Promise<PairingPolicy> {
  const stored = orgId ? ((await q.storedPolicy(db, orgId)) as Partial<PairingPolicy> | null) : null;
  if (!stored) return DEFAULT_PAIRING_POLICY;
  return {
    timeLimits: { ...DEFAULT_PAIRING_POLICY.timeLimits, ...stored.timeLimits },
    counting: stored.counting ?? DEFAULT_PAIRING_POLICY.counting,
    holidays: stored.holidays ?? [],
    extraWorkingDays: stored.extraWorkingDays ?? [],
    thresholds: { ...DEFAULT_PAIRING_POLICY.thresholds, ...stored.thresholds },
  };
}

async function orgFor(ctx: Ctx, orgId: string, action: 'pairing.read' | 'pairing.manage') {
  const [org] = await ctx.db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw notFound('organization');
  if (!authorize(ctx.actor, action, { orgPath: org.path })) throw forbidden();
  return org;
}

export async function getPolicy(ctx: Ctx, orgId: string): Promise<PairingPolicy> {
  await orgFor(ctx, orgId, 'pairing.read');
  return effectivePolicy(ctx.db, orgId);
}

export async function putPolicy(ctx: Ctx, orgId: string, policy: PairingPolicy): Promise<PairingPolicy> {
  const org = await orgFor(ctx, orgId, 'pairing.manage');
  // sorted and without repeats, so the stored policy reads the same however it was typed
  const clean: PairingPolicy = { ...policy, holidays: [...new Set(policy.holidays)].sort(), extraWorkingDays: [...new Set(policy.extraWorkingDays)].sort() };
  await inTx(ctx, async (tx) => {
    const before = await q.storedPolicy(tx, orgId);
    await tx
      .insert(pairingPolicies)
      .values({ orgId, policy: clean })
      .onConflictDoUpdate({ target: pairingPolicies.orgId, set: { policy: clean, updatedAt: new Date() } });
    await appendAudit(ctx, tx, { action: 'pairing.policy.update', subjectType: 'org', subjectId: orgId, orgPath: org.path, before, after: clean });
  });
  return clean;
}
