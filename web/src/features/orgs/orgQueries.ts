import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import type { Page } from '../../api/types';
import type { OrgDetail, OrgSummary } from '../../../../domain/schemas/orgs';

export const orgKeys = {
  all: ['orgs'] as const,
  children: (parent: string | null) => ['orgs', 'children', parent] as const,
  search: (q: string, within: string | null) => ['orgs', 'search', q, within] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
};

export function fetchOrgChildren(parent: string | null): Promise<Page<OrgSummary>> {
  return api<Page<OrgSummary>>(withQuery('/orgs', { parent, limit: 200 }));
}

export function useOrgRoots() {
  return useQuery({
    queryKey: orgKeys.children(null),
    queryFn: () => fetchOrgChildren(null),
    staleTime: 60_000,
  });
}

export function useOrgSearch(q: string, within: string | null) {
  return useQuery({
    queryKey: orgKeys.search(q, within),
    queryFn: () => api<Page<OrgSummary>>(withQuery('/orgs', { q, within, limit: 50 })),
    enabled: q.trim().length > 0,
  });
}

export function useOrgDetail(id: string | null) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? ''),
    queryFn: () => api<OrgDetail>(`/orgs/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
  });
}
