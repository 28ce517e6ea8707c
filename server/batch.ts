import { AppError, batchFailure, batchRefused, type BatchFailure } from './errors';

/**
 * An all-or-nothing batch on a list's selection (issue 11): runs `each` for every id in order on the caller's
 * transaction, collecting the refusal of each id (`ids.<i>`, a repeated id too) instead of stopping at the first, then
 * throws them all as one `batch_refused` (errors.ts), so the transaction rolls back what the accepted ids wrote.
 */
export async function forEachOrNone(ids: readonly string[], each: (id: string) => Promise<void>): Promise<void> {
  const failures: BatchFailure[] = [];
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id)) {
      failures.push({ field: `ids.${i}`, status: 400, code: 'listed_twice' });
      continue;
    }
    seen.add(id);
    try {
      await each(id);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      failures.push(batchFailure(`ids.${i}`, error));
    }
  }
  if (failures.length) throw batchRefused(failures);
}
