import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import type { DemandState, Urgency } from '../../../../domain/pairings/enums';
import type { DemandPage } from '../../../../domain/schemas/demands';
import type { Demand } from '../../../../domain/schemas/pairings';

export interface DemandFilters {
  pairing?: string;
  coordinator?: string;
  /** raised by or assigned to this organization */
  org?: string;
  state?: DemandState;
  urgency?: Urgency;
  overdue?: boolean;
}

/** The board shows at most this many demands at once (the API's page limit). */
export const BOARD_LIMIT = 200;

export const demandKeys = {
  all: ['demands'] as const,
  list: (filters: DemandFilters) => ['demands', 'list', filters] as const,
  detail: (id: string) => ['demands', 'detail', id] as const,
};

export const demandPath = (id: string) => `/demands/${encodeURIComponent(id)}`;

export function useDemandList(filters: DemandFilters, enabled = true) {
  return useQuery({
    enabled,
    queryKey: demandKeys.list(filters),
    queryFn: () =>
      api<{ items: Demand[]; nextCursor: string | null }>(
        withQuery('/demands', { ...filters, limit: BOARD_LIMIT }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** A page of the list: `limit` demands past `offset`, with the filter's total. */
export function useDemandPage(filters: DemandFilters, offset: number, limit: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...demandKeys.list(filters), offset, limit],
    queryFn: () => api<DemandPage>(withQuery('/demands', { ...filters, offset, limit })),
    placeholderData: keepPreviousData,
  });
}

export function useDemand(id: string | null) {
  return useQuery({
    queryKey: demandKeys.detail(id ?? ''),
    queryFn: () => api<Demand>(demandPath(id ?? '')),
    enabled: id !== null,
  });
}
