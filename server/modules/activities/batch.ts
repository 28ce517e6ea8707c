import { authorize } from '../../../domain/access';
import type { ActivityBatchCancel } from '../../../domain/schemas/activities';
import { inTx, type Ctx } from '../../context';
import { AppError, batchFailure, batchRefused, type BatchFailure } from '../../errors';
import * as q from './queries';
import { patchActivity } from './service';

// Batch actions of the activities list. All or nothing, in one transaction: every activity is checked first and every
// one that cannot be done is named (`ids.3`); then each change goes through the same write as a single edit (its
// checks, recount and audit event), and a refusal there still undoes the whole batch.

/** Cancels planned activities with one reason; each must be managed by the caller through an accepted host. */
export async function cancelActivities(ctx: Ctx, input: ActivityBatchCancel): Promise<{ cancelled: number }> {
  await inTx(ctx, async (tx) => {
    const failures: BatchFailure[] = [];
    const hosts = await q.hostsOf(tx, input.ids);
    for (const [i, id] of input.ids.entries()) {
      const field = `ids.${i}`;
      const row = await q.getActivity(tx, id);
      const managed = hosts.some((h) => h.activityId === id && h.acceptedAt !== null && authorize(ctx.actor, 'activity.manage', { orgPath: h.path }));
      if (!row) failures.push({ field, status: 404, code: 'not_found', params: { subject: 'activity' } });
      else if (!managed) failures.push({ field, status: 403, code: 'forbidden' });
      else if (row.state === 'cancelled') failures.push({ field, status: 409, code: 'activity_cancelled' });
      else if (row.state !== 'planned') failures.push({ field, status: 409, code: 'activity_transition', params: { from: row.state, to: 'cancelled' } });
    }
    if (failures.length) throw batchRefused(failures);
    for (const [i, id] of input.ids.entries()) {
      try {
        await patchActivity(ctx, tx, id, { state: 'cancelled', cancelReason: input.cancelReason });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        failures.push(batchFailure(`ids.${i}`, e));
      }
    }
    if (failures.length) throw batchRefused(failures);
  });
  return { cancelled: input.ids.length };
}
