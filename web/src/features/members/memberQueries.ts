import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import type { MemberDetail, MemberListQuery, MemberPage } from '../../../../domain/schemas/members';

export type MemberFilters = Omit<MemberListQuery, 'limit' | 'cursor'>;

export const memberKeys = {
  all: ['members'] as const,
  list: (filters: MemberFilters, cursor: string | undefined, limit: number) =>
    ['members', 'list', filters, cursor, limit] as const,
  detail: (id: string) => ['members', 'detail', id] as const,
};

export function useMemberList(filters: MemberFilters, cursor: string | undefined, limit: number) {
  return useQuery({
    queryKey: memberKeys.list(filters, cursor, limit),
    queryFn: () => api<MemberPage>(withQuery('/members', { ...filters, cursor, limit })),
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
