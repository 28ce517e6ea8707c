import { useState } from 'react';
import type { Paging } from './ListTable';

/**
 * A server-paged list page's filters and page, for ListTable's `offset` paging: a new filter starts again at page 1.
 * The page asks the server for `limit` rows from `offset` and hands `paging(list.data)` to the ListTable.
 */
export function useListState<F extends object>(initialFilters: () => F, pageSize = 20) {
  const [filters, setFiltersState] = useState<F>(initialFilters);
  const [page, setPage] = useState({ page: 1, pageSize });
  const setFilters = (next: F) => {
    setFiltersState(next);
    setPage((p) => ({ ...p, page: 1 }));
  };
  return {
    filters,
    setFilters,
    /** one filter set, or cleared with null */
    set: <K extends keyof F>(key: K, value: F[K] | null) => setFilters({ ...filters, [key]: value ?? undefined }),
    offset: (page.page - 1) * page.pageSize,
    limit: page.pageSize,
    /** with the total the server counted (and whether it stopped counting at a cap) */
    paging: (counted: { total?: number; totalExact?: boolean } | undefined): Paging => ({
      kind: 'offset',
      page: page.page,
      pageSize: page.pageSize,
      total: counted?.total ?? 0,
      totalExact: counted?.totalExact,
      onChange: (next, size) => setPage({ page: next, pageSize: size }),
    }),
  };
}
