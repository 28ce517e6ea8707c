import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api, withQuery } from '../../api/client';
import type { Page } from '../../api/types';
import { orgKeys } from '../orgs/orgQueries';
import type { OrgDetail } from '../../../../domain/schemas/orgs';
import type { PairingState } from '../../../../domain/pairings/enums';
import type { PairingHealth } from '../../../../domain/pairings/health';
import type {
  JointActivity,
  JointProject,
  Pairing,
  PairingFile,
  PairingDashboard,
  PairingItem,
  PairingMatrix,
  SuggestionList,
} from '../../../../domain/schemas/pairings';

export type PairingFileEntry = Static<typeof PairingFile>;
export type JointActivityEntry = Static<typeof JointActivity>;
export type ItemKind = PairingItem['kind'];
/** The path segment of a list under /pairings/:id. */
export const ITEM_PATHS: Record<ItemKind, 'needs' | 'resources'> = { need: 'needs', resource: 'resources' };

export interface PairingFilters {
  org?: string;
  coordinator?: string;
  state?: PairingState;
  q?: string;
}

export const pairingKeys = {
  all: ['pairings'] as const,
  list: (filters: PairingFilters, offset: number, limit: number) => ['pairings', 'list', filters, offset, limit] as const,
  detail: (id: string) => ['pairings', 'detail', id] as const,
  items: (id: string, kind: ItemKind) => ['pairings', 'items', id, kind] as const,
  projects: (id: string) => ['pairings', 'projects', id] as const,
  health: (id: string, period: string) => ['pairings', 'health', id, period] as const,
  activities: (id: string) => ['pairings', 'activities', id] as const,
  matrix: (coordinator: string, period: string) => ['pairings', 'matrix', coordinator, period] as const,
  dashboard: (coordinator: string, period: string) => ['pairings', 'dashboard', coordinator, period] as const,
  suggestions: (coordinator: string) => ['pairings', 'suggestions', coordinator] as const,
};

export const pairingPath = (id: string) => `/pairings/${encodeURIComponent(id)}`;

/** One page: the server skips `offset` rows and counts the total. */
export function usePairingList(filters: PairingFilters, offset: number, limit: number) {
  return useQuery({
    queryKey: pairingKeys.list(filters, offset, limit),
    queryFn: () => api<Page<Pairing>>(withQuery('/pairings', { ...filters, offset, limit })),
    placeholderData: keepPreviousData,
  });
}

export function usePairing(id: string | null) {
  return useQuery({
    queryKey: pairingKeys.detail(id ?? ''),
    queryFn: () => api<Pairing>(pairingPath(id ?? '')),
    enabled: id !== null,
  });
}

export function usePairingItems(id: string, kind: ItemKind) {
  return useQuery({
    queryKey: pairingKeys.items(id, kind),
    queryFn: () => api<Page<PairingItem>>(`${pairingPath(id)}/${ITEM_PATHS[kind]}?limit=200`),
  });
}

export function useJointProjects(id: string) {
  return useQuery({
    queryKey: pairingKeys.projects(id),
    queryFn: () => api<Page<JointProject>>(`${pairingPath(id)}/projects?limit=200`),
  });
}

export function usePairingHealth(id: string, period: string) {
  return useQuery({
    queryKey: pairingKeys.health(id, period),
    queryFn: () => api<PairingHealth>(withQuery(`${pairingPath(id)}/health`, { period })),
  });
}

/** Names of a pairing's parties by organization id. */
export function partyNames(pairing: Pairing): Map<string, string> {
  return new Map(pairing.parties.map((p) => [p.orgId, p.orgName]));
}

/** Names of organizations picked by id (cached per organization), for labels of freshly picked parties. */
export function useOrgNames(
  ids: readonly string[],
  known: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const missing = ids.filter((id) => !known.has(id));
  const results = useQueries({
    queries: missing.map((id) => ({
      queryKey: orgKeys.detail(id),
      queryFn: () => api<OrgDetail>(`/orgs/${encodeURIComponent(id)}`),
      staleTime: 60_000,
    })),
  });
  const names = new Map(known);
  for (const r of results) if (r.data) names.set(r.data.id, r.data.name);
  return names;
}

export function useJointActivities(id: string) {
  return useQuery({
    queryKey: pairingKeys.activities(id),
    queryFn: () => api<Page<JointActivityEntry>>(`${pairingPath(id)}/activities`),
  });
}

export function usePairingMatrix(coordinator: string | null, period: string) {
  return useQuery({
    queryKey: pairingKeys.matrix(coordinator ?? '', period),
    queryFn: () => api<PairingMatrix>(withQuery('/pairings/matrix', { coordinator, period })),
    enabled: coordinator !== null,
  });
}

export function usePairingDashboard(coordinator: string | null, period: string) {
  return useQuery({
    queryKey: pairingKeys.dashboard(coordinator ?? '', period),
    queryFn: () => api<PairingDashboard>(withQuery('/pairings/dashboard', { coordinator, period })),
    enabled: coordinator !== null,
    placeholderData: keepPreviousData,
  });
}

export function useMatchSuggestions(coordinator: string | null) {
  return useQuery({
    queryKey: pairingKeys.suggestions(coordinator ?? ''),
    queryFn: () => api<SuggestionList>(withQuery('/pairings/suggestions', { coordinator, limit: 50 })),
    enabled: coordinator !== null,
  });
}
