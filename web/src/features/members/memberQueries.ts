import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import type { MemberDetail, MemberListQuery, MemberPage } from '../../../../domain/schemas/members';

export type MemberFilters = Omit<MemberListQuery, 'limit' | 'cursor' | 'offset'>;

export const memberKeys = {
  all: ['members'] as const,
  list: (filters: MemberFilters, offset: number, limit: number) => ['members', 'list', filters, offset, limit] as const,
  detail: (id: string) => ['members', 'detail', id] as const,
};

export function useMemberList(filters: MemberFilters, offset: number, limit: number) {
  return useQuery({
    queryKey: memberKeys.list(filters, offset, limit),
    queryFn: () => api<MemberPage>(withQuery('/members', { ...filters, offset, limit })),
    placeholderData: keepPreviousData,
  });
}

export function useMemberDetail(id: string | null) {
  return useQuery({
    queryKey: memberKeys.detail(id ?? ''),
    queryFn: () => api<MemberDetail>(`/members/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
  });
}
