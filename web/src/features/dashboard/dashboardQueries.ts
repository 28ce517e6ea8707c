import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import type { Dashboard } from '../../../../domain/schemas/dashboard';

export function useDashboard(org: string | null) {
  return useQuery({
    queryKey: ['dashboard', org],
    queryFn: () => api<Dashboard>(withQuery('/dashboard', { org })),
    enabled: org !== null,
    staleTime: 60_000,
  });
}
