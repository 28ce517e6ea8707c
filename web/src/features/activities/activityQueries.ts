import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import type { Page } from '../../api/types';
import type { ActivityState, ActivityType } from '../../../../domain/enums';
import type { Activity, ActivityPage, Attendee } from '../../../../domain/schemas/activities';
import type { Member } from '../../../../domain/schemas/members';

export interface ActivityFilters {
  org?: string;
  subtree?: boolean;
  type?: ActivityType;
  state?: ActivityState;
  from?: string;
  to?: string;
}

export interface AttendanceList {
  items: Attendee[];
  counts: { present: number; absent: number; excused: number };
}

export interface SignInCode {
  code: string;
  qr: string;
  url: string;
  expiresAt: string;
}

export const activityKeys = {
  all: ['activities'] as const,
  list: (filters: ActivityFilters, offset: number | undefined, limit: number) =>
    ['activities', 'list', filters, offset, limit] as const,
  detail: (id: string) => ['activities', 'detail', id] as const,
  attendance: (id: string) => ['activities', 'attendance', id] as const,
  code: (id: string) => ['activities', 'code', id] as const,
};

/** A page of the list: `limit` activities past `offset` (the first ones without it), with the filter's total. */
export function useActivityList(filters: ActivityFilters, offset: number | undefined, limit: number) {
  return useQuery({
    queryKey: activityKeys.list(filters, offset, limit),
    queryFn: () => api<ActivityPage>(withQuery('/activities', { ...filters, offset, limit })),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: string | null) {
  return useQuery({
    queryKey: activityKeys.detail(id ?? ''),
    queryFn: () => api<Activity>(`/activities/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
  });
}

export function useAttendance(id: string) {
  return useQuery({
    queryKey: activityKeys.attendance(id),
    queryFn: () => api<AttendanceList>(`/activities/${encodeURIComponent(id)}/attendance`),
  });
}

export interface RosterEntry {
  id: string;
  name: string;
  orgName: string;
}

const ROSTER_LIMIT = 200;

/** The members of the host organizations (first 200 of each), without duplicates. */
export function useRosters(hostIds: readonly string[]) {
  const results = useQueries({
    queries: hostIds.map((org) => ({
      queryKey: ['members', 'roster', org],
      queryFn: () => api<Page<Member>>(withQuery('/members', { org, limit: ROSTER_LIMIT, sort: 'name' })),
      staleTime: 60_000,
    })),
  });
  const seen = new Set<string>();
  const members: RosterEntry[] = [];
  for (const r of results) {
    for (const m of r.data?.items ?? []) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      members.push({ id: m.id, name: m.name, orgName: m.orgName });
    }
  }
  return { members, loading: results.some((r) => r.isFetching) };
}
