import type { ActivityBatchCancel } from '../../../domain/schemas/activities';
import { forEachOrNone } from '../../batch';
import { inTx, type Ctx } from '../../context';
import { conflict } from '../../errors';
import { loadActivity, patchActivity } from './service';

// Batch actions of the activities list. All or nothing, in one transaction (server/batch.ts): each change goes through
// the same write as a single edit (its checks, recount and audit event); every activity that cannot be changed is
// named (`ids.3`) and the whole batch is undone.

/** Cancels planned activities with one reason; each must be managed by the caller through an accepted host. */
export async function cancelActivities(ctx: Ctx, input: ActivityBatchCancel): Promise<{ cancelled: number }> {
  await inTx(ctx, (tx) =>
    forEachOrNone(input.ids, async (id) => {
      const { row } = await loadActivity(ctx, tx, id, 'activity.manage');
      if (row.state === 'cancelled') throw conflict('activity_cancelled');
      if (row.state !== 'planned') throw conflict('activity_transition', { from: row.state, to: 'cancelled' });
      await patchActivity(ctx, tx, id, { state: 'cancelled', cancelReason: input.cancelReason });
    }),
  );
  return { cancelled: input.ids.length };
}
