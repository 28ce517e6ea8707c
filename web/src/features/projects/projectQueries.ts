import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import type { Board, Campaign, DayView, EvaluationSummary, Milestone, Obstacle, Project, Report, Supervision, Task, WeekView } from '../../../../domain/schemas/projects';
import type { Static } from 'typebox';
import type { ProjectHealth, ProjectState } from '../../../../domain/projects/enums';

export type BoardData = Static<typeof Board>;
/** The board's filters, as GET …/board and its export take them. */
export type BoardFilters = { state?: ProjectState; health?: ProjectHealth };
export type WeekData = Static<typeof WeekView>;
export type DayData = Static<typeof DayView>;
export type MilestoneEntry = Static<typeof Milestone>;
export type ObstacleEntry = Static<typeof Obstacle>;
export type TaskEntry = Static<typeof Task>;
export type EvaluationData = Static<typeof EvaluationSummary>;

export const projectKeys = {
  all: ['projects'] as const,
  campaigns: ['projects', 'campaigns'] as const,
  board: (id: string, filters: BoardFilters) => ['projects', 'board', id, filters] as const,
  week: (id: string) => ['projects', 'week', id] as const,
  day: (id: string) => ['projects', 'day', id] as const,
  detail: (id: string) => ['projects', 'detail', id] as const,
  records: (id: string, kind: string) => ['projects', 'records', id, kind] as const,
};

export const useCampaigns = () => useQuery({ queryKey: projectKeys.campaigns, queryFn: () => api<{ items: Campaign[] }>('/project-campaigns') });
export const useBoard = (id: string | undefined, filters: BoardFilters, enabled: boolean) =>
  useQuery({ queryKey: projectKeys.board(id ?? '', filters), queryFn: () => api<BoardData>(withQuery(`/project-campaigns/${id}/board`, { ...filters })), enabled: !!id && enabled });
export const useWeek = (id: string | undefined, enabled: boolean) => useQuery({ queryKey: projectKeys.week(id ?? ''), queryFn: () => api<WeekData>(`/project-campaigns/${id}/week`), enabled: !!id && enabled });
export const useDay = (id: string | undefined, enabled: boolean) => useQuery({ queryKey: projectKeys.day(id ?? ''), queryFn: () => api<DayData>(`/project-campaigns/${id}/day`), enabled: !!id && enabled });
export const useMyProjects = (campaign: string | undefined) =>
  useQuery({ queryKey: ['projects', 'list', campaign], queryFn: () => api<{ items: Project[] }>(withQuery('/secretary-projects', { campaign })), enabled: !!campaign });
export const useProject = (id: string) => useQuery({ queryKey: projectKeys.detail(id), queryFn: () => api<Project>(`/secretary-projects/${id}`) });
export const useRecords = <T,>(id: string, kind: 'milestones' | 'tasks' | 'reports' | 'supervisions' | 'obstacles' | 'people') =>
  useQuery({ queryKey: projectKeys.records(id, kind), queryFn: () => api<{ items: T[] }>(`/secretary-projects/${id}/${kind}`) });
export const useEvaluation = (id: string) => useQuery({ queryKey: projectKeys.records(id, 'evaluation'), queryFn: () => api<EvaluationData>(`/secretary-projects/${id}/evaluation`) });
export const useCampaign = (id: string | undefined) => useQuery({ queryKey: ['projects', 'campaign', id], queryFn: () => api<Campaign>(`/project-campaigns/${id}`), enabled: !!id });
export type { Campaign, Project, Report, Supervision };
