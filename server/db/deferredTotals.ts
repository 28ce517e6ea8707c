import type { Db } from './client';

// A bulk write (an import of 100,000 members) would update the same ancestor rows of org_counts
// and org_member_facets once per member, inside one transaction: each update leaves a row version
// behind, and the next one gets slower. Deferring them collects the deltas in memory and writes
// one row per organization at the end of the transaction.

export interface DeferredTotals {
  /** orgId → [members, full members, direct members, direct full members] */
  counts: Map<string, [number, number, number, number]>;
  /** `${orgId}\u0000${facet}\u0000${value}` → delta */
  facets: Map<string, number>;
}

const pending = new WeakMap<object, DeferredTotals>();

export function deferTotals(tx: Db): DeferredTotals {
  const totals: DeferredTotals = { counts: new Map(), facets: new Map() };
  pending.set(tx, totals);
  return totals;
}

export function deferredTotals(tx: Db): DeferredTotals | undefined {
  return pending.get(tx);
}

export function stopDeferring(tx: Db): void {
  pending.delete(tx);
}
