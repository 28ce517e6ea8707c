import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Static } from 'typebox';
import { api, apiFile, withQuery } from '../../api/client';
import type { Page } from '../../api/types';
import type { AssessmentState } from '../../../../domain/assessments/states';
import type {
  Assessment,
  AssessmentNote,
  AssessmentSummary,
  FollowUpList,
  Progress,
  ReporterFigures,
  Results,
} from '../../../../domain/schemas/assessments';

export type AssessmentItem = Static<typeof AssessmentSummary>;
export type Note = Static<typeof AssessmentNote>;
export type FollowUps = Static<typeof FollowUpList>;
export type Figures = Static<typeof ReporterFigures>;
export type ReporterEntry = Assessment['reporters'][number];
export type ReporterResultEntry = Results['reporters'][number];

export interface AssessmentFilters {
  org?: string;
  year?: number;
  state?: AssessmentState;
}

export const assessmentKeys = {
  all: ['assessments'] as const,
  list: (filters: AssessmentFilters) => ['assessments', 'list', filters] as const,
  detail: (id: string) => ['assessments', 'detail', id] as const,
  progress: (id: string) => ['assessments', 'progress', id] as const,
  results: (id: string) => ['assessments', 'results', id] as const,
  notes: (id: string) => ['assessments', 'notes', id] as const,
  followUps: (id: string) => ['assessments', 'follow-ups', id] as const,
  figures: (id: string, reporterId: string) => ['assessments', 'figures', id, reporterId] as const,
};

export const assessmentPath = (id: string) => `/assessments/${encodeURIComponent(id)}`;

/** Where a phone opens a ballot: the code goes in the fragment, so it reaches no server log. */
export const ballotUrl = (code?: string) => `${window.location.origin}/ballot${code ? `#${code}` : ''}`;

export function useAssessmentList(filters: AssessmentFilters) {
  return useQuery({
    queryKey: assessmentKeys.list(filters),
    queryFn: () => api<Page<AssessmentItem>>(withQuery('/assessments', { ...filters })),
    placeholderData: keepPreviousData,
  });
}

export function useAssessment(id: string) {
  return useQuery({
    queryKey: assessmentKeys.detail(id),
    queryFn: () => api<Assessment>(assessmentPath(id)),
  });
}

export function useResults(id: string, enabled: boolean) {
  return useQuery({
    queryKey: assessmentKeys.results(id),
    queryFn: () => api<Results>(`${assessmentPath(id)}/results`),
    enabled,
  });
}

export function useNotes(id: string) {
  return useQuery({
    queryKey: assessmentKeys.notes(id),
    queryFn: () => api<Page<Note>>(`${assessmentPath(id)}/notes`),
  });
}

export function useFollowUps(id: string) {
  return useQuery({
    queryKey: assessmentKeys.followUps(id),
    queryFn: () => api<FollowUps>(`${assessmentPath(id)}/follow-ups`),
  });
}

export function useReporterFigures(id: string, reporterId: string) {
  return useQuery({
    queryKey: assessmentKeys.figures(id, reporterId),
    queryFn: () => api<Figures>(`${assessmentPath(id)}/reporters/${encodeURIComponent(reporterId)}/figures`),
    staleTime: 60_000,
  });
}

/**
 * The live counts: read once, then kept current from the server's event stream (no reload). When the
 * state in a pushed count differs from the assessment's, the assessment and its results are read
 * again, so a projector shows the results the moment scoring closes.
 */
export function useLiveProgress(id: string): { progress: Progress | undefined; live: boolean } {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const progress = useQuery({
    queryKey: assessmentKeys.progress(id),
    queryFn: () => api<Progress>(`${assessmentPath(id)}/progress`),
  });

  useEffect(() => {
    const source = new EventSource(`/api/v1${assessmentPath(id)}/progress/stream`);
    const onData = (event: MessageEvent<string>) => {
      let next: Progress;
      try {
        next = JSON.parse(event.data) as Progress;
      } catch {
        return;
      }
      const before = queryClient.getQueryData<Progress>(assessmentKeys.progress(id));
      queryClient.setQueryData(assessmentKeys.progress(id), next);
      const opened = before?.openReporterIds.join() !== next.openReporterIds.join();
      if (before?.state !== next.state || opened) {
        void queryClient.invalidateQueries({ queryKey: assessmentKeys.detail(id) });
        void queryClient.invalidateQueries({ queryKey: assessmentKeys.results(id) });
      }
    };
    source.addEventListener('message', onData);
    source.addEventListener('progress', onData);
    source.onopen = () => {
      setLive(true);
      // whatever happened while not connected
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.progress(id) });
    };
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [id, queryClient]);

  return { progress: progress.data, live };
}

/** Downloads what a POST answers with (a file made from data only the browser has, such as the plain codes). */
export async function downloadPosted(path: string, body: unknown, filename: string): Promise<void> {
  const url = URL.createObjectURL(await apiFile(path, body));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
